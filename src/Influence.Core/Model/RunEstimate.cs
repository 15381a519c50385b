using System.Globalization;

namespace Influence.Core.Model;

/// <summary>Size of an analysis: accounts, follow rows and interaction rows.</summary>
/// <param name="Accounts">Distinct accounts (0 when unknown: the estimate is then a lower bound).</param>
/// <param name="Follows">Follow rows (duplicates included: they are read before they are collapsed).</param>
/// <param name="Interactions">Interaction rows.</param>
/// <param name="FollowTimes">The follows carry the time they started (a <c>since</c> column): the graph then keeps 4 bytes per follow more.</param>
public readonly record struct RunSize(long Accounts, long Follows, long Interactions, bool FollowTimes = false);

/// <summary>One part of an estimate.</summary>
/// <param name="Name">What holds the memory.</param>
/// <param name="Bytes">Its share of the peak.</param>
public sealed record EstimatePart(string Name, long Bytes);

/// <summary>Memory and time a full analysis of <see cref="Size"/> needs (see <see cref="RunEstimator"/>).</summary>
/// <param name="Size">What was estimated.</param>
/// <param name="PeakBytes">Expected peak resident memory of the process running the analysis.</param>
/// <param name="Time">Expected wall time of load + analysis + writing on a quiet 2-core machine.</param>
/// <param name="Parts">The peak split by what holds it (sums to <paramref name="PeakBytes"/>).</param>
/// <param name="ProjectionEntries">Expected row entries of the undirected projection community detection works on (every
/// connected pair in both rows): the count the kernel's 32-bit offsets limit to <see cref="RunEstimator.MaxProjectionEntries"/>.</param>
public sealed record RunEstimate(RunSize Size, long PeakBytes, TimeSpan Time, IReadOnlyList<EstimatePart> Parts, long ProjectionEntries)
{
    /// <summary>True when the expected projection has more row entries than the kernel's 32-bit offsets index: the run cannot complete, whatever the memory.</summary>
    public bool OverKernelLimit => ProjectionEntries > RunEstimator.MaxProjectionEntries;

    /// <summary>"accounts 1,000,000, follows 9,838,096, interactions 2,000,000: peak ≈ 1.23 GiB, ≈ 35 s".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accounts {Size.Accounts:N0}, follows {Size.Follows:N0}, interactions {Size.Interactions:N0}: peak ≈ {RunEstimator.FormatBytes(PeakBytes)}, ≈ {Time.TotalSeconds:N0} s");
}

/// <summary>A run refused before it allocated its working memory because the estimate exceeds the limit.</summary>
public sealed class RunTooLargeException(string message) : InvalidOperationException(message);

/// <summary>
/// Memory and time estimate of a full analysis before it runs (like Neo4j GDS's <c>estimate</c>), and the check
/// every run makes against its memory limit. Pure: linear in accounts, follow rows and interaction rows, with
/// coefficients measured as peak RSS of <c>influence analyze</c> from CSV files (docs/performance.md, "Estimate").
/// </summary>
public static class RunEstimator
{
    // Peak RSS of `influence analyze` from CSV files of bench/Influence.Bench `world` (2 cores, server GC off), after the
    // cuts of the scale session (numeric ids held as numbers, weight/stance columns only when present, the interaction
    // graph let go during community detection) and with the parallel accounts.csv writer (its buffers: ≈ 70 MB, in the
    // runtime term) and Leiden's relabelled level-0 copy: 100k accounts / 986k follow rows / 200k interactions 237.1 MB;
    // interactions ×5 275.6 MB; accounts ×2 271.4 MB; follow rows ×2 229.4 MB, ×5 280.1 MB; 1M / 9.84M / 2M 1,083.9 MB;
    // 10M / 98.5M / 20M 11,076 MB (10.32 GiB, in community detection; that build still held the interaction graph there).
    // Relative least squares over the seven: every one within ±9 % (docs/performance.md, "Estimate before a run").
    private const long RuntimeBytes = 114_000_000;
    private const double BytesPerAccount = 698;
    private const double BytesPerFollow = 17;
    private const double BytesPerInteraction = 79;
    // The follow graph's in-side start times (FollowTimes, an int per follow) live through the whole analysis, so
    // they count in full at the peak; counted per follow row, which bounds the distinct follows the graph keeps.
    private const long BytesPerFollowTime = sizeof(int);
    // Seconds per unit, read + analyse + write on a quiet 2-core machine (1M / 9.8M / 2M ≈ 30 s).
    private const double SecondsPerAccount = 3e-6;
    private const double SecondsPerFollow = 2.5e-6;
    private const double SecondsPerInteraction = 1.5e-6;

