using Influence.Core.Audience;
using Influence.Core.Graph;
using Influence.Core.Model;
using static Influence.Core.Tests.Audience.AudienceWorld;

namespace Influence.Core.Tests.Audience;

public sealed class AudienceAnalysisTests
{
    private static readonly InfluenceAnalysisResult s_run = InfluenceAnalyzer.Run(Build());

    private static int Id(string name) => s_run.AccountIds.ToList().IndexOf(name);

    [Fact]
    public void A_bought_cohort_is_one_suspicious_spike_and_every_fake_is_suspected()
    {
        ref readonly AccountMetrics t = ref s_run.Accounts[Id("T")];
        Assert.Equal(1, t.SuspiciousSpikes);
        Assert.Equal(Fakes, t.SuspectedFakeFollowers);
        Assert.Equal(Fakes / 45.0, t.SuspiciousGrowthShare, 6);
        for (int i = 0; i < Fakes; i++) Assert.Equal(1, s_run.Accounts[Id("f" + i)].SuspectedFake);
        for (int i = 0; i < 80; i++) Assert.Equal(0, s_run.Accounts[Id("e" + i)].SuspectedFake);
        Assert.Equal(Fakes, s_run.Summary.SuspectedFakeAccounts);
    }

    [Fact]
    public void A_viral_cohort_that_engages_is_a_spike_but_not_suspicious_and_scores_far_higher()
    {
        var input = Build();
        AudienceContext context = AudienceContext.Build(input);
        int v = Id("V"), t = Id("T");
        AudienceReport viral = AudienceReports.Build(context, v, s_run.Accounts[v], 1, true);
        GrowthSpike spike = Assert.Single(viral.Spikes);
        Assert.False(spike.Suspicious);
        Assert.Equal(Viral, spike.NewFollowers);
        Assert.Equal(1.0, spike.EngagedShare);
        Assert.Equal(0, s_run.Accounts[v].SuspiciousSpikes);
        Assert.True(s_run.Accounts[v].AudienceQuality - s_run.Accounts[t].AudienceQuality >= 15,
            $"viral {s_run.Accounts[v].AudienceQuality} vs bought {s_run.Accounts[t].AudienceQuality}");
    }

    [Fact]
    public void The_report_shows_the_growth_the_cohort_figures_and_the_reasons()
    {
        var input = Build();
        AudienceContext context = AudienceContext.Build(input);
        int t = Id("T");
        AudienceReport report = AudienceReports.Build(context, t, s_run.Accounts[t], EngagementTiers.Decade(45), true);
        GrowthSpike spike = Assert.Single(report.Spikes);
        Assert.True(spike.Suspicious);
        Assert.Equal(FollowTimes.Day((int)(Day0 / 60)), spike.FirstDay);
        Assert.Equal(29.0 / 30, spike.InactiveShare, 6);   // f0 backs e20
        Assert.Equal(1.0, spike.NewAccountShare, 6);
        Assert.Equal(1.0, spike.FolloweeJaccard, 6);
        Assert.Equal(1.0, spike.LockstepTimeShare, 6);
        Assert.Equal(8, spike.CommonFollowees);
        Assert.Equal(45, report.Growth.Sum(g => g.Count));
        Assert.Contains(report.Growth, g => g.Day == spike.FirstDay && g.Count == Fakes / 2);
        Assert.Contains(report.Reasons, r => r.StartsWith("suspicious spike: 67 % of followers (30) arrived in 2 days", StringComparison.Ordinal));
        Assert.Equal(s_run.Accounts[t].AudienceQuality, report.Components.Score(report.Weights), 9);
    }

    [Fact]
    public void A_suspected_fake_is_never_a_defender()
    {
        // Control: with spikes out of reach (no suspected fakes) f0 qualifies as a defender of e20.
        var control = InfluenceAnalyzer.Run(Build(), new InfluenceConfig { Audience = new AudienceConfig { SpikeZ = 1000 } });
        Assert.Contains(control.Defenders, l => l.Defender == Id("f0") && l.Target == Id("e20"));
        Assert.DoesNotContain(s_run.Defenders, l => l.Defender == Id("f0"));
        Assert.Equal(1, s_run.Accounts[Id("f0")].SuspectedFake);
    }

    [Fact]
    public void Suspected_fakes_are_left_out_of_reach_and_followers_by_default_and_can_be_kept()
    {
        var kept = InfluenceAnalyzer.Run(Build(), new InfluenceConfig { Audience = new AudienceConfig { ExcludeSuspectedFakes = false } });
        int t = Id("T");
        Assert.Equal(45, kept.Accounts[t].Followers);
        Assert.Equal(15, s_run.Accounts[t].Followers);
        Assert.Equal(30, s_run.Accounts[t].SuspectedFakeFollowers);
        Assert.Equal(kept.Accounts[t].SuspectedFakeFollowers, s_run.Accounts[t].SuspectedFakeFollowers);
        Assert.True(s_run.Accounts[t].PageRank < kept.Accounts[t].PageRank);
        // The audience is judged on the follow graph as stored either way: the score does not move.
        Assert.Equal(kept.Accounts[t].AudienceQuality, s_run.Accounts[t].AudienceQuality, 9);
        // The role reasons say how many followers were left out, and only when they were.
        Assert.Contains(InfluenceAnalyzer.Explain(s_run.Accounts[t], s_run.Thresholds), r => r.Metric == "suspected_fake_followers" && r.Value == 30);
        Assert.DoesNotContain(InfluenceAnalyzer.Explain(kept.Accounts[t], kept.Thresholds), r => r.Metric == "suspected_fake_followers");
    }

