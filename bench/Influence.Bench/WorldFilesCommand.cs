using System.Diagnostics;

namespace Influence.Bench;

/// <summary>
/// <c>world</c>: writes a large synthetic world as CLI input files, streamed to disk (memory O(accounts), not
/// O(rows)), for the scale run: <c>influence analyze --follows DIR/follows.csv --interactions DIR/interactions.csv</c>.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/Influence.Bench -- world --accounts 10000000 --follows 100000000
/// --interactions 20000000 --seed 1 --out DIR</c>. The follow graph is <see cref="SocialGraphGenerator"/>'s (planted
/// communities, celebrities, log-normal out-degrees, follow-backs); interactions target accounts the same way.
/// </remarks>
public static class WorldFilesCommand
{
    public static int Run(string[] args)
    {
        var options = new BenchOptions("world", args);
        int accounts = options.Int("--accounts", 1_000_000, min: 1), seed = options.Int("--seed", 1);
        long follows = options.Long("--follows", 10_000_000, min: 0), interactions = options.Long("--interactions", 2_000_000, min: 0);
        string outDir = options.RequiredText("--out", "DIR");
        if (!options.Complete()) return BenchOptions.UsageExit;
        var clock = Stopwatch.StartNew();
        var generator = new SocialGraphGenerator(accounts, follows, seed);
        var progress = new Progress<string>(line => Console.Error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s  {line}"));
        var (followRows, interactionRows) = generator.WriteWorld(outDir, interactions, progress);
        using var self = Process.GetCurrentProcess();
        long bytes = new FileInfo(Path.Combine(outDir, "follows.csv")).Length + new FileInfo(Path.Combine(outDir, "interactions.csv")).Length;
        Console.WriteLine($"world: {accounts:N0} accounts, {followRows:N0} follow rows, {interactionRows:N0} interaction rows (seed {seed}) → {outDir} " +
                          $"({bytes / 1e9:F2} GB) in {clock.Elapsed.TotalSeconds:F1} s, peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
        return 0;
    }
}
