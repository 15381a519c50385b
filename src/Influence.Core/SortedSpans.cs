using System.Runtime.CompilerServices;

namespace Influence.Core;

/// <summary>Helpers over sorted spans and the deterministic key sort every ranking of the model uses.</summary>
internal static class SortedSpans
{
    /// <summary>How many values two ascending spans share (a merge, O(a + b)); inlined: reciprocity runs it once per node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountIntersection(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            int x = a[i], y = b[j];
            if (x == y) { count++; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return count;
    }

    /// <summary>Sorts ascending by key, ties by id ascending (deterministic whatever the sort's stability).</summary>
    public static void SortByKeyThenId(Span<double> keys, Span<int> ids)
    {
        keys.Sort(ids);
        int i = 0;
        while (i < keys.Length)
        {
            int j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) ids[i..j].Sort();
            i = j;
        }
    }
}
