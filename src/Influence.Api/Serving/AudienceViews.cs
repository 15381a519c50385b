using System.Globalization;
using Influence.Api.Contracts;
using Influence.Core.Audience;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>The audience report of one account (growth and spikes recomputed from the run's graph with the run's rules).</summary>
public static class AudienceViews
{
    public static AudienceReportDto Describe(AnalysisSnapshot snap, int account, AudienceConfig config)
    {
        InfluenceInput graph = snap.Graph ?? throw new InvalidOperationException("The snapshot has no graph.");
        AudienceContext context = snap.Cache.GetOrAdd("audience:context", () => AudienceContext.Build(graph, config));
        int[] tierOfDecade = snap.Cache.GetOrAdd("audience:tiers", () => EngagementTiers.TierOfDecade(snap.Result.Accounts));
        ref readonly AccountMetrics m = ref snap.Result.Accounts[account];
        int tier = EngagementTiers.TierOf(tierOfDecade, m.Followers);
        bool engagementObserved = graph.Interactions.Count > 0;
        AudienceReport r = AudienceReports.Build(context, account, m, tier, engagementObserved);
        IReadOnlyList<string> ids = snap.Result.AccountIds;
        var spikes = new GrowthSpikeDto[r.Spikes.Count];
        for (int i = 0; i < spikes.Length; i++)
        {
            GrowthSpike s = r.Spikes[i];
            spikes[i] = new GrowthSpikeDto(Date(s.FirstDay), Date(s.LastDay), s.NewFollowers, r.ShareOfFollowers(s),
                s.PeakZ, s.InactiveShare, s.MassFollowingShare, s.NewAccountShare, s.EngagedShare, s.FolloweeJaccard, s.LockstepTimeShare,
                s.CommonFollowees, s.SuspectedFakes, s.Suspicious, Array.ConvertAll(r.CohortSamples[i], v => ids[v]));
        }
        CommunityAxes[] axes = KredAxes.ByCommunity(context.Interactions, snap.Result.Accounts, account);
        AudienceComponents c = r.Components;
        AudienceWeights w = r.Weights;
        AudienceComponentDto[] components =
        [
            new("reachable", AccountViews.FiniteOrNull(c.Reachable), w.Reachable),
            new("active", AccountViews.FiniteOrNull(c.Active), w.Active),
            new("authenticGrowth", AccountViews.FiniteOrNull(c.AuthenticGrowth), w.AuthenticGrowth),
            new("engagementForSize", AccountViews.FiniteOrNull(c.EngagementForSize), w.EngagementForSize),
        ];
        return new AudienceReportDto(ids[account], m.Followers, AccountViews.FiniteOrNull(m.AudienceQuality), r.HasFollowTimes,
            r.MassFollowingThreshold, m.MassFollowerShare, AccountViews.FiniteOrNull(m.InactiveFollowerShare), m.SuspiciousGrowthShare,
            AccountViews.FiniteOrNull(m.EngagementRatePercentile), tier < 0 ? null : (int)Math.Pow(10, tier), m.SuspectedFakeFollowers,
            components, m.EngagementReceived, AccountViews.Finite(m.InCommunityEngagementShare), m.EngagementGiven,
            AccountViews.Finite(m.InCommunityOutreachShare), axes.Length, ByCommunity(axes, m.Community),
            r.Growth.Select(g => new DailyFollowsDto(Date(g.Day), g.Count)).ToArray(), spikes, r.Reasons);
    }

    private static CommunityAxesDto[] ByCommunity(CommunityAxes[] axes, int own)
    {
        var (received, given) = KredAxes.Totals(axes);
        var listed = new CommunityAxesDto[Math.Min(axes.Length, KredAxes.Listed)];
        for (int i = 0; i < listed.Length; i++)
        {
            CommunityAxes a = axes[i];
            listed[i] = new CommunityAxesDto(a.Community, a.Community == own, a.Received, received > 0 ? a.Received / received : 0,
                a.Given, given > 0 ? a.Given / given : 0);
        }
        return listed;
    }

    private static string Date(int day) => DateTime.UnixEpoch.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
