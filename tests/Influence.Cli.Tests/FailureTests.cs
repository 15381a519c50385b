using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>Every command on bad input: a documented exit code and one "error:" line, never a stack trace.</summary>
public class FailureTests
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-cli-fail");

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Asserts the exit code and that stderr ends with exactly one one-line "error:" message (progress lines may precede it).</summary>
    internal static string AssertOneErrorLine(CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception:", result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith("error:", lines[^1]);
        return lines[^1];
    }

    private string Store() => Path.Combine(_dir, "s.db");

    /// <summary>One bad-input case per command; the test fails when a command has none.</summary>
    private Dictionary<string, (string[] Args, int Exit, string Expected)[]> Cases()
    {
        string poison = Write("w.csv", "source,target,kind,timestamp,weight\nu1,u2,reply,1700000000,1e308\n");
        string empty = Write("empty.csv", "");
        string ok = Write("f.csv", "source,target\na,b\nb,a\n");
        string notUtf8 = WriteBytes("bad.csv", [.. "source,target\na,b\n"u8, 0xC3, 0x28, .. ",b\n"u8]);
        string notAStore = Write("garbage.db", new string('x', 5000));
        return new()
        {
            ["analyze"] =
            [
                (["analyze", "--interactions", poison, "--out", Path.Combine(_dir, "o")], 1, "w.csv:2: field 'weight'"),
                (["analyze", "--follows", empty, "--out", Path.Combine(_dir, "o")], 1, "no accounts"),
                (["analyze", "--store", notAStore, "--out", Path.Combine(_dir, "o")], 1, "error: "),
                (["analyze", "--follows", ok], 2, "--out"),
            ],
            ["import"] =
            [
                (["import", "--interactions", poison, "--store", Store()], 1, "w.csv:2: field 'weight'"),
                (["import", "--follows", notUtf8, "--store", Store()], 1, "bad.csv:3: field 'source': invalid UTF-8"),
                (["import", "--follows", Path.Combine(_dir, "missing.csv"), "--store", Store()], 1, "not found"),
            ],
            ["defenders"] = [(["defenders", "nobody", "--follows", ok], 1, "nobody")],
            ["audience"] = [(["audience", "nobody", "--follows", ok], 1, "nobody")],
            ["path"] =
            [
                (["path", "nobody", "u1", "--follows", ok], 1, "'nobody' (from)"),
                (["path", "a", "b", "--follows", ok, "--max-ties", "0"], 2, "--max-ties"),
                (["path", "a", "b", "--interactions", poison], 1, "w.csv:2: field 'weight'"),
            ],
            ["influencers"] = [(["influencers", "--seeds", Path.Combine(_dir, "no-seeds.txt"), "--follows", ok], 1, "no-seeds.txt")],
            ["plan"] =
            [
                (["plan", "--seeds", "a,ghost", "--follows", ok], 1, "ghost"),
                (["plan", "--interactions", poison], 1, "w.csv:2: field 'weight'"),
                (["plan", "-k", "0", "--follows", ok], 2, "-k"),
            ],
            ["overlap"] = [(["overlap", "a", "nobody", "--follows", ok], 1, "nobody")],
            ["estimate"] =
            [
                (["estimate", "--accounts", "-1"], 2, "--accounts"),
                (["estimate", "--accounts", "10000000", "--follows", "100000000", "--memory-limit", "1GiB"], 1, "would be refused"),
            ],
            ["demo"] = [(["demo", "--out", Path.Combine(_dir, "d"), "--accounts", "-5"], 2, "accounts")],
            ["inspect"] = [(["inspect", "--follows", notUtf8], 1, "invalid UTF-8")],
            ["export-neo4j"] = [(["export-neo4j", "--interactions", poison, "--out", Path.Combine(_dir, "n")], 1, "weight")],
            ["remove"] =
            [
                (["remove", "--store", Store()], 2, "at least one condition"),
                (["remove", "--store", Store(), "--from", "1714564800000"], 2, "milliseconds"),
                (["remove", "--store", Path.Combine(_dir, "none.db"), "--account", "a"], 1, "none.db"),
            ],
            ["runs"] =
            [
                (["runs", "--store", Path.Combine(_dir, "missing.db")], 1, "store file not found"),
                (["runs", "--store", notAStore], 1, "error: "),
            ],
        };
    }

    [Fact]
    public void Every_command_maps_bad_input_to_one_line_and_its_exit_code()
    {
        var cases = Cases();
        var root = CliApp.BuildRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, false, default));
        foreach (var command in root.Subcommands)
            Assert.True(cases.ContainsKey(command.Name), $"no bad-input case for 'influence {command.Name}'");
        foreach (var (name, list) in cases)
        {
            foreach (var (args, exit, expected) in list)
            {
                string line = AssertOneErrorLine(Run(args), exit);
                Assert.Contains(expected, line);
            }
        }
        AssertOneErrorLine(Run("no-such-command"), 2);
        Assert.False(File.Exists(Store()) && new FileInfo(Store()).Length > 0 && HasRows(Store()), "a refused import stored rows");
    }

    private static bool HasRows(string store)
    {
        var s = new SqliteInfluenceStore(store);
        try
        {
            s.InitializeAsync().GetAwaiter().GetResult();
            return s.GetStatsAsync().GetAwaiter().GetResult() is { Accounts: > 0 };
        }
        finally
        {
            s.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void A_truncated_gzip_import_stores_nothing_in_strict_and_skip_mode_and_analyze_fails_cleanly()
    {
        var text = new StringBuilder("source,target,since\n");
        for (int i = 0; i < 20_000; i++) text.Append("u").Append(i).Append(",u").Append((i * 7919) % 20_000).Append(',').Append(1_600_000_000 + i).Append('\n');
        var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text.ToString()));
        byte[] whole = buffer.ToArray();
        string cut = WriteBytes("cut.csv.gz", whole[..(whole.Length / 2)]);

        string strict = AssertOneErrorLine(Run("import", "--follows", cut, "--store", Store()), 1);
        Assert.Contains("cut.csv.gz", strict);
        Assert.Contains("truncated", strict);
        string skip = AssertOneErrorLine(Run("import", "--follows", cut, "--store", Store(), "--skip-invalid"), 1);
        Assert.Contains("truncated", skip);
        Assert.Matches(@"cut\.csv\.gz:\d{3,}: corrupt or truncated gzip data after line \d+", skip);
        Assert.False(HasRows(Store()));

        string analyze = AssertOneErrorLine(Run("analyze", "--follows", cut, "--out", Path.Combine(_dir, "o")), 1);
        Assert.Contains("cut.csv.gz", analyze);
        Assert.False(Directory.Exists(Path.Combine(_dir, "o")));
    }

    [Fact]
    public void An_interactions_only_input_writes_null_with_a_reason_instead_of_NaN()
    {
        string interactions = Write("i.csv", "source,target,kind\na,b,reply\nb,c,like\nc,a,share\n");
        string outDir = Path.Combine(_dir, "out");
        Ok("analyze", "--interactions", interactions, "--out", outDir);
        string json = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        using JsonDocument summary = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("global_reciprocity").ValueKind);
        Assert.Contains("no follow edges", summary.RootElement.GetProperty("undefined").GetProperty("global_reciprocity").GetString());
    }

    [Fact]
    public void A_store_poisoned_before_the_bound_fails_analyze_clearly_until_remove_takes_the_row_out()
    {
        string store = Store();
        Ok("import", "--follows", Write("f.csv", "source,target\nu1,u2\nu2,u1\nu3,u1\n"),
            "--interactions", Write("i.csv", "source,target,kind,timestamp\nu1,u2,reply,1700000000\nu3,u1,like,1700000100\n"), "--store", store);
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Pooling=False"))
        {
            raw.Open();
            using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO interactions(source, target, kind, timestamp, weight) VALUES (1, 2, 0, 1700000200, 1e308);";
            insert.ExecuteNonQuery();
        }

        string failed = AssertOneErrorLine(Run("analyze", "--store", store, "--out", Path.Combine(_dir, "o")), 1);
        Assert.Contains("influence remove --weight-above", failed);

        CliResult removed = Ok("remove", "--store", store, "--weight-above", "1000000");
        Assert.Contains("Removed 0 follows and 1 interactions", removed.Stdout);
        Ok("analyze", "--store", store, "--out", Path.Combine(_dir, "o"));
        Assert.True(File.Exists(Path.Combine(_dir, "o", "summary.json")));

        CliResult audit = Ok("remove", "--store", store, "--list");
        Assert.Contains("\"weightAbove\":1000000", audit.Stdout);
        Assert.Contains("cli:", audit.Stdout);
    }

    [SkippableFact]
    public void The_poisoned_weight_is_exit_1_in_a_real_process_not_134()
    {
        Write("w.csv", "source,target,kind,timestamp,weight\nu1,u2,reply,1700000000,1e308\n");
        CliResult import = RunProcess(_dir, "import", "--interactions", "w.csv", "--store", "s.db");
        Assert.Contains("w.csv:2: field 'weight'", AssertOneErrorLine(import, 1));
        CliResult analyze = RunProcess(_dir, "analyze", "--interactions", "w.csv", "--out", "o");
        AssertOneErrorLine(analyze, 1);
    }
}
