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

    [SkippableFact]
    public void Neo4j_from_the_environment_unreachable_exits_1_with_one_clear_line()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli-proc");
        File.WriteAllText(Path.Combine(dir, "f.csv"), "source,target\na,b\n");
        var environment = new Dictionary<string, string>
        {
            ["NEO4J_URI"] = "http://127.0.0.1:1",
            ["NEO4J_USER"] = "neo4j",
            ["NEO4J_PASSWORD"] = "secret",
        };
        CliResult result = CliRunner.RunProcess(dir, environment, "import", "--follows", "f.csv");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("127.0.0.1:1", result.Stderr);
        Assert.DoesNotContain("secret", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        Assert.False(Directory.Exists(Path.Combine(dir, "data")), "the embedded store must not be created when Neo4j is configured");
    }

    [SkippableFact]
    public void Out_of_memory_exits_3_with_one_line_that_points_at_estimate_and_memory_limit()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli-proc");
        CliResult demo = CliRunner.RunProcess(dir, "demo", "--out", "world", "--accounts", "20000", "--seed", "2");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        // A 16 MiB GC heap cannot hold the analysis of 20k accounts; --memory-limit lets the run past the estimate's
        // check (which would otherwise refuse it against the heap limit) so it really runs out.
        var smallHeap = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x1000000" };
        CliResult result = CliRunner.RunProcess(dir, smallHeap, "analyze", "--follows", "world/follows.csv", "--interactions", "world/interactions.csv",
            "--out", "results", "--memory-limit", "4GiB");
        Assert.True(result.ExitCode == ExitCodes.OutOfMemory, result.ToString());
        Assert.Contains("error: out of memory", result.Stderr);
        Assert.Contains("influence estimate", result.Stderr);
        Assert.Contains("--memory-limit", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("this is a bug", result.Stderr);
    }
}
