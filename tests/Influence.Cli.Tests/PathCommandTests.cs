using System.Text.Json;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>influence path</c>: a defender tied to its target, from files and from a store; bad input.</summary>
public class PathCommandTests
{
    [Fact]
    public void Defender_to_target_from_files_and_from_a_store()
    {
        string world = DemoWorld(accounts: 400, seed: 41);
        string outDir = Path.Combine(world, "results");
        Ok(["analyze", .. WorldFiles(world), "--out", outDir]);
        string[] link = AnalyzeCommandTests.SplitCsv(Lines(Path.Combine(outDir, "defenders.csv")).Skip(1).First());
        string target = link[0], defender = link[1];

        CliResult text = Ok(["path", defender, target, .. WorldFiles(world)]);
        Assert.Contains($"1 tie from {defender} to {target}", text.Stdout);
        Assert.Contains($"{defender} – {target}: ", text.Stdout);

        string store = Path.Combine(world, "influence.db");
        Ok(["import", .. WorldFiles(world), "--store", store]);
        Ok(["analyze", "--store", store, "--out", Path.Combine(world, "store-results")]);
        CliResult json = Ok(["path", defender, target, "--store", store, "--format", "json"]);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        Assert.True(doc.RootElement.GetProperty("found").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("ties").GetInt32());
        Assert.Equal(defender, doc.RootElement.GetProperty("steps")[0].GetProperty("from").GetString());
    }

    [Fact]
    public void Bad_input_exits_with_the_reason()
    {
        string world = DemoWorld(accounts: 200, seed: 42);
        CliResult unknown = Run(["path", "u1", "no-such-account", .. WorldFiles(world)]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("'no-such-account' (to) is not in this analysis", unknown.Stderr);
        CliResult tooFar = Run(["path", "u1", "u2", "--max-ties", "11", .. WorldFiles(world)]);
        Assert.Equal(2, tooFar.ExitCode);
        Assert.Contains("--max-ties must be between 1 and 10", tooFar.Stderr);
        Assert.Equal(2, Run(["path", "u1", "u2", "--direction", "sideways", .. WorldFiles(world)]).ExitCode);
        Assert.Equal(2, Run(["path", "u1", .. WorldFiles(world)]).ExitCode);
    }
}