    /// <summary>Estimates the peak memory and the time of analysing <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public static RunEstimate Estimate(RunSize size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size.Accounts, nameof(size.Accounts));
        ArgumentOutOfRangeException.ThrowIfNegative(size.Follows, nameof(size.Follows));
        ArgumentOutOfRangeException.ThrowIfNegative(size.Interactions, nameof(size.Interactions));
        EstimatePart[] parts =
        [
            new("runtime", RuntimeBytes),
            new("accounts (ids, PageRank vectors, per-account figures, community scratch)", (long)(size.Accounts * BytesPerAccount)),
            new("follows (rows read, graph, undirected projection, aggregated levels)", (long)(size.Follows * BytesPerFollow)),
            new("interactions (rows read, interaction graph)", (long)(size.Interactions * BytesPerInteraction)),
            new("follow times (start of each follow, kept in the graph for audience quality)", size.FollowTimes ? size.Follows * BytesPerFollowTime : 0),
        ];
        long peak = 0;
        foreach (var part in parts) peak += part.Bytes;
        double seconds = size.Accounts * SecondsPerAccount + size.Follows * SecondsPerFollow + size.Interactions * SecondsPerInteraction;
        long entries = (long)Math.Round((size.Follows + size.Interactions) * ProjectionEntriesPerRow);
        return new RunEstimate(size, peak, TimeSpan.FromSeconds(seconds), parts, entries);
    }

    /// <summary>
    /// Most row entries a CSR of the kernel can hold: offsets and row arrays are indexed by <c>int</c>
    /// (<see cref="Array.MaxLength"/>, 2,147,483,591). The undirected projection community detection works on is the
    /// largest CSR of a run, as it stores every connected pair in both rows.
    /// </summary>
    public const long MaxProjectionEntries = 0x7FFFFFC7;

    // Row entries of the projection per follow and interaction row, as measured on bench `world` inputs (duplicates
    // collapsed, reciprocity 0.38, interaction ties partly on follows): 16,679,906 from 9,838,096 + 2,000,000 rows at 1M
    // accounts (1.409), 167,312,318 from 98,513,259 + 20,000,000 at 10M (1.412). The most a graph can have is 2 per row (no
    // duplicate, no reciprocal pair, no interaction on a follow); at this shape 2^31 entries are ≈ 1.27B follow rows
    // with 0.2 interactions each.
    private const double ProjectionEntriesPerRow = 1.41;

    /// <summary>Follow rows (with <paramref name="interactionsPerFollow"/> interaction rows each) at which the expected projection reaches the kernel's limit.</summary>
    public static long FollowRowsAtKernelLimit(double interactionsPerFollow) =>
        (long)(MaxProjectionEntries / (ProjectionEntriesPerRow * (1 + interactionsPerFollow)));

    /// <summary>Throws <see cref="RunTooLargeException"/> when <paramref name="estimate"/> does not fit in <paramref name="limitBytes"/>.</summary>
    /// <param name="estimate">The run's estimate.</param>
    /// <param name="limitBytes">Memory the run may use (&gt; 0).</param>
    /// <param name="limitSource">Where the limit comes from, for the message (e.g. "--memory-limit").</param>
    public static void EnsureFits(RunEstimate estimate, long limitBytes, string limitSource)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        if (estimate.OverKernelLimit) throw new RunTooLargeException(KernelLimitMessage(estimate));
        if (estimate.PeakBytes <= limitBytes) return;
        string lowerBound = estimate.Size.Accounts == 0 ? " (a lower bound: accounts not counted yet)" : "";
        throw new RunTooLargeException(string.Create(CultureInfo.InvariantCulture,
            $"Run refused before it started: it needs about {FormatBytes(estimate.PeakBytes)}{lowerBound} for {estimate.Size.Accounts:N0} accounts, " +
            $"{estimate.Size.Follows:N0} follows and {estimate.Size.Interactions:N0} interactions{(estimate.Size.FollowTimes ? " (follow times counted)" : "")}, more than the memory limit of {FormatBytes(limitBytes)} ({limitSource}). " +
            $"Raise the limit if the machine has the memory, or analyse a smaller graph; 'influence estimate' shows the breakdown."));
    }

    /// <summary>Why a run over <see cref="MaxProjectionEntries"/> is refused, with the figures.</summary>
    public static string KernelLimitMessage(RunEstimate estimate) => string.Create(CultureInfo.InvariantCulture,
        $"Run refused before it started: {estimate.Size.Follows:N0} follows and {estimate.Size.Interactions:N0} interactions make about " +
        $"{estimate.ProjectionEntries:N0} row entries in the undirected graph community detection works on, more than the " +
        $"{MaxProjectionEntries:N0} the kernel's 32-bit offsets can index (about {FollowRowsAtKernelLimit(0.2) / 1e9:0.00}B follow rows " +
        $"with 0.2 interactions each). This limit does not depend on memory: analyse a smaller graph, or split it (docs/scaling.md).");

    /// <summary>Parses "8GiB", "512MiB", "1.5GB", "2000000000" (bytes); binary and decimal units, case-insensitive.</summary>
    /// <returns>False for an empty, negative, zero, non-finite or unknown-unit value.</returns>
    public static bool TryParseBytes(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim();
        int unitStart = t.Length;
        while (unitStart > 0 && char.IsLetter(t[unitStart - 1])) unitStart--;
        double scale = t[unitStart..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KIB" => 1L << 10, "KB" => 1e3,
            "M" or "MIB" => 1L << 20, "MB" => 1e6,
            "G" or "GIB" => 1L << 30, "GB" => 1e9,
            "T" or "TIB" => 1L << 40, "TB" => 1e12,
            _ => double.NaN,
        };
        if (!double.TryParse(t[..unitStart].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return false;
        double result = value * scale;
        if (!double.IsFinite(result) || result < 1 || result > long.MaxValue) return false;
        bytes = (long)result;
        return true;
    }

    /// <summary>"1.23 GiB", "512 MiB".</summary>
    public static string FormatBytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F0} MiB");
}
