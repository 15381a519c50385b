using System.Text;
using System.Text.Json;

namespace Influence.Core.IO;

/// <summary>The JSON layouts of <see cref="RowReader"/>: one object per line, or one array of objects.</summary>
internal sealed partial class RowReader
{
    private static readonly JsonDocumentOptions s_jsonOptions = new() { MaxDepth = 16 };

    /// <summary>Column index of the field at fault when a split fails (-1: the row as a whole).</summary>
    private int _errorSpec = -1;

    // JSON array state: the whole input parsed once, elements served as rows.
    private JsonDocument? _array;
    private JsonElement.ArrayEnumerator _arrayItems;
    private List<long> _arrayLines = [];
    private int _item = -1;
    private long _arrayLine;

    private long? CurrentItem => _array is null ? null : _item;

    /// <summary>One JSON object per line; values of the wanted keys are copied (strings unescaped, numbers as written).</summary>
    private string? SplitJson()
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(new ReadOnlyMemory<char>(_line, _lineStart, _lineLength), s_jsonOptions);
        }
        catch (JsonException ex)
        {
            RawCount = 0;
            return $"invalid JSON: {FirstSentence(ex.Message)}";
        }
        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? SplitJsonObject(document.RootElement)
                : $"expected a JSON object per line, found {document.RootElement.ValueKind}";
        }
    }

    private string? SplitJsonObject(JsonElement item)
    {
        RawCount = 0;
        _scratchUsed = 0;
        Array.Fill(_specToRaw, -1);
        Array.Fill(_headerNames, null);
        foreach (JsonProperty property in item.EnumerateObject())
        {
            int spec = FindSpec(property.Name);
            if (spec < 0 || _headerNames[spec] is not null) continue;
            _headerNames[spec] = property.Name;
            JsonElement value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    continue;
                case JsonValueKind.String:
                case JsonValueKind.Number:
                    string text;
                    try
                    {
                        text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    }
                    catch (InvalidOperationException)
                    {
                        // An escape such as "\ud800" that is not a valid UTF-16 pair.
                        _errorSpec = spec;
                        return "invalid escape in string (unpaired surrogate)";
                    }
                    int start = _scratchUsed;
                    AppendScratch(text);
                    _specToRaw[spec] = RawCount;
                    AddField(start, _scratchUsed - start, inScratch: true);
                    break;
                default:
                    _errorSpec = spec;
                    return $"expected a string or a number, found {value.ValueKind}";
            }
        }
        for (int spec = 0; spec < _columns.Length; spec++)
        {
            if (!_columns[spec].Required || _specToRaw[spec] >= 0) continue;
            _errorSpec = spec;
            return _headerNames[spec] is null ? $"missing key '{_columns[spec].Name}'" : $"key '{_headerNames[spec]}' is null";
        }
        return null;
    }

    /// <summary>
    /// Reads the rest of the input and parses it as one JSON array (meant for request bodies and small
    /// files: the whole array is held in memory; use JSON Lines for large inputs). A malformed document
    /// is fatal; each element becomes a row whose line is where the element starts.
    /// </summary>
    private void LoadArray(ReadOnlySpan<char> firstLine)
    {
        long firstLineNumber = _lines.LineNumber;
        var text = new StringBuilder().Append(firstLine);
        while (TryReadLine(out int start, out int length)) text.Append('\n').Append(_lines.Buffer, start, length);
        byte[] utf8 = Encoding.UTF8.GetBytes(text.ToString());
        text = null;

        // First pass: validate the document and note the line where each element starts.
        var lines = new List<long>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = s_jsonOptions.MaxDepth });
        long line = firstLineNumber;
        int counted = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw Fatal(null, $"expected a JSON array of objects, found {Describe(reader.TokenType)}");
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) continue;
                int at = (int)reader.TokenStartIndex;
                line += utf8.AsSpan(counted, at - counted).Count((byte)'\n');
                counted = at;
                lines.Add(line);
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw Fatal(null, $"invalid JSON at line {firstLineNumber + (ex.LineNumber ?? 0)}, byte {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
        _arrayLines = lines;
        _array = JsonDocument.Parse(utf8, s_jsonOptions);
        _arrayItems = _array.RootElement.EnumerateArray();
        _arrayLine = firstLineNumber;
    }

    private bool TryNextArrayRow()
    {
        while (_arrayItems.MoveNext())
        {
            _item++;
            _arrayLine = _arrayLines[_item];
            JsonElement item = _arrayItems.Current;
            _errorSpec = -1;
            string? error = item.ValueKind == JsonValueKind.Object
                ? SplitJsonObject(item)
                : $"expected an object with source and target, found {item.ValueKind}";
            if (error is null)
            {
                for (int raw = 0; raw < RawCount && error is null; raw++)
                {
                    if (!Raw(raw).Contains(RowRules.InvalidUtf8Marker)) continue;
                    _errorSpec = Array.IndexOf(_specToRaw, raw);
                    error = $"invalid UTF-8 bytes (shown as \\uFFFD): {RowRules.Quote(Raw(raw))}";
                }
            }
            if (error is not null)
            {
                Reject(_errorSpec, error);
                continue;
            }
            return true;
        }
        return false;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.StartObject => "an object (send objects inside [ ], or use JSON Lines)",
        _ => token.ToString(),
    };

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        string first = i > 0 ? message[..(i + 1)] : message;
        return RowRules.Excerpt(first, 160);
    }

    private int FindSpec(string name)
    {
        for (int spec = 0; spec < _columns.Length; spec++)
            foreach (string candidate in _columns[spec].Names)
                if (string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase)) return spec;
        return -1;
    }
}
