using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Audience;

/// <summary>
/// What every audience figure of a run reads: the follow graph (with follow times), who engaged with anyone, the
/// mass-follower threshold from the graph's own out-degrees, and each account's first follow (the age proxy: the data
/// hold no creation dates). Built once in O(accounts + follows + interactions).
/// </summary>
public sealed class AudienceContext
{
    private AudienceContext(DirectedGraph follows, DirectedGraph interactions, bool[] active, int massThreshold, int[] firstFollow, AudienceConfig config)
    {
        Follows = follows;
        Interactions = interactions;
        Active = active;
        MassFollowingThreshold = massThreshold;
        FirstFollow = firstFollow;
        Config = config;
    }

    public DirectedGraph Follows { get; }

    /// <summary>Who engaged with whom (the kind-weighted interaction graph, over the same accounts).</summary>
    public DirectedGraph Interactions { get; private set; }

    /// <summary>
    /// Lets go of the interaction graph (null) while the analysis finds communities, and takes the same graph rebuilt
    /// afterwards (<see cref="AnalysisPipeline"/>); nothing reads the context in between.
    /// </summary>
    internal void ReplaceInteractions(DirectedGraph? interactions) => Interactions = interactions!;

    /// <summary>Per account: engaged with anyone (gave at least one interaction) in the observed window.</summary>
    public bool[] Active { get; }

    /// <summary>Out-degree from which a follower counts as a mass follower: max(floor, percentile of out-degrees &gt; 0).</summary>
    public int MassFollowingThreshold { get; }

    /// <summary>Per account: its earliest known follow (minutes, <see cref="FollowTimes"/>), Unknown when none has a time.</summary>
    public int[] FirstFollow { get; }

    public AudienceConfig Config { get; }

    public bool HasFollowTimes => Follows.HasFollowTimes;

    /// <summary>True when <paramref name="account"/> follows at least <see cref="MassFollowingThreshold"/> accounts.</summary>
    public bool IsMassFollower(int account) => Follows.OutDegree(account) >= MassFollowingThreshold;

    /// <summary>The context of <paramref name="input"/>, building its interaction graph with the default kind weights.</summary>
    /// <exception cref="ArgumentException">Bad configuration, or an interaction naming an account outside the id map.</exception>
    public static AudienceContext Build(InfluenceInput input, AudienceConfig? config = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        DirectedGraph interactions = InteractionGraph.Build(input);
        return Build(AnalysisPipeline.WithNodeCount(input.Follows, interactions.NodeCount), interactions, config, ct);
    }

    /// <param name="follows">The follow graph (with follow times when the input had them).</param>
    /// <param name="interactions">The interaction graph over the same accounts (an account with out-edges engaged with someone).</param>
    /// <exception cref="ArgumentException">Bad configuration, or the two graphs over different numbers of accounts.</exception>
    public static AudienceContext Build(DirectedGraph follows, DirectedGraph interactions, AudienceConfig? config = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(follows);
        ArgumentNullException.ThrowIfNull(interactions);
        config ??= new AudienceConfig();
        config.Validate();
        int n = follows.NodeCount;
        if (interactions.NodeCount != n)
            throw new ArgumentException($"The interaction graph has {interactions.NodeCount} accounts, the follow graph {n}: build both over the same accounts.", nameof(interactions));
        var active = new bool[n];
        for (int v = 0; v < n; v++) active[v] = interactions.OutDegree(v) > 0;
        ct.ThrowIfCancellationRequested();
        return new AudienceContext(follows, interactions, active, MassThreshold(follows, config), FirstFollows(follows, ct), config);
    }

    /// <summary>max(floor, the configured percentile of the out-degrees of accounts that follow anyone), by a degree histogram.</summary>
    private static int MassThreshold(DirectedGraph follows, AudienceConfig config)
    {
        int n = follows.NodeCount, maxDegree = 0, following = 0;
        for (int v = 0; v < n; v++)
        {
            int d = follows.OutDegree(v);
            if (d > 0) following++;
            if (d > maxDegree) maxDegree = d;
        }
        if (following == 0) return config.MassFollowingFloor;
        var histogram = new int[maxDegree + 1];
        for (int v = 0; v < n; v++) histogram[follows.OutDegree(v)]++;
        long rank = (long)Math.Ceiling(config.MassFollowingPercentile * following);
        long seen = 0;
        int percentile = maxDegree;
        for (int d = 1; d <= maxDegree; d++)
        {
            seen += histogram[d];
            if (seen >= rank) { percentile = d; break; }
        }
        return Math.Max(config.MassFollowingFloor, percentile);
    }

    private static int[] FirstFollows(DirectedGraph follows, CancellationToken ct)
    {
        int n = follows.NodeCount;
        var first = new int[n];
        Array.Fill(first, FollowTimes.Unknown);
        if (!follows.HasFollowTimes) return first;
        for (int t = 0; t < n; t++)
        {
            if ((t & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            ReadOnlySpan<int> sources = follows.InNeighbors(t), since = follows.InSince(t);
            for (int j = 0; j < sources.Length; j++)
            {
                int s = since[j];
                if (s == FollowTimes.Unknown) continue;
                ref int f = ref first[sources[j]];
                if (f == FollowTimes.Unknown || s < f) f = s;
            }
        }
        return first;
    }
}
