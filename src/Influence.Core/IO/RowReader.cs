using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Influence.Core.IO;

/// <summary>A logical column a reader wants, with the header names (or JSON keys, or Parquet column names) that may hold it.</summary>
public sealed record ColumnSpec(string Name, bool Required, string[] Names);

/// <summary>Turns the current row of <paramref name="rows"/> into a record; false when the row was rejected.</summary>
internal delegate bool RowConverter<T>(RowReader rows, ReadOptions options, out T record);

/// <summary>
/// Turns the lines of one input into rows of fields, whatever the format (CSV with header, JSON Lines,
/// edge list), and reports bad rows with file, line, field and reason. Fields are spans over the line
/// buffer (or over a scratch buffer for unescaped CSV quotes and JSON values): nothing is allocated per
/// row on the plain CSV and edge-list paths.
/// </summary>
internal sealed partial class RowReader : IDisposable
{
    /// <summary>Characters of a bad line kept in <see cref="RecordError.RawLine"/> (escaped, cut with its length).</summary>
    private const int MaxRawLineInError = 200;
    private static readonly SearchValues<char> s_edgeListSeparators = SearchValues.Create(" \t,");

    private readonly LineReader _lines;
    private readonly string _file;
    private readonly ReadOptions _options;
    private readonly ColumnSpec[] _columns;
    private readonly int[] _specToRaw;
    private readonly string?[] _headerNames;
    private readonly Stream _sourceStream;
    private int _headerFieldCount;
    private bool _started;

    private char[] _line = [];
    private int _lineStart;
    private int _lineLength;
    private int[] _starts = new int[8];
    private int[] _lengths = new int[8];
    private bool[] _inScratch = new bool[8];
    private char[] _scratch = new char[256];
    private int _scratchUsed;

    public RowReader(Stream stream, string fileName, ReadOptions options, ColumnSpec[] columns)
    {
        _sourceStream = stream;
        _file = fileName;
        _options = options;
        _columns = columns;
        _specToRaw = new int[columns.Length];
        _headerNames = new string?[columns.Length];
        Stream decoded = InputStreams.OpenDecompressed(stream, out bool compressed);
        Compressed = compressed;
        _lines = new LineReader(new StreamReader(decoded, RowRules.Utf8WithMarker, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: false));
        Format = options.Format;
    }

    /// <summary>The argument checks of every public read entry point; returns the options to use (defaults when null), validated.</summary>
    public static ReadOptions CheckArguments(Stream stream, string fileName, ReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= new ReadOptions();
        options.Validate();
        if (options.Format == InputFormat.Parquet)
            throw new ArgumentException("Parquet files are read by the Influence.Parquet readers (the CLI picks them by content or --follows-format parquet), not by this text reader.", nameof(options));
        return options;
    }

    /// <summary>
    /// A reader's lazy record entry point: checks the arguments at once, then yields the record of every row
    /// <paramref name="convert"/> accepts (the stream is read only as the caller enumerates, and left open).
    /// </summary>
    public static IEnumerable<T> Records<T>(Stream stream, string fileName, ReadOptions? options,
        Func<ReadOptions, ColumnSpec[]> columns, RowConverter<T> convert)
    {
        options = CheckArguments(stream, fileName, options);
        return Iterate(stream, fileName, options, columns(options), convert);
    }

    private static IEnumerable<T> Iterate<T>(Stream stream, string fileName, ReadOptions options, ColumnSpec[] columns, RowConverter<T> convert)
    {
        using var rows = new RowReader(stream, fileName, options, columns);
        while (rows.TryNextRow())
        {
            if (convert(rows, options, out T record)) yield return record;
        }
    }

    /// <summary>The resolved format (still <see cref="InputFormat.Auto"/> before the first significant line).</summary>
    public InputFormat Format { get; private set; }

    public bool Compressed { get; }

    /// <summary>1-based physical line number of the current row (where the element starts in a JSON array).</summary>
    public long Line => _array is null ? _lines.LineNumber : _arrayLine;

