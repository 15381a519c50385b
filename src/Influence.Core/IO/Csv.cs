using System.Globalization;

namespace Influence.Core.IO;

/// <summary>CSV field formatting (RFC 4180) with invariant numbers.</summary>
public static class Csv
{
    /// <summary>Quotes a field when it holds a comma, quote, line break or edge spaces.</summary>
    public static string Escape(string value)
    {
        if (value.Length == 0) return value;
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>Shortest round-trip invariant text of <paramref name="value"/> ("NaN" stays "NaN").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
