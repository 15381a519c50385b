using System.Diagnostics;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Xunit.Abstractions;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>
/// The fuzz suite's file part (docs/reliability.md, "Fuzz suite"): seeded random and adversarial files in
/// every format through <c>import</c> and <c>analyze</c>. Each gets a clear error (exit 1, one line) or a
/// documented acceptance (exit 0); a refused file stores nothing; a clean file is accepted by both; the
/// two commands agree; stored rows obey the row rules; and a later run from the store always completes.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixed in CI; <c>INFLUENCE_FUZZ_SEED</c> explores other seeds locally.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("INFLUENCE_FUZZ_SEED"), out int s) ? s : 20261129;
    private const int Cases = 300;

    [Fact]
    public async Task Fuzzed_files_get_a_clear_error_or_a_documented_acceptance_and_a_later_run_completes()
    {
        string dir = TestPaths.NewTempDirectory("influence-fuzz");
        string store = Path.Combine(dir, "s.db");
        Ok("import", "--follows", WriteText(dir, "base.csv", "source,target\nb1,b2\nb2,b3\nb3,b1\n"), "--store", store);
        var fuzzer = new RowFuzzer(Seed);
        var perFormat = new Dictionary<FuzzFormat, (int Cases, int Accepted, int Refused)>();
        var clock = Stopwatch.StartNew();
        int storeRuns = 0;
        for (int i = 0; i < Cases; i++)
        {
            FuzzCase c = fuzzer.Next();
            string path = Path.Combine(dir, $"{i}-{c.FileName}");
            await File.WriteAllBytesAsync(path, c.Content);
            string option = c.Interactions ? "--interactions" : "--follows";
            StoreStats before = await ImportAndStoreTests.StatsAsync(store);

            CliResult import = Run("import", option, path, "--store", store);
            string context = $"{c}\nimport: {import}";
            Assert.True(import.ExitCode is 0 or 1, context);
            if (import.ExitCode == 1)
            {
                string line = FailureTests.AssertOneErrorLine(import, 1);
                Assert.Contains(Path.GetFileName(path), line);
                Assert.Equal(before, await ImportAndStoreTests.StatsAsync(store)); // nothing of a refused file is stored
            }
            if (c.Clean) Assert.True(import.ExitCode == 0, context);

            CliResult analyze = Run("analyze", option, path, "--out", Path.Combine(dir, $"out{i}"));
            context += $"\nanalyze: {analyze}";
            Assert.True(analyze.ExitCode is 0 or 1, context);
            if (analyze.ExitCode == 1)
            {
                string line = FailureTests.AssertOneErrorLine(analyze, 1);
                // Same readers, same rules: analyze refuses what import refuses (or the file holds no rows at all).
                Assert.True(import.ExitCode == 1 || line.Contains("no accounts"), context);
            }
            else
            {
                Assert.True(import.ExitCode == 0, context);
                string summary = await File.ReadAllTextAsync(Path.Combine(dir, $"out{i}", "summary.json"));
                Assert.DoesNotContain("NaN", summary);
                Assert.DoesNotContain("Infinity", summary);
            }

            var tally = perFormat.GetValueOrDefault(c.Format);
            perFormat[c.Format] = (tally.Cases + 1, tally.Accepted + (import.ExitCode == 0 ? 1 : 0), tally.Refused + (import.ExitCode == 1 ? 1 : 0));
            if (i % 50 == 49)
            {
                Ok("analyze", "--store", store, "--out", Path.Combine(dir, "store-run"));
                storeRuns++;
            }
        }

        // Everything stored obeys the row rules, and a run over all of it completes.
        await using (var s = new SqliteInfluenceStore(store))
        {
            await s.InitializeAsync();
            InfluenceInput graph = await s.ReadGraphAsync();
            foreach (string id in graph.Ids.Ids) Assert.Null(RowRules.CheckId(id));
            foreach (double w in graph.Interactions.Weight) Assert.Null(RowRules.CheckWeight(w));
        }
        Ok("analyze", "--store", store, "--out", Path.Combine(dir, "store-run"));
        storeRuns++;

        output.WriteLine($"fuzz (CLI files): seed {Seed}, {Cases} cases, {2 * Cases} command runs + {storeRuns} store runs in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (format, t) in perFormat.OrderBy(p => p.Key))
            output.WriteLine($"  {format}: {t.Cases} files, import accepted {t.Accepted}, refused {t.Refused}");
        Assert.All(perFormat.Values, t => Assert.True(t.Accepted > 0 && t.Refused > 0, "each format must see both verdicts"));
    }

    private static string WriteText(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
