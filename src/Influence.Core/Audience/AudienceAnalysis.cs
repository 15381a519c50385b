using System.Runtime.InteropServices;
using Influence.Core.Model;

namespace Influence.Core.Audience;

/// <summary>Every growth spike of a run and who is a suspected fake follower.</summary>
public sealed class AudienceDetection
{
    public required AudienceContext Context { get; init; }
    /// <summary>Per account: a member of a suspicious cohort that never engaged and is very new, a mass follower or in lockstep.</summary>
    public required bool[] SuspectedFake { get; init; }
    /// <summary>Per account: followers that arrived in its suspicious spikes.</summary>
    public required int[] SuspiciousSpikeFollowers { get; init; }
    /// <summary>Every spike (suspicious or not), by account, then day.</summary>
    public required GrowthSpike[] Spikes { get; init; }
    public int SuspectedFakeCount { get; init; }
    public int SuspiciousSpikeCount { get; init; }
}

/// <summary>
/// Audience quality (docs/audience-quality.md): mass-follower and inactive-follower shares, growth spikes with their
/// cohorts (robust z-scores; Jaccard and CopyCatch lockstep), engagement for the account's size, and a 0–100 score from
/// published weights. Pure: reads the graph and the log, never mutates them.
/// </summary>
public static class AudienceAnalysis
{
    /// <summary>Finds every account's growth spikes and the suspected fakes of suspicious cohorts. O(follows · log) plus the cohorts.</summary>
    public static AudienceDetection Detect(AudienceContext context, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        int n = context.Follows.NodeCount;
        var suspectedFake = new bool[n];
        var suspiciousFollowers = new int[n];
        int chunks = NodeRanges.ChunkCount(n), done = 0;
        var perChunk = new List<GrowthSpike>[chunks];
        // Marks of suspected fakes are written from several workers; every write stores true, so the races are benign.
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, n);
            var finder = new GrowthSpikeFinder(context);
            var spikes = new List<GrowthSpike>();
            for (int t = from; t < to; t++)
            {
                if ((t & 0x3FFF) == 0) ct.ThrowIfCancellationRequested();
                suspiciousFollowers[t] = finder.Find(t, spikes, suspectedFake);
            }
            perChunk[c] = spikes;
            // Under the lock so that reports from two workers cannot arrive out of order (progress never goes back).
            lock (perChunk) progress?.Report((double)++done / chunks);
        });
        int total = 0, suspicious = 0, fakes = 0;
        foreach (var list in perChunk) total += list.Count;
        var all = new GrowthSpike[total];
        int at = 0;
        foreach (var list in perChunk)
        {
            foreach (GrowthSpike s in list) { all[at++] = s; if (s.Suspicious) suspicious++; }
        }
        foreach (bool f in suspectedFake) if (f) fakes++;
        return new AudienceDetection
        {
            Context = context, SuspectedFake = suspectedFake, SuspiciousSpikeFollowers = suspiciousFollowers, Spikes = all,
            SuspectedFakeCount = fakes, SuspiciousSpikeCount = suspicious,
        };
    }

    /// <summary>
    /// Fills the audience figures of every account: mass-follower, inactive-follower and suspicious-growth shares, suspected
    /// fake followers, spikes, the engagement-rate percentile in its audience tier and the score. Reads followers and
    /// engagement rate from <paramref name="accounts"/> (the metrics stage), so it runs after it.
    /// </summary>
    public static void FillMetrics(AccountMetrics[] accounts, AudienceDetection detection, bool engagementObserved, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(detection);
        AudienceContext context = detection.Context;
        int n = accounts.Length;
        if (context.Follows.NodeCount != n)
            throw new ArgumentException($"The audience detection covers {context.Follows.NodeCount} accounts, the metrics {n}.", nameof(detection));
        int[] spikeCount = new int[n];
        foreach (GrowthSpike s in detection.Spikes) if (s.Suspicious) spikeCount[s.Account]++;
        Parallel.For(0, NodeRanges.ChunkCount(n), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, n);
            for (int t = from; t < to; t++)
            {
                ReadOnlySpan<int> followers = context.Follows.InNeighbors(t);
                int mass = 0, inactive = 0, fakes = 0;
                foreach (int u in followers)
                {
                    if (context.IsMassFollower(u)) mass++;
                    if (!context.Active[u]) inactive++;
                    if (detection.SuspectedFake[u]) fakes++;
                }
                ref AccountMetrics m = ref accounts[t];
                int k = followers.Length;
                m.MassFollowerShare = k > 0 ? (double)mass / k : 0;
                // Without any interaction in the data nobody can be seen engaging: the share is unknown, not 100 %.
                m.InactiveFollowerShare = !engagementObserved ? double.NaN : k > 0 ? (double)inactive / k : 0;
                m.SuspiciousGrowthShare = k > 0 ? Math.Min(1, (double)Math.Max(detection.SuspiciousSpikeFollowers[t], fakes) / k) : 0;
                m.SuspectedFakeFollowers = fakes;
                m.SuspiciousSpikes = spikeCount[t];
                m.SuspectedFake = detection.SuspectedFake[t] ? 1 : 0;
            }
        });
        EngagementTiers.FillPercentiles(accounts, ct);
        AudienceWeights weights = context.Config.Weights;
        for (int t = 0; t < n; t++)
        {
            ref AccountMetrics m = ref accounts[t];
            m.AudienceQuality = Components(m, engagementObserved).Score(weights);
        }
    }

    /// <summary>The score's components of one account (each in [0, 1], higher is better); all NaN without followers.</summary>
    public static AudienceComponents Components(in AccountMetrics m, bool engagementObserved)
    {
        // Followers as stored: when suspected fakes are left out of the run's followers they are still this audience's.
        if (m.Followers + m.SuspectedFakeFollowers == 0) return new AudienceComponents(double.NaN, double.NaN, double.NaN, double.NaN);
        // Without any interaction data neither the percentile nor the inactive share says anything: the neutral middle, not a penalty.
        double forSize = engagementObserved && !double.IsNaN(m.EngagementRatePercentile) ? m.EngagementRatePercentile : 0.5;
        double active = engagementObserved && !double.IsNaN(m.InactiveFollowerShare) ? 1 - m.InactiveFollowerShare : 0.5;
        return new AudienceComponents(1 - m.MassFollowerShare, active, 1 - m.SuspiciousGrowthShare, forSize);
    }
}

