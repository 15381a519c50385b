using System.IO.Compression;
using System.Text;

namespace Influence.Tests.Shared;

/// <summary>Layout of a fuzzed input.</summary>
public enum FuzzFormat { Csv, JsonLines, JsonArray, EdgeList, GzipCsv }

/// <summary>One fuzzed input: what it holds and its bytes.</summary>
/// <param name="Interactions">Interactions (else follows).</param>
/// <param name="FileName">Name with the extension the format is detected by.</param>
/// <param name="Clean">Every row is valid by construction and the structure is intact: an entry point must accept it.</param>
public sealed record FuzzCase(int Number, FuzzFormat Format, bool Interactions, string FileName, byte[] Content, bool Clean, int Rows)
{
    public override string ToString() => $"case {Number} ({Format}, {(Interactions ? "interactions" : "follows")}): {Preview}";

    /// <summary>The first 300 bytes, escaped, for failure messages.</summary>
    public string Preview
    {
        get
        {
            var sb = new StringBuilder();
            foreach (byte b in Content.AsSpan(0, Math.Min(300, Content.Length)))
                sb.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
            return sb.ToString();
        }
    }
}

/// <summary>
/// Seeded generator of random and adversarial rows (the fuzz suite of docs/reliability.md): good rows mixed
/// with bad ids (empty, over-long, control characters, invalid UTF-8), kinds, times (milliseconds, huge,
/// garbage), weights (0, negative, 1e308, NaN, above the bound), stances, and damaged structure (wrong field
/// counts, open quotes, broken JSON, BOMs, CRLF, blank and comment lines, cut gzip data), rendered as CSV,
/// JSON Lines, a JSON array, a SNAP edge list or gzip CSV.
/// </summary>
public sealed class RowFuzzer(int seed)
{
    /// <summary>Stands for one invalid UTF-8 byte in generated text (replaced by 0xFF when encoded).</summary>
    private const char InvalidByte = '\uE000';

    private readonly Random _random = new(seed);
    private int _number;

    private static readonly string[] s_goodIds = ["u1", "u2", "u3", "@alice", "@bob", "42", "007", "Émilie", "用户", "a😀b", "x-y_z.w"];
    private static readonly string[] s_badIds = ["", " ", "a\u0001b", "nul\0id", "tab\tid", "a" + InvalidByte + "b", "\u0085", "quote\"id", "comma,id", "new\nline"];
    private static readonly string[] s_goodKinds = ["reply", "mention", "share", "retweet", "RT", "quote", "comment", "like", "Like"];
    private static readonly string[] s_badKinds = ["", "wave", "repl y", "0", "null", "\u0000"];
    private static readonly string[] s_goodTimes = ["1700000000", "0", "-86400", "1700000000.75", "2024-05-01T12:00:00Z", "2024-05-01", "99999999999", ""];
    private static readonly string[] s_badTimes = ["1714564800000", "1e300", "NaN", "yesterday", "9999-12-31T00:00:00Z", "-1e11", "17000000000000000000000", "0x10"];
    private static readonly string[] s_goodWeights = ["1", "2.5", "1000000", "1e-300", "", "3"];
    private static readonly string[] s_badWeights = ["0", "-1", "1e308", "1000000.5", "NaN", "Infinity", "-Infinity", "1,5", "abc", "1e309"];
    private static readonly string[] s_goodStances = ["", "0", "-1", "1", "0.25", "-0.999"];
    private static readonly string[] s_badStances = ["1.0001", "-2", "NaN", "Infinity", "x"];

    /// <summary>The next case; the format cycles so every format gets its share.</summary>
    public FuzzCase Next()
    {
        int number = _number++;
        var format = (FuzzFormat)(number % 5);
        bool interactions = _random.Next(2) == 0;
        int rows = _random.Next(0, 12);
        var table = new List<string[]>(rows);
        // Half the cases are clean, so acceptance is exercised as much as refusal.
        bool clean = _random.Next(2) == 0;
        for (int i = 0; i < rows; i++) table.Add(Row(interactions, bad: !clean && _random.Next(4) == 0));
        string text = format switch
        {
            FuzzFormat.JsonLines => JsonLines(table, interactions, clean),
            FuzzFormat.JsonArray => "[" + string.Join(",\n", table.Select(r => JsonObject(r, interactions))) + (clean || _random.Next(6) > 0 ? "]" : ""),
            FuzzFormat.EdgeList => EdgeList(table, interactions, clean),
            _ => Csv(table, interactions, clean),
        };
        byte[] bytes = Encode(text);
        if (!clean && _random.Next(8) == 0) bytes = [0xEF, 0xBB, 0xBF, .. bytes]; // BOM
        string name = format switch
        {
            FuzzFormat.JsonLines => "rows.jsonl",
            FuzzFormat.JsonArray => "rows.json",
            FuzzFormat.EdgeList => "rows.txt",
            FuzzFormat.GzipCsv => "rows.csv.gz",
            _ => "rows.csv",
        };
        if (format == FuzzFormat.GzipCsv)
        {
            bytes = Gzip(bytes);
            if (!clean && _random.Next(3) == 0) bytes = bytes[..Math.Max(1, bytes.Length - 1 - _random.Next(Math.Max(1, bytes.Length / 2)))];
        }
        return new FuzzCase(number, format, interactions, name, bytes, clean, rows);
    }

