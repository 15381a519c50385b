using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>
/// Reads interactions (<c>source</c> acted on <c>target</c>) from CSV with a header
/// (<c>source,target,kind[,timestamp][,weight][,stance]</c>, any order, extra columns ignored), JSON Lines
/// (same keys) or SNAP edge lists: <c>src dst</c>, <c>src dst weight</c> (or timestamp, see
/// <see cref="ReadOptions.EdgeListThirdColumn"/>) with the kind from <see cref="ReadOptions.EdgeListKind"/>,
/// or the Higgs activity layout <c>src dst unix_ts TYPE</c> (RT/MT/RE). Plain or gzip.
/// </summary>
public static class InteractionReader
{
    internal const int Source = 0, Target = 1, Kind = 2, Timestamp = 3, Weight = 4, Stance = 5;

    /// <summary>The columns an interaction file may have and the names each may go by, for every file format.</summary>
    public static ColumnSpec[] Columns(ReadOptions options) =>
    [
        new("source", true, options.SourceColumn is { } s ? [s] : [.. FollowReader.SourceNames, "actor", "user"]),
        new("target", true, options.TargetColumn is { } t ? [t] : [.. FollowReader.TargetNames]),
        new("kind", true, ["kind", "type", "interaction"]),
        new("timestamp", false, ["timestamp", "time", "ts", "at", "created_at"]),
        new("weight", false, ["weight", "count"]),
        new("stance", false, ["stance", "sentiment"]),
    ];

    /// <summary>
    /// Lazily reads the interactions in <paramref name="stream"/> (left open). Bad rows throw
    /// <see cref="InputFormatException"/> (strict) or go to <see cref="ReadOptions.OnInvalidRow"/> (skip).
    /// A bad header, or an edge list without kind column and without <see cref="ReadOptions.EdgeListKind"/>,
    /// throws in both modes.
    /// </summary>
    public static IEnumerable<InteractionRecord> Read(Stream stream, string fileName, ReadOptions? options = null) =>
        RowReader.Records<InteractionRecord>(stream, fileName, options, Columns, TryConvert);

    private static bool TryConvert(RowReader rows, ReadOptions options, out InteractionRecord record)
    {
        if (!TryParseRow(rows, options, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target, out Parsed parsed))
        {
            record = default;
            return false;
        }
        record = new InteractionRecord(source.ToString(), target.ToString(), parsed.Kind,
            parsed.Timestamp == InteractionLog.NoTimestamp ? null : parsed.Timestamp,
            parsed.Weight, double.IsNaN(parsed.Stance) ? null : parsed.Stance);
        return true;
    }

    /// <summary>
    /// Appends every interaction in <paramref name="stream"/> (left open) to <paramref name="log"/>, resolving
    /// ids through <paramref name="ids"/> from the line buffer (share the follow graph's map so node ids agree).
    /// Errors as in <see cref="Read"/>.
    /// </summary>
    public static ReadStatistics LoadInto(InteractionLog log, IdMap ids, Stream stream, string fileName, ReadOptions? options = null,
        IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(ids);
        options = RowReader.CheckArguments(stream, fileName, options);
        using var rows = new RowReader(stream, fileName, options, Columns(options));
        var cache = new SpanIdCache(ids);
        SpanIdCache.LastKey lastSource = default, lastTarget = default;
        long accepted = 0;
        while (rows.TryNextRow())
        {
            if (!TryParseRow(rows, options, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target, out Parsed p)) continue;
            log.Add(cache.GetOrAdd(source, ref lastSource), cache.GetOrAdd(target, ref lastTarget), p.Kind, p.Timestamp, p.Weight, p.Stance);
            if ((++accepted & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ReadProgress(accepted, rows.BytesConsumed));
            }
        }
        progress?.Report(new ReadProgress(accepted, rows.BytesConsumed));
        return new ReadStatistics(rows.Format, rows.Compressed, rows.Line, accepted, rows.Rejected);
    }

    private struct Parsed
    {
        public InteractionKind Kind;
        public long Timestamp;
        public double Weight;
        public double Stance;
    }

    private static bool TryParseRow(RowReader rows, ReadOptions options, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target, out Parsed parsed)
    {
        source = target = default;
        parsed = new Parsed { Timestamp = InteractionLog.NoTimestamp, Weight = 1.0, Stance = double.NaN };
        bool kindFromOption = false;
        if (rows.Format == InputFormat.EdgeList)
        {
            int fields = rows.RawCount;
            rows.MapPositional(Source, 0);
            rows.MapPositional(Target, 1);
            rows.MapPositional(Kind, -1);
            rows.MapPositional(Timestamp, -1);
            rows.MapPositional(Weight, -1);
            rows.MapPositional(Stance, -1);
            switch (fields)
            {
                case 2:
                    kindFromOption = true;
                    break;
                case 3:
                    kindFromOption = true;
                    rows.MapPositional(options.EdgeListThirdColumn == EdgeListThirdColumn.Timestamp ? Timestamp : Weight, 2);
                    break;
                case 4:
                    rows.MapPositional(Timestamp, 2);
                    rows.MapPositional(Kind, 3);
                    break;
                default:
                    rows.Reject(-1, $"wrong field count: expected 'source target [weight|timestamp]' or 'source target timestamp kind', found {fields} field{(fields == 1 ? "" : "s")}");
                    return false;
            }
            if (kindFromOption)
            {
                if (options.EdgeListKind is not { } kind)
                    throw rows.Fatal("kind", $"this edge list has no kind column: give the kind of its interactions (ReadOptions.EdgeListKind, CLI --interactions-kind); valid kinds: {RowRules.ValidKinds}");
                parsed.Kind = kind;
            }
        }

        if (!rows.TryEndpoints(Source, Target, out source, out target)) return false;
        if (!kindFromOption && RowRules.ParseKind(rows.Field(Kind), out parsed.Kind) is { } badKind)
        {
            rows.Reject(Kind, badKind);
            return false;
        }
        return rows.TryOptional(Timestamp, RowRules.ParseTimestamp, ref parsed.Timestamp)
            && rows.TryOptional(Weight, RowRules.ParseWeight, ref parsed.Weight)
            && rows.TryOptional(Stance, RowRules.ParseStance, ref parsed.Stance);
    }
}
