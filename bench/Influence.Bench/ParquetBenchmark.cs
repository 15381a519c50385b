using System.Diagnostics;
using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Core.Synthetic;
using Influence.Parquet;
using Parquet;
using Parquet.Schema;

namespace Influence.Bench;

/// <summary>
/// <c>parquet</c>: reading follows from Parquet against CSV on the same synthetic world (default: the 200k-account world
/// of <c>influence generate --accounts 200000</c>, ≈32.6M follows), alternating the two readers so machine load hits both
/// alike; then writing a 1M-account <c>accounts.parquet</c> (and <c>accounts.csv</c> beside it).
/// </summary>
public static class ParquetBenchmark
{
    public static int Run(string[] args)
    {
        var options = new BenchOptions("parquet", args);
        string? only = options.Text("--only");
        int accounts = options.Int("--accounts", 200_000, min: 0), writeAccounts = options.Int("--write-accounts", 1_000_000, min: 0);
        int rounds = options.Int("--rounds", 2, min: 1);
        bool typedOnly = options.Flag("--typed-only"); // only accounts.parquet without reasons (analyze --no-reasons): quick at 1M
        bool reasonsOnly = options.Flag("--reasons-only"); // only the reasons texts, one thread, no file (for a profile of the prose)
        if (!options.Complete()) return BenchOptions.UsageExit;
        string dir = Path.Combine(Path.GetTempPath(), $"influence-parquet-bench-{accounts}");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}; files in {dir}");
        if (accounts > 0) ReadFollows(accounts, rounds, only, dir); // --accounts 0: the write figures only
        if (writeAccounts == 0) return 0;
        InfluenceAnalysisResult result = FakeResult(writeAccounts);
        if (reasonsOnly)
        {
            for (int round = 0; round < rounds; round++) ReasonsAlone(result);
            return 0;
        }
        for (int round = 0; round < rounds && typedOnly; round++)
        {
            string typed = Path.Combine(dir, "accounts.typed.parquet");
            var (wall, cpu) = Timed(() =>
            {
                using FileStream stream = File.Create(typed);
                ParquetResultWriter.WriteAccountsAsync(stream, result, reasons: false).GetAwaiter().GetResult();
            });
            Console.WriteLine($"write {writeAccounts:N0}-account accounts.parquet without reasons: {wall:0.00} s wall, {cpu:0.00} s CPU ({new FileInfo(typed).Length / 1e6:0.0} MB)");
        }
        for (int round = 0; round < rounds && !typedOnly; round++)
        {
            string parquet = Path.Combine(dir, "accounts.parquet"), csvOut = Path.Combine(dir, "accounts.csv");
            var (parquetWall, parquetCpu) = Timed(() =>
            {
                using FileStream stream = File.Create(parquet);
                ParquetResultWriter.WriteAccountsAsync(stream, result).GetAwaiter().GetResult();
            });
            // Where the time goes: the same file without the reasons texts (≈1.7 KB of formatted prose per account).
            var (typedWall, typedCpu) = Timed(() =>
            {
                using FileStream stream = File.Create(parquet + ".typed");
                ParquetResultWriter.WriteAccountsAsync(stream, result, reasons: false).GetAwaiter().GetResult();
            });
            ReasonsAlone(result);
            var (csvWall, csvCpu) = Timed(() =>
            {
                using var writer = new StreamWriter(csvOut, false, new System.Text.UTF8Encoding(false), 1 << 16);
                AccountsCsv.Write(writer, result); // accounts.csv as analyze writes it
            });
            Console.WriteLine($"write {writeAccounts:N0}-account accounts.parquet: {parquetWall:0.00} s wall, {parquetCpu:0.00} s CPU ({new FileInfo(parquet).Length / 1e6:0.0} MB); " +
                              $"accounts.csv: {csvWall:0.00} s wall, {csvCpu:0.00} s CPU ({new FileInfo(csvOut).Length / 1e6:0.0} MB); " +
                              $"accounts.parquet without reasons: {typedWall:0.00} s wall, {typedCpu:0.00} s CPU ({new FileInfo(parquet + ".typed").Length / 1e6:0.0} MB)");
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"command: dotnet run -c Release --project bench/Influence.Bench -- parquet --accounts {accounts} --write-accounts {writeAccounts} --rounds {rounds}{(typedOnly ? " --typed-only" : "")}");
        return 0;
    }

    /// <summary>The reasons texts alone (one thread), without any file: how much of the writing is building the prose.</summary>
    private static void ReasonsAlone(InfluenceAnalysisResult result)
    {
        long reasonChars = 0;
        var (reasonsWall, reasonsCpu) = Timed(() =>
        {
            for (int i = 0; i < result.Accounts.Length; i++) reasonChars += ResultTables.Reasons(result.Accounts[i], result.Thresholds).Length;
        });
        Console.WriteLine($"reasons texts alone: {reasonsWall:0.00} s wall, {reasonsCpu:0.00} s CPU ({reasonChars / (double)result.Accounts.Length:0} chars per account, " +
                          $"{reasonsCpu * 1e6 / result.Accounts.Length:0.0} µs CPU per account)");
    }

    /// <summary>Reads the world's follows from CSV and from each Parquet layout, alternating, and prints the rates side by side.</summary>
    private static void ReadFollows(int accounts, int rounds, string? only, string dir)
    {
        var files = PrepareFollows(accounts, dir);

        var rates = new Dictionary<string, List<(double Wall, double Cpu)>>
        {
            ["csv"] = [], ["parquet (string ids, plain)"] = [], ["parquet (string ids, dict)"] = [], ["parquet (integer ids)"] = [],
        };
        foreach (string file in new[] { files.TextIds, files.DictionaryIds, files.IntegerIds }) Console.WriteLine($"{Path.GetFileName(file)}: {Encodings(file)}");
        for (int round = 0; round < rounds; round++)
        {
            Measure("csv", files.Csv, (b, s) => FollowReader.LoadInto(b, s, files.Csv));
            Measure("parquet (string ids, plain)", files.TextIds, (b, s) => ParquetInput.LoadFollows(b, s, files.TextIds));
            Measure("parquet (string ids, dict)", files.DictionaryIds, (b, s) => ParquetInput.LoadFollows(b, s, files.DictionaryIds));
            Measure("parquet (integer ids)", files.IntegerIds, (b, s) => ParquetInput.LoadFollows(b, s, files.IntegerIds));
        }
        // --only WORD: measure only the readers whose name holds WORD (and CSV, the yardstick), e.g. for a profile.
        void Measure(string name, string file, Func<GraphBuilder, Stream, ReadStatistics> read)
        {
            if (only is null || name == "csv" || name.Contains(only, StringComparison.Ordinal)) rates[name].Add(TimeRead(file, read));
        }
        foreach (string name in rates.Where(r => r.Value.Count == 0).Select(r => r.Key).ToList()) rates.Remove(name);
        double readCsvWall = rates["csv"].Max(r => r.Wall), readCsvCpu = rates["csv"].Max(r => r.Cpu);
        foreach (var (name, list) in rates)
            Console.WriteLine($"read follows, {name,-28}: best {list.Max(r => r.Wall) / 1e6,6:0.00} M rows/s wall ({list.Max(r => r.Wall) / readCsvWall:0.00}× csv), " +
                              $"{list.Max(r => r.Cpu) / 1e6,6:0.00} M rows per CPU-second ({list.Max(r => r.Cpu) / readCsvCpu:0.00}× csv)");

    }

    /// <summary>
    /// follows.csv as <c>influence generate</c> writes it, and the same rows as Parquet: string ids PLAIN-encoded
    /// (Parquet.Net's default), string ids dictionary-encoded (what pandas/pyarrow, DuckDB and Spark write), integer ids (the id's number).
    /// </summary>
    private static (string Csv, string TextIds, string DictionaryIds, string IntegerIds) PrepareFollows(int accounts, string dir)
    {
        string csv = Path.Combine(dir, "follows.csv"), text = Path.Combine(dir, "follows-text.parquet"), integer = Path.Combine(dir, "follows-int.parquet");
        string dictionary = Path.Combine(dir, "follows-dict.parquet");
        if (File.Exists(csv) && File.Exists(text) && File.Exists(integer) && File.Exists(dictionary)) return (csv, text, dictionary, integer);
        var watch = Stopwatch.StartNew();
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = accounts, Seed = 1 });
        using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16))
            SyntheticWorldWriter.WriteFollows(world, writer);
        WriteFollowsParquetAsync(world, text, integerIds: false, dictionary: false).GetAwaiter().GetResult();
        WriteFollowsParquetAsync(world, dictionary, integerIds: false, dictionary: true).GetAwaiter().GetResult();
        WriteFollowsParquetAsync(world, integer, integerIds: true, dictionary: false).GetAwaiter().GetResult();
        Console.WriteLine($"prepared {world.FollowCount:N0} follows over {accounts:N0} accounts in {watch.Elapsed.TotalSeconds:0.0} s");
        return (csv, text, dictionary, integer);
    }

    /// <summary>The encodings of each column of the first row group (what the reader meets).</summary>
    private static string Encodings(string path)
    {
        using FileStream stream = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        using var close = new DisposeAction(() => reader.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return string.Join("; ", reader.RowGroups[0].RowGroup.Columns.Select(c =>
            $"{c.MetaData!.PathInSchema[0]} {c.MetaData.Type} {c.MetaData.Codec} [{string.Join(",", c.MetaData.Encodings)}]"));
    }

    private static async Task WriteFollowsParquetAsync(SyntheticWorld world, string path, bool integerIds, bool dictionary)
    {
        DataField source = integerIds ? new DataField<long>("source") : new DataField<string>("source");
        DataField target = integerIds ? new DataField<long>("target") : new DataField<string>("target");
        var since = new DataField<long>("since");
        int prefix = world.Ids[0].TakeWhile(c => !char.IsAsciiDigit(c)).Count();
        long[] number = [.. world.Ids.Ids.Select(id => long.Parse(id.AsSpan(prefix), CultureInfo.InvariantCulture))];
        await using FileStream stream = File.Create(path);
        // A unique-value ratio up to 1 lets Parquet.Net dictionary-encode every text column (its default, 0.8, leaves ids PLAIN).
        var options = new ParquetOptions { DictionaryEncodingThreshold = dictionary ? 1.0 : 0.0 };
        if (dictionary) foreach (DataField field in new[] { source, target }) options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(source, target, since), stream, options);
        const int group = 1 << 17; // 128 Ki rows: several groups, so decoding overlaps inserting (ParquetInput)
        for (int start = 0; start < world.FollowCount; start += group)
        {
            int count = Math.Min(group, world.FollowCount - start);
            using ParquetRowGroupWriter rows = writer.CreateRowGroup();
            foreach (var (field, ends) in new[] { (source, world.FollowSource), (target, world.FollowTarget) })
            {
                if (integerIds) await rows.WriteAsync<long>(field, Enumerable.Range(start, count).Select(i => number[ends[i]]).ToArray());
                else await rows.WriteAsync(field, Enumerable.Range(start, count).Select(i => world.Ids[ends[i]]).ToArray());
            }
            await rows.WriteAsync<long>(since, Enumerable.Range(start, count).Select(world.FollowSince).ToArray());
        }
    }

    /// <summary>Rows per second of one read, by wall clock and by the process's CPU time (the latter is what a quiet machine would see, load aside).</summary>
    private static (double Wall, double Cpu) TimeRead(string path, Func<GraphBuilder, Stream, ReadStatistics> read)
    {
        long rows = 0;
        var (wall, cpu) = Timed(() =>
        {
            using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            rows = read(new GraphBuilder(new IdMap()), stream).Rows;
        });
        return (rows / wall, rows / cpu);
    }

    private static (double WallSeconds, double CpuSeconds) Timed(Action action)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        double wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>A result of <paramref name="n"/> accounts with varied figures (the writer's cost does not depend on how they were computed).</summary>
    private static InfluenceAnalysisResult FakeResult(int n)
    {
        var random = new Random(7);
        var metrics = new AccountMetrics[n];
        foreach (AccountMetric m in AccountMetricSchema.All)
            for (int i = 0; i < n; i++)
                m.Set(ref metrics[i], m.Kind switch
                {
                    MetricKind.Integer => random.Next(0, 5000),
                    MetricKind.Named => random.Next(0, m.ValueNames.Count),
                    _ => random.NextDouble() < 0.01 ? double.NaN : random.NextDouble(),
                });
        return new InfluenceAnalysisResult
        {
            AccountIds = [.. Enumerable.Range(0, n).Select(i => "u" + i.ToString(CultureInfo.InvariantCulture))],
            Accounts = metrics, ReceivedByKind = [], GivenByKind = [],
            Thresholds = new RoleThresholds(ThresholdCatalog.All.ToDictionary(d => d.Name, d => double.IsFinite(d.Default) ? d.Default : 100)),
            Defenders = [], Critics = [], Communities = [], Summary = new AnalysisSummary(),
        };
    }

    private sealed class DisposeAction(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
