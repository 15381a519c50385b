using System.Globalization;

namespace Influence.Core.Model;

/// <summary>
/// Invariant number formatting for reasons and reports. Each method returns a <see cref="Figure"/>, which an interpolated
/// string formats straight into its buffer (no string per number); its text is exactly what the .NET format named below
/// gives, only faster (<see cref="Figure.TryFormat"/>).
/// </summary>
internal static class Fmt
{
    /// <summary>Rounded to an integer (to even), thousands grouped: <c>(Math.Round(v) + 0.0).ToString("N0")</c>.</summary>
    public static Figure Count(double v) => new(v, FigureStyle.Count);

    /// <summary>Up to 3 decimals: <c>v.ToString("0.###")</c>.</summary>
    public static Figure Rate(double v) => new(v, FigureStyle.Rate);

    /// <summary>From 1000 an integer with thousands grouped (<c>"N0"</c>), below it up to 2 decimals (<c>"0.##"</c>).</summary>
    public static Figure Amount(double v) => new(v, FigureStyle.Amount);

    /// <summary>4 significant digits in plain decimals (0.002598, 12350), never an exponent: one notation beside the dashboard's figures.</summary>
    public static Figure Score(double v) => new(v, FigureStyle.Score);

    /// <summary>Up to 4 decimals: <c>v.ToString("0.####")</c>.</summary>
    public static Figure Plain(double v) => new(v, FigureStyle.Plain);
}

internal enum FigureStyle { Count, Rate, Amount, Score, Plain }

/// <summary>
/// A number as the reasons print it. The reference is the .NET format of <see cref="Fmt"/>'s methods (what
/// <see cref="Reference"/> calls); <see cref="TryFormat"/> writes the same characters without its cost — .NET formats a
/// double for a custom pattern by generating 15 significant digits (Dragon4/Grisu) and rounding them again, the top of
/// the reasons' profile. The fast path takes positive finite values whose rounding is not close to a tie: there the
/// 15-digit step cannot change the result, so rounding the scaled value once gives the same digits. Anything else
/// (negatives, NaN, infinities, huge values, near-ties) goes to the reference. Tests compare both on millions of values.
/// </summary>
internal readonly struct Figure(double value, FigureStyle style) : ISpanFormattable
{
    private static readonly double[] s_pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];
    private static readonly long[] s_pow10Long = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000];

    /// <summary>Tests only: every figure on this thread by <see cref="Reference"/> (the texts as they were before the fast path).</summary>
    [ThreadStatic] internal static bool t_referenceOnly;

    public double Value => value;
    public FigureStyle Style => style;

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out int written, default, null) ? new string(buffer[..written]) : Reference();
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The text by the .NET format this figure stands for (the slow path, and the tests' oracle).</summary>
    public string Reference() => style switch
    {
        FigureStyle.Count => double.IsFinite(value)
            ? (Math.Round(value) + 0.0).ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture),
        FigureStyle.Rate => value.ToString("0.###", CultureInfo.InvariantCulture),
        FigureStyle.Amount => value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture),
        FigureStyle.Score => ReferenceScore(value),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string ReferenceScore(double v)
    {
        if (!double.IsFinite(v) || v == 0) return v.ToString(CultureInfo.InvariantCulture);
        int decimals = ScoreDecimals(v);
        return Math.Round(v, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
    }

    private static int ScoreDecimals(double v) => Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15);

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (!t_referenceOnly && TryFast(destination, out charsWritten)) return true;
        string text = Reference();
        charsWritten = 0;
        if (!text.TryCopyTo(destination)) return false;
        charsWritten = text.Length;
        return true;
    }

    /// <summary>The fast path alone: false when the figure needs the reference (or the destination is too short).</summary>
    internal bool TryFast(Span<char> destination, out int written)
    {
        written = 0;
        double v = value;
        if (!(v > 0) || !double.IsFinite(v)) return v == 0 && !double.IsNegative(v) && style != FigureStyle.Score && TryWrite(destination, 0, 0, false, out written);
        switch (style)
        {
            case FigureStyle.Count:
                double rounded = Math.Round(v);
                return rounded < 1e15 && TryWrite(destination, (long)rounded, 0, true, out written);
            case FigureStyle.Rate:
                return TryDecimals(destination, v, 3, false, out written);
            case FigureStyle.Amount:
                return v >= 1000 ? TryDecimals(destination, v, 0, true, out written) : TryDecimals(destination, v, 2, false, out written);
            case FigureStyle.Score:
                int decimals = ScoreDecimals(v);
                return TryDecimals(destination, Math.Round(v, decimals), Math.Max(decimals, 1), false, out written);
            default:
                return TryDecimals(destination, v, 4, false, out written);
        }
    }

    /// <summary>
    /// Positive <paramref name="v"/> rounded half up to <paramref name="decimals"/> places, unless the scaled value lies
    /// within the error of .NET's 15-significant-digit step (5e-15 relative, the product's 1.1e-16 besides) of a tie.
    /// </summary>
    private static bool TryDecimals(Span<char> destination, double v, int decimals, bool grouped, out int written)
    {
        written = 0;
        double x = v * s_pow10[decimals];
        if (!(x < 1e15)) return false;
        double floor = Math.Floor(x), fraction = x - floor;
        if (Math.Abs(fraction - 0.5) <= x * 1e-13 + 1e-9) return false;
        return TryWrite(destination, (long)floor + (fraction > 0.5 ? 1 : 0), decimals, grouped, out written);
    }

    /// <summary>
    /// <paramref name="scaled"/> / 10^<paramref name="decimals"/> in plain decimals: the integer part (grouped by
    /// thousands with ',' when <paramref name="grouped"/>), then '.' and the decimals without trailing zeros, if any.
    /// </summary>
    private static bool TryWrite(Span<char> destination, long scaled, int decimals, bool grouped, out int written)
    {
        written = 0;
        long unit = s_pow10Long[decimals];
        long integer = scaled / unit, fraction = scaled % unit;
        int digits = 1;
        for (long rest = integer; rest >= 10; rest /= 10) digits++;
        int length = digits + (grouped ? (digits - 1) / 3 : 0);
        int fractionDigits = 0;
        if (fraction != 0)
        {
            fractionDigits = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                fractionDigits--;
            }
        }
        int total = length + (fractionDigits > 0 ? 1 + fractionDigits : 0);
        if (total > destination.Length) return false;
        int at = length;
        for (int d = 0; d < digits; d++)
        {
            if (grouped && d > 0 && d % 3 == 0) destination[--at] = ',';
            destination[--at] = (char)('0' + integer % 10);
            integer /= 10;
        }
        if (fractionDigits > 0)
        {
            destination[length] = '.';
            for (int d = fractionDigits; d > 0; d--)
            {
                destination[length + d] = (char)('0' + fraction % 10);
                fraction /= 10;
            }
        }
        written = total;
        return true;
    }
}