    [Fact]
    public void Without_follow_times_there_are_no_spikes_and_the_reasons_say_why()
    {
        var input = Build(withTimes: false);
        Assert.False(input.Follows.HasFollowTimes);
        var run = InfluenceAnalyzer.Run(input);
        Assert.All(run.Accounts, m => Assert.Equal(0, m.SuspiciousSpikes));
        int t = Id("T");
        AudienceReport report = AudienceReports.Build(AudienceContext.Build(input), t, run.Accounts[t], 1, true);
        Assert.Empty(report.Growth);
        Assert.Contains(report.Reasons, r => r.Contains("no 'since'", StringComparison.Ordinal));
        Assert.Equal(1.0, AudienceAnalysis.Components(run.Accounts[t], true).AuthenticGrowth);
    }

    [Fact]
    public void Mass_followers_are_counted_against_a_threshold_with_a_floor()
    {
        var context = AudienceContext.Build(Build(), new AudienceConfig { MassFollowingFloor = 9 });
        Assert.Equal(9, context.MassFollowingThreshold);   // the fakes follow 9, everyone else at most 7: the 99th percentile is 9
        var floored = AudienceContext.Build(Build());
        Assert.Equal(200, floored.MassFollowingThreshold);
        Assert.True(context.IsMassFollower(Id("f3")));
        Assert.False(context.IsMassFollower(Id("e3")));
    }

    [Fact]
    public void Engagement_for_size_compares_accounts_within_their_tier()
    {
        var accounts = new AccountMetrics[70];
        for (int i = 0; i < 35; i++) accounts[i] = new AccountMetrics { Followers = 5, EngagementRate = i };
        for (int i = 35; i < 70; i++) accounts[i] = new AccountMetrics { Followers = 50, EngagementRate = 100 * (i - 35) };
        EngagementTiers.FillPercentiles(accounts, default);
        Assert.Equal(34.5 / 35, accounts[34].EngagementRatePercentile, 9);   // best of the small accounts
        Assert.Equal(0.5 / 35, accounts[35].EngagementRatePercentile, 9);    // worst of the larger ones, though its rate is 0 like accounts[0]
        Assert.Equal(accounts[0].EngagementRatePercentile, accounts[35].EngagementRatePercentile, 9);
        accounts[69].Followers = 5000;   // alone in its decade: merged into the tier below
        Assert.Equal([0, 1, 1, 1], EngagementTiers.TierOfDecade(accounts));
    }

    [Theory]
    [InlineData("SpikeZ")]
    [InlineData("TrailingDays")]
    [InlineData("MassFollowingPercentile")]
    [InlineData("Weights")]
    public void Bad_configuration_is_refused_naming_the_field(string field)
    {
        var config = field switch
        {
            "SpikeZ" => new AudienceConfig { SpikeZ = 0 },
            "TrailingDays" => new AudienceConfig { TrailingDays = 1 },
            "MassFollowingPercentile" => new AudienceConfig { MassFollowingPercentile = double.NaN },
            _ => new AudienceConfig { Weights = new AudienceWeights { Reachable = 0.5 } },
        };
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(Build(), new InfluenceConfig { Audience = config }));
        Assert.Contains(field == "Weights" ? "sum to" : field, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AudienceContext.Build(Build(), config));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var input = Build();
        var context = AudienceContext.Build(input);
        Assert.Throws<ArgumentOutOfRangeException>(() => AudienceReports.Build(context, -1, default, 0, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudienceReports.Build(context, input.Ids.Count, default, 0, true));
        var small = new GraphBuilder(new IdMap()).Build(3);
        Assert.Throws<ArgumentException>(() => AudienceContext.Build(input.Follows, small));
        Assert.Throws<ArgumentException>(() => AudienceAnalysis.FillMetrics(new AccountMetrics[3], AudienceAnalysis.Detect(context), true));
    }

    [Fact]
    public void Without_any_interaction_the_inactive_share_is_unknown_and_both_engagement_parts_are_neutral()
    {
        InfluenceInput withLog = Build();
        var input = new InfluenceInput(withLog.Ids, withLog.Follows, new InteractionLog());
        InfluenceAnalysisResult run = InfluenceAnalyzer.Run(input);
        int scored = 0;
        for (int v = 0; v < run.Accounts.Length; v++)
        {
            ref readonly AccountMetrics m = ref run.Accounts[v];
            Assert.True(double.IsNaN(m.InactiveFollowerShare), $"{run.AccountIds[v]}: inactive share {m.InactiveFollowerShare} without interactions");
            if (m.Followers == 0) continue;
            scored++;
            double expected = 100 * (0.20 * (1 - m.MassFollowerShare) + 0.25 * 0.5 + 0.40 * (1 - m.SuspiciousGrowthShare) + 0.15 * 0.5);
            Assert.Equal(expected, m.AudienceQuality, 9);
        }
        Assert.True(scored > 50);
        int t = run.AccountIds.ToList().IndexOf("T");
        AudienceReport report = AudienceReports.Build(AudienceContext.Build(input), t, run.Accounts[t], 1, false);
        Assert.Contains(report.Reasons, r => r.StartsWith("no interactions in the data: inactive followers cannot be judged", StringComparison.Ordinal));
        Assert.Equal(0.5, report.Components.Active);
    }
}
