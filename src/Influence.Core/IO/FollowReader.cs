using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>
/// Reads follow edges (<c>source</c> follows <c>target</c>) from CSV with a header
/// (<c>source,target[,since][,weight]</c>, any order, extra columns ignored), JSON Lines (same keys) or
/// SNAP edge lists (<c>src dst [weight]</c>, further columns ignored, <c>#</c> comments), plain or gzip. Two entry points:
/// <see cref="Read"/> yields records (for import), <see cref="LoadInto"/> feeds a
/// <see cref="GraphBuilder"/> straight from the line buffer (for analysis; no string per line).
/// </summary>
public static class FollowReader
{
    internal const int Source = 0, Target = 1, Since = 2, Weight = 3;

    /// <summary>Header names accepted for the source column (case-insensitive) unless <see cref="ReadOptions.SourceColumn"/> is set.</summary>
    public static readonly IReadOnlyList<string> SourceNames = ["source", "src", "from", "follower", "source_id"];

    /// <summary>Header names accepted for the target column unless <see cref="ReadOptions.TargetColumn"/> is set.</summary>
    public static readonly IReadOnlyList<string> TargetNames = ["target", "dst", "to", "followee", "followed", "target_id"];

    /// <summary>The columns a follow (or unfollow) file may have and the names each may go by, for every file format.</summary>
    public static ColumnSpec[] Columns(ReadOptions options, bool unfollows = false) =>
    [
        new("source", true, options.SourceColumn is { } s ? [s] : [.. SourceNames]),
        new("target", true, options.TargetColumn is { } t ? [t] : [.. TargetNames]),
        unfollows
            ? new("at", false, ["at", "since", "timestamp", "created_at", "time"])
            : new("since", false, ["since", "timestamp", "created_at", "time"]),
        new("weight", false, ["weight"]),
    ];

    /// <summary>
    /// Lazily reads the follows in <paramref name="stream"/> (left open). Bad rows throw
    /// <see cref="InputFormatException"/> (strict) or go to <see cref="ReadOptions.OnInvalidRow"/> (skip).
    /// A bad header throws in both modes.
    /// </summary>
    /// <param name="fileName">Used in error messages and for format detection by extension.</param>
    public static IEnumerable<FollowRecord> Read(Stream stream, string fileName, ReadOptions? options = null) =>
        RowReader.Records<FollowRecord>(stream, fileName, options, o => Columns(o), TryConvert);

    /// <summary>
    /// Lazily reads unfollows (the follow layout; the time column, <c>at</c> or any follow time name, is when
    /// the follow ended). Errors as in <see cref="Read"/>.
    /// </summary>
    public static IEnumerable<UnfollowRecord> ReadUnfollows(Stream stream, string fileName, ReadOptions? options = null) =>
        RowReader.Records<UnfollowRecord>(stream, fileName, options, o => Columns(o, unfollows: true), TryConvertUnfollow);

    private static bool TryConvert(RowReader rows, ReadOptions options, out FollowRecord record)
    {
        if (!TryParseRow(rows, weighted: false, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target, out long? since, out _))
        {
            record = default;
            return false;
        }
        record = new FollowRecord(source.ToString(), target.ToString(), since);
        return true;
    }

    private static bool TryConvertUnfollow(RowReader rows, ReadOptions options, out UnfollowRecord record)
    {
        bool accepted = TryConvert(rows, options, out FollowRecord follow);
        record = new UnfollowRecord(follow.Source, follow.Target, follow.Since);
        return accepted;
    }

    /// <summary>
    /// Adds every follow in <paramref name="stream"/> (left open) to <paramref name="builder"/>, resolving ids
    /// straight from the line buffer (a load-local span table in front of
    /// <see cref="IdMap.GetOrAdd(ReadOnlySpan{char})"/>; ids come out as the map alone would assign them). When the builder is
    /// weighted, the <c>weight</c> column (third edge-list column) is the edge weight (default 1);
    /// otherwise it is ignored. A <c>since</c> column is kept as the follow time (<see cref="DirectedGraph.InSince"/>).
    /// Errors as in <see cref="Read"/>.
    /// </summary>
    public static ReadStatistics LoadInto(GraphBuilder builder, Stream stream, string fileName, ReadOptions? options = null,
        IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options = RowReader.CheckArguments(stream, fileName, options);
        using var rows = new RowReader(stream, fileName, options, Columns(options));
        bool weighted = builder.IsWeighted;
        var cache = new SpanIdCache(builder.Ids);
        SpanIdCache.LastKey lastSource = default, lastTarget = default;
        long accepted = 0;
        while (rows.TryNextRow())
        {
            if (!TryParseRow(rows, weighted, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target, out long? since, out double weight)) continue;
            builder.AddTimedEdge(cache.GetOrAdd(source, ref lastSource), cache.GetOrAdd(target, ref lastTarget), since, weight);
            if ((++accepted & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ReadProgress(accepted, rows.BytesConsumed));
            }
        }
        progress?.Report(new ReadProgress(accepted, rows.BytesConsumed));
        return new ReadStatistics(rows.Format, rows.Compressed, rows.Line, accepted, rows.Rejected);
    }

    /// <summary>Validates the current row; on failure reports it (strict: throws) and returns false.</summary>
    private static bool TryParseRow(RowReader rows, bool weighted, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target,
        out long? since, out double weight)
    {
        source = target = default;
        since = null;
        weight = 1.0;
        if (rows.Format == InputFormat.EdgeList)
        {
            int fields = rows.RawCount;
            if (fields < 2)
            {
                rows.Reject(-1, $"wrong field count: expected 'source target [weight]', found {fields} field");
                return false;
            }
            rows.MapPositional(Source, 0);
            rows.MapPositional(Target, 1);
            rows.MapPositional(Weight, fields == 3 ? 2 : -1);
        }

        if (!rows.TryEndpoints(Source, Target, out source, out target)) return false;
        long at = InteractionLog.NoTimestamp;
        if (!rows.TryOptional(Since, RowRules.ParseTimestamp, ref at)) return false;
        if (at != InteractionLog.NoTimestamp) since = at;
        return !weighted || rows.TryOptional(Weight, RowRules.ParseWeight, ref weight);
    }
}
