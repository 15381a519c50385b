using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>Kind weights and threshold overrides from the command line.</summary>
public class AnalysisOptionTests
{
    private static string[] Analyze(string world, string outName, params string[] extra) =>
    [
        "analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
        "--out", Path.Combine(world, outName), .. extra,
    ];

    private static string Column(string dir, string column, int row)
    {
        string[] lines = Lines(Path.Combine(dir, "accounts.csv"));
        int index = Array.IndexOf(AnalyzeCommandTests.SplitCsv(lines[0]), column);
        return AnalyzeCommandTests.SplitCsv(lines[row])[index];
    }

    [Fact]
    public void Kind_weights_change_engagement_figures()
    {
        string world = DemoWorld();
        Ok(Analyze(world, "default"));
        Ok(Analyze(world, "likes-heavy", "--kind-weight", "like=10", "--kind-weight", "retweet=0.5"));
        string[] lines = Lines(Path.Combine(world, "default", "accounts.csv"));
        bool anyDifferent = false;
        for (int row = 1; row < lines.Length && !anyDifferent; row++)
            anyDifferent = Column(Path.Combine(world, "default"), "engagement_received", row)
                != Column(Path.Combine(world, "likes-heavy"), "engagement_received", row);
        Assert.True(anyDifferent, "changing the like and share weights left every account's engagement unchanged");
    }

    [Fact]
    public void A_threshold_override_shows_in_the_reasons()
    {
        string world = DemoWorld();
        Ok(Analyze(world, "fixed", "--threshold", "large_audience_followers=3"));
        string reasons = File.ReadAllText(Path.Combine(world, "fixed", "accounts.csv"));
        Assert.Contains("large-audience threshold 3", reasons);
    }

    [Theory]
    [InlineData("--kind-weight", "hug=2", "Unknown interaction kind 'hug'")]
    [InlineData("--kind-weight", "like=-1", "non-negative finite")]
    [InlineData("--kind-weight", "like", "expected name=value")]
    [InlineData("--threshold", "large_audience_followers=lots", "is not a number")]
    [InlineData("--threshold", "no_such_threshold=1", "no_such_threshold")]
    public void Bad_values_are_usage_errors_that_name_the_problem(string option, string value, string expected)
    {
        string world = DemoWorld();
        CliResult result = Run(Analyze(world, "bad", option, value));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(world, "bad")), "a usage error must not leave an output folder");
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--keep-suspected-fakes" }, false)]
    public void Suspected_fakes_are_left_out_unless_kept(string[] args, bool excluded)
    {
        var options = new Influence.Cli.Commands.AnalysisOptions();
        var command = new System.CommandLine.RootCommand();
        options.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        Assert.Equal(excluded, options.Config(parse).Audience.ExcludeSuspectedFakes);
    }
}
