using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>analyze --previous</c>: continue from an earlier output folder or store (stable ids, warm start), bad input named.</summary>
public sealed class PreviousRunTests
{
    private static string[] Analyze(string world, string outDir, params string[] extra) =>
        ["analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"), "--out", outDir, .. extra];

    [Fact]
    public void A_rerun_from_the_previous_output_folder_keeps_every_id_and_says_so()
    {
        string world = DemoWorld();
        Assert.Contains("Previous run: none", Ok(Analyze(world, Path.Combine(world, "r1"))).Stdout);

        CliResult again = Ok(Analyze(world, Path.Combine(world, "r2"), "--previous", Path.Combine(world, "r1")));
        Assert.Contains("Previous run: warm start", again.Stdout);
        Assert.Contains("0 of 600 carried accounts changed community (100.00 % kept their id)", again.Stdout);
        Assert.Equal(Communities(Path.Combine(world, "r1")), Communities(Path.Combine(world, "r2")));
        string summary = File.ReadAllText(Path.Combine(world, "r2", "summary.json"));
        Assert.Contains("\"accounts_changed_community\": 0", summary);
        Assert.Contains("\"warm_start\": true", summary);

        CliResult cold = Ok(Analyze(world, Path.Combine(world, "r3"), "--previous", Path.Combine(world, "r1"), "--no-warm-start"));
        Assert.Contains("Previous run: cold start", cold.Stdout);
    }

    [Fact]
    public void A_store_file_gives_its_latest_completed_run()
    {
        string world = DemoWorld();
        string store = Path.Combine(world, "s.db");
        Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"), "--store", store);
        Ok("analyze", "--store", store, "--out", Path.Combine(world, "s1"));
        CliResult fromStore = Ok(Analyze(world, Path.Combine(world, "f1"), "--previous", store));
        Assert.Contains("Previous run: warm start", fromStore.Stdout);
        Assert.Equal(Communities(Path.Combine(world, "s1")).Order(), Communities(Path.Combine(world, "f1")).Order());
        // A second store run continues from the first on its own.
        Assert.Contains("0 of 600 carried accounts changed community", Ok("analyze", "--store", store, "--out", Path.Combine(world, "s2")).Stdout);
    }

    [Fact]
    public void Bad_previous_runs_are_refused_with_file_line_and_field_and_nothing_is_written()
    {
        string world = DemoWorld();
        string good = Path.Combine(world, "r1");
        Ok(Analyze(world, good));
        string broken = Path.Combine(world, "broken");
        Directory.CreateDirectory(broken);
        File.Copy(Path.Combine(good, "summary.json"), Path.Combine(broken, "summary.json"));
        string[] lines = File.ReadAllLines(Path.Combine(good, "accounts.csv"));
        int communityColumn = Array.IndexOf(lines[0].Split(','), "community");
        string[] third = lines[3].Split(',');
        third[communityColumn] = "x7";
        lines[3] = string.Join(',', third);
        File.WriteAllLines(Path.Combine(broken, "accounts.csv"), lines);

        var cases = new (string[] Args, int Exit, string Expected)[]
        {
            (Analyze(world, Path.Combine(world, "o1"), "--previous", broken), 1, "accounts.csv:4: field 'community': 'x7' is not a community id"),
            (Analyze(world, Path.Combine(world, "o2"), "--previous", Path.Combine(world, "nowhere")), 1, "is neither an analyze output folder nor a store file"),
            (Analyze(world, Path.Combine(world, "o3"), "--previous", world), 1, "accounts.csv not found"),
            (Analyze(world, Path.Combine(world, "o4"), "--previous", Path.Combine(world, "follows.csv")), 1, "is not a readable store file"),
            (["analyze", "--store", Path.Combine(world, "x.db"), "--out", Path.Combine(world, "o5"), "--previous", good], 2, "--previous is for file inputs"),
        };
        foreach (var (args, exit, expected) in cases)
        {
            CliResult result = Run(args);
            Assert.True(exit == result.ExitCode, result.ToString());
            Assert.Contains(expected, result.Stderr);
            Assert.False(Directory.Exists(args[Array.IndexOf(args, "--out") + 1]), "no output on failure");
        }
    }

    private static string[] Communities(string dir)
    {
        string[] lines = File.ReadAllLines(Path.Combine(dir, "accounts.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "community");
        return lines.Skip(1).Select(l => l.Split(',')[0] + "=" + l.Split(',')[column]).ToArray();
    }
}
