using System.Buffers;
using Influence.Core.IO;
using Influence.Parquet.Pages;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Influence.Parquet;

/// <summary>
/// One Parquet input opened for a reader: its columns mapped to the reader's logical columns by name (the same names
/// and aliases as the CSV header, <see cref="ColumnSpec"/>), and its row groups read one at a time. Every problem is an
/// <see cref="InputFormatException"/> naming the file and, where it applies, the row group and column.
/// </summary>
internal sealed class ParquetTable : IAsyncDisposable
{
    private readonly ParquetReader _reader;
    private readonly Stream _stream;
    private readonly DataField?[] _fields;

    private ParquetTable(ParquetReader reader, Stream stream, string fileName, DataField?[] fields)
    {
        _reader = reader;
        _stream = stream;
        File = fileName;
        _fields = fields;
        for (int g = 0; g < reader.RowGroupCount; g++) TotalRows += reader.RowGroups[g].RowCount;
    }

    public string File { get; }

    public int RowGroupCount => _reader.RowGroupCount;

    public long TotalRows { get; }

    /// <summary>True when logical column <paramref name="spec"/> is in the file.</summary>
    public bool Has(int spec) => _fields[spec] is not null;

    /// <summary>The column's name as the file spells it.</summary>
    public string? ColumnName(int spec) => _fields[spec]?.Name;

    /// <summary>
    /// Opens <paramref name="stream"/> (seekable, left open) and maps <paramref name="columns"/>: a missing required column,
    /// or a column whose values are not of a shape in <paramref name="shapes"/>, fails the whole file.
    /// </summary>
    public static async Task<ParquetTable> OpenAsync(Stream stream, string fileName, ColumnSpec[] columns, ValueShapes[] shapes, CancellationToken ct)
    {
        if (!stream.CanSeek) throw Fatal(fileName, null, "a Parquet file must be read from a seekable stream (its footer is at the end)");
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Fatal(fileName, null, $"not a readable Parquet file (truncated, or its footer is damaged): {ex.Message}");
        }
        try
        {
            return new ParquetTable(reader, stream, fileName, MapColumns(reader.Schema, fileName, columns, shapes));
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    private static DataField?[] MapColumns(ParquetSchema schema, string fileName, ColumnSpec[] columns, ValueShapes[] shapes)
    {
        var fields = new DataField?[columns.Length];
        List<string>? missing = null;
        for (int spec = 0; spec < columns.Length; spec++)
        {
            Field? found = null;
            foreach (string candidate in columns[spec].Names)
            {
                found = schema.Fields.FirstOrDefault(f => string.Equals(f.Name, candidate, StringComparison.OrdinalIgnoreCase));
                if (found is not null) break;
            }
            if (found is null)
            {
                if (columns[spec].Required) (missing ??= []).Add($"'{columns[spec].Name}' (may be named {string.Join(" / ", columns[spec].Names)})");
                continue;
            }
            if (found is not DataField field || ParquetColumn.ShapeOf(field) is var shape && (shape & shapes[spec]) == 0)
                throw Fatal(fileName, found.Name, $"column '{found.Name}' holds {Describe(found)}; the {columns[spec].Name} column takes {ParquetColumn.Names(shapes[spec])}");
            fields[spec] = field;
        }
        if (missing is not null)
        {
            string present = string.Join(", ", schema.Fields.Take(20).Select(f => $"{f.Name} ({Describe(f)})"));
            throw Fatal(fileName, null, $"no column {string.Join(", ", missing)} (the file has: {present})");
        }
        return fields;
    }

    private static string Describe(Field field) => field is DataField { IsArray: false } d
        ? d.ClrType == typeof(ReadOnlyMemory<char>) ? "strings" : d.ClrType.Name + " values"
        : $"nested {field.SchemaType} values";

    /// <summary>Rows in row group <paramref name="group"/> (0-based).</summary>
    public long RowCount(int group) => _reader.RowGroups[group].RowCount;

    /// <summary>
    /// Reads the mapped columns of row group <paramref name="group"/> (absent columns are null): by the page decoder
    /// (<see cref="ColumnChunkDecoder"/>) when it takes the column, else by Parquet.Net's typed reader. One call at a time:
    /// both read the stream.
    /// </summary>
    public async Task<ParquetColumn?[]> ReadGroupAsync(int group, long firstRow, CancellationToken ct)
    {
        ParquetRowGroupReader reader = _reader.RowGroups[group];
        int rows = checked((int)reader.RowCount);
        var columns = new ParquetColumn?[_fields.Length];
        for (int spec = 0; spec < _fields.Length; spec++)
        {
            if (_fields[spec] is not { } field) continue;
            try
            {
                ColumnMetaData? meta = reader.GetMetadata(field)?.MetaData;
                columns[spec] = meta is not null && ColumnChunkDecoder.Takes(field, meta) ? DecodeChunk(meta, field, rows) : null;
                columns[spec] ??= await ParquetColumn.ReadAsync(reader, field, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InputFormatException(new RecordError(File, firstRow + 1, field.Name,
                    $"corrupt or unreadable data in row group {group + 1} of {RowGroupCount}: {ex.Message}") { RowGroup = (group + 1, 1) });
            }
        }
        return columns;
    }

    /// <summary>The column chunk's bytes read in one piece and decoded; null when a page turns out to need Parquet.Net's reader.</summary>
    private ParquetColumn? DecodeChunk(ColumnMetaData meta, DataField field, int rows)
    {
        long start = meta.DictionaryPageOffset is > 0 and var d && d < meta.DataPageOffset ? d : meta.DataPageOffset;
        long length = meta.TotalCompressedSize;
        if (start < 0 || length < 0 || length > int.MaxValue || start + length > _stream.Length)
            throw new InvalidDataException($"column chunk at bytes {start:N0}..{start + length:N0} lies outside the file of {_stream.Length:N0} bytes (truncated?)");
        byte[] bytes = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            _stream.Position = start;
            _stream.ReadExactly(bytes, 0, (int)length);
            return ColumnChunkDecoder.Decode(bytes, (int)length, meta, field.MaxDefinitionLevel, rows);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static InputFormatException Fatal(string fileName, string? column, string reason) =>
        new(new RecordError(fileName, 0, column, reason));

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