/// <summary>The four components of the audience-quality score, each in [0, 1] (higher is better).</summary>
/// <param name="Reachable">1 − mass-follower share: followers whose feed is not flooded.</param>
/// <param name="Active">1 − inactive-follower share: followers who engage with anyone.</param>
/// <param name="AuthenticGrowth">1 − suspicious-growth share (the larger of the share that arrived in suspicious spikes and the suspected-fake share).</param>
/// <param name="EngagementForSize">Engagement-rate percentile among accounts of the same audience tier (0.5 without interaction data).</param>
public readonly record struct AudienceComponents(double Reachable, double Active, double AuthenticGrowth, double EngagementForSize)
{
    /// <summary>100 × the weighted sum; NaN without followers.</summary>
    public double Score(AudienceWeights weights) =>
        100 * (weights.Reachable * Reachable + weights.Active * Active + weights.AuthenticGrowth * AuthenticGrowth
            + weights.EngagementForSize * EngagementForSize);
}

/// <summary>
/// Audience tiers on a log scale (decades of followers: 1–9, 10–99, …), a top tier with fewer than
/// <see cref="MinTierSize"/> accounts merged into the one below, so a micro-influencer is compared with micro-influencers.
/// </summary>
public static class EngagementTiers
{
    public const int MinTierSize = 30;

    /// <summary>The decade of <paramref name="followers"/> (−1 without followers).</summary>
    public static int Decade(int followers) => followers <= 0 ? -1 : (int)Math.Floor(Math.Log10(followers) + 1e-12);

    /// <summary>The tier (its lowest decade) of an account with <paramref name="followers"/>, given <see cref="TierOfDecade"/>; −1 without followers.</summary>
    public static int TierOf(int[] tierOfDecade, int followers)
    {
        int decade = Decade(followers);
        return decade < 0 ? -1 : tierOfDecade[Math.Min(decade, tierOfDecade.Length - 1)];
    }

    /// <summary>Tier of every decade 0..max after merging small top tiers downwards.</summary>
    public static int[] TierOfDecade(AccountMetrics[] accounts)
    {
        int maxDecade = 0;
        var counts = new int[11];
        foreach (ref readonly AccountMetrics m in accounts.AsSpan())
        {
            int d = Decade(m.Followers);
            if (d < 0) continue;
            counts[d]++;
            maxDecade = Math.Max(maxDecade, d);
        }
        var tier = new int[maxDecade + 1];
        // From the top down, decades join the one below until the group holds MinTierSize accounts; a group is named by its lowest decade.
        int groupTop = maxDecade, carried = 0;
        for (int d = maxDecade; d >= 0; d--)
        {
            carried += counts[d];
            if (carried < MinTierSize && d > 0) continue;
            for (int e = d; e <= groupTop; e++) tier[e] = d;
            groupTop = d - 1;
            carried = 0;
        }
        return tier;
    }

    /// <summary>Engagement-rate percentile (mid-rank ÷ tier size, in [0, 1]) within each account's tier; NaN without followers.</summary>
    public static void FillPercentiles(AccountMetrics[] accounts, CancellationToken ct)
    {
        int n = accounts.Length;
        int[] tierOfDecade = TierOfDecade(accounts);
        int tiers = tierOfDecade.Length;
        var offsets = new int[tiers + 1];
        for (int v = 0; v < n; v++)
        {
            int d = Decade(accounts[v].Followers);
            if (d >= 0) offsets[tierOfDecade[d] + 1]++;
            else accounts[v].EngagementRatePercentile = double.NaN;
        }
        for (int t = 0; t < tiers; t++) offsets[t + 1] += offsets[t];
        var ids = new int[offsets[tiers]];
        var rates = new double[offsets[tiers]];
        var cursor = offsets[..tiers];
        for (int v = 0; v < n; v++)
        {
            int d = Decade(accounts[v].Followers);
            if (d < 0) continue;
            int p = cursor[tierOfDecade[d]]++;
            ids[p] = v;
            rates[p] = accounts[v].EngagementRate;
        }
        ct.ThrowIfCancellationRequested();
        for (int t = 0; t < tiers; t++)
        {
            int from = offsets[t], size = offsets[t + 1] - from;
            Span<double> keys = rates.AsSpan(from, size);
            Span<int> members = ids.AsSpan(from, size);
            keys.Sort(members);
            int i = 0;
            while (i < size)
            {
                int j = i + 1;
                while (j < size && keys[j] == keys[i]) j++;
                double percentile = (i + 0.5 * (j - i)) / size;   // mid-rank: equal rates share one percentile
                for (int k = i; k < j; k++) accounts[members[k]].EngagementRatePercentile = percentile;
                i = j;
            }
        }
    }
}
