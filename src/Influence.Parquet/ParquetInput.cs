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

    /// <summary>What each column of <see cref="FollowReader.Columns"/> takes (source, target, since, weight).</summary>
    internal static ValueShapes[] FollowShapes => [s_ids, s_ids, s_time, s_number];

    /// <summary>What each column of <see cref="InteractionReader.Columns"/> takes (source, target, kind, timestamp, weight, stance).</summary>
    internal static ValueShapes[] InteractionShapes => [s_ids, s_ids, ValueShapes.Text, s_time, s_number, s_number];

    /// <summary>
    /// Adds every follow of the Parquet file in <paramref name="stream"/> (seekable, left open) to <paramref name="builder"/>.
    /// Columns <c>source</c>, <c>target</c> (required), <c>since</c>, <c>weight</c> (used when the builder is weighted).
    /// Bad rows throw <see cref="InputFormatException"/> (strict) or go to <see cref="ReadOptions.OnInvalidRow"/>.
    /// </summary>
    public static ReadStatistics LoadFollows(GraphBuilder builder, Stream stream, string fileName, ReadOptions? options = null,
        IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return LoadAsync(stream, fileName, options, FollowReader.Columns(options ?? new ReadOptions()), FollowShapes,
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
            InteractionShapes, () => new InteractionSink(log, ids), progress, cancellationToken)
            .GetAwaiter().GetResult();
    }

    /// <summary>What a load does with the rows of one row group.</summary>
    private interface IRowSink
    {
        /// <summary>
        /// Checks the text ids of a decoded row group and looks them up ahead (<see cref="ParquetColumn.PrepareIds"/>);
        /// runs on the decoding thread while the previous group's rows are added, so it adds nothing.
        /// </summary>
        void Prepare(ParquetColumn?[] columns);

        /// <summary>Checks and adds rows <c>0..count-1</c>; returns how many were accepted.</summary>
        long AddRows(ParquetRows rows, int count);
    }

    /// <summary>What both sinks share: the id resolver and the look-ahead of the two id columns.</summary>
    private abstract class IdSink(IdMap ids) : IRowSink
    {
        protected readonly IdResolver Cache = new(ids);
        protected SpanIdCache.LastKey LastSource, LastTarget;

        public void Prepare(ParquetColumn?[] columns)
        {
            foreach (ParquetColumn? column in (ReadOnlySpan<ParquetColumn?>)[columns[Source], columns[Target]])
                if (column is { Shape: ValueShapes.Text }) column.PrepareIds(Cache.Texts);
        }

        public abstract long AddRows(ParquetRows rows, int count);
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
        Task<ParquetColumn?[]>? next = table.RowGroupCount > 0 ? ReadAndPrepare(0, 0) : null;
        try
        {
            for (int g = 0; g < table.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                ParquetColumn?[] columns = await next!;
                int count = checked((int)table.RowCount(g));
                int following = g + 1;
                long followingFirst = firstRow + count;
                next = following < table.RowGroupCount ? Task.Run(() => ReadAndPrepare(following, followingFirst), ct) : null;
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

        async Task<ParquetColumn?[]> ReadAndPrepare(int group, long groupFirstRow)
        {
            ParquetColumn?[] columns = await table.ReadGroupAsync(group, groupFirstRow, ct);
            target.Prepare(columns);
            return columns;
        }
    }

    private sealed class FollowSink(GraphBuilder builder) : IdSink(builder.Ids)
    {
        private const int Since = 2, Weight = 3;

        public override long AddRows(ParquetRows rows, int count)
        {
            ParquetColumn sources = rows.Column(Source)!, targets = rows.Column(Target)!;
            ParquetColumn? since = rows.Column(Since);
            bool integerTimes = since is null || since.Shape == ValueShapes.Integer;
            if (!builder.IsWeighted && integerTimes && sources.Shape == ValueShapes.Integer && targets.Shape == ValueShapes.Integer)
                return AddIntegerRows(rows, sources, targets, since, count);
            if (!builder.IsWeighted && integerTimes && sources.Shape == ValueShapes.Text && targets.Shape == ValueShapes.Text)
                return AddTextRows(rows, sources, targets, since, count);
            long accepted = 0;
            for (int i = 0; i < count; i++) if (AddRow(rows, i)) accepted++;
            return accepted;
        }

        /// <summary>
        /// The common shape (integer ids, integer or no times, unweighted) without the per-row dispatch: a row that is
        /// clean by the same rules (no null id, a time <see cref="RowRules.CheckTimestamp"/> accepts) is added here, any
        /// other goes to <see cref="AddRow"/>, which applies the full rules and reports.
        /// </summary>
        private long AddIntegerRows(ParquetRows rows, ParquetColumn sources, ParquetColumn targets, ParquetColumn? since, int count)
        {
            long[] source = sources.Integers, target = targets.Integers;
            long[]? at = since?.Integers;
            bool nulls = sources.HasNulls || targets.HasNulls || since is { HasNulls: true };
            long accepted = 0;
            for (int i = 0; i < count; i++)
            {
                if (nulls && (sources.IsNull(i) || targets.IsNull(i) || since is not null && since.IsNull(i))
                    || at is not null && RowRules.CheckTimestamp(at[i]) is not null)
                {
                    if (AddRow(rows, i)) accepted++;
                    continue;
                }
                builder.AddTimedEdge(Cache.Resolve(source[i], ref LastSource), Cache.Resolve(target[i], ref LastTarget), at is null ? null : at[i]);
                accepted++;
            }
            return accepted;
        }

        /// <summary>
        /// The same for text ids (after <see cref="IRowSink.Prepare"/>): each row is two entries whose ids were checked
        /// and mostly resolved ahead; an entry still unknown is resolved here, in row order, source before target, as
        /// the text reader meets them, so new ids get the nodes CSV gives them.
        /// </summary>
        private long AddTextRows(ParquetRows rows, ParquetColumn sources, ParquetColumn targets, ParquetColumn? since, int count)
        {
            int[] sourceEntry = sources.EntryOfRow, targetEntry = targets.EntryOfRow;
            int[] sourceNode = sources.NodePlusOne, targetNode = targets.NodePlusOne;
            long[]? at = since?.Integers;
            bool timeNulls = since is { HasNulls: true };
            long accepted = 0;
            for (int i = 0; i < count; i++)
            {
                int s = sourceEntry[i], t = targetEntry[i];
                int sourcePlusOne = s < 0 ? ParquetColumn.RefusedId : sourceNode[s], targetPlusOne = t < 0 ? ParquetColumn.RefusedId : targetNode[t];
                if (sourcePlusOne < 0 || targetPlusOne < 0 || timeNulls && since!.IsNull(i) || at is not null && RowRules.CheckTimestamp(at[i]) is not null)
                {
                    if (AddRow(rows, i)) accepted++;
                    continue;
                }
                int source = sourcePlusOne > 0 ? sourcePlusOne - 1 : sources.ResolveEntry(s, Cache.Texts);
                int target = targetPlusOne > 0 ? targetPlusOne - 1 : targets.ResolveEntry(t, Cache.Texts);
                builder.AddTimedEdge(source, target, at is null ? null : at[i]);
                accepted++;
            }
            return accepted;
        }

        private bool AddRow(ParquetRows rows, int i)
        {
            if (!rows.TryIds(Source, Target, i) || !rows.TryTime(Since, i, out long since)) return false;
            double weight = 1.0;
            if (builder.IsWeighted && !rows.TryWeight(Weight, i, out weight)) return false;
            // The follow time is kept as the text reader keeps it (DirectedGraph.InSince).
            builder.AddTimedEdge(rows.Resolve(Source, i, Cache, ref LastSource), rows.Resolve(Target, i, Cache, ref LastTarget),
                since == InteractionLog.NoTimestamp ? null : since, weight);
            return true;
        }
    }

    private sealed class InteractionSink(InteractionLog log, IdMap ids) : IdSink(ids)
    {
        private const int Kind = 2, Timestamp = 3, Weight = 4, Stance = 5;

        public override long AddRows(ParquetRows rows, int count)
        {
            long accepted = 0;
            for (int i = 0; i < count; i++)
            {
                if (!rows.TryIds(Source, Target, i) || !rows.TryKind(Kind, i, out InteractionKind kind) || !rows.TryTime(Timestamp, i, out long at)
                    || !rows.TryWeight(Weight, i, out double weight) || !rows.TryStance(Stance, i, out double stance)) continue;
                log.Add(rows.Resolve(Source, i, Cache, ref LastSource), rows.Resolve(Target, i, Cache, ref LastTarget), kind, at, weight, stance);
                accepted++;
            }
            return accepted;
        }
    }
}