    /// <summary>Fields in the current row (before mapping to columns).</summary>
    public int RawCount { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Bytes consumed from the stream handed in, or -1 when it cannot tell.</summary>
    public long BytesConsumed => _sourceStream.CanSeek ? _sourceStream.Position : -1;

    public ReadOnlySpan<char> Raw(int index) => _inScratch[index]
        ? new ReadOnlySpan<char>(_scratch, _starts[index], _lengths[index])
        : new ReadOnlySpan<char>(_line, _starts[index], _lengths[index]);

    /// <summary>True when column <paramref name="spec"/> is present in the current row (it may still be empty).</summary>
    public bool Has(int spec) => _specToRaw[spec] >= 0;

    /// <summary>The field of column <paramref name="spec"/>; empty when absent.</summary>
    public ReadOnlySpan<char> Field(int spec)
    {
        int raw = _specToRaw[spec];
        return raw < 0 ? default : Raw(raw);
    }

    /// <summary>
    /// The row's two account ids (columns <paramref name="sourceSpec"/> and <paramref name="targetSpec"/>), each checked by
    /// <see cref="RowRules.CheckId"/>; the first bad one is rejected with its reason and false returned.
    /// </summary>
    public bool TryEndpoints(int sourceSpec, int targetSpec, out ReadOnlySpan<char> source, out ReadOnlySpan<char> target)
    {
        source = Field(sourceSpec);
        target = default;
        if (RowRules.CheckId(source) is { } badSource)
        {
            Reject(sourceSpec, badSource);
            return false;
        }
        target = Field(targetSpec);
        if (RowRules.CheckId(target) is { } badTarget)
        {
            Reject(targetSpec, badTarget);
            return false;
        }
        return true;
    }

    /// <summary>
    /// An optional column read with one of <see cref="RowRules"/>' field rules: absent or empty leaves
    /// <paramref name="value"/> as it is; a value the rule refuses rejects the row with the rule's reason
    /// (strict: throws) and returns false.
    /// </summary>
    public bool TryOptional<T>(int spec, RowRules.FieldParser<T> parse, ref T value)
    {
        if (Field(spec) is not { IsEmpty: false } text) return true;
        if (parse(text, out T parsed) is { } reason)
        {
            Reject(spec, reason);
            return false;
        }
        value = parsed;
        return true;
    }

    /// <summary>Edge lists: binds column <paramref name="spec"/> to positional field <paramref name="raw"/> (-1 = absent).</summary>
    public void MapPositional(int spec, int raw) => _specToRaw[spec] = raw;

    /// <summary>Name of the column as the file spells it (header name or JSON key), else its standard name.</summary>
    public string FieldName(int spec) => _headerNames[spec] ?? _columns[spec].Name;

    /// <summary>Advances to the next row that splits cleanly; bad rows are reported (strict: thrown) and skipped.</summary>
    public bool TryNextRow()
    {
        if (_array is not null) return TryNextArrayRow();
        while (TryReadLine(out int start, out int length))
        {
            _line = _lines.Buffer;
            _lineStart = start;
            _lineLength = length;
            ReadOnlySpan<char> line = new(_line, start, length);
            if (!_started && line.Length > 0 && line[0] == '\uFEFF')
            {
                // A byte-order mark the decoder kept (e.g. UTF-8 BOM inside a UTF-16 file): not part of the header.
                _lineStart++;
                _lineLength--;
                line = line[1..];
            }
            if (line.IsWhiteSpace()) continue;

            if (!_started)
            {
                _started = true;
                if (StartFile(line)) continue; // the line was the header
                if (Format == InputFormat.JsonArray)
                {
                    LoadArray(line);
                    return TryNextArrayRow();
                }
            }

            _errorSpec = -1;
            string? error = Format switch
            {
                InputFormat.Csv => SplitCsv(line, _lineStart),
                InputFormat.JsonLines => SplitJson(),
                _ => SplitEdgeList(line, _lineStart),
            };
            if (Format == InputFormat.EdgeList && error is null && RawCount == 0) continue; // comment line
            if (error is null && Format == InputFormat.Csv && RawCount != _headerFieldCount)
                error = $"wrong field count: expected {_headerFieldCount} fields as in the header, found {RawCount}";
            error ??= CheckText(line);
            if (error is not null)
            {
                Reject(_errorSpec, error);
                continue;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// Inputs are text: a line with bytes that are not UTF-8 is refused (naming the field that holds them
    /// when it is a column the reader uses) instead of being stored with replacement characters.
    /// </summary>
    private string? CheckText(ReadOnlySpan<char> line)
    {
        if (!line.Contains(RowRules.InvalidUtf8Marker)) return null;
        for (int spec = 0; spec < _columns.Length; spec++)
        {
            if (_specToRaw[spec] >= 0 && Raw(_specToRaw[spec]).Contains(RowRules.InvalidUtf8Marker))
            {
                _errorSpec = spec;
                return $"invalid UTF-8 bytes (shown as \\uFFFD): {RowRules.Quote(Raw(_specToRaw[spec]))}";
            }
        }
        return "invalid UTF-8 bytes in the line (inputs must be UTF-8 text)";
    }

    private bool TryReadLine(out int start, out int length)
    {
        try
        {
            return _lines.TryReadLine(out start, out length);
        }
        catch (LineTooLongException ex)
        {
            _lineLength = 0;
            throw new InputFormatException(new RecordError(_file, Line + 1, null, ex.Message));
        }
        catch (InvalidDataException ex) when (Compressed)
        {
            _lineLength = 0;
            throw new InputFormatException(new RecordError(_file, Line + 1, null,
                $"corrupt or truncated gzip data after line {Line}: {ex.Message}"));
        }
    }

    /// <summary>Reports the current row as bad: throws in strict mode, otherwise counts it and calls the callback.</summary>
    public void Reject(int spec, string reason)
    {
        _options.Report(new RecordError(_file, Line, spec >= 0 ? FieldName(spec) : null, reason, CurrentLineText(), CurrentItem));
        Rejected++;
    }

    /// <summary>A problem that makes the whole file unreadable (bad header, missing option): thrown in every mode.</summary>
    public InputFormatException Fatal(string? field, string reason) =>
        new(new RecordError(_file, Line, field, reason, CurrentLineText(), CurrentItem));

    private string CurrentLineText() => _array is not null
        ? RowRules.Excerpt(_arrayItems.Current.ValueKind == JsonValueKind.Undefined ? "" : _arrayItems.Current.GetRawText(), MaxRawLineInError)
        : RowRules.Excerpt(new ReadOnlySpan<char>(_line, _lineStart, _lineLength), MaxRawLineInError);

    /// <summary>Settles the format on the first significant line; returns true when that line is a CSV header.</summary>
    private bool StartFile(ReadOnlySpan<char> line)
    {
        if (line.StartsWith(InputStreams.ParquetMagicText, StringComparison.Ordinal))
            throw Fatal(null, "this is a Parquet file (it starts with the magic bytes PAR1), not text: give it to a command that reads Parquet " +
                              "(influence analyze/import detect it by content; --follows-format parquet)");
        bool auto = Format == InputFormat.Auto;
        if (auto)
        {
            Format = InputStreams.FormatFromFileName(_file);
            // A .json file may hold a JSON array as well as JSON Lines: the first character decides.
            if (Format is InputFormat.Auto or InputFormat.JsonLines && line.TrimStart().StartsWith('['))
                Format = InputFormat.JsonArray;
            if (Format == InputFormat.Auto) Format = InputStreams.FormatFromContent(line);
        }
        if (Format != InputFormat.Csv)
        {
            Array.Fill(_specToRaw, -1);
            return false;
        }

        if (SplitCsv(line, _lineStart) is { } headerError) throw Fatal(null, $"unreadable header: {headerError}");
        _headerFieldCount = RawCount;
        Array.Fill(_specToRaw, -1);
        bool anyRequiredFound = false;
        for (int spec = 0; spec < _columns.Length; spec++)
        {
            for (int raw = 0; raw < RawCount && _specToRaw[spec] < 0; raw++)
            {
                ReadOnlySpan<char> name = Raw(raw);
                foreach (string candidate in _columns[spec].Names)
                {
                    if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                    {
                        _specToRaw[spec] = raw;
                        _headerNames[spec] = name.ToString();
                        if (_columns[spec].Required) anyRequiredFound = true;
                        break;
                    }
                }
            }
        }

        // An auto-detected .csv without any known column name whose first field is a number is a
        // headerless comma-separated edge list (e.g. SNAP's soc-sign-bitcoin*.csv).
        if (auto && !anyRequiredFound && RawCount >= 2 && double.TryParse(Raw(0), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            Format = InputFormat.EdgeList;
            Array.Fill(_specToRaw, -1);
            Array.Fill(_headerNames, null);
            return false;
        }

        List<string>? missing = null;
        for (int spec = 0; spec < _columns.Length; spec++)
            if (_columns[spec].Required && _specToRaw[spec] < 0) (missing ??= []).Add(_columns[spec].Name);
        if (missing is not null)
        {
            var found = new List<string>(RawCount);
            for (int raw = 0; raw < Math.Min(RawCount, 20); raw++) found.Add(RowRules.Excerpt(Raw(raw), 40));
            if (RawCount > 20) found.Add($"… {RawCount - 20} more");
            var expected = new List<string>();
            foreach (ColumnSpec c in _columns)
                expected.Add(c.Required ? c.Name : $"[{c.Name}]");
            string accepted = string.Join("; ", missing.Select(m => $"'{m}' may be named {string.Join(" / ", Array.Find(_columns, c => c.Name == m)!.Names)}"));
            throw Fatal(null,
                $"header is missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} " +
                $"(found: {string.Join(", ", found)}; expected: {string.Join(",", expected)}; {accepted})");
        }
        return true;
    }

    private void AddField(int start, int length, bool inScratch)
    {
        if (RawCount == _starts.Length)
        {
            int n = _starts.Length * 2;
            Array.Resize(ref _starts, n);
            Array.Resize(ref _lengths, n);
            Array.Resize(ref _inScratch, n);
        }
        _starts[RawCount] = start;
        _lengths[RawCount] = length;
        _inScratch[RawCount] = inScratch;
        RawCount++;
    }

    private void AppendScratch(char c)
    {
        if (_scratchUsed == _scratch.Length) Array.Resize(ref _scratch, _scratch.Length * 2);
        _scratch[_scratchUsed++] = c;
    }

    private void AppendScratch(ReadOnlySpan<char> text)
    {
        if (_scratchUsed + text.Length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + text.Length));
        text.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += text.Length;
    }

    /// <summary>RFC 4180 fields on one physical line: quoted fields with doubled quotes; unquoted fields trimmed of spaces.</summary>
    private string? SplitCsv(ReadOnlySpan<char> line, int offset)
    {
        RawCount = 0;
        _scratchUsed = 0;
        char delimiter = _options.CsvDelimiter;
        int n = line.Length;
        if (!line.Contains('"'))
        {
            int i = 0;
            while (true)
            {
                int j = line[i..].IndexOf(delimiter);
                int end = j < 0 ? n : i + j;
                AddTrimmed(line, offset, i, end);
                if (j < 0) return null;
                i = end + 1;
            }
        }

        int pos = 0;
        while (true)
        {
            int fieldStart = pos;
            while (pos < n && line[pos] == ' ') pos++;
            if (pos < n && line[pos] == '"')
            {
                int quoteLine = pos;
                pos++;
                int scratchStart = _scratchUsed;
                while (true)
                {
                    if (pos >= n)
                        return $"unterminated quote: field {RawCount + 1} opens a quote at column {quoteLine + 1} that is not closed on this line";
                    char c = line[pos];
                    if (c == '"')
                    {
                        if (pos + 1 < n && line[pos + 1] == '"')
                        {
                            AppendScratch('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    AppendScratch(c);
                    pos++;
                }
                AddField(scratchStart, _scratchUsed - scratchStart, inScratch: true);
                while (pos < n && line[pos] == ' ') pos++;
                if (pos < n && line[pos] != delimiter)
                    return $"unexpected character {RowRules.Quote(line.Slice(pos, 1))} after the closing quote of field {RawCount} (column {pos + 1})";
            }
            else
            {
                int j = line[pos..].IndexOf(delimiter);
                int end = j < 0 ? n : pos + j;
                AddTrimmed(line, offset, fieldStart, end);
                pos = end;
            }
            if (pos >= n) return null;
            pos++; // delimiter
        }
    }

    private void AddTrimmed(ReadOnlySpan<char> line, int offset, int start, int end)
    {
        while (start < end && line[start] == ' ') start++;
        while (end > start && line[end - 1] == ' ') end--;
        AddField(offset + start, end - start, inScratch: false);
    }

    /// <summary>Whitespace/comma separated fields; a line starting with <c>#</c> or <c>%</c> yields no fields (a comment).</summary>
    private string? SplitEdgeList(ReadOnlySpan<char> line, int offset)
    {
        RawCount = 0;
        int n = line.Length;
        int i = 0;
        while (i < n && line[i] is ' ' or '\t') i++;
        if (i < n && line[i] is '#' or '%') return null;
        while (true)
        {
            while (i < n && s_edgeListSeparators.Contains(line[i])) i++;
            if (i >= n) return null;
            int j = line[i..].IndexOfAny(s_edgeListSeparators);
            int len = j < 0 ? n - i : j;
            AddField(offset + i, len, inScratch: false);
            i += len;
        }
    }

    public void Dispose()
    {
        _array?.Dispose();
        _lines.Dispose();
    }
}
