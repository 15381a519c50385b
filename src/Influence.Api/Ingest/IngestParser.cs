using System.Globalization;
using System.Text;
using System.Text.Json;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Api.Ingest;

/// <summary>What an ingest endpoint receives.</summary>
public enum IngestKind { Follows, Unfollows, Interactions }

/// <summary>Body formats the ingest endpoints accept.</summary>
public enum IngestFormat { JsonArray, JsonLines, Csv }

/// <summary>One bad row: where (key such as <c>[3].target</c> or <c>line 4.kind</c>) and why.</summary>
public sealed record IngestError(string Key, string Reason);

/// <summary>The rows of one body, or the reasons they were refused (all-or-nothing: any error = nothing stored).</summary>
public sealed class IngestParseResult
{
    public List<FollowRecord> Follows { get; } = [];
    public List<UnfollowRecord> Unfollows { get; } = [];
    public List<InteractionRecord> Interactions { get; } = [];
    public List<IngestError> Errors { get; } = [];
    /// <summary>Where each accepted row came from (<c>[3]</c>, <c>line 4</c>), in list order.</summary>
    public List<string> RowKeys { get; } = [];
    /// <summary>Errors beyond <see cref="IngestParser.MaxReportedErrors"/> (counted, not listed).</summary>
    public int MoreErrors { get; set; }
    /// <summary>True when the body held more rows than allowed (parsing stopped).</summary>
    public bool TooManyRows { get; set; }
    public int Rows => Follows.Count + Unfollows.Count + Interactions.Count;

    internal void Error(string key, string reason)
    {
        if (Errors.Count < IngestParser.MaxReportedErrors) Errors.Add(new IngestError(key, reason));
        else MoreErrors++;
    }
}

/// <summary>
/// Parses ingest bodies: a JSON array of objects, JSON Lines (one object per line) or CSV with a header
/// (columns by name, any order). Field names: <c>source, target</c> plus <c>since</c> (follows), <c>at</c>
/// (unfollows), <c>kind, timestamp, weight, stance</c> (interactions). Times are Unix seconds or ISO-8601.
/// Every bad row is reported; nothing is returned for storing when any row is bad.
/// </summary>
public static class IngestParser
{
    /// <summary>Bad rows listed in one answer; the rest are counted.</summary>
    public const int MaxReportedErrors = 1000;

    private static readonly string s_validKinds = "reply, mention, share (retweet, repost), quote, comment, like";