    /// <summary>Field texts in the order source, target, time[, kind, weight, stance].</summary>
    private string[] Row(bool interactions, bool bad)
    {
        // A bad row has exactly one bad field, so the expected refusal is about that field.
        int badField = bad ? _random.Next(interactions ? 6 : 3) : -1;
        string Pick(string[] good, string[] worse, int field) => field == badField ? worse[_random.Next(worse.Length)] : good[_random.Next(good.Length)];
        string id0 = badField == 0 && _random.Next(5) == 0 ? new string('x', _random.Next(2) == 0 ? 513 : 20_000) : Pick(s_goodIds, s_badIds, 0);
        string id1 = Pick(s_goodIds, s_badIds, 1);
        string time = Pick(s_goodTimes, s_badTimes, 2);
        if (!interactions) return [id0, id1, time];
        return [id0, id1, time, Pick(s_goodKinds, s_badKinds, 3), Pick(s_goodWeights, s_badWeights, 4), Pick(s_goodStances, s_badStances, 5)];
    }

    private string Csv(List<string[]> table, bool interactions, bool clean)
    {
        var sb = new StringBuilder(interactions ? "source,target,timestamp,kind,weight,stance" : "source,target,since");
        string newline = _random.Next(3) == 0 ? "\r\n" : "\n";
        sb.Append(newline);
        foreach (string[] row in table)
        {
            string[] fields = row.Select(CsvField).ToArray();
            if (!clean && _random.Next(12) == 0) fields = fields[..^1]; // wrong field count
            if (!clean && _random.Next(15) == 0) fields[0] = "\"open" + fields[0]; // unterminated quote
            sb.Append(string.Join(',', fields)).Append(newline);
            if (_random.Next(10) == 0) sb.Append(newline); // blank line
        }
        return sb.ToString();
    }

    private string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || _random.Next(6) == 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private string JsonLines(List<string[]> table, bool interactions, bool clean)
    {
        var sb = new StringBuilder();
        foreach (string[] row in table)
        {
            string line = JsonObject(row, interactions);
            if (!clean && _random.Next(12) == 0) line = line[..(line.Length / 2)]; // broken JSON
            if (!clean && _random.Next(20) == 0) line = "[1,2]";
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    private string JsonObject(string[] row, bool interactions)
    {
        string[] names = interactions ? ["source", "target", "timestamp", "kind", "weight", "stance"] : ["source", "target", "since"];
        var parts = new List<string>();
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i].Length == 0 && i >= 2 && _random.Next(2) == 0) continue; // optional field left out
            bool asNumber = i >= 2 && double.TryParse(row[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d)
                && double.IsFinite(d) && !row[i].Contains('x') && _random.Next(2) == 0 && IsJsonNumber(row[i]);
            parts.Add($"\"{names[i]}\":{(asNumber ? row[i] : JsonString(row[i]))}");
        }
        return "{" + string.Join(",", parts) + "}";
    }

    private static bool IsJsonNumber(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-') && !text.EndsWith('.') && !text.Contains("..") && !text.Contains(',')
        && !(text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1]));

    private static string JsonString(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append($"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    private string EdgeList(List<string[]> table, bool interactions, bool clean)
    {
        var sb = new StringBuilder("# fuzzed edge list\n");
        foreach (string[] row in table)
        {
            // Follows: src dst [weight]; interactions: the Higgs layout src dst unix_ts TYPE.
            // An empty field would vanish between separators: a clean row gets a time instead.
            string time = row[2].Length == 0 ? "1700000000" : row[2];
            string[] fields = interactions ? [row[0], row[1], time, row[3]] : _random.Next(3) == 0 ? [row[0], row[1], time] : [row[0], row[1]];
            if (!clean && _random.Next(12) == 0) fields = fields[..1];
            sb.Append(string.Join(_random.Next(2) == 0 ? "\t" : " ", fields)).Append('\n');
        }
        return sb.ToString();
    }

    private static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length + 16);
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != InvalidByte) continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(text[start..i]));
            if (i < text.Length) bytes.Add(0xFF);
            start = i + 1;
        }
        return [.. bytes];
    }

    private static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        return output.ToArray();
    }
}
