using System.Runtime.CompilerServices;

namespace Influence.Core.Graph;

/// <summary>
/// Ids whose text is a canonical decimal number (SNAP and most exported ids: 1–18 ASCII digits, no leading zero, or
/// exactly "0"): such a text is the number's only spelling, so the number can stand for the text and give it back
/// byte for byte. "007", "+7", "-7" and "7.0" are not canonical and stay text.
/// </summary>
internal static class NumericIds
{
    /// <summary>Most digits a canonical id may have (every 18-digit number is below 2^63).</summary>
    public const int MaxDigits = 18;

    /// <summary>Values below this are canonical ids (10^18).</summary>
    public const long Limit = 1_000_000_000_000_000_000;

    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>True when <paramref name="text"/> is a canonical decimal id; <paramref name="value"/> is then its number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxDigits || (text[0] == '0' && text.Length > 1)) return false;
        foreach (char c in text)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>True when <paramref name="value"/> is the number of a canonical id (0 ≤ value &lt; 10^18).</summary>
    public static bool IsCanonical(long value) => value >= 0 && value < Limit;

    /// <summary>
    /// Hash of a numeric id: fmix64 (MurmurHash3's finaliser) over the value mixed with a per-process random seed, so
    /// crafted ids cannot force long probe chains in an open-addressing table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(long value)
    {
        ulong h = (ulong)value ^ s_seed;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return (int)h;
    }

    /// <summary>The id's text.</summary>
    public static string Format(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
