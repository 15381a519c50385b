using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

public class RunEstimateTests
{
    [Fact]
    public void Parts_sum_to_the_peak_and_grow_with_every_count()
    {
        var baseline = RunEstimator.Estimate(new RunSize(1_000_000, 10_000_000, 2_000_000));
        long sum = 0;
        foreach (var part in baseline.Parts) sum += part.Bytes;
        Assert.Equal(baseline.PeakBytes, sum);
        Assert.True(RunEstimator.Estimate(new RunSize(2_000_000, 10_000_000, 2_000_000)).PeakBytes > baseline.PeakBytes);
        Assert.True(RunEstimator.Estimate(new RunSize(1_000_000, 20_000_000, 2_000_000)).PeakBytes > baseline.PeakBytes);
        Assert.True(RunEstimator.Estimate(new RunSize(1_000_000, 10_000_000, 4_000_000)).PeakBytes > baseline.PeakBytes);
        Assert.True(baseline.Time > TimeSpan.Zero);
        Assert.Contains("accounts 1,000,000", baseline.ToString());
    }

    [Fact]
    public void Follow_times_add_four_bytes_per_follow_row()
    {
        var untimed = RunEstimator.Estimate(new RunSize(1_000_000, 10_000_000, 2_000_000));
        var timed = RunEstimator.Estimate(new RunSize(1_000_000, 10_000_000, 2_000_000, FollowTimes: true));
        Assert.Equal(untimed.PeakBytes + 4L * 10_000_000, timed.PeakBytes);
        Assert.Equal(4L * 10_000_000, timed.Parts.Single(p => p.Name.StartsWith("follow times", StringComparison.Ordinal)).Bytes);
        Assert.Equal(0, untimed.Parts.Single(p => p.Name.StartsWith("follow times", StringComparison.Ordinal)).Bytes);
        var error = Assert.Throws<RunTooLargeException>(() => RunEstimator.EnsureFits(timed, untimed.PeakBytes, "--memory-limit"));
        Assert.Contains("(follow times counted)", error.Message);
    }

    [Fact]
    public void A_run_over_the_limit_is_refused_with_the_figures()
    {
        var estimate = RunEstimator.Estimate(new RunSize(10_000_000, 100_000_000, 20_000_000));
        RunEstimator.EnsureFits(estimate, estimate.PeakBytes, "test");   // exactly at the limit: fits
        var error = Assert.Throws<RunTooLargeException>(() => RunEstimator.EnsureFits(estimate, estimate.PeakBytes - 1, "--memory-limit"));
        Assert.Contains("10,000,000 accounts", error.Message);
        Assert.Contains("100,000,000 follows", error.Message);
        Assert.Contains("--memory-limit", error.Message);
        Assert.Contains(RunEstimator.FormatBytes(estimate.PeakBytes), error.Message);
        var lowerBound = Assert.Throws<RunTooLargeException>(() => RunEstimator.EnsureFits(RunEstimator.Estimate(new RunSize(0, 1_000_000_000, 0)), 1 << 30, "x"));
        Assert.Contains("lower bound", lowerBound.Message);
    }

    [Fact]
    public void A_projection_over_the_kernels_32_bit_offsets_is_refused_whatever_the_memory_limit()
    {
        long atLimit = RunEstimator.FollowRowsAtKernelLimit(0.2);
        Assert.InRange(atLimit, 1_200_000_000, 1_350_000_000);   // ≈ 1.3B follows at this shape (docs/scaling.md)
        var inside = RunEstimator.Estimate(new RunSize(100_000_000, atLimit - 1_000, (atLimit - 1_000) / 5));
        Assert.False(inside.OverKernelLimit);
        RunEstimator.EnsureFits(inside, long.MaxValue, "test");
        var over = RunEstimator.Estimate(new RunSize(100_000_000, atLimit + 1_000, (atLimit + 1_000) / 5));
        Assert.True(over.OverKernelLimit);
        Assert.True(over.ProjectionEntries > RunEstimator.MaxProjectionEntries);
        var error = Assert.Throws<RunTooLargeException>(() => RunEstimator.EnsureFits(over, long.MaxValue, "--memory-limit"));
        Assert.Contains("Run refused before it started", error.Message);
        Assert.Contains("32-bit", error.Message);
        Assert.Contains($"{over.ProjectionEntries:N0} row entries", error.Message);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEstimator.Estimate(new RunSize(-1, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEstimator.Estimate(new RunSize(0, -1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEstimator.Estimate(new RunSize(0, 0, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEstimator.EnsureFits(RunEstimator.Estimate(new RunSize(1, 1, 1)), 0, "x"));
        Assert.Throws<ArgumentNullException>(() => RunEstimator.EnsureFits(null!, 1, "x"));
    }

    [Theory]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("512 MiB", 512L << 20)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("2000000000", 2_000_000_000L)]
    [InlineData("64k", 64L << 10)]
    public void Sizes_parse(string text, long expected)
    {
        Assert.True(RunEstimator.TryParseBytes(text, out long bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1GiB")]
    [InlineData("0")]
    [InlineData("12x")]
    [InlineData("NaN")]
    [InlineData(null)]
    public void Bad_sizes_do_not_parse(string? text) => Assert.False(RunEstimator.TryParseBytes(text, out _));
}
