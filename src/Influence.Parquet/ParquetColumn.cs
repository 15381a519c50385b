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
/// One column of one row group, decoded into flat arrays of its shape plus a null mask: numbers as <c>long[]</c> /
/// <c>double[]</c>, texts as <em>entries</em> (distinct character ranges in one buffer) and the entry of each row. A
/// dictionary-encoded column keeps its dictionary as the entries, so a repeated id is decoded, checked and resolved once
/// per row group (<see cref="IdReason"/>, <see cref="ResolveId"/>), not once per row. The row rules are applied by the
/// readers on these values, never here.
/// </summary>
internal sealed class ParquetColumn
{
    private readonly bool[]? _nulls;
    // Texts: row → entry (-1: null); entry → [start, start + length) of _chars.
    private readonly TextEntries? _texts;
    private readonly int[] _entryOfRow = [];
    private readonly char[] _chars = [];
    private readonly int[] _entryStart = [], _entryLength = [];
    // Per entry: the id's verdict (0 unchecked, 1 valid, 2 refused) and node + 1 (0: not yet known). Filled ahead by
    // PrepareIds on the decoding thread; afterwards touched only by the thread adding the rows.
    private byte[]? _idState;
    private int[]? _nodePlusOne;
    private string?[]? _strings;

    private ParquetColumn(ValueShapes shape, bool[]? nulls)
    {
        Shape = shape;
        _nulls = nulls;
    }

    public ValueShapes Shape { get; }

    public long[] Integers { get; private init; } = [];
    public double[] Reals { get; private init; } = [];
    public DateTime[] Times { get; private init; } = [];

    public static ParquetColumn OfIntegers(long[] values, bool[]? nulls) => new(ValueShapes.Integer, nulls) { Integers = values };
    public static ParquetColumn OfReals(double[] values, bool[]? nulls) => new(ValueShapes.Real, nulls) { Reals = values };
    public static ParquetColumn OfTimes(DateTime[] values, bool[]? nulls) => new(ValueShapes.Time, nulls) { Times = values };

    private ParquetColumn(TextEntries texts) : this(ValueShapes.Text, null)
    {
        _texts = texts;
        _entryOfRow = texts.EntryOfRow;
        _chars = texts.Chars;
        _entryStart = texts.Start;
        _entryLength = texts.Length;
    }

    public static ParquetColumn OfTexts(TextEntries texts) => new(texts);

    /// <summary>True when some row is null (texts: not tracked, always true).</summary>
    public bool HasNulls => Shape == ValueShapes.Text || _nulls is not null;

    public bool IsNull(int row) => Shape == ValueShapes.Text ? _entryOfRow[row] < 0 : _nulls is not null && _nulls[row];

