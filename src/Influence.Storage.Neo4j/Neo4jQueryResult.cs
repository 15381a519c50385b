using System.Text.Json;

namespace Influence.Storage.Neo4j;

/// <summary>
/// The parsed answer to one statement: column names, rows (views over one pooled
/// <see cref="JsonDocument"/>, valid until disposed), counters and bookmarks.
/// </summary>
public sealed class Neo4jQueryResult : IDisposable
{
    private readonly JsonDocument? _document;
    private readonly JsonElement _values;
    private readonly Dictionary<string, int> _fieldIndex;

    internal Neo4jQueryResult(JsonDocument? document, string[] fields, JsonElement values, int rowCount,
        Neo4jCounters counters, string[] bookmarks, Neo4jTransactionInfo? transaction)
    {
        _document = document;
        Fields = fields;
        _values = values;
        RowCount = rowCount;
        Counters = counters;
        Bookmarks = bookmarks;
        Transaction = transaction;
        _fieldIndex = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (int i = 0; i < fields.Length; i++) _fieldIndex[fields[i]] = i;
    }

    /// <summary>Column names (<c>data.fields</c>).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Number of rows in <c>data.values</c>.</summary>
    public int RowCount { get; }

    public Neo4jCounters Counters { get; }

    public IReadOnlyList<string> Bookmarks { get; }

    /// <summary>Present on explicit-transaction responses.</summary>
    public Neo4jTransactionInfo? Transaction { get; }

    /// <summary>Row <paramref name="index"/>. Costs O(index) (a JSON array of arrays has no row index): loop with <see cref="Rows"/>.</summary>
    public Neo4jRow Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RowCount);
        return Checked(_values[index], index);
    }

    /// <summary>Rows in order, in one pass over the document.</summary>
    public IEnumerable<Neo4jRow> Rows
    {
        get
        {
            if (RowCount == 0) yield break;
            int index = 0;
            foreach (var row in _values.EnumerateArray()) yield return Checked(row, index++);
        }
    }

    private Neo4jRow Checked(JsonElement row, int index)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != Fields.Count)
            throw new InvalidDataException(
                $"Neo4j returned row {index} as {(row.ValueKind == JsonValueKind.Array ? $"{row.GetArrayLength()} values" : row.ValueKind.ToString())} for {Fields.Count} fields ({string.Join(", ", Fields)}).");
        return new Neo4jRow(this, row);
    }

    /// <summary>The one value of a single-row, single-column result (e.g. <c>RETURN count(*) AS n</c>).</summary>
    public Neo4jRow Single()
    {
        if (RowCount != 1) throw new InvalidOperationException($"Expected exactly one row from Neo4j, got {RowCount}.");
        return Row(0);
    }

    internal bool HasField(string field) => _fieldIndex.ContainsKey(field);

    internal int FieldIndex(string field) => _fieldIndex.TryGetValue(field, out int i)
        ? i
        : throw new KeyNotFoundException($"Neo4j returned no column '{field}' (columns: {string.Join(", ", Fields)}).");

    public void Dispose() => _document?.Dispose();
}

/// <summary>One row of a <see cref="Neo4jQueryResult"/>, read by column name or position.</summary>
public readonly struct Neo4jRow
{
    private readonly Neo4jQueryResult _result;
    private readonly JsonElement _row;

    internal Neo4jRow(Neo4jQueryResult result, JsonElement row)
    {
        _result = result;
        _row = row;
    }

    /// <summary>Raw value of column <paramref name="field"/>.</summary>
    public JsonElement this[string field] => _row[_result.FieldIndex(field)];

    /// <summary>Raw value of column <paramref name="index"/>.</summary>
    public JsonElement this[int index] => _row[index];

    /// <summary>True when the result has a column named <paramref name="field"/>.</summary>
    public bool HasField(string field) => _result.HasField(field);

    public bool IsNull(string field) => this[field].ValueKind == JsonValueKind.Null;

    public string? GetString(string field) => AsString(this[field]);

    public long GetInt64(string field) => AsInt64(this[field]);

    /// <summary>Null reads as NaN (NaN is stored as null: JSON has no NaN).</summary>
    public double GetDouble(string field) => AsDouble(this[field]);

    public bool GetBoolean(string field) => this[field].ValueKind == JsonValueKind.True;

    public static string? AsString(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };

    /// <summary>Integers come as JSON numbers; a float-valued number is truncated only when whole.</summary>
    public static long AsInt64(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt64(out long l)) return l;
            double d = e.GetDouble();
            if (d == Math.Floor(d) && Math.Abs(d) < 9.2e18) return (long)d;
        }
        throw new FormatException($"Neo4j returned {e.ValueKind} '{e.GetRawText()}' where an integer was expected.");
    }

    public static double AsDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.Null or JsonValueKind.Undefined => double.NaN,
        JsonValueKind.String when double.TryParse(e.GetString(), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new FormatException($"Neo4j returned {e.ValueKind} '{e.GetRawText()}' where a number was expected."),
    };
}
