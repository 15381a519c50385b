using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Audience;

/// <summary>New followers of one day (days since the Unix epoch).</summary>
public readonly record struct DailyFollows(int Day, int Count);

/// <summary>
/// One account's audience, with its work shown: the growth series, every spike with its cohort's figures, the score's
/// components and weights, Kred's two axes, and readable reasons.
/// </summary>
public sealed record AudienceReport
{
    public required int Account { get; init; }
    public required int Followers { get; init; }
    /// <summary>False when the follows carry no <c>since</c>: no growth series and no spikes, the score's growth part is neutral.</summary>
    public required bool HasFollowTimes { get; init; }
    public required int MassFollowingThreshold { get; init; }
    public required IReadOnlyList<DailyFollows> Growth { get; init; }
    public required IReadOnlyList<GrowthSpike> Spikes { get; init; }
    /// <summary>Per spike (same order): up to <see cref="AudienceReports.CohortSampleSize"/> cohort members (dense ids), in follower order.</summary>
    public required IReadOnlyList<int[]> CohortSamples { get; init; }
    public required AudienceComponents Components { get; init; }
    public required AudienceWeights Weights { get; init; }
    public required double Score { get; init; }
    /// <summary>Audience tier: lowest decade of followers of the tier the engagement percentile was taken in (−1 without followers).</summary>
    public required int TierDecade { get; init; }
    /// <summary>Kred's axes: weighted engagement received (influence received) and given (outreach), and their shares within its own community
    /// (per community: <see cref="KredAxes.ByCommunity"/>).</summary>
    public required double EngagementReceived { get; init; }
    public required double EngagementGiven { get; init; }
    public required double InCommunityEngagementShare { get; init; }
    /// <summary>Share of the outreach (engagement given) that goes to its own community.</summary>
    public required double InCommunityOutreachShare { get; init; }
    public required int SuspectedFakeFollowers { get; init; }
    /// <summary>Followers in the follow graph as stored, suspected fakes included (<see cref="Followers"/> may leave them out).</summary>
    public required int StoredFollowers { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>A spike's cohort as a share of the followers as stored (the audience the spike arrived in).</summary>
    public double ShareOfFollowers(GrowthSpike spike) => StoredFollowers > 0 ? (double)spike.NewFollowers / StoredFollowers : 0;
}

public static partial class AudienceReports
{
    /// <summary>Cohort members listed per spike in a report.</summary>
    public const int CohortSampleSize = 20;

    /// <summary>
    /// The report of <paramref name="account"/>: growth and spikes recomputed from the graph (the same rules as the run),
    /// components from <paramref name="metrics"/> (the run's stored figures).
    /// </summary>
    public static AudienceReport Build(AudienceContext context, int account, in AccountMetrics metrics, int tierDecade, bool engagementObserved)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((uint)account >= (uint)context.Follows.NodeCount)
            throw new ArgumentOutOfRangeException(nameof(account), account, $"No account {account} in a graph of {context.Follows.NodeCount}.");
        var finder = new GrowthSpikeFinder(context);
        var growth = new List<DailyFollows>();
        if (context.HasFollowTimes)
        {
            (int[] days, int[] counts, int runs) = finder.DailyFollows(account);
            for (int i = 0; i < runs; i++) growth.Add(new DailyFollows(days[i], counts[i]));
        }
        var spikes = new List<GrowthSpike>();
        finder.Find(account, spikes, null);
        var samples = new List<int[]>(spikes.Count);
        List<int> members = new(), since = new();
        foreach (GrowthSpike s in spikes)
        {
            finder.Cohort(account, s.FirstDay, s.LastDay, members, since);
            samples.Add([.. members.Take(CohortSampleSize)]);
        }
        AudienceComponents components = AudienceAnalysis.Components(metrics, engagementObserved);
        AudienceWeights weights = context.Config.Weights;
        int storedFollowers = context.Follows.InDegree(account);
        return new AudienceReport
        {
            Account = account, Followers = metrics.Followers, HasFollowTimes = context.HasFollowTimes,
            MassFollowingThreshold = context.MassFollowingThreshold, Growth = growth, Spikes = spikes, CohortSamples = samples,
            Components = components, Weights = weights, Score = metrics.AudienceQuality, TierDecade = tierDecade,
            EngagementReceived = metrics.EngagementReceived, EngagementGiven = metrics.EngagementGiven,
            InCommunityEngagementShare = metrics.InCommunityEngagementShare, InCommunityOutreachShare = metrics.InCommunityOutreachShare,
            SuspectedFakeFollowers = metrics.SuspectedFakeFollowers, StoredFollowers = storedFollowers,
            Reasons = Reasons(context, metrics, storedFollowers, spikes, components, tierDecade),
        };
    }

