using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>import and analyze --store on a real SQLite file.</summary>
public class ImportAndStoreTests
{
    internal static async Task<StoreStats> StatsAsync(string storePath)
    {
        await using var store = new SqliteInfluenceStore(storePath);
        await store.InitializeAsync();
        return await store.GetStatsAsync();
    }

    [Fact]
    public async Task Import_then_analyze_from_the_store_writes_the_run_back()
    {
        string world = DemoWorld(accounts: 400, seed: 21);
        string storePath = Path.Combine(world, "store", "influence.db");
        CliResult import = Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
            "--store", storePath);
        int follows = Lines(Path.Combine(world, "follows.csv")).Length - 1;
        Assert.Contains($"Follows added: {follows:N0}", import.Stdout);
        Assert.Contains("rows/s", import.Stdout);

        // Idempotent: the same files again add nothing.
        CliResult again = Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--store", storePath);
        Assert.Contains("Follows added: 0", again.Stdout);

        string outDir = Path.Combine(world, "from-store");
        CliResult analyze = Ok("analyze", "--store", storePath, "--out", outDir, "--seed", "3");
        Assert.Contains("run 1", analyze.Stdout);
        Assert.Equal(401, Lines(Path.Combine(outDir, "accounts.csv")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "defenders.csv")));

        StoreStats stats = await StatsAsync(storePath);
        Assert.Equal(1, stats.CompletedRuns);
        Assert.Equal(400, stats.Accounts);
        Assert.Equal(follows, stats.ActiveFollows);
    }

    [Fact]
    public async Task Strict_import_of_a_bad_file_stores_nothing_and_exits_1()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string storePath = Path.Combine(dir, "influence.db");
        File.WriteAllText(Path.Combine(dir, "good.csv"), "source,target\na,b\n");
        Ok("import", "--follows", Path.Combine(dir, "good.csv"), "--store", storePath);

        string bad = Path.Combine(dir, "bad.csv");
        File.WriteAllText(bad, "source,target\nc,d\ne,f\ng,\n");
        CliResult result = Run("import", "--follows", bad, "--store", storePath);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad}:4: field 'target': empty id", result.Stderr);
        StoreStats stats = await StatsAsync(storePath);
        Assert.Equal(1, stats.ActiveFollows); // only the earlier good row
    }

    [Fact]
    public async Task Skip_invalid_import_writes_rejects()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string storePath = Path.Combine(dir, "influence.db");
        string interactions = Path.Combine(dir, "i.csv");
        File.WriteAllText(interactions, "source,target,kind,stance\na,b,reply,0.5\na,b,wave,0\nb,a,like,7\nb,a,like,-1\n");
        string rejects = Path.Combine(dir, "rejects.csv");
        CliResult result = Ok("import", "--interactions", interactions, "--store", storePath, "--skip-invalid", "--rejects", rejects);
        Assert.Contains("Rejected rows: 2", result.Stdout);
        string text = File.ReadAllText(rejects);
        Assert.Contains("unknown kind 'wave'", text);
        Assert.Contains("stance must be in [-1, 1]", text);
        Assert.Equal(2, (await StatsAsync(storePath)).Interactions);
    }

    [Fact]
    public void Import_without_files_is_a_usage_error()
    {
        CliResult result = Run("import", "--store", Path.Combine(TestPaths.NewTempDirectory("influence-cli"), "x.db"));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Analyze_from_a_missing_store_file_exits_1_without_creating_it()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string outDir = Path.Combine(dir, "out");
        string storePath = Path.Combine(dir, "typo.db");
        CliResult result = Run("analyze", "--store", storePath, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("store file not found", result.Stderr);
        Assert.False(File.Exists(storePath));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Analyze_from_an_empty_store_exits_1_and_starts_no_run()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string storePath = Path.Combine(dir, "empty.db");
        await StatsAsync(storePath); // creates the schema, no data
        string outDir = Path.Combine(dir, "out");
        CliResult result = Run("analyze", "--store", storePath, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no accounts", result.Stderr);
        Assert.False(Directory.Exists(outDir));
        await using var store = new SqliteInfluenceStore(storePath);
        await store.InitializeAsync();
        Assert.Empty(await store.ListRunsAsync());
    }
}