    /// <summary>The text at <paramref name="row"/> (empty for null). Only for <see cref="ValueShapes.Text"/> columns.</summary>
    public ReadOnlySpan<char> Text(int row)
    {
        int entry = _entryOfRow[row];
        return entry < 0 ? default : new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry]);
    }

    /// <summary>Why the text id at <paramref name="row"/> is refused (<see cref="RowRules.CheckId"/>), or null; checked once per entry.</summary>
    public string? IdReason(int row)
    {
        int entry = _entryOfRow[row];
        if (entry < 0) return RowRules.CheckId(default);
        _idState ??= new byte[_entryStart.Length];
        if (_idState[entry] == Valid) return null;
        string? reason = RowRules.CheckId(new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry]));
        _idState[entry] = reason is null ? Valid : Refused;
        return reason;
    }

    private const byte Valid = 1, Refused = 2;

    /// <summary>
    /// Checks every entry of a text id column and looks each valid one up in <paramref name="table"/> (without adding):
    /// the decoding thread does this for the next row group while the rows of this one are added, so adding mostly finds
    /// nodes already known. Call before any row of the column is resolved.
    /// </summary>
    public void PrepareIds(Utf8IdTable table)
    {
        TextEntries texts = _texts!;
        int count = texts.Count;
        byte[] state = _idState = new byte[Math.Max(count, 1)];
        int[] nodes = _nodePlusOne = new int[Math.Max(count, 1)];
        for (int entry = 0; entry < count; entry++)
        {
            if (RowRules.CheckId(new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry])) is not null)
            {
                state[entry] = Refused;
                nodes[entry] = RefusedId;
                continue;
            }
            state[entry] = Valid;
            nodes[entry] = table.TryGet(texts.Utf8(entry)) + 1;
        }
    }

    /// <summary>In <see cref="NodePlusOne"/> after <see cref="PrepareIds"/>: the entry is not a valid id.</summary>
    public const int RefusedId = -1;

    /// <summary>Row → entry (-1: null) of a text column.</summary>
    public int[] EntryOfRow => _entryOfRow;

    /// <summary>
    /// Per entry after <see cref="PrepareIds"/>: node + 1 where known, 0 where still to resolve (<see cref="ResolveEntry"/>),
    /// <see cref="RefusedId"/> for an invalid id (the row goes to the full rules, which report it).
    /// </summary>
    public int[] NodePlusOne => _nodePlusOne!;

    /// <summary>The node of the (checked) text id at <paramref name="row"/>, resolved through <paramref name="table"/> once per entry.</summary>
    public int ResolveId(int row, Utf8IdTable table)
    {
        int entry = _entryOfRow[row];
        _nodePlusOne ??= new int[_entryStart.Length];
        int known = _nodePlusOne[entry];
        return known != 0 ? known - 1 : ResolveEntry(entry, table);
    }

    /// <summary>The node of (checked) entry <paramref name="entry"/>, added to the table (and the id map) when new.</summary>
    public int ResolveEntry(int entry, Utf8IdTable table)
    {
        int node = table.GetOrAdd(_texts!.Utf8(entry), new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry]));
        _nodePlusOne![entry] = node + 1;
        return node;
    }

    /// <summary>The text at <paramref name="row"/> as a string, made once per entry (records repeat a dictionary's ids).</summary>
    public string String(int row)
    {
        int entry = _entryOfRow[row];
        if (entry < 0) return "";
        _strings ??= new string?[_entryStart.Length];
        return _strings[entry] ??= new string(_chars, _entryStart[entry], _entryLength[entry]);
    }

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

    /// <summary>
    /// Reads <paramref name="field"/> of one row group through Parquet.Net's typed reader: the path for what the page
    /// decoder (<see cref="Pages.ColumnChunkDecoder"/>) does not take (timestamps, dates, unsigned 32-bit, other encodings).
    /// </summary>
    public static async Task<ParquetColumn> ReadAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        int rows = checked((int)group.RowCount);
        Type t = field.ClrType;
        switch (ShapeOf(field))
        {
            case ValueShapes.Text:
                var texts = new ReadOnlyMemory<char>?[rows];
                await group.ReadAsync<ReadOnlyMemory<char>>(field, texts, null, ct);
                var entries = new TextEntries(rows, 0);
                for (int row = 0; row < rows; row++)
                    if (texts[row] is { } text) entries.SetRow(row, entries.Add(text.Span));
                return OfTexts(entries);
            case ValueShapes.Integer:
                return Widen(await ReadIntegers(group, field, rows, ct), v => v, OfIntegers);
            case ValueShapes.Real:
                return t == typeof(double)
                    ? Widen(await Read<double>(group, field, rows, ct), v => v, OfReals)
                    : Widen(await Read<float>(group, field, rows, ct), v => (double)v, OfReals);
            case ValueShapes.Time:
                return Widen(await ReadTimes(group, field, rows, ct), v => v, OfTimes);
            default:
                throw new NotSupportedException($"column '{field.Name}' of type {t.Name}");
        }
    }

    private static ParquetColumn Widen<T, TOut>(T?[] values, Func<T, TOut> convert, Func<TOut[], bool[]?, ParquetColumn> make) where T : struct
    {
        var result = new TOut[values.Length];
        bool[]? nulls = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v) result[i] = convert(v);
            else (nulls ??= new bool[values.Length])[i] = true;
        }
        return make(result, nulls);
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
            ValueShapes.Integer => Integers[row].ToString(CultureInfo.InvariantCulture),
            ValueShapes.Real => Reals[row].ToString("R", CultureInfo.InvariantCulture),
            _ => Times[row].ToString("O", CultureInfo.InvariantCulture),
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
