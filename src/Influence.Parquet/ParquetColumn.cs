using System.Globalization;
using System.Text;
using Influence.Core.IO;
using Parquet;
using Parquet.Schema;

namespace Influence.Parquet;

/// <summary>What a logical column accepts from a Parquet file: the physical shapes its values may come in.</summary>
[Flags]
internal enum ValueShapes
{
    None = 0,
    /// <summary>UTF-8 strings (BYTE_ARRAY / STRING).</summary>
    Text = 1,
    /// <summary>INT32 / INT64 (and the smaller integer types).</summary>
    Integer = 2,
    /// <summary>FLOAT / DOUBLE.</summary>
    Real = 4,
    /// <summary>Parquet timestamps and dates (INT64 TIMESTAMP, INT96, DATE).</summary>
    Time = 8,
}

/// <summary>
/// One column of one row group, decoded into the array of its shape (nulls kept). The row rules are applied by the
/// readers on these values, never here: this only turns Parquet's physical values into spans and numbers.
/// </summary>
internal sealed class ParquetColumn
{
    private ParquetColumn(ValueShapes shape) => Shape = shape;

    public ValueShapes Shape { get; }

    public ReadOnlyMemory<char>?[] Texts { get; private init; } = [];
    public long?[] Integers { get; private init; } = [];
    public double?[] Reals { get; private init; } = [];
    public DateTime?[] Times { get; private init; } = [];

    public bool IsNull(int row) => Shape switch
    {
        ValueShapes.Text => Texts[row] is null,
        ValueShapes.Integer => Integers[row] is null,
        ValueShapes.Real => Reals[row] is null,
        _ => Times[row] is null,
    };

    /// <summary>The text at <paramref name="row"/> (empty for null). Only for <see cref="ValueShapes.Text"/> columns.</summary>
    public ReadOnlySpan<char> Text(int row) => Texts[row] is { } text ? text.Span : default;

    /// <summary>The shape a Parquet field's values come in, or <see cref="ValueShapes.None"/> when this reader cannot take it.</summary>
    public static ValueShapes ShapeOf(DataField field)
    {
        if (field.IsArray) return ValueShapes.None;
        Type t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return ValueShapes.Text;
        if (t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint))
            return ValueShapes.Integer;
        if (t == typeof(double) || t == typeof(float)) return ValueShapes.Real;
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly)) return ValueShapes.Time;
        return ValueShapes.None;
    }

    /// <summary>Reads <paramref name="field"/> of one row group.</summary>
    public static async Task<ParquetColumn> ReadAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        int rows = checked((int)group.RowCount);
        Type t = field.ClrType;
        switch (ShapeOf(field))
        {
            case ValueShapes.Text:
                var texts = new ReadOnlyMemory<char>?[rows];
                await group.ReadAsync<ReadOnlyMemory<char>>(field, texts, null, ct);
                return new ParquetColumn(ValueShapes.Text) { Texts = texts };
            case ValueShapes.Integer:
                return new ParquetColumn(ValueShapes.Integer) { Integers = await ReadIntegers(group, field, rows, ct) };
            case ValueShapes.Real:
                return new ParquetColumn(ValueShapes.Real)
                {
                    Reals = t == typeof(double) ? await Read<double>(group, field, rows, ct) : Array.ConvertAll(await Read<float>(group, field, rows, ct), v => (double?)v),
                };
            case ValueShapes.Time:
                return new ParquetColumn(ValueShapes.Time) { Times = await ReadTimes(group, field, rows, ct) };
            default:
                throw new NotSupportedException($"column '{field.Name}' of type {t.Name}");
        }
    }

    private static async Task<T?[]> Read<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct) where T : struct
    {
        var values = new T?[rows];
        await group.ReadAsync<T>(field, values, null, ct);
        return values;
    }

    /// <summary>Every integer type, widened to long (all fit).</summary>
    private static async Task<long?[]> ReadIntegers(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct)
    {
        Type t = field.ClrType;
        if (t == typeof(long)) return await Read<long>(group, field, rows, ct);
        if (t == typeof(int)) return Array.ConvertAll(await Read<int>(group, field, rows, ct), v => (long?)v);
        if (t == typeof(uint)) return Array.ConvertAll(await Read<uint>(group, field, rows, ct), v => (long?)v);
        if (t == typeof(short)) return Array.ConvertAll(await Read<short>(group, field, rows, ct), v => (long?)v);
        if (t == typeof(ushort)) return Array.ConvertAll(await Read<ushort>(group, field, rows, ct), v => (long?)v);
        if (t == typeof(sbyte)) return Array.ConvertAll(await Read<sbyte>(group, field, rows, ct), v => (long?)v);
        return Array.ConvertAll(await Read<byte>(group, field, rows, ct), v => (long?)v);
    }

    private static async Task<DateTime?[]> ReadTimes(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct)
    {
        Type t = field.ClrType;
        if (t == typeof(DateTime)) return await Read<DateTime>(group, field, rows, ct);
        if (t == typeof(DateTimeOffset)) return Array.ConvertAll(await Read<DateTimeOffset>(group, field, rows, ct), v => v?.UtcDateTime);
        return Array.ConvertAll(await Read<DateOnly>(group, field, rows, ct), v => v?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    /// <summary>The value at <paramref name="row"/> as a short text for error messages (null as <c>null</c>).</summary>
    public string Describe(int row)
    {
        if (IsNull(row)) return "null";
        return Shape switch
        {
            ValueShapes.Text => RowRules.Quote(Text(row)),
            ValueShapes.Integer => Integers[row]!.Value.ToString(CultureInfo.InvariantCulture),
            ValueShapes.Real => Reals[row]!.Value.ToString("R", CultureInfo.InvariantCulture),
            _ => Times[row]!.Value.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Name of a shape set for messages (e.g. "strings or integers").</summary>
    public static string Names(ValueShapes shapes)
    {
        var names = new List<string>();
        if (shapes.HasFlag(ValueShapes.Text)) names.Add("strings");
        if (shapes.HasFlag(ValueShapes.Integer)) names.Add("integers");
        if (shapes.HasFlag(ValueShapes.Real)) names.Add("floating-point numbers");
        if (shapes.HasFlag(ValueShapes.Time)) names.Add("timestamps");
        var sb = new StringBuilder();
        for (int i = 0; i < names.Count; i++)
            sb.Append(i == 0 ? "" : i == names.Count - 1 ? " or " : ", ").Append(names[i]);
        return sb.ToString();
    }
}
