using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Parquet;

/// <summary>
/// Parquet rows as the text readers' records, for code that stores records rather than building a graph (the store
/// importer, the API ingest): the same columns (<see cref="FollowReader.Columns"/>, <see cref="InteractionReader.Columns"/>),
/// the same rules through <see cref="ParquetRows"/> and the same errors as <see cref="ParquetInput"/>. Lazy: a row group
/// is decoded when its first row is asked for; a file-level problem (not Parquet, truncated, a missing column) throws on
/// the first one.
/// </summary>
public sealed class ParquetRecords : IBinaryRowFormat
{
    private const int Source = 0, Target = 1, Time = 2;

    public static ParquetRecords Instance { get; } = new();

    private ParquetRecords() { }

    public InputFormat Format => InputFormat.Parquet;

    public bool Matches(Stream stream, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return options.Format == InputFormat.Parquet || (options.Format == InputFormat.Auto && InputStreams.IsParquet(stream));
    }

    public IEnumerable<FollowRecord> ReadFollows(Stream stream, string name, ReadOptions options) =>
        Read(stream, name, options, FollowReader.Columns(options), ParquetInput.FollowShapes, static (ParquetRows rows, int i, out FollowRecord record) =>
        {
            bool ok = TryFollow(rows, i, out string source, out string target, out long? since);
            record = ok ? new FollowRecord(source, target, since) : default;
            return ok;
        });

    public IEnumerable<UnfollowRecord> ReadUnfollows(Stream stream, string name, ReadOptions options) =>
        Read(stream, name, options, FollowReader.Columns(options, unfollows: true), ParquetInput.FollowShapes, static (ParquetRows rows, int i, out UnfollowRecord record) =>
        {
            bool ok = TryFollow(rows, i, out string source, out string target, out long? at);
            record = ok ? new UnfollowRecord(source, target, at) : default;
            return ok;
        });

    public IEnumerable<InteractionRecord> ReadInteractions(Stream stream, string name, ReadOptions options) =>
        Read(stream, name, options, InteractionReader.Columns(options), ParquetInput.InteractionShapes, static (ParquetRows rows, int i, out InteractionRecord record) =>
        {
            const int Kind = 2, Timestamp = 3, Weight = 4, Stance = 5;
            record = default;
            if (!rows.TryIds(Source, Target, i) || !rows.TryKind(Kind, i, out InteractionKind kind) || !rows.TryTime(Timestamp, i, out long at)
                || !rows.TryWeight(Weight, i, out double weight) || !rows.TryStance(Stance, i, out double stance)) return false;
            record = new InteractionRecord(rows.IdText(Source, i), rows.IdText(Target, i), kind, at == InteractionLog.NoTimestamp ? null : at,
                weight, double.IsNaN(stance) ? null : stance);
            return true;
        });

    private static bool TryFollow(ParquetRows rows, int i, out string source, out string target, out long? time)
    {
        source = target = "";
        time = null;
        if (!rows.TryIds(Source, Target, i) || !rows.TryTime(Time, i, out long at)) return false;
        source = rows.IdText(Source, i);
        target = rows.IdText(Target, i);
        time = at == InteractionLog.NoTimestamp ? null : at;
        return true;
    }

    private delegate bool RowConverter<T>(ParquetRows rows, int row, out T record);

    private static IEnumerable<T> Read<T>(Stream stream, string name, ReadOptions options, ColumnSpec[] specs, ValueShapes[] shapes, RowConverter<T> convert)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Rows(stream, name, options, specs, shapes, convert);
    }

    private static IEnumerable<T> Rows<T>(Stream stream, string name, ReadOptions options, ColumnSpec[] specs, ValueShapes[] shapes, RowConverter<T> convert)
    {
        ParquetTable table = ParquetTable.OpenAsync(stream, name, specs, shapes, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            var rows = new ParquetRows(table, specs, options);
            long firstRow = 0;
            for (int g = 0; g < table.RowGroupCount; g++)
            {
                int count = checked((int)table.RowCount(g));
                rows.Start(table.ReadGroupAsync(g, firstRow, CancellationToken.None).GetAwaiter().GetResult(), g, firstRow);
                for (int i = 0; i < count; i++)
                    if (convert(rows, i, out T record)) yield return record;
                firstRow += count;
            }
        }
        finally
        {
            table.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
