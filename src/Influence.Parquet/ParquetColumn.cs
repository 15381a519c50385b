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
    private readonly int[] _entryOfRow = [];
    private readonly char[] _chars = [];
    private readonly int[] _entryStart = [], _entryLength = [];
    // Per entry, touched only by the thread adding the rows: the checked id's verdict (0 unchecked, 1 valid) and node + 1.
    private byte[]? _idValid;
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
        _idValid ??= new byte[_entryStart.Length];
        if (_idValid[entry] != 0) return null;
        string? reason = RowRules.CheckId(new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry]));
        if (reason is null) _idValid[entry] = 1;
        return reason;
    }

    /// <summary>The node of the (checked) text id at <paramref name="row"/>, resolved through <paramref name="cache"/> once per entry.</summary>
    public int ResolveId(int row, SpanIdCache cache, ref SpanIdCache.LastKey last)
    {
        int entry = _entryOfRow[row];
        _nodePlusOne ??= new int[_entryStart.Length];
        int known = _nodePlusOne[entry];
        if (known != 0) return known - 1;
        int node = cache.GetOrAdd(new ReadOnlySpan<char>(_chars, _entryStart[entry], _entryLength[entry]), ref last);
        _nodePlusOne[entry] = node + 1;
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

/// <summary>
/// The texts of one column chunk as they are decoded: distinct entries (a dictionary page's values, or each plain
/// value) appended to one char buffer, and the entry of each row (-1 for null). Grows by doubling; no per-value object.
/// </summary>
internal sealed class TextEntries(int rows, int expectedChars)
{
    public int[] EntryOfRow { get; } = CreateRows(rows);
    public char[] Chars { get; private set; } = new char[Math.Max(expectedChars, 16)];
    public int[] Start { get; private set; } = new int[16];
    public int[] Length { get; private set; } = new int[16];
    public int Count { get; private set; }
    private int _used;

    private static int[] CreateRows(int rows)
    {
        var entries = new int[rows];
        Array.Fill(entries, -1);
        return entries;
    }

    /// <summary>Adds an entry from UTF-8 bytes (invalid sequences become <see cref="RowRules.InvalidUtf8Marker"/>, as in text files).</summary>
    public int Add(ReadOnlySpan<byte> utf8)
    {
        EnsureChars(utf8.Length); // UTF-8 never decodes to more UTF-16 units than it has bytes
        int written = RowRules.Utf8WithMarker.GetChars(utf8, Chars.AsSpan(_used));
        return Append(written);
    }

    public int Add(ReadOnlySpan<char> text)
    {
        EnsureChars(text.Length);
        text.CopyTo(Chars.AsSpan(_used));
        return Append(text.Length);
    }

    public void SetRow(int row, int entry) => EntryOfRow[row] = entry;

    private int Append(int length)
    {
        if (Count == Start.Length)
        {
            Start = Grow(Start);
            Length = Grow(Length);
        }
        Start[Count] = _used;
        Length[Count] = length;
        _used += length;
        return Count++;
    }

    private void EnsureChars(int more)
    {
        if ((long)_used + more <= Chars.Length) return;
        long size = Math.Max((long)_used + more, (long)Chars.Length * 2);
        if (size > Array.MaxLength) throw new InvalidDataException("text column chunk holds more than 2^31 characters");
        char[] larger = new char[size];
        Chars.AsSpan(0, _used).CopyTo(larger);
        Chars = larger;
    }

    private static int[] Grow(int[] array)
    {
        var larger = new int[array.Length * 2];
        array.CopyTo(larger, 0);
        return larger;
    }
}
