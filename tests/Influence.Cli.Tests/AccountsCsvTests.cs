using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Cli.Tests;

/// <summary>accounts.csv is derived from <see cref="AccountMetricSchema"/>; its existing columns must not move or change by a byte.</summary>
public sealed class AccountsCsvTests
{
    /// <summary>A hand-made result with awkward values: NaN, negative zero, tiny and huge reals, quotes and commas in ids.</summary>
    internal static InfluenceAnalysisResult AwkwardResult()
    {
        var a = new AccountMetrics
        {
            Followers = 12, Following = 3, Mutual = 2, FollowBackRate = 2.0 / 3, FollowedBackRate = 1.0 / 6,
            EngagementReceived = 1e-300, EngagementGiven = 12345678.9, UniqueEngagers = 7, UniqueEngaged = 4,
            EngagementRate = double.NaN, ActiveAudienceShare = -0.0, ReciprocatedEngagementShare = 0.1 + 0.2,
            ShareOfGivenThatIsShares = 0.25, PageRank = 0.123456789012345678, Influence = 5e-7, Community = 3,
            InCommunityEngagementShare = 1, CommunityRank = 2, Component = 1, Role = AccountRole.MicroInfluencer,
            Stage = PresenceStage.PowerNetworker, Defenders = 9, Critics = 1, DefenderEngagementShare = 0.5, DefenderDensity = double.NaN,
            Quadrant = PopularityQuadrant.PopularAndInfluential, RoleMargin = 0.25, Attention = 1e-9, CommunityStandout = 4.5,
            FollowersOutsideCommunityShare = 0.125, MassFollowerShare = 0.5, InactiveFollowerShare = 0.25, SuspiciousGrowthShare = 0,
            EngagementRatePercentile = double.NaN, AudienceQuality = 62.5, SuspectedFakeFollowers = 3, SuspiciousSpikes = 1, SuspectedFake = 0,
        };
        var b = new AccountMetrics
        {
            Followers = int.MaxValue, Following = 0, Mutual = 0, FollowBackRate = 0, FollowedBackRate = 0,
            EngagementReceived = 0, EngagementGiven = 0, EngagementRate = 1.7976931348623157e308, PageRank = double.Epsilon,
            Influence = 1, Community = -1, CommunityRank = 0, Role = AccountRole.Celebrity, Stage = PresenceStage.Present,
        };
        return new InfluenceAnalysisResult
        {
            AccountIds = ["@a,\"quoted\"", " edge "],
            Accounts = [a, b],
            ReceivedByKind = new double[2 * InteractionKinds.Count],
            GivenByKind = new double[2 * InteractionKinds.Count],
            Thresholds = new RoleThresholds(ThresholdCatalog.All.ToDictionary(d => d.Name, d => double.IsFinite(d.Default) ? d.Default : 100)),
            Defenders = [],
            Critics = [],
            Communities = [],
            Summary = new AnalysisSummary(),
        };
    }

    /// <summary>
    /// What the hand-written writer produced before the schema existed, with the validated model's five columns after
    /// <c>defenders</c>, the eight audience-quality columns after those and in_community_outreach_share last (reasons left out: they
    /// are the model's text).
    /// </summary>
    private static readonly string[] ExpectedBeforeReasons =
    [
        "id,followers,following,mutual,pagerank,community,follow_back_rate,followed_back_rate,engagement_received,engagement_given,unique_engagers,engagement_rate,active_audience_share,reciprocated_engagement_share,influence,in_community_engagement_share,community_rank,role,stage,defenders,popularity_vs_influence,role_margin,attention,community_standout,followers_outside_community_share,mass_follower_share,inactive_follower_share,suspicious_growth_share,engagement_rate_percentile,audience_quality,suspected_fake_followers,suspicious_spikes,suspected_fake,in_community_outreach_share,reasons",
        "\"@a,\"\"quoted\"\"\",12,3,2,0.12345678901234568,3,0.6666666666666666,0.16666666666666666,1E-300,12345678.9,7,NaN,-0,0.30000000000000004,5E-07,1,2,micro-influencer,power-networker,9,popular-and-influential,0.25,1E-09,4.5,0.125,0.5,0.25,0,NaN,62.5,3,1,0,0,",
        "\" edge \",2147483647,0,0,5E-324,-1,0,0,0,0,0,1.7976931348623157E+308,0,0,1,0,0,celebrity,present,0,neither,0,0,0,0,0,0,0,0,0,0,0,0,0,",
    ];

    [Fact]
    public void Accounts_csv_is_byte_identical_to_the_hand_written_layout()
    {
        var result = AwkwardResult();
        var writer = new StringWriter { NewLine = "\n" };
        ResultWriter.WriteAccounts(writer, result);
        string[] lines = writer.ToString().Split('\n');
        Assert.Equal(ExpectedBeforeReasons.Length + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Equal(ExpectedBeforeReasons[0], lines[0]);
        for (int i = 0; i < result.Accounts.Length; i++)
            Assert.Equal(ExpectedBeforeReasons[i + 1] + Csv.Escape(ResultWriter.Reasons(result.Accounts[i], result.Thresholds)), lines[i + 1]);
    }

    [Fact]
    public void Accounts_csv_columns_are_the_schema_csv_metrics_between_id_and_reasons()
    {
        string[] expected = ["id", .. AccountMetricSchema.AccountsCsv.Select(m => m.Name), "reasons"];
        Assert.Equal(expected, ResultWriter.AccountColumns);
    }
}
