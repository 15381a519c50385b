using System.Buffers;
using System.Globalization;
using System.Text;
using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>
/// The one definition of a valid follow, unfollow and interaction row. The readers (CLI files, the
/// importer, every API body format) parse fields with it, and the stores check records handed to them
/// with it, so a row gets the same verdict through every entry point. Every method returns null when
/// the value is valid, else the reason (quoting at most a short escaped excerpt of the value).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Ids</b>: 1..<see cref="MaxIdLength"/> UTF-16 characters, not only whitespace, no control
/// characters (U+0000–U+001F, U+007F–U+009F), no unpaired surrogate, no invalid UTF-8 in the input
/// (decoded as <see cref="InvalidUtf8Marker"/>).</item>
/// <item><b>Times</b>: ISO-8601 (UTC unless an offset is given) or Unix seconds (fractions floored), within
/// ±<see cref="MaxAbsUnixSeconds"/> (year 5138). Larger numbers are refused, never converted: they are
/// almost always milliseconds, and taken as seconds they would corrupt the defender periods.</item>
/// <item><b>Weight</b>: a finite count in (0, <see cref="MaxWeight"/>]: the model multiplies it by a
/// kind weight and sums it over at most 2^31 rows in doubles, which stays far from overflow.</item>
/// <item><b>Stance</b>: finite, in [-1, 1]. <b>Kind</b>: one of <see cref="ValidKinds"/>.</item>
/// </list>
/// </remarks>
public static class RowRules
{
    /// <summary>The shape of every field rule (<see cref="ParseTimestamp"/>, <see cref="ParseWeight"/>, …): null when valid, else the reason.</summary>
    public delegate string? FieldParser<T>(ReadOnlySpan<char> text, out T value);

    /// <summary>Longest accepted account id, in UTF-16 characters.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Largest accepted interaction (or follow) weight.</summary>
    public const double MaxWeight = 1_000_000;

    /// <summary>Largest accepted |Unix seconds| (10^11 s ≈ year 5138); larger values are refused as probable milliseconds.</summary>
    public const long MaxAbsUnixSeconds = 100_000_000_000;

    /// <summary>Accepted kind names, for error messages and help.</summary>
    public const string ValidKinds = "reply (re), mention (mt), share (retweet, repost, rt), quote, comment, like";

    /// <summary>
    /// What the readers decode an invalid UTF-8 byte sequence to (a Unicode noncharacter, never part of
    /// interchanged text), so the row holding it is refused with its line instead of being stored with
    /// replacement characters.
    /// </summary>
    public const char InvalidUtf8Marker = '\uFDD0';

