using Influence.Core.Model;

namespace Influence.Cli;

/// <summary>
/// The memory check every file-based run makes (store runs make it in <c>AnalysisRunner</c>): before reading, a
/// lower bound from the files' line counts (accounts are not known yet); after reading, the exact estimate, before
/// the analysis allocates its working memory. A run over the limit stops with a <see cref="RunTooLargeException"/>.
/// </summary>
public static class RunMemoryCheck
{
    /// <summary>The limit: the given bytes, else the memory the runtime may use (machine or container limit).</summary>
    public static (long Bytes, string Source) Limit(long? given) => given is { } g
        ? (g, "--memory-limit")
        : (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "memory available to this process; set --memory-limit to change it");

    /// <summary>Lower-bound check from the line counts of plain (not gzip) input files (accounts and follow times not known yet: counted as none).</summary>
    public static void BeforeReading(InputSpec spec, (long Bytes, string Source) limit, CancellationToken cancellationToken)
    {
        long follows = spec.FollowsPath is { } f ? CountLines(f, cancellationToken) : 0;
        long interactions = spec.InteractionsPath is { } i ? CountLines(i, cancellationToken) : 0;
        RunEstimator.EnsureFits(RunEstimator.Estimate(new RunSize(0, follows, interactions)), limit.Bytes, limit.Source);
    }

    /// <summary>Exact check on what was read, before the analysis starts.</summary>
    public static void BeforeAnalysis(LoadedInput loaded, (long Bytes, string Source) limit)
    {
        var size = new RunSize(loaded.Input.Ids.Count, loaded.Follows?.Rows ?? loaded.Input.Follows.EdgeCount, loaded.Input.Interactions.Count,
            loaded.Input.Follows.HasFollowTimes);
        RunEstimator.EnsureFits(RunEstimator.Estimate(size), limit.Bytes, limit.Source);
    }

    /// <summary>Newlines in a plain file (a header line counts too: the bound stays a bound); 0 for gzip, whose rows are unknown until read.</summary>
    private static long CountLines(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int read = stream.Read(buffer, 0, buffer.Length);
        if (read >= 2 && buffer[0] == 0x1f && buffer[1] == 0x8b) return 0;
        long lines = 0;
        while (read > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            read = stream.Read(buffer, 0, buffer.Length);
        }
        return lines;
    }
}
