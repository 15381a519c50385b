using System.Globalization;

namespace Influence.Core.IO;

/// <summary>Parsing of the typed fields shared by the readers; each returns null on success or the reason of the failure.</summary>
internal static class FieldParsers
{
    /// <summary>Unix seconds (integer or fractional, floored) or an ISO-8601 date/time (UTC unless an offset is given).</summary>
    /// <remarks>Numbers beyond ±10^11 s (year 5138) are refused: they are almost always milliseconds.</remarks>
    public static string? ParseTimestamp(ReadOnlySpan<char> text, out long unixSeconds)
    {
        const double MaxSeconds = 1e11;
        // Integer seconds first: the common case, and cheaper than the floating-point parse.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out unixSeconds)
            && unixSeconds > -MaxSeconds && unixSeconds < MaxSeconds)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            if (double.IsFinite(seconds) && Math.Abs(seconds) < MaxSeconds)
            {
                unixSeconds = (long)Math.Floor(seconds);
                return null;
            }
            unixSeconds = 0;
            return double.IsFinite(seconds) && Math.Abs(seconds) < MaxSeconds * 1000
                ? $"bad timestamp '{text}': looks like milliseconds; expected Unix seconds or ISO-8601"
                : $"bad timestamp '{text}': out of range for Unix seconds";
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset at))
        {
            unixSeconds = at.ToUnixTimeSeconds();
            return null;
        }
        unixSeconds = 0;
        return $"bad timestamp '{text}': expected ISO-8601 (e.g. 2024-05-01T12:00:00Z) or Unix seconds";
    }

    /// <summary>A positive finite count.</summary>
    public static string? ParseWeight(ReadOnlySpan<char> text, out double weight)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            return $"bad number '{text}' for weight";
        if (!(weight > 0) || !double.IsFinite(weight))
            return $"weight must be a positive finite count, got '{text}'";
        return null;
    }

    /// <summary>A stance in [-1, 1].</summary>
    public static string? ParseStance(ReadOnlySpan<char> text, out double stance)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out stance))
            return $"bad number '{text}' for stance";
        if (!(stance >= -1 && stance <= 1))
            return $"stance must be in [-1, 1], got '{text}'";
        return null;
    }
}
