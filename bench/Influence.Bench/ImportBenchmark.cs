using System.Diagnostics;
using System.Globalization;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Sqlite;

namespace Influence.Bench;

/// <summary>
/// Import throughput of the embedded store: generates a seeded follow graph, writes it into a fresh
/// SQLite file through <see cref="IInfluenceStore.IngestAsync"/> in batches, reads it back as a kernel
/// graph, writes and reloads a run result for every account, then imports the same follows again from a
/// CSV file through the <see cref="Importer"/> (read + validate + write) into another fresh file. Prints
/// throughput of each step plus peak memory.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/Influence.Bench -- import [--follows N] [--accounts N] [--batch N] [--seed N] [--keep DIR]</c>.
/// Defaults: 2,000,000 follows over 200,000 accounts, batches of 50,000, seed 42. Targets follow a
/// power law (a few accounts with very many followers), sources are uniform.
/// </remarks>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions("import", args);
        int follows = options.Int("--follows", 2_000_000, min: 1), accounts = options.Int("--accounts", 200_000, min: 2);
        int batch = options.Int("--batch", Importer.DefaultBatchSize, min: 1), seed = options.Int("--seed", 42);
        string? keep = options.Text("--keep");
        if (!options.Complete()) return BenchOptions.UsageExit;

        string dir = keep ?? Path.Combine(Path.GetTempPath(), $"influence-import-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"import benchmark: {follows:N0} follows over {accounts:N0} accounts, batches of {batch:N0}, seed {seed}");
            Console.WriteLine($"runtime {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
                              $"SQLite {SqliteVersion()}, load average {LoadAverage()}");
            var (sources, targets, ids) = Generate(follows, accounts, seed);

            // 1. Records in memory → store.
            string storeFile = Path.Combine(dir, "ingest.db");
            long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await using (var store = new SqliteInfluenceStore(storeFile))
            {
                await store.InitializeAsync();
                var records = new FollowRecord[batch];
                for (int start = 0; start < follows; start += batch)
                {
                    int count = Math.Min(batch, follows - start);
                    for (int j = 0; j < count; j++) records[j] = new FollowRecord(ids[sources[start + j]], ids[targets[start + j]]);
                    await store.IngestAsync(new IngestBatch(new ArraySegment<FollowRecord>(records, 0, count), [], []));
                }
                sw.Stop();
                double cpu = CpuSeconds(process, cpuBefore);
                var stats = await store.GetStatsAsync();
                Console.WriteLine($"store.IngestAsync: {stats.ActiveFollows:N0} distinct follows, {stats.Accounts:N0} accounts in {sw.Elapsed.TotalSeconds:F2} s " +
                                  $"= {follows / sw.Elapsed.TotalSeconds:N0} follows/s wall, {follows / cpu:N0} follows per CPU-second " +
                                  $"(file {new FileInfo(storeFile).Length / 1e6:F0} MB + WAL)");
            }
            Console.WriteLine($"  managed heap growth {(GC.GetTotalMemory(false) - memoryBefore) / 1e6:F0} MB");

            // 2. Store → kernel graph, then a run's results (one row per account) written and read back,
            //    on a new store object so the account cache starts cold, as in a freshly started API.
            await using (var store = new SqliteInfluenceStore(storeFile))
            {
                await store.InitializeAsync();
                sw.Restart();
                var input = await store.ReadGraphAsync();
                sw.Stop();
                Console.WriteLine($"store.ReadGraphAsync: {input.Ids.Count:N0} accounts, {input.Follows.EdgeCount:N0} follows in {sw.Elapsed.TotalSeconds:F2} s " +
                                  $"= {input.Follows.EdgeCount / sw.Elapsed.TotalSeconds:N0} follows/s");
                var result = SyntheticResult(input.Ids.Ids, seed);
                var run = await store.BeginRunAsync(null);
                sw.Restart();
                await store.CompleteRunAsync(run.Id, result);
                sw.Stop();
                Console.WriteLine($"store.CompleteRunAsync: {result.Accounts.Length:N0} accounts, {result.Defenders.Length:N0} defender links in {sw.Elapsed.TotalSeconds:F2} s " +
                                  $"= {result.Accounts.Length / sw.Elapsed.TotalSeconds:N0} accounts/s");
                sw.Restart();
                var loaded = await store.LoadLatestRunAsync();
                sw.Stop();
                Console.WriteLine($"store.LoadLatestRunAsync: {loaded!.Value.Result.Accounts.Length:N0} accounts in {sw.Elapsed.TotalSeconds:F2} s");
            }

            // 3. CSV file → Importer (validation pass + write pass) → store.
            string csv = Path.Combine(dir, "follows.csv");
            using (var writer = new StreamWriter(csv))
            {
                writer.WriteLine("source,target");
                for (int j = 0; j < follows; j++) writer.WriteLine($"{ids[sources[j]]},{ids[targets[j]]}");
            }
            sources = targets = [];
            string importFile = Path.Combine(dir, "import.db");
            cpuBefore = process.TotalProcessorTime;
            sw.Restart();
            await using (var store = new SqliteInfluenceStore(importFile))
            {
                await store.InitializeAsync();
                var importer = new Importer(store);
                var result = await importer.ImportAsync(new ImportRequest { FollowsPath = csv, BatchSize = batch });
                sw.Stop();
                double cpu = CpuSeconds(process, cpuBefore);
                Console.WriteLine($"Importer (CSV, strict: validate pass + write pass): {result.RowsRead:N0} rows, {result.FollowsAdded:N0} follows added " +
                                  $"in {sw.Elapsed.TotalSeconds:F2} s = {follows / sw.Elapsed.TotalSeconds:N0} rows/s wall, {follows / cpu:N0} rows per CPU-second");
            }

            process.Refresh();
            Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, total allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB");
            return 0;
        }
        finally
        {
            if (keep is null) Directory.Delete(dir, recursive: true);
        }
    }

    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
    }

    /// <summary>1-minute load average (Linux), so a figure taken on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>CPU time of the whole process since <paramref name="before"/> (all threads; the GC and the
    /// SQLite writer included). On a shared, loaded machine rows per CPU-second is the steadier figure.</summary>
    private static double CpuSeconds(Process process, TimeSpan before)
    {
        process.Refresh();
        return Math.Max((process.TotalProcessorTime - before).TotalSeconds, 1e-6);
    }

    /// <summary>A result shaped like the model's (every metric set, 3 defenders per 10 accounts, 100 communities), for timing the run tables.</summary>
    private static InfluenceAnalysisResult SyntheticResult(IReadOnlyList<string> ids, int seed)
    {
        var random = new Random(seed);
        int n = ids.Count, k = InteractionKinds.Count;
        var accounts = new AccountMetrics[n];
        for (int i = 0; i < n; i++)
        {
            accounts[i] = new AccountMetrics
            {
                Followers = random.Next(1000), Following = random.Next(1000), Mutual = random.Next(100),
                FollowBackRate = random.NextDouble(), FollowedBackRate = random.NextDouble(), EngagementReceived = random.NextDouble() * 100,
                EngagementGiven = random.NextDouble() * 100, UniqueEngagers = random.Next(50), UniqueEngaged = random.Next(50),
                EngagementRate = random.NextDouble(), ActiveAudienceShare = random.NextDouble(), ReciprocatedEngagementShare = random.NextDouble(),
                ShareOfGivenThatIsShares = random.NextDouble(), PageRank = random.NextDouble() / n, Influence = random.NextDouble() / n,
                Community = random.Next(100), InCommunityEngagementShare = random.NextDouble(), CommunityRank = random.Next(1, 1000),
                Component = 0, Role = (AccountRole)random.Next(5), Stage = (PresenceStage)random.Next(4), Defenders = random.Next(5),
                Critics = random.Next(2), DefenderEngagementShare = random.NextDouble(), DefenderDensity = double.NaN,
            };
        }
        var perKind = new double[n * k];
        for (int j = 0; j < perKind.Length; j++) perKind[j] = random.Next(10);
        var defenders = new DefenderLink[n / 10 * 3];
        for (int j = 0; j < defenders.Length; j++)
            defenders[j] = new DefenderLink(j / 3 * 10, random.Next(n), random.NextDouble() * 10, random.Next(1, 20), random.Next(1, 5), true, false, 0.5);
        var communities = new CommunitySummary[Math.Min(100, n)];
        for (int c = 0; c < communities.Length; c++) communities[c] = new CommunitySummary(c, n / 100, 1000, 0.01, 0.3, 0.6, [c]);
        return new InfluenceAnalysisResult
        {
            AccountIds = ids, Accounts = accounts, ReceivedByKind = perKind, GivenByKind = (double[])perKind.Clone(),
            Thresholds = new RoleThresholds(new Dictionary<string, double> { ["large_audience_followers"] = 500 }),
            Defenders = defenders, Critics = [], Communities = communities,
            Summary = new AnalysisSummary { Nodes = n },
        };
    }

    /// <summary>Seeded follows: uniform sources, power-law targets (rank^-1 popularity), self-follows re-drawn.</summary>
    private static (int[] Sources, int[] Targets, string[] Ids) Generate(int follows, int accounts, int seed)
    {
        var random = new Random(seed);
        var ids = new string[accounts];
        for (int a = 0; a < accounts; a++) ids[a] = "user" + a.ToString(CultureInfo.InvariantCulture);
        // Inverse-CDF of a Zipf-like law over account ranks: P(rank ≤ r) ≈ ln(r+1) / ln(n+1).
        double logN = Math.Log(accounts + 1.0);
        var sources = new int[follows];
        var targets = new int[follows];
        for (int j = 0; j < follows; j++)
        {
            int s = random.Next(accounts), t;
            do t = Math.Min(accounts - 1, (int)Math.Exp(random.NextDouble() * logN) - 1);
            while (t == s);
            sources[j] = s;
            targets[j] = t;
        }
        return (sources, targets, ids);
    }
}
