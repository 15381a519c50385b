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
public sealed class InteractionLog
{
    private int[] _source = [];
    private int[] _target = [];
    private InteractionKind[] _kind = [];
    private long[] _timestamp = [];
    private double[] _weight = [];
    private double[] _stance = [];

    public InteractionLog(int capacity = 16) => Resize(Math.Max(capacity, 16));

    public const long NoTimestamp = long.MinValue;

    public int Count { get; private set; }

    /// <summary>True once any interaction with a known stance was added.</summary>
    public bool HasStance { get; private set; }

    public ReadOnlySpan<int> Source => _source.AsSpan(0, Count);
    public ReadOnlySpan<int> Target => _target.AsSpan(0, Count);
    public ReadOnlySpan<InteractionKind> Kind => _kind.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamp => _timestamp.AsSpan(0, Count);
    public ReadOnlySpan<double> Weight => _weight.AsSpan(0, Count);
    public ReadOnlySpan<double> Stance => _stance.AsSpan(0, Count);

    // Backing arrays (valid up to Count) for parallel kernels in this assembly, which cannot capture spans.
    internal int[] SourceArray => _source;
    internal int[] TargetArray => _target;
    internal InteractionKind[] KindArray => _kind;
    internal long[] TimestampArray => _timestamp;
    internal double[] WeightArray => _weight;
    internal double[] StanceArray => _stance;

    public void Add(int source, int target, InteractionKind kind, long timestamp = NoTimestamp, double weight = 1.0, double stance = double.NaN)
    {
        if (Count == _source.Length) Grow();
        int i = Count++;
        _source[i] = source;
        _target[i] = target;
        _kind[i] = kind;
        _timestamp[i] = timestamp;
        _weight[i] = weight;
        _stance[i] = stance;
        if (!double.IsNaN(stance)) HasStance = true;
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
        Array.Resize(ref _weight, n);
        Array.Resize(ref _stance, n);
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
