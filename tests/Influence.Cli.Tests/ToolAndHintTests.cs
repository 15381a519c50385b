using System.Diagnostics;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>What a new user types first: <c>--version</c>, and the command <c>demo</c> suggests next, run as printed.</summary>
public class ToolAndHintTests
{
    [SkippableFact]
    public void Version_prints_the_package_version()
    {
        // The real executable: in-process, --version would name the test host's version.
        CliResult result = RunProcess(Path.GetTempPath(), "--version");
        Assert.Equal(0, result.ExitCode);
        string version = typeof(CliApp).Assembly.GetName().Version!.ToString(3);
        Assert.Equal("0.1.0", version);
        Assert.StartsWith(version, result.Stdout.Trim(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Demo_next_hint_runs_as_printed_even_in_a_folder_with_spaces_and_quotes()
    {
        Skip.IfNot(File.Exists("/bin/sh"), "No /bin/sh to run the printed command.");
        string dir = Path.Combine(TestPaths.NewTempDirectory("influence-cli"), "my demo's world");
        CliResult demo = RunProcess(Path.GetTempPath(), "demo", "--out", dir, "--accounts", "200", "--seed", "3");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        string next = demo.Stdout.Split('\n').Single(l => l.StartsWith("Next: ", StringComparison.Ordinal))["Next: ".Length..].TrimEnd('\r');

        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(next);
        using Process shell = Process.Start(psi)!;
        Task<string> stderr = shell.StandardError.ReadToEndAsync();
        string stdout = shell.StandardOutput.ReadToEnd();
        Assert.True(shell.WaitForExit(120_000), "the hinted command did not finish in 2 minutes");
        Assert.True(shell.ExitCode == 0, $"'{next}' exited {shell.ExitCode}: {stderr.Result}\n{stdout}");
        Assert.True(File.Exists(Path.Combine(dir, "results", "accounts.csv")), $"'{next}' wrote no accounts.csv");
    }

    [Theory]
    [InlineData("plain/path-1.csv", "plain/path-1.csv")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("$HOME", "'$HOME'")]
    public void Arguments_are_quoted_for_a_posix_shell(string arg, string quoted) => Assert.Equal(quoted, ShellHint.Quote(arg));
}
