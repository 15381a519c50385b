using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>influence estimate</c> and the memory check every run makes before it allocates.</summary>
public class EstimateCommandTests
{
    [Fact]
    public void Estimate_prints_the_breakdown_and_whether_it_fits()
    {
        CliResult fits = Ok("estimate", "--accounts", "100000", "--follows", "1000000", "--interactions", "200000", "--memory-limit", "8GiB");
        Assert.Contains("accounts 100,000, follows 1,000,000, interactions 200,000: peak ≈", fits.Stdout);
        Assert.Contains("follows (rows read", fits.Stdout);
        Assert.Contains("fits the memory limit of 8.00 GiB (--memory-limit)", fits.Stdout);

        CliResult refused = Run("estimate", "--accounts", "10000000", "--follows", "100000000", "--interactions", "20000000", "--memory-limit", "1GiB");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("peak ≈", refused.Stdout);
        Assert.Contains("error: a run of this size would be refused", refused.Stderr);
        Assert.Contains("1.00 GiB (--memory-limit)", refused.Stderr);
    }

    [Fact]
    public void A_graph_over_the_kernels_32_bit_limit_is_refused_whatever_the_memory()
    {
        CliResult fits = Ok("estimate", "--accounts", "100000000", "--follows", "1000000000", "--interactions", "200000000", "--memory-limit", "1TiB");
        Assert.Contains("community projection ≈ 1,692,000,000 row entries (the kernel's 32-bit limit: 2,147,483,591)", fits.Stdout);

        CliResult refused = Run("estimate", "--accounts", "100000000", "--follows", "1500000000", "--interactions", "300000000", "--memory-limit", "1TiB");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("2,538,000,000 row entries", refused.Stderr);
        Assert.Contains("the kernel's 32-bit offsets", refused.Stderr);
    }

    [Theory]
    [InlineData("--accounts", "-5")]
    [InlineData("--memory-limit", "lots")]
    [InlineData("--memory-limit", "0")]
    public void Bad_values_are_usage_errors(string option, string value)
    {
        string[] args = option == "--accounts" ? ["estimate", option, value] : ["estimate", "--accounts", "10", option, value];
        CliResult result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr);
    }

    [Fact]
    public void Analyze_over_the_memory_limit_is_refused_before_reading_and_writes_nothing()
    {
        string world = DemoWorld(seed: 12);
        string outDir = Path.Combine(world, "refused");
        // 1 MiB is below even the runtime's share: the lower bound from the line counts refuses before any row is read.
        CliResult result = Run("analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
            "--out", outDir, "--memory-limit", "1MiB");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Run refused before it started", result.Stderr);
        Assert.Contains("lower bound", result.Stderr);
        Assert.Contains("--memory-limit", result.Stderr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any(), "a refused run left files behind");

        CliResult fits = Ok("analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
            "--out", outDir, "--memory-limit", "4GiB");
        Assert.True(File.Exists(Path.Combine(outDir, "accounts.csv")), fits.ToString());
    }

    [Fact]
    public void Analyze_refused_after_reading_when_only_the_accounts_push_it_over_the_limit()
    {
        string world = DemoWorld(seed: 14);
        string follows = Path.Combine(world, "follows.csv"), interactions = Path.Combine(world, "interactions.csv");
        // The check before reading counts lines (headers included) but no accounts; one byte above that bound passes
        // it, and the exact check after reading (accounts × 690 B more) refuses before the analysis allocates.
        long bound = Influence.Core.Model.RunEstimator.Estimate(new(0, File.ReadLines(follows).LongCount(), File.ReadLines(interactions).LongCount())).PeakBytes;
        string outDir = Path.Combine(world, "refused-after-read");
        CliResult result = Run("analyze", "--follows", follows, "--interactions", interactions, "--out", outDir, "--memory-limit", (bound + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Run refused before it started", result.Stderr);
        Assert.DoesNotContain("lower bound", result.Stderr);
        Assert.Contains("600 accounts", result.Stderr);
        Assert.DoesNotContain("analyse:", result.Stderr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any(), "a refused run left files behind");
    }

    [Fact]
    public void Follow_times_count_in_the_estimate_and_in_the_check_after_reading()
    {
        CliResult timed = Ok("estimate", "--accounts", "1000000", "--follows", "10000000", "--follow-times");
        Assert.Contains("follow times", timed.Stdout);
        Assert.Contains("38 MiB  follow times", timed.Stdout); // 4 bytes × 10M rows

        // The demo world's follows carry a since column: a limit that fits the run without follow times refuses it after reading.
        string world = DemoWorld(seed: 15);
        string follows = Path.Combine(world, "follows.csv"), interactions = Path.Combine(world, "interactions.csv");
        long followRows = File.ReadLines(follows).LongCount() - 1, interactionRows = File.ReadLines(interactions).LongCount() - 1;
        long untimed = Influence.Core.Model.RunEstimator.Estimate(new(600, followRows, interactionRows)).PeakBytes;
        string outDir = Path.Combine(world, "refused-follow-times");
        CliResult result = Run("analyze", "--follows", follows, "--interactions", interactions, "--out", outDir,
            "--memory-limit", untimed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(follow times counted)", result.Stderr);
        Assert.Contains("600 accounts", result.Stderr);
    }

    [Fact]
    public void Analyze_of_a_store_over_the_limit_records_the_refusal_as_the_failed_run()
    {
        string world = DemoWorld(seed: 13);
        string db = Path.Combine(world, "store.db");
        Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"), "--store", db);
        CliResult refused = Run("analyze", "--store", db, "--out", Path.Combine(world, "out"), "--memory-limit", "1MiB");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Run refused before it started", refused.Stderr);
        CliResult runs = Ok("runs", "--store", db);
        Assert.Contains("failed", runs.Stdout);
        Assert.Contains("Run refused before it started", runs.Stdout);
    }
}
