using Parquet;
using Parquet.Schema;

namespace Influence.Parquet;

/// <summary>The type of a column a table writer writes.</summary>
public enum TypedColumnKind { Text, Integer, Real, Boolean }

/// <summary>
/// One column of a table written by <see cref="ParquetTableWriter"/>: its name, its type, and the value of row i
/// (reals: NaN is written as null; texts: null is written as null when <see cref="Nullable"/>).
/// </summary>
public sealed record TypedColumn
{
    private TypedColumn(string name, TypedColumnKind kind) { Name = name; Kind = kind; }

    public string Name { get; }
    public TypedColumnKind Kind { get; }
    public bool Nullable { get; private init; }
    /// <summary>Value of row i of a <see cref="TypedColumnKind.Text"/> column (other writers, e.g. CSV, read the same description).
    /// May be called from several threads at once: text cells (the accounts' reasons) are built in parallel.</summary>
    public Func<int, string?>? TextOf { get; private init; }
    public Func<int, long>? IntegerOf { get; private init; }
    /// <summary>Value of row i of a nullable integer column (<see cref="Nullable"/> integers).</summary>
    public Func<int, long?>? NullableIntegerOf { get; private init; }
    public Func<int, double>? RealOf { get; private init; }
    public Func<int, bool>? BooleanOf { get; private init; }

    public static TypedColumn Text(string name, Func<int, string?> value, bool nullable = false) =>
        new(name, TypedColumnKind.Text) { TextOf = value, Nullable = nullable };
    public static TypedColumn Integer(string name, Func<int, long> value) => new(name, TypedColumnKind.Integer) { IntegerOf = value };
    public static TypedColumn NullableInteger(string name, Func<int, long?> value) =>
        new(name, TypedColumnKind.Integer) { NullableIntegerOf = value, Nullable = true };
    public static TypedColumn Real(string name, Func<int, double> value) => new(name, TypedColumnKind.Real) { RealOf = value, Nullable = true };
    public static TypedColumn Boolean(string name, Func<int, bool> value) => new(name, TypedColumnKind.Boolean) { BooleanOf = value };

    internal DataField Field() => Kind switch
    {
        TypedColumnKind.Integer => Nullable ? new DataField<long?>(Name) : new DataField<long>(Name, nullable: false),
        TypedColumnKind.Real => new DataField<double?>(Name),
        TypedColumnKind.Boolean => new DataField<bool>(Name, nullable: false),
        _ => new DataField<string>(Name, nullable: Nullable),
    };
}

/// <summary>
/// Writes a table described by <see cref="TypedColumn"/>s as Parquet, in row groups, handing each finished group to the
/// output asynchronously (<see cref="RowGroupBuffer"/>): the one writer behind every Parquet table Influence writes.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>Rows per row group (readers parallelise and skip by row group; 256 Ki rows keep a group's columns at tens of MB).</summary>
    public const int RowGroupSize = 1 << 18;

    /// <summary>
    /// Dictionary encoding is decided on a sample: the library otherwise hashes every value of a text column to find it
    /// unique (the reasons column: ~1.7 KB per account), which cost more than encoding it.
    /// </summary>
    private static readonly ParquetOptions s_options = new() { DictionaryEncodingSampleSize = 4096 };

    /// <summary>The Parquet schema of <paramref name="columns"/>.</summary>
    public static ParquetSchema Schema(IReadOnlyList<TypedColumn> columns) => new([.. columns.Select(c => c.Field())]);

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="columns"/> to <paramref name="output"/> (left open; need not be seekable).</summary>
    public static async Task WriteAsync(Stream output, int rows, IReadOnlyList<TypedColumn> columns, int rowGroupSize = RowGroupSize,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        ParquetSchema schema = Schema(columns);
        DataField[] fields = schema.GetDataFields();
        var buffer = new RowGroupBuffer(output);
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(schema, buffer, s_options, cancellationToken: cancellationToken))
        {
            // An empty table still gets one (empty) row group, so every reader sees the columns' types.
            for (int start = 0; start < rows || start == 0; start += rowGroupSize)
            {
                int count = Math.Min(rowGroupSize, rows - start);
                using (ParquetRowGroupWriter group = writer.CreateRowGroup())
                {
                    for (int c = 0; c < columns.Count; c++) await WriteColumnAsync(group, fields[c], columns[c], start, count, cancellationToken);
                    group.CompleteValidate();
                }
                await buffer.DrainAsync(cancellationToken);
                progress?.Report(rows == 0 ? 1 : (double)(start + count) / rows);
                if (count == 0) break;
            }
        }
        await buffer.DrainAsync(cancellationToken); // the footer
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, TypedColumn column, int start, int count, CancellationToken ct)
    {
        switch (column.Kind)
        {
            case TypedColumnKind.Integer when column.NullableIntegerOf is { } nullable:
                var maybe = new long?[count];
                for (int i = 0; i < count; i++) maybe[i] = nullable(start + i);
                await group.WriteAsync<long>(field, maybe, null, null, ct);
                break;
            case TypedColumnKind.Integer:
                var integers = new long[count];
                for (int i = 0; i < count; i++) integers[i] = column.IntegerOf!(start + i);
                await group.WriteAsync<long>(field, integers, null, null, ct);
                break;
            case TypedColumnKind.Real:
                var reals = new double?[count];
                for (int i = 0; i < count; i++) reals[i] = column.RealOf!(start + i) is var v && double.IsNaN(v) ? null : v;
                await group.WriteAsync<double>(field, reals, null, null, ct);
                break;
            case TypedColumnKind.Boolean:
                var flags = new bool[count];
                for (int i = 0; i < count; i++) flags[i] = column.BooleanOf!(start + i);
                await group.WriteAsync<bool>(field, flags, null, null, ct);
                break;
            default:
                var texts = new string?[count];
                Func<int, string?> text = column.TextOf!;
                if (count < 4096) for (int i = 0; i < count; i++) texts[i] = text(start + i);
                else Parallel.For(0, count, i => texts[i] = text(start + i));
                await group.WriteAsync(field, texts);
                break;
        }
    }
}
