using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Parquet;

/// <summary>
/// Reads follows and interactions from Parquet files straight into the kernel's structures, like
/// <see cref="FollowReader.LoadInto"/> and <see cref="InteractionReader.LoadInto"/> do for text: the same columns (by
/// name, same aliases), the same row rules and the same errors, with the row group and row in place of the line.
/// Ids may be strings or integers (an integer id is the account whose id is its decimal text); times may be Parquet
/// timestamps, integer (or fractional) Unix seconds, or ISO-8601 strings.
/// </summary>
public static class ParquetInput
{
    private const int Source = 0, Target = 1;

    private static readonly ValueShapes s_ids = ValueShapes.Text | ValueShapes.Integer;
    private static readonly ValueShapes s_time = ValueShapes.Time | ValueShapes.Integer | ValueShapes.Real | ValueShapes.Text;
    private static readonly ValueShapes s_number = ValueShapes.Integer | ValueShapes.Real | ValueShapes.Text;

    /// <summary>
    /// Adds every follow of the Parquet file in <paramref name="stream"/> (seekable, left open) to <paramref name="builder"/>.
    /// Columns <c>source</c>, <c>target</c> (required), <c>since</c>, <c>weight</c> (used when the builder is weighted).
    /// Bad rows throw <see cref="InputFormatException"/> (strict) or go to <see cref="ReadOptions.OnInvalidRow"/>.
    /// </summary>
    public static ReadStatistics LoadFollows(GraphBuilder builder, Stream stream, string fileName, ReadOptions? options = null,
        IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return LoadAsync(stream, fileName, options, FollowReader.Columns(options ?? new ReadOptions()), [s_ids, s_ids, s_time, s_number],
            () => new FollowSink(builder), progress, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Appends every interaction of the Parquet file in <paramref name="stream"/> (seekable, left open) to <paramref name="log"/>,
    /// resolving ids through <paramref name="ids"/> (share the follow graph's map). Columns <c>source</c>, <c>target</c>,
    /// <c>kind</c> (required), <c>timestamp</c>, <c>weight</c>, <c>stance</c>. Errors as in <see cref="LoadFollows"/>.
    /// </summary>
    public static ReadStatistics LoadInteractions(InteractionLog log, IdMap ids, Stream stream, string fileName, ReadOptions? options = null,
        IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(ids);
        return LoadAsync(stream, fileName, options, InteractionReader.Columns(options ?? new ReadOptions()),
            [s_ids, s_ids, ValueShapes.Text, s_time, s_number, s_number], () => new InteractionSink(log, ids), progress, cancellationToken)
            .GetAwaiter().GetResult();
    }

    /// <summary>What a load does with the rows of one row group.</summary>
    private interface IRowSink
    {
        /// <summary>Checks and adds rows <c>0..count-1</c>; returns how many were accepted.</summary>
        long AddRows(ParquetRows rows, int count);
    }

    private static async Task<ReadStatistics> LoadAsync(Stream stream, string fileName, ReadOptions? options, ColumnSpec[] specs,
        ValueShapes[] shapes, Func<IRowSink> sink, IProgress<ReadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= new ReadOptions();
        options.Validate();
        await using ParquetTable table = await ParquetTable.OpenAsync(stream, fileName, specs, shapes, ct);
        var rows = new ParquetRows(table, specs, options);
        IRowSink target = sink();
        long firstRow = 0, accepted = 0;
        // Columnar files decode apart from their use: the next row group is decoded on another core while this one's
        // rows are checked and added (only one thread touches the reader at a time).
        Task<ParquetColumn?[]>? next = table.RowGroupCount > 0 ? table.ReadGroupAsync(0, 0, ct) : null;
        try
        {
            for (int g = 0; g < table.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                ParquetColumn?[] columns = await next!;
                int count = checked((int)table.RowCount(g));
                int following = g + 1;
                long followingFirst = firstRow + count;
                next = following < table.RowGroupCount ? Task.Run(() => table.ReadGroupAsync(following, followingFirst, ct), ct) : null;
                rows.Start(columns, g, firstRow);
                accepted += target.AddRows(rows, count);
                firstRow += count;
                // Bytes as the share of rows done (the stream's position belongs to the decoding thread).
                progress?.Report(new ReadProgress(accepted, (long)((double)firstRow / table.TotalRows * stream.Length)));
            }
        }
        finally
        {
            // A row that stopped the read (strict mode) leaves a decode running: let it end before the reader closes.
            if (next is not null) await Task.WhenAny(next);
        }
        return new ReadStatistics(InputFormat.Parquet, Compressed: false, firstRow, accepted, rows.Rejected);
    }

    private sealed class FollowSink(GraphBuilder builder) : IRowSink
    {
        private const int Since = 2, Weight = 3;
        private readonly SpanIdCache _cache = new(builder.Ids);
        private SpanIdCache.LastKey _lastSource, _lastTarget;

        public long AddRows(ParquetRows rows, int count)
        {
            bool weighted = builder.IsWeighted;
            long accepted = 0;
            for (int i = 0; i < count; i++)
            {
                if (!rows.TryIds(Source, Target, i) || !rows.TryTime(Since, i, out _)) continue;
                double weight = 1.0;
                if (weighted && !rows.TryWeight(Weight, i, out weight)) continue;
                builder.AddEdge(rows.Resolve(Source, i, _cache, ref _lastSource), rows.Resolve(Target, i, _cache, ref _lastTarget), weight);
                accepted++;
            }
            return accepted;
        }
    }

    private sealed class InteractionSink(InteractionLog log, IdMap ids) : IRowSink
    {
        private const int Kind = 2, Timestamp = 3, Weight = 4, Stance = 5;
        private readonly SpanIdCache _cache = new(ids);
        private SpanIdCache.LastKey _lastSource, _lastTarget;

        public long AddRows(ParquetRows rows, int count)
        {
            long accepted = 0;
            for (int i = 0; i < count; i++)
            {
                if (!rows.TryIds(Source, Target, i) || !rows.TryKind(Kind, i, out InteractionKind kind) || !rows.TryTime(Timestamp, i, out long at)
                    || !rows.TryWeight(Weight, i, out double weight) || !rows.TryStance(Stance, i, out double stance)) continue;
                log.Add(rows.Resolve(Source, i, _cache, ref _lastSource), rows.Resolve(Target, i, _cache, ref _lastTarget), kind, at, weight, stance);
                accepted++;
            }
            return accepted;
        }
    }
}
