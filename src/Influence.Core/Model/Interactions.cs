using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>What one account did to another. <c>retweet</c> and <c>repost</c> parse as <see cref="Share"/>.</summary>
public enum InteractionKind : byte { Reply = 0, Mention = 1, Share = 2, Quote = 3, Comment = 4, Like = 5 }

public static class InteractionKinds
{
    public const int Count = 6;

    public static readonly InteractionKind[] All =
        [InteractionKind.Reply, InteractionKind.Mention, InteractionKind.Share, InteractionKind.Quote, InteractionKind.Comment, InteractionKind.Like];

    /// <summary>Lower-case name used in files and JSON (<c>reply</c>, <c>share</c>, …).</summary>
    public static string Name(InteractionKind kind) => kind switch
    {
        InteractionKind.Reply => "reply",
        InteractionKind.Mention => "mention",
        InteractionKind.Share => "share",
        InteractionKind.Quote => "quote",
        InteractionKind.Comment => "comment",
        InteractionKind.Like => "like",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a kind name, case-insensitive; retweet/repost/rt are shares.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out InteractionKind kind)
    {
        text = text.Trim();
        Span<char> lower = stackalloc char[Math.Min(text.Length, 16)];
        if (text.Length > 16) { kind = default; return false; }
        text.ToLowerInvariant(lower);
        switch (lower)
        {
            case "reply": case "re": kind = InteractionKind.Reply; return true;
            case "mention": case "mt": kind = InteractionKind.Mention; return true;
            case "share": case "retweet": case "repost": case "rt": kind = InteractionKind.Share; return true;
            case "quote": kind = InteractionKind.Quote; return true;
            case "comment": kind = InteractionKind.Comment; return true;
            case "like": kind = InteractionKind.Like; return true;
            default: kind = default; return false;
        }
    }
}

/// <summary>
/// Interactions held column-wise over dense node ids (no object per interaction).
/// <see cref="Timestamp"/> is Unix seconds or <see cref="long.MinValue"/> when unknown;
/// <see cref="Stance"/> is in [-1, 1] or NaN when unknown; <see cref="Weight"/> is a positive count.
/// </summary>
/// <remarks>
/// The weight and stance columns are stored only once a row differs from the default (weight 1, stance unknown): most
/// interaction files have neither column, and at 20M rows the two would be 320 MB held through the whole analysis
/// (docs/performance.md, "100M follows"). Reading <see cref="Weight"/> or <see cref="Stance"/> spells a missing column out
/// (once); the analysis reads them through <see cref="WeightsOrNull"/> and <see cref="StancesOrNull"/> instead.
/// </remarks>
public sealed class InteractionLog
{
    private int[] _source = [];
    private int[] _target = [];
    private InteractionKind[] _kind = [];
    private long[] _timestamp = [];
    private double[]? _weight;
    private double[]? _stance;
    private readonly Lock _spellOut = new();

    public InteractionLog(int capacity = 16) => Resize(Math.Max(capacity, 16));

    public const long NoTimestamp = long.MinValue;

    public int Count { get; private set; }

    /// <summary>True once any interaction with a known stance was added.</summary>
    public bool HasStance { get; private set; }

    public ReadOnlySpan<int> Source => _source.AsSpan(0, Count);
    public ReadOnlySpan<int> Target => _target.AsSpan(0, Count);
    public ReadOnlySpan<InteractionKind> Kind => _kind.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamp => _timestamp.AsSpan(0, Count);
    public ReadOnlySpan<double> Weight => SpelledOut(ref _weight, 1.0).AsSpan(0, Count);
    public ReadOnlySpan<double> Stance => SpelledOut(ref _stance, double.NaN).AsSpan(0, Count);

    // Backing arrays (valid up to Count) for parallel kernels in this assembly, which cannot capture spans.
    internal int[] SourceArray => _source;
    internal int[] TargetArray => _target;
    internal InteractionKind[] KindArray => _kind;
    internal long[] TimestampArray => _timestamp;
    /// <summary>Weight per row, or null when every weight is 1.</summary>
    internal double[]? WeightsOrNull => _weight;
    /// <summary>Stance per row, or null when every stance is unknown (NaN).</summary>
    internal double[]? StancesOrNull => _stance;

    public void Add(int source, int target, InteractionKind kind, long timestamp = NoTimestamp, double weight = 1.0, double stance = double.NaN)
    {
        if (Count == _source.Length) Grow();
        int i = Count++;
        _source[i] = source;
        _target[i] = target;
        _kind[i] = kind;
        _timestamp[i] = timestamp;
        // A column is stored from the first row that differs from its default (1 is exact; any NaN is the unknown stance).
        if (_weight is not null || weight != 1.0) Column(ref _weight, 1.0)[i] = weight;
        if (!double.IsNaN(stance))
        {
            Column(ref _stance, double.NaN)[i] = stance;
            HasStance = true;
        }
        else if (_stance is not null) _stance[i] = stance;
    }

    /// <summary>
    /// Shrinks every column to <see cref="Count"/> once reading is done: growth by doubling leaves up to half of each
    /// column unused (at 20M interaction rows: 13.5M spare rows × 33 bytes ≈ 445 MB held through the whole analysis).
    /// </summary>
    public void TrimExcess()
    {
        if (_source.Length > Count) Resize(Math.Max(Count, 16));
    }

    private void Grow() => Resize((int)Math.Min(Array.MaxLength, (long)_source.Length * 2));

    /// <summary>Every column at <paramref name="n"/> entries (the first <see cref="Count"/> kept).</summary>
    private void Resize(int n)
    {
        Array.Resize(ref _source, n);
        Array.Resize(ref _target, n);
        Array.Resize(ref _kind, n);
        Array.Resize(ref _timestamp, n);
        if (_weight is not null) Array.Resize(ref _weight, n);
        if (_stance is not null) Array.Resize(ref _stance, n);
    }

    /// <summary>The stored column, created with every earlier row at <paramref name="fill"/> when it is not stored yet.</summary>
    private double[] Column(ref double[]? column, double fill)
    {
        if (column is null)
        {
            var created = new double[_source.Length];
            created.AsSpan(0, Count).Fill(fill);
            column = created;
        }
        return column;
    }

    private double[] SpelledOut(ref double[]? column, double fill)
    {
        if (column is { } stored) return stored;
        lock (_spellOut) return Column(ref column, fill);
    }
}

/// <summary>Everything an analysis reads: one id map shared by the follow graph and the interactions.</summary>
/// <param name="Follows">Follow graph, edge u→v = u follows v; built over all ids in <paramref name="Ids"/>.</param>
public sealed record InfluenceInput(IdMap Ids, DirectedGraph Follows, InteractionLog Interactions)
{
    /// <summary>The previous completed run, if any: community ids are matched to its ids, and a graph that changed
    /// little is analysed from its results (<see cref="InfluenceConfig.WarmStart"/>). Null = a run of its own.</summary>
    public PreviousRun? Previous { get; init; }
}
