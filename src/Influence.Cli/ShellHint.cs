using System.Text;

namespace Influence.Cli;

/// <summary>
/// Commands printed as hints ("Next: …") in a form a POSIX shell runs as printed: <c>influence</c> when that name is on
/// PATH (installed as a .NET tool), else the running executable's own path (or <c>dotnet influence.dll</c>), every
/// argument quoted when it needs it.
/// </summary>
public static class ShellHint
{
    /// <summary>The command line that runs <c>influence</c> with <paramref name="args"/>.</summary>
    public static string Influence(params string[] args) => string.Join(' ', [Executable(), .. args.Select(Quote)]);

    /// <summary>How this program can be started from a shell right now.</summary>
    public static string Executable()
    {
        if (OnPath("influence")) return "influence";
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "influence") return Quote(process);
        // Hosted by dotnet (dotnet influence.dll, a test host): the assembly beside its runtime config.
        return "dotnet " + Quote(typeof(ShellHint).Assembly.Location);
    }

    /// <summary>The argument as one shell word: unchanged when it is plain, else in single quotes.</summary>
    public static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:@%+=,".Contains(c))) return arg;
        return new StringBuilder("'").Append(arg.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'').ToString();
    }

    private static bool OnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(candidate)) return true;
        }
        return false;
    }
}
