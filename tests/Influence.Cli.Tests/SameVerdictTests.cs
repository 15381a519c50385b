using System.Text.Json;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>
/// The CLI's ways in — <c>import</c> into a store and <c>analyze</c> straight from files (the kernel's reader path) —
/// take the shared <see cref="SameVerdictFixture"/>: they store (or count) the rows the importer and every API body
/// format store, and refuse the same rows by the same field (the API's side: Influence.Api.Tests.SameVerdictTests).
/// </summary>
public sealed class SameVerdictTests
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-cli-same");

    [Fact]
    public async Task Import_stores_the_fixture_rows_from_every_file_format()
    {
        string storePath = Path.Combine(_dir, "influence.db");
        foreach (var (name, text) in new[] { ("i.csv", SameVerdictFixture.Csv), ("i.jsonl", SameVerdictFixture.JsonLines), ("i.json", SameVerdictFixture.JsonArray) })
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text);
            Ok("import", "--interactions", path, "--store", storePath);
        }
        await using var store = new SqliteInfluenceStore(storePath);
        await store.InitializeAsync();
        Assert.Equal(SameVerdictFixture.Stored, SameVerdictFixture.Rows(await store.ReadGraphAsync()));
    }

    [Fact]
    public void Analyze_reads_every_fixture_row_from_every_file_format()
    {
        string follows = Path.Combine(_dir, "f.csv");
        File.WriteAllText(follows, "source,target\n@bob,007\n");
        foreach (var (name, text) in new[] { ("i.csv", SameVerdictFixture.Csv), ("i.jsonl", SameVerdictFixture.JsonLines), ("i.json", SameVerdictFixture.JsonArray) })
        {
            string path = Path.Combine(_dir, name), outDir = Path.Combine(_dir, "out-" + name);
            File.WriteAllText(path, text);
            Ok("analyze", "--follows", follows, "--interactions", path, "--out", outDir);
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Equal(SameVerdictFixture.Stored.Length, summary.RootElement.GetProperty("interactions").GetInt64());
        }
    }

    [Theory]
    [InlineData("import")]
    [InlineData("analyze")]
    public void The_fixture_bad_rows_are_refused_by_the_same_field(string command)
    {
        string bad = Path.Combine(_dir, "bad.csv"), rejects = Path.Combine(_dir, "rejects.csv"), follows = Path.Combine(_dir, "f.csv");
        File.WriteAllText(bad, SameVerdictFixture.BadCsv);
        File.WriteAllText(follows, "source,target\n@a,@b\n");
        string[] args = command == "import"
            ? ["import", "--interactions", bad, "--store", Path.Combine(_dir, "bad.db"), "--skip-invalid", "--rejects", rejects]
            : ["analyze", "--follows", follows, "--interactions", bad, "--out", Path.Combine(_dir, "out"), "--skip-invalid", "--rejects", rejects];
        Ok(args);
        // rejects: file,line,field,reason,raw_line (the temporary path holds no comma).
        string[] verdicts = [.. File.ReadAllLines(rejects).Skip(1).Select(l => l.Split(',')).Select(f => $"{f[1]}:{f[2]}")];
        Assert.Equal(SameVerdictFixture.BadVerdicts(csv: true), verdicts);
    }
}
