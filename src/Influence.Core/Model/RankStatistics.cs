namespace Influence.Core.Model;

/// <summary>Rank comparisons between two scores over the same accounts.</summary>
public static class RankStatistics
{
    /// <summary>
    /// Spearman rank correlation: Pearson correlation of the ranks, tied values sharing their average
    /// rank (the definition scipy.stats.spearmanr uses). NaN when fewer than two values or when
    /// either side is constant (its rank variance is 0).
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, or a NaN value.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"Spearman needs two equally long series (got {x.Length} and {y.Length}).", nameof(y));
        int n = x.Length;
        if (n < 2) return double.NaN;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(x[i])) throw new ArgumentException($"Value #{i} is NaN: ranks need comparable numbers.", nameof(x));
            if (double.IsNaN(y[i])) throw new ArgumentException($"Value #{i} is NaN: ranks need comparable numbers.", nameof(y));
        }
        double[] xs = x.ToArray(), ys = y.ToArray();
        double[] rx = [], ry = [];
        Parallel.Invoke(() => rx = AverageRanks(xs, nameof(x)), () => ry = AverageRanks(ys, nameof(y)));
        double mean = (n + 1) / 2.0; // mean of average ranks is always (n+1)/2
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double a = rx[i] - mean, b = ry[i] - mean;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>1-based ranks ascending; tied values get the mean of the ranks they span.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values, string? name = null)
    {
        int n = values.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i])) throw new ArgumentException($"Value #{i} is NaN: ranks need comparable numbers.", name ?? nameof(values));
            keys[i] = values[i];
            order[i] = i;
        }
        Array.Sort(keys, order);
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double avg = (start + 1 + end) / 2.0; // ranks start+1 .. end
            for (int p = start; p < end; p++) ranks[order[p]] = avg;
            start = end;
        }
        return ranks;
    }

    /// <summary>
    /// Share of the top <paramref name="k"/> accounts by <paramref name="x"/> that are also in the top
    /// <paramref name="k"/> by <paramref name="y"/> (k capped at the number of accounts; ties at the
    /// cut broken by lower index). 0 for no accounts.
    /// </summary>
    public static double TopKOverlap(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"TopKOverlap needs two equally long series (got {x.Length} and {y.Length}).", nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = x.Length;
        k = Math.Min(k, n);
        if (k == 0) return 0;
        int[] topX = TopK(x, k), topY = TopK(y, k);
        Array.Sort(topX);
        Array.Sort(topY);
        return SortedSpans.CountIntersection(topX, topY) / (double)k;
    }

    /// <summary>Indices of the <paramref name="k"/> largest values, best first; ties by lower index. O(n + k log k).</summary>
    public static int[] TopK(ReadOnlySpan<double> values, int k)
    {
        int n = values.Length;
        k = Math.Clamp(k, 0, n);
        if (k == 0) return [];
        // The k-th largest value by selection, then every index above it plus the lowest tied ones.
        var scratch = values.ToArray();
        double cut = Select(scratch, n - k);
        var keys = new List<double>(k);
        var idx = new List<int>(k);
        for (int i = 0; i < n; i++)
            if (values[i] > cut) { keys.Add(-values[i]); idx.Add(i); }
        for (int i = 0; i < n && idx.Count < k; i++)
            if (values[i] == cut) { keys.Add(-values[i]); idx.Add(i); }
        var keyArray = keys.ToArray();
        var idxArray = idx.ToArray();
        SortedSpans.SortByKeyThenId(keyArray, idxArray);
        return idxArray;
    }

    /// <summary>Size of the community the median account belongs to (account-weighted median of <paramref name="sizes"/>); 0 without accounts.</summary>
    public static double MedianAccountCommunitySize(ReadOnlySpan<int> sizes)
    {
        long accounts = 0;
        foreach (int size in sizes) accounts += size;
        if (accounts == 0) return 0;
        var sorted = sizes.ToArray();
        Array.Sort(sorted);
        // Accounts in communities of size ≤ sorted[i], counted until half of all accounts are covered.
        long covered = 0, half = (accounts + 1) / 2;
        foreach (int size in sorted)
        {
            covered += size;
            if (covered >= half) return size;
        }
        return sorted[^1];
    }

    /// <summary>Nearest-rank percentile by selection (reorders <paramref name="values"/>); 0 for an empty span. O(n) expected.</summary>
    public static double Percentile(Span<double> values, double percentile)
    {
        if (values.Length == 0) return 0;
        int rank = (int)Math.Ceiling(percentile / 100.0 * values.Length);
        return Select(values, Math.Clamp(rank - 1, 0, values.Length - 1));
    }

    /// <summary>The k-th smallest value (0-based): quickselect with a median-of-three pivot.</summary>
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (hi > lo)
        {
            if (hi - lo < 16)
            {
                a[lo..(hi + 1)].Sort();
                return a[k];
            }
            int mid = lo + (hi - lo) / 2;
            if (a[mid] < a[lo]) (a[mid], a[lo]) = (a[lo], a[mid]);
            if (a[hi] < a[lo]) (a[hi], a[lo]) = (a[lo], a[hi]);
            if (a[hi] < a[mid]) (a[hi], a[mid]) = (a[mid], a[hi]);
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }
}