    private static string Pct(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Date(int day) => DateTime.UnixEpoch.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // storedFollowers: the follow graph as stored, suspected fakes included (the run's followers may leave them out).
    private static List<string> Reasons(AudienceContext context, in AccountMetrics m, int storedFollowers, List<GrowthSpike> spikes, AudienceComponents c, int tierDecade)
    {
        var reasons = new List<string>();
        if (storedFollowers == 0)
        {
            reasons.Add("no followers: audience quality is undefined");
            return reasons;
        }
        reasons.Add($"audience quality {m.AudienceQuality.ToString("0", CultureInfo.InvariantCulture)} = 100 × ({Fmt.Rate(context.Config.Weights.Reachable)} × reachable {Fmt.Rate(c.Reachable)} + " +
            $"{Fmt.Rate(context.Config.Weights.Active)} × active {Fmt.Rate(c.Active)} + {Fmt.Rate(context.Config.Weights.AuthenticGrowth)} × authentic growth {Fmt.Rate(c.AuthenticGrowth)} + " +
            $"{Fmt.Rate(context.Config.Weights.EngagementForSize)} × engagement for size {Fmt.Rate(c.EngagementForSize)})");
        reasons.Add($"{Pct(m.MassFollowerShare)} of followers follow {context.MassFollowingThreshold:N0} accounts or more (mass followers; HypeAuditor's reference cut is {AudienceConfig.HypeAuditorMassFollowing:N0})");
        reasons.Add(double.IsNaN(m.InactiveFollowerShare)
            ? "no interactions in the data: inactive followers cannot be judged (the active part counts 0.5, neutral)"
            : $"{Pct(m.InactiveFollowerShare)} of followers engaged with nobody in the window");
        if (!context.HasFollowTimes) reasons.Add("follows carry no 'since': growth spikes cannot be judged (authentic growth counts only suspected fakes found elsewhere)");
        foreach (GrowthSpike s in spikes)
        {
            int days = s.LastDay - s.FirstDay + 1;
            string when = days == 1 ? $"on {Date(s.FirstDay)}" : $"in {days} days from {Date(s.FirstDay)} to {Date(s.LastDay)}";
            string cohort = $"{Pct((double)s.NewFollowers / storedFollowers)} of followers ({s.NewFollowers:N0}) arrived {when} (robust z {s.PeakZ.ToString("0.0", CultureInfo.InvariantCulture)}); " +
                $"{Pct(s.InactiveShare)} of them never engaged, {Pct(s.NewAccountShare)} were new accounts, {Pct(s.MassFollowingShare)} mass followers, {Pct(s.EngagedShare)} engaged with the account; " +
                $"their followee sets overlap {s.FolloweeJaccard.ToString("0.00", CultureInfo.InvariantCulture)} (Jaccard), " +
                $"{Pct(s.LockstepTimeShare)} of their follows of {s.CommonFollowees} common followees came within {context.Config.LockstepWindowDays} days";
            reasons.Add(s.Suspicious
                ? $"suspicious spike: {cohort} — a lockstep cohort of inactive, new or mass-following accounts that does not engage with it; {s.SuspectedFakes:N0} suspected fakes"
                : $"spike not suspicious: {cohort} — {WhyNotSuspicious(context.Config, s)}");
        }
        if (context.HasFollowTimes && spikes.Count == 0) reasons.Add("no growth spike: no day's new followers stand out from the trailing window");
        if (m.SuspectedFakeFollowers > 0)
            reasons.Add($"{m.SuspectedFakeFollowers:N0} followers are suspected fakes ({Pct((double)m.SuspectedFakeFollowers / storedFollowers)})" +
                (context.Config.ExcludeSuspectedFakes
                    ? $"; left out of followers ({m.Followers:N0} remain), reach, communities and roles"
                    : "; counted in followers, reach and roles (ExcludeSuspectedFakes is off)"));
        reasons.Add(double.IsNaN(m.EngagementRatePercentile)
            ? "engagement for size: no engagement percentile"
            : $"engagement rate {Fmt.Rate(m.EngagementRate)} per follower is at the {Pct(m.EngagementRatePercentile)} percentile of accounts with {TierName(tierDecade)} followers");
        reasons.Add($"influence received {Fmt.Amount(m.EngagementReceived)} ({Pct(m.InCommunityEngagementShare)} from its community) vs outreach given {Fmt.Amount(m.EngagementGiven)} ({Pct(m.InCommunityOutreachShare)} to its community)");
        return reasons;
    }

    private static string WhyNotSuspicious(AudienceConfig config, GrowthSpike s) =>
        s.EngagedShare >= config.OrganicEngagedShare ? "the cohort engages with the account (an organic moment)"
        : s.FolloweeJaccard < config.LockstepJaccard && s.LockstepTimeShare < config.LockstepTimeShare ? "no lockstep"
        : "the cohort is active, established and not mass-following";

    /// <summary>"10–99", "1,000 or more" …: the followers of a tier starting at <paramref name="decade"/>.</summary>
    public static string TierName(int decade) => decade < 0 ? "no" : $"{Math.Pow(10, decade):N0} or more";
}