    /// <summary>Characters an id may not hold (controls and the invalid-UTF-8 marker).</summary>
    private static readonly SearchValues<char> s_forbiddenInId = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) +
        string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c)) + InvalidUtf8Marker);

    /// <summary>UTF-8 without BOM whose decoder turns invalid bytes into <see cref="InvalidUtf8Marker"/>.</summary>
    public static Encoding Utf8WithMarker { get; } = CreateUtf8WithMarker();

    private static Encoding CreateUtf8WithMarker()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = new DecoderReplacementFallback(InvalidUtf8Marker.ToString());
        return encoding;
    }

    /// <summary>Why <paramref name="id"/> is not a valid account id, or null.</summary>
    public static string? CheckId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty) return "empty id";
        if (id.Length > MaxIdLength) return $"id longer than {MaxIdLength} characters ({id.Length}): {Quote(id)}";
        // Hot path (readers resolve millions of ids): printable ASCII needs one vectorized scan.
        if (id.IndexOfAnyExceptInRange(' ', '~') < 0) return id.IndexOfAnyExcept(' ') < 0 ? "id is only whitespace" : null;
        int bad = id.IndexOfAny(s_forbiddenInId);
        if (bad >= 0)
            return id[bad] == InvalidUtf8Marker
                ? $"invalid UTF-8 bytes in id {Quote(id)}"
                : $"control character U+{(int)id[bad]:X4} at position {bad + 1} of id {Quote(id)}";
        if (id.IsWhiteSpace()) return "id is only whitespace";
        if (id.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && !IsWellFormedUtf16(id))
            return $"unpaired surrogate in id {Quote(id)}";
        return null;
    }

    private static bool IsWellFormedUtf16(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>Unix seconds (integer or fractional, floored) or ISO-8601 (UTC unless an offset is given), within ±<see cref="MaxAbsUnixSeconds"/>.</summary>
    public static string? ParseTimestamp(ReadOnlySpan<char> text, out long unixSeconds)
    {
        // Integer seconds first: the common case, and cheaper than the floating-point parse.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out unixSeconds))
            return CheckTimestamp(unixSeconds);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            unixSeconds = 0;
            if (!double.IsFinite(seconds) || Math.Abs(seconds) >= MaxAbsUnixSeconds)
                return OutOfRange(Quote(text), seconds);
            unixSeconds = (long)Math.Floor(seconds);
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset at))
        {
            unixSeconds = at.ToUnixTimeSeconds();
            return CheckTimestamp(unixSeconds);
        }
        unixSeconds = 0;
        return $"bad timestamp {Quote(text)}: expected ISO-8601 (e.g. 2024-05-01T12:00:00Z) or Unix seconds";
    }

    /// <summary>Why <paramref name="unixSeconds"/> is not an accepted time, or null.</summary>
    public static string? CheckTimestamp(long unixSeconds) =>
        unixSeconds > -MaxAbsUnixSeconds && unixSeconds < MaxAbsUnixSeconds
            ? null
            : OutOfRange(unixSeconds.ToString(CultureInfo.InvariantCulture), unixSeconds);

    private static string OutOfRange(string shown, double value) =>
        double.IsFinite(value) && Math.Abs(value) < MaxAbsUnixSeconds * 1000.0
            ? $"timestamp {shown} looks like milliseconds: give Unix seconds (divide by 1000) or ISO-8601; at most ±{MaxAbsUnixSeconds:0} s"
            : $"timestamp {shown} is out of range: Unix seconds within ±{MaxAbsUnixSeconds:0} or ISO-8601";

    /// <summary>A finite count in (0, <see cref="MaxWeight"/>].</summary>
    public static string? ParseWeight(ReadOnlySpan<char> text, out double weight)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            return $"bad number {Quote(text)} for weight";
        return IsAcceptedWeight(weight) ? null : WeightProblem(weight, Quote(text));
    }

    /// <summary>Why <paramref name="weight"/> is not an accepted weight, or null.</summary>
    public static string? CheckWeight(double weight) => IsAcceptedWeight(weight) ? null : WeightProblem(weight, Number(weight));

    private static bool IsAcceptedWeight(double weight) => weight > 0 && weight <= MaxWeight;

    private static string WeightProblem(double weight, string shown) =>
        !(weight > 0) || !double.IsFinite(weight)
            ? $"weight must be a positive finite count, got {shown}"
            : $"weight {shown} is above the maximum {MaxWeight:0} (the model sums weights; split larger counts over several rows)";

    /// <summary>A stance in [-1, 1].</summary>
    public static string? ParseStance(ReadOnlySpan<char> text, out double stance)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out stance))
            return $"bad number {Quote(text)} for stance";
        return stance >= -1 && stance <= 1 ? null : $"stance must be in [-1, 1], got {Quote(text)}";
    }

    /// <summary>Why <paramref name="stance"/> is not in [-1, 1], or null.</summary>
    public static string? CheckStance(double stance) =>
        stance >= -1 && stance <= 1 ? null : $"stance must be in [-1, 1], got {Number(stance)}";

    /// <summary>One of the kind names in <see cref="ValidKinds"/> (case-insensitive).</summary>
    public static string? ParseKind(ReadOnlySpan<char> text, out InteractionKind kind)
    {
        if (InteractionKinds.TryParse(text, out kind)) return null;
        return text.IsWhiteSpace() ? $"empty kind; valid kinds: {ValidKinds}" : $"unknown kind {Quote(text)}; valid kinds: {ValidKinds}";
    }

    /// <summary>Why <paramref name="kind"/> is not a defined kind, or null.</summary>
    public static string? CheckKind(InteractionKind kind) =>
        (uint)kind < (uint)InteractionKinds.Count ? null : $"unknown kind {(int)kind}; valid kinds: {ValidKinds}";

    /// <summary>Why a follow record is invalid (field and reason), or null.</summary>
    public static (string Field, string Reason)? Check(in FollowRecord record) =>
        CheckPair(record.Source, record.Target, record.Since, "since");

    /// <summary>Why an unfollow record is invalid (field and reason), or null.</summary>
    public static (string Field, string Reason)? Check(in UnfollowRecord record) =>
        CheckPair(record.Source, record.Target, record.At, "at");

    /// <summary>Why an interaction record is invalid (field and reason), or null.</summary>
    public static (string Field, string Reason)? Check(in InteractionRecord record)
    {
        if (CheckPair(record.Source, record.Target, record.Timestamp, "timestamp") is { } e) return e;
        if (CheckKind(record.Kind) is { } kind) return ("kind", kind);
        if (CheckWeight(record.Weight) is { } weight) return ("weight", weight);
        if (record.Stance is double s && CheckStance(s) is { } stance) return ("stance", stance);
        return null;
    }

    private static (string Field, string Reason)? CheckPair(string? source, string? target, long? time, string timeField)
    {
        if (CheckId(source) is { } s) return ("source", s);
        if (CheckId(target) is { } t) return ("target", t);
        if (time is { } at && CheckTimestamp(at) is { } reason) return (timeField, reason);
        return null;
    }

    /// <summary>
    /// <paramref name="text"/> in single quotes, at most <paramref name="maxChars"/> characters of it,
    /// control characters and invalid bytes escaped (<c>\u0000</c>, <c>\uFFFD</c>), a longer text cut with
    /// its length: safe to print on one terminal line.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> text, int maxChars = 40) => "'" + Excerpt(text, maxChars) + "'";

    /// <summary>Like <see cref="Quote"/> without the quotes (used for the raw line of a rejected row).</summary>
    public static string Excerpt(ReadOnlySpan<char> text, int maxChars)
    {
        int shown = Math.Min(text.Length, maxChars);
        var sb = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (c == InvalidUtf8Marker) sb.Append("\\uFFFD");
            else if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || (char.IsSurrogate(c) && !IsPairAt(text, i)))
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else if (char.IsHighSurrogate(c) && i + 1 < shown)
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsHighSurrogate(c)) break; // a pair cut by the limit
            else sb.Append(c);
        }
        if (text.Length > shown) sb.Append(CultureInfo.InvariantCulture, $"… ({text.Length:N0} chars)");
        return sb.ToString();
    }

    private static bool IsPairAt(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
