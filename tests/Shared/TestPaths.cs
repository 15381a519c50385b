using System.Diagnostics;
using System.Reflection;

namespace Influence.Tests.Shared;

/// <summary>Where the repository, the shared data sets and the reference tools are, for tests.</summary>
public static class TestPaths
{
    /// <summary>Repository root, recorded at build time (works wherever the build output lives).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/data</c> beside the repository, or <c>INFLUENCE_SHARED_DATA</c>.</summary>
    public static string SharedData { get; } =
        Environment.GetEnvironmentVariable("INFLUENCE_SHARED_DATA") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>Path of a file under the shared data folder; the test is skipped with a message when it is absent.</summary>
    public static string RequireSharedFile(string relativePath)
    {
        string path = Path.Combine(SharedData, relativePath);
        Skip.IfNot(File.Exists(path), $"Shared data set not found at {path} (../shared/data is absent): real-data test skipped.");
        return path;
    }

    /// <summary>A fresh temporary directory, deleted by the OS temp cleaner; tests own their state.</summary>
    public static string NewTempDirectory(string prefix = "influence-test")
    {
        string dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static readonly Lazy<bool> s_pythonGraphLibs = new(() => PythonHas("import igraph, networkx"));

    /// <summary>/usr/bin/python3 with python3-igraph and python3-networkx installed (Debian packages).</summary>
    public static bool HasPythonGraphLibraries => s_pythonGraphLibs.Value;

    public static void RequirePythonGraphLibraries() =>
        Skip.IfNot(HasPythonGraphLibraries,
            "Reference tools missing: /usr/bin/python3 with igraph and networkx (apt-get install python3-igraph python3-networkx); comparison skipped.");

    /// <summary>Runs <c>/usr/bin/python3 -c script [arguments…]</c> and returns stdout; throws with stderr on failure.</summary>
    public static string RunPython(string script, string? stdin = null, int timeoutMs = 600_000, IReadOnlyList<string>? arguments = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (string argument in arguments ?? []) psi.ArgumentList.Add(argument);
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("python3 reference run timed out");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"python3 failed ({p.ExitCode}): {stderrTask.Result}");
        return stdoutTask.Result;
    }

    /// <summary>True when /usr/bin/python3 runs <paramref name="imports"/> (e.g. <c>import pandas</c>) without error.</summary>
    public static bool PythonHas(string imports)
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        try { RunPython(imports, timeoutMs: 60_000); return true; }
        catch (Exception) { return false; }
    }

    private static string FindRepoRoot()
    {
        foreach (var a in typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            if (a.Key == "RepoRoot" && a.Value is { Length: > 0 } v && Directory.Exists(v))
                return Path.GetFullPath(v);
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Influence.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Repository root not found.");
    }
}
