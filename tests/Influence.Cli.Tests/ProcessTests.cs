using Influence.Tests.Shared;

namespace Influence.Cli.Tests;

/// <summary>The built <c>influence</c> executable, run as a real child process.</summary>
public class ProcessTests
{
    [SkippableFact]
    public void Demo_then_analyze_as_a_real_process()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli-proc");
        CliResult demo = CliRunner.RunProcess(dir, "demo", "--out", "world", "--accounts", "300", "--seed", "2");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        CliResult analyze = CliRunner.RunProcess(dir, "analyze", "--follows", "world/follows.csv", "--interactions", "world/interactions.csv",
            "--out", "results", "--seed", "5");
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        Assert.Equal(301, File.ReadAllLines(Path.Combine(dir, "results", "accounts.csv")).Length);
        Assert.Contains("Accounts: 300", analyze.Stdout);
        Assert.Contains("analyse: done", analyze.Stderr); // stderr redirected → plain progress lines
    }

    [SkippableFact]
    public void Bad_input_and_usage_exit_codes_of_the_real_process()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli-proc");
        File.WriteAllText(Path.Combine(dir, "f.csv"), "source,target\na,b\nc\n");
        CliResult bad = CliRunner.RunProcess(dir, "analyze", "--follows", "f.csv", "--out", "out");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("f.csv:3: wrong field count", bad.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));

        CliResult usage = CliRunner.RunProcess(dir, "analyze", "--follows", "f.csv");
        Assert.Equal(2, usage.ExitCode);
    }
}
