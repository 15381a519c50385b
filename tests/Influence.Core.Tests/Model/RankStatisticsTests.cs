using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

public sealed class RankStatisticsTests
{
    [Fact]
    public void Spearman_with_ties_matches_a_hand_computation()
    {
        // x = 10, 20, 20, 40 → ranks 1, 2.5, 2.5, 4;  y = 1, 3, 2, 4 → ranks 1, 3, 2, 4; mean rank 2.5.
        // dx = −1.5, 0, 0, 1.5; dy = −1.5, 0.5, −0.5, 1.5 → Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5.
        // ρ = 4.5 / √(4.5 · 5) = 0.9486832980505138.
        double rho = RankStatistics.Spearman([10, 20, 20, 40], [1, 3, 2, 4]);
        Assert.Equal(4.5 / Math.Sqrt(22.5), rho, 12);
    }

    [Fact]
    public void Spearman_is_one_for_monotone_and_minus_one_for_reversed()
    {
        Assert.Equal(1.0, RankStatistics.Spearman([1, 2, 3, 4, 5], [2, 4, 8, 16, 1000]), 12);
        Assert.Equal(-1.0, RankStatistics.Spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), 12);
    }

    [Fact]
    public void Spearman_of_a_constant_series_is_NaN_and_bad_input_throws()
    {
        Assert.True(double.IsNaN(RankStatistics.Spearman([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(RankStatistics.Spearman([1], [2])));
        var e = Assert.Throws<ArgumentException>(() => RankStatistics.Spearman([1, 2], [1, 2, 3]));
        Assert.Contains("2 and 3", e.Message);
        Assert.Throws<ArgumentException>(() => RankStatistics.Spearman([1, double.NaN], [1, 2]));
    }

    [Fact]
    public void Average_ranks_share_tied_positions()
    {
        Assert.Equal([2.0, 2.0, 2.0, 4.0, 5.5, 5.5], RankStatistics.AverageRanks([7, 7, 7, 8, 9, 9]));
    }

    [Fact]
    public void Top_k_overlap_counts_shared_members()
    {
        // Top 2 by x: indices 3, 2. Top 2 by y: indices 3, 0. One shared → 0.5.
        Assert.Equal(0.5, RankStatistics.TopKOverlap([1, 2, 3, 4], [3, 1, 2, 4], 2), 12);
        Assert.Equal(1.0, RankStatistics.TopKOverlap([1, 2], [2, 1], 100), 12); // k capped at n
        Assert.Throws<ArgumentOutOfRangeException>(() => RankStatistics.TopKOverlap([1.0], [1.0], 0));
    }
}

public sealed class PercentileTests
{
    [Fact]
    public void Nearest_rank_percentile_matches_sorting_on_random_data_with_ties()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, 300);
            var values = new double[n];
            for (int i = 0; i < n; i++) values[i] = rng.Next(0, 20); // many ties
            double p = rng.NextDouble() * 100;
            var sorted = values.Order().ToArray();
            double expected = sorted[Math.Clamp((int)Math.Ceiling(p / 100 * n) - 1, 0, n - 1)];
            Assert.Equal(expected, RankStatistics.Percentile(values, p));
        }
    }

    [Fact]
    public void Typical_community_size_is_the_size_of_the_median_accounts_community()
    {
        // Sizes 1, 1, 1, 7: ten accounts, seven of them in the big community.
        Assert.Equal(7, RankStatistics.MedianAccountCommunitySize([1, 1, 1, 7]));
        Assert.Equal(2, RankStatistics.MedianAccountCommunitySize([2, 2, 1])); // 5 accounts: the 3rd is in a community of 2
        Assert.Equal(0, RankStatistics.MedianAccountCommunitySize([]));
    }
}

public sealed class TopKTests
{
    [Fact]
    public void Top_k_matches_a_full_sort_with_ties_by_lower_index()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = rng.Next(1, 400), k = rng.Next(1, n + 1);
            var values = new double[n];
            for (int i = 0; i < n; i++) values[i] = rng.Next(0, 10);
            int[] expected = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k).ToArray();
            Assert.Equal(expected, RankStatistics.TopK(values, k));
        }
    }
}