    /// <summary>Picks the format from the Content-Type header (JSON when absent).</summary>
    public static IngestFormat? FormatOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return IngestFormat.JsonArray;
        string media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/json" or "text/json" => IngestFormat.JsonArray,
            "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/x-jsonlines" or "application/jsonlines" => IngestFormat.JsonLines,
            "text/csv" or "application/csv" => IngestFormat.Csv,
            _ => null,
        };
    }

    public static IngestParseResult Parse(ReadOnlyMemory<byte> body, IngestKind kind, IngestFormat format, int maxRows)
    {
        var result = new IngestParseResult();
        if (kind != IngestKind.Unfollows && format != IngestFormat.JsonArray)
        {
            ParseWithFileReaders(body, kind, format, maxRows, result);
            return result;
        }
        switch (format)
        {
            case IngestFormat.JsonArray: ParseJsonArray(body, kind, maxRows, result); break;
            case IngestFormat.JsonLines: ParseJsonLines(body, kind, maxRows, result); break;
            default: ParseCsv(body, kind, maxRows, result); break;
        }
        return result;
    }

    /// <summary>Name the file readers use in their messages.</summary>
    public const string BodyName = "request body";

    /// <summary>
    /// CSV and JSON Lines follows/interactions go through the same readers as the CLI and the importer
    /// (<see cref="FollowReader"/>, <see cref="InteractionReader"/>: same column names and aliases, same rules),
    /// in skip mode so every bad line is reported. Accepted rows are keyed <c>record N</c> (the readers do not
    /// expose the line of an accepted row).
    /// </summary>
    private static void ParseWithFileReaders(ReadOnlyMemory<byte> body, IngestKind kind, IngestFormat format, int maxRows, IngestParseResult result)
    {
        var options = new ReadOptions
        {
            Format = format == IngestFormat.Csv ? InputFormat.Csv : InputFormat.JsonLines,
            InvalidRows = InvalidRowMode.Skip,
            OnInvalidRow = e => result.Error(Key(e), e.Reason),
        };
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        try
        {
            if (kind == IngestKind.Follows)
            {
                foreach (FollowRecord r in FollowReader.Read(stream, BodyName, options))
                {
                    if (result.Rows >= maxRows) { result.TooManyRows = true; return; }
                    result.Follows.Add(r);
                    result.RowKeys.Add($"record {result.Rows}");
                }
            }
            else
            {
                foreach (InteractionRecord r in InteractionReader.Read(stream, BodyName, options))
                {
                    if (result.Rows >= maxRows) { result.TooManyRows = true; return; }
                    result.Interactions.Add(r);
                    result.RowKeys.Add($"record {result.Rows}");
                }
            }
        }
        catch (InputFormatException ex)
        {
            // A bad header (or an unreadable body) stops the readers in every mode.
            result.Error(Key(ex.Error), ex.Error.Reason);
        }
        if (result.Rows + result.Errors.Count + result.MoreErrors > maxRows) result.TooManyRows = true;
    }

    private static string Key(RecordError e) => e.Field is null ? $"line {e.Line}" : $"line {e.Line}.{e.Field}";

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static void ParseJsonArray(ReadOnlyMemory<byte> body, IngestKind kind, int maxRows, IngestParseResult result)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, s_documentOptions);
        }
        catch (JsonException ex)
        {
            result.Error("body", $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
            return;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                result.Error("body", $"expected a JSON array of objects, got {doc.RootElement.ValueKind}.");
                return;
            }
            int index = 0;
            foreach (JsonElement item in doc.RootElement.EnumerateArray())
            {
                if (index >= maxRows) { result.TooManyRows = true; return; }
                ReadObject(item, $"[{index}]", kind, result);
                index++;
            }
        }
    }

    private static void ParseJsonLines(ReadOnlyMemory<byte> body, IngestKind kind, int maxRows, IngestParseResult result)
    {
        ReadOnlySpan<byte> rest = SkipBom(body.Span);
        int offset = body.Length - rest.Length;
        int line = 0, rows = 0;
        while (offset < body.Length)
        {
            line++;
            ReadOnlySpan<byte> remaining = body.Span[offset..];
            int nl = remaining.IndexOf((byte)'\n');
            int len = nl < 0 ? remaining.Length : nl;
            ReadOnlyMemory<byte> text = body.Slice(offset, len);
            offset += nl < 0 ? len : len + 1;
            if (IsBlank(text.Span)) continue;
            if (rows >= maxRows) { result.TooManyRows = true; return; }
            rows++;
            string key = $"line {line}";
            try
            {
                using JsonDocument doc = JsonDocument.Parse(text, s_documentOptions);
                ReadObject(doc.RootElement, key, kind, result);
            }
            catch (JsonException ex)
            {
                result.Error(key, $"not a valid JSON object (byte {(ex.BytePositionInLine ?? 0) + 1}): {FirstSentence(ex.Message)}");
            }
        }
    }

    private static void ReadObject(JsonElement item, string key, IngestKind kind, IngestParseResult result)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            result.Error(key, $"expected an object with source and target, got {item.ValueKind}.");
            return;
        }
        int before = result.Errors.Count + result.MoreErrors;
        string? source = ReadId(item, "source", key, result);
        string? target = ReadId(item, "target", key, result);
        switch (kind)
        {
            case IngestKind.Follows:
            {
                long? since = ReadTime(item, "since", key, result);
                if (Ok()) { result.Follows.Add(new FollowRecord(source!, target!, since)); result.RowKeys.Add(key); }
                break;
            }
            case IngestKind.Unfollows:
            {
                long? at = ReadTime(item, "at", key, result);
                if (Ok()) { result.Unfollows.Add(new UnfollowRecord(source!, target!, at)); result.RowKeys.Add(key); }
                break;
            }
            default:
            {
                InteractionKind k = default;
                if (!item.TryGetProperty("kind", out JsonElement kindElement) || kindElement.ValueKind == JsonValueKind.Null)
                    result.Error($"{key}.kind", $"missing; valid kinds: {s_validKinds}.");
                else if (kindElement.ValueKind != JsonValueKind.String || !InteractionKinds.TryParse(kindElement.GetString(), out k))
                    result.Error($"{key}.kind", $"unknown kind {kindElement.GetRawText()}; valid kinds: {s_validKinds}.");
                long? timestamp = ReadTime(item, "timestamp", key, result);
                double weight = ReadNumber(item, "weight", key, result) ?? 1.0;
                if (!(weight > 0) || !double.IsFinite(weight)) result.Error($"{key}.weight", $"must be a positive count; got {Fmt(weight)}.");
                double? stance = ReadNumber(item, "stance", key, result);
                if (stance is { } s && !(s >= -1 && s <= 1)) result.Error($"{key}.stance", $"must be in [-1, 1]; got {Fmt(s)}.");
                if (Ok()) { result.Interactions.Add(new InteractionRecord(source!, target!, k, timestamp, weight, stance)); result.RowKeys.Add(key); }
                break;
            }
        }

        bool Ok() => result.Errors.Count + result.MoreErrors == before;
    }

    private static string? ReadId(JsonElement item, string field, string key, IngestParseResult result)
    {
        if (!item.TryGetProperty(field, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            result.Error($"{key}.{field}", "missing account id.");
            return null;
        }
        string? id = e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };
        if (id is null) { result.Error($"{key}.{field}", $"account id must be a string or a number, got {e.ValueKind}."); return null; }
        id = id.Trim();
        if (id.Length == 0) { result.Error($"{key}.{field}", "empty account id."); return null; }
        return id;
    }

    private static double? ReadNumber(JsonElement item, string field, string key, IngestParseResult result)
    {
        if (!item.TryGetProperty(field, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double d)) return d;
        if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double p)) return p;
        result.Error($"{key}.{field}", $"not a number: {e.GetRawText()}.");
        return null;
    }

    private static long? ReadTime(JsonElement item, string field, string key, IngestParseResult result)
    {
        if (!item.TryGetProperty(field, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt64(out long seconds)) return seconds;
            result.Error($"{key}.{field}", $"Unix seconds must be a whole number; got {e.GetRawText()}.");
            return null;
        }
        if (e.ValueKind == JsonValueKind.String && TryParseTime(e.GetString(), out long t)) return t;
        result.Error($"{key}.{field}", $"not a time (Unix seconds or ISO-8601): {e.GetRawText()}.");
        return null;
    }

    /// <summary>Unix seconds or ISO-8601 (UTC assumed without an offset).</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out long unixSeconds)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out unixSeconds)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset dto))
        {
            unixSeconds = dto.ToUnixTimeSeconds();
            return true;
        }
        unixSeconds = 0;
        return false;
    }

    // ------------------------------------------------------------------ CSV

    private static void ParseCsv(ReadOnlyMemory<byte> body, IngestKind kind, int maxRows, IngestParseResult result)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(SkipBom(body.Span));
        }
        catch (DecoderFallbackException)
        {
            result.Error("body", "CSV body is not valid UTF-8.");
            return;
        }
        var rows = new CsvRows(text);
        if (!rows.Next(out List<string> header, out int headerLine, out string? headerError))
        {
            result.Error("body", headerError ?? "empty CSV body: expected a header row (e.g. source,target).");
            return;
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Count; i++) columns.TryAdd(header[i].Trim(), i);
        string[] required = kind == IngestKind.Interactions ? ["source", "target", "kind"] : ["source", "target"];
        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            result.Error($"line {headerLine}", $"header lacks column(s) {string.Join(", ", missing)}; found: {string.Join(", ", header)}.");
            return;
        }
        int count = 0;
        while (true)
        {
            bool more = rows.Next(out List<string> fields, out int line, out string? error);
            if (!more && error is null) break;
            string key = $"line {line}";
            if (error is not null) { result.Error(key, error); if (!more) break; continue; }
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (count >= maxRows) { result.TooManyRows = true; return; }
            count++;
            if (fields.Count != header.Count)
            {
                result.Error(key, $"has {fields.Count} field(s), the header has {header.Count}.");
                continue;
            }
            var obj = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, i) in columns) obj[name] = fields[i];
            ReadCsvRow(obj, key, kind, result);
        }
    }

    private static void ReadCsvRow(Dictionary<string, string> row, string key, IngestKind kind, IngestParseResult result)
    {
        int before = result.Errors.Count + result.MoreErrors;
        string source = row["source"].Trim(), target = row["target"].Trim();
        if (source.Length == 0) result.Error($"{key}.source", "empty account id.");
        if (target.Length == 0) result.Error($"{key}.target", "empty account id.");
        long? Time(string field)
        {
            if (!row.TryGetValue(field, out string? t) || string.IsNullOrWhiteSpace(t)) return null;
            if (TryParseTime(t, out long s)) return s;
            result.Error($"{key}.{field}", $"not a time (Unix seconds or ISO-8601): '{t}'.");
            return null;
        }
        double? Number(string field)
        {
            if (!row.TryGetValue(field, out string? t) || string.IsNullOrWhiteSpace(t)) return null;
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
            result.Error($"{key}.{field}", $"not a number: '{t}'.");
            return null;
        }
        switch (kind)
        {
            case IngestKind.Follows:
            {
                long? since = Time("since");
                if (Ok()) { result.Follows.Add(new FollowRecord(source, target, since)); result.RowKeys.Add(key); }
                break;
            }
            case IngestKind.Unfollows:
            {
                long? at = Time("at");
                if (Ok()) { result.Unfollows.Add(new UnfollowRecord(source, target, at)); result.RowKeys.Add(key); }
                break;
            }
            default:
            {
                string kindText = row["kind"];
                if (!InteractionKinds.TryParse(kindText, out InteractionKind k))
                    result.Error($"{key}.kind", $"unknown kind '{kindText}'; valid kinds: {s_validKinds}.");
                long? timestamp = Time("timestamp");
                double weight = Number("weight") ?? 1.0;
                if (!(weight > 0) || !double.IsFinite(weight)) result.Error($"{key}.weight", $"must be a positive count; got {Fmt(weight)}.");
                double? stance = Number("stance");
                if (stance is { } s && !(s >= -1 && s <= 1)) result.Error($"{key}.stance", $"must be in [-1, 1]; got {Fmt(s)}.");
                if (Ok()) { result.Interactions.Add(new InteractionRecord(source, target, k, timestamp, weight, stance)); result.RowKeys.Add(key); }
                break;
            }
        }

        bool Ok() => result.Errors.Count + result.MoreErrors == before;
    }

    /// <summary>RFC 4180 rows: quoted fields with doubled quotes and line breaks inside, CRLF or LF.</summary>
    private sealed class CsvRows(string text)
    {
        private int _pos;
        private int _line;

        /// <summary>Next row; false at the end (error set when the last row was malformed).</summary>
        public bool Next(out List<string> fields, out int line, out string? error)
        {
            fields = [];
            error = null;
            // Skip blank lines.
            while (_pos < text.Length && (text[_pos] == '\n' || text[_pos] == '\r'))
            {
                if (text[_pos] == '\n') _line++;
                _pos++;
            }
            line = _line + 1;
            if (_pos >= text.Length) return false;
            var field = new StringBuilder();
            bool quoted = false, wasQuoted = false;
            while (_pos < text.Length)
            {
                char c = text[_pos++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (_pos < text.Length && text[_pos] == '"') { field.Append('"'); _pos++; }
                        else quoted = false;
                    }
                    else
                    {
                        if (c == '\n') _line++;
                        field.Append(c);
                    }
                    continue;
                }
                if (c == '"' && field.Length == 0 && !wasQuoted) { quoted = true; wasQuoted = true; continue; }
                if (c == ',') { fields.Add(field.ToString()); field.Clear(); wasQuoted = false; continue; }
                if (c == '\r') continue;
                if (c == '\n') { _line++; fields.Add(field.ToString()); return true; }
                field.Append(c);
            }
            if (quoted)
            {
                error = "unterminated quoted field (a \" is never closed).";
                return false;
            }
            fields.Add(field.ToString());
            return true;
        }
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> span) =>
        span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span;

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }

    private static string Fmt(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
