using System.Diagnostics;
using Influence.Tests.Shared;

namespace Influence.Cli.Tests;

/// <summary>Outcome of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the <c>influence</c> command line in-process (captured writers) or as the built executable.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.RunAsync(args, stdout, stderr, interactive: false).GetAwaiter().GetResult();
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts success and returns the result (with both streams in the failure message).</summary>
    public static CliResult Ok(params string[] args)
    {
        CliResult result = Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The <c>influence</c> apphost copied beside the test assembly (referenced Exe project).</summary>
    public static string ExecutablePath
    {
        get
        {
            string apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "influence.exe" : "influence");
            Skip.IfNot(File.Exists(apphost), $"The influence executable was not found at {apphost}; build tests/Influence.Cli.Tests first.");
            return apphost;
        }
    }

    /// <summary>Runs the real executable as a child process with stderr redirected (so progress is plain lines).</summary>
    public static CliResult RunProcess(string workingDirectory, params string[] args) =>
        RunProcess(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Same, with extra environment variables (e.g. NEO4J_URI).</summary>
    public static CliResult RunProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("NEO4J_URI");
        psi.Environment.Remove("Neo4j__Uri");
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"influence {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The input options naming a demo world's two files.</summary>
    public static string[] WorldFiles(string world) =>
        ["--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv")];

    /// <summary>A synthetic world written by the demo command into a fresh folder (small, seeded).</summary>
    public static string DemoWorld(int accounts = 600, int seed = 5)
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        Ok("demo", "--out", dir, "--accounts", accounts.ToString(), "--seed", seed.ToString());
        return dir;
    }

    public static string[] Lines(string path) => File.ReadAllLines(path);
}
