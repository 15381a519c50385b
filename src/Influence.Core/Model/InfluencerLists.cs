using Influence.Core.Algorithms;
using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>Which accounts an influencer list may hold, and how many.</summary>
public sealed record InfluencerFilter
{
    /// <summary>Length of the list, 1 – 10,000. Default 20.</summary>
    public int Top { get; init; } = 20;
    /// <summary>Keep celebrities (one-way broadcasters) in the list. Default false: they reach people, they do not move them.</summary>
    public bool IncludeCelebrities { get; init; }
    /// <summary>Only these roles; null = any (celebrities still subject to <see cref="IncludeCelebrities"/>).</summary>
    public IReadOnlyCollection<AccountRole>? Roles { get; init; }
    /// <summary>Smallest audience (followers), inclusive; null = no bound.</summary>
    public int? MinFollowers { get; init; }
    /// <summary>Largest audience (followers), inclusive; null = no bound.</summary>
    public int? MaxFollowers { get; init; }
    /// <summary>Lowest audience quality (0–100, <c>audience_quality</c>), inclusive; null = no bound. Accounts without a score (no followers) fail a bound.</summary>
    public double? MinAudienceQuality { get; init; }
    /// <summary>Keep the seed accounts themselves in a segment list. Default false.</summary>
    public bool IncludeSeeds { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Top < 1 || Top > 10_000) throw new ArgumentException($"InfluencerFilter.Top = {Top}: must be between 1 and 10,000.", nameof(Top));
        if (MinFollowers < 0) throw new ArgumentException($"InfluencerFilter.MinFollowers = {MinFollowers}: must be ≥ 0.", nameof(MinFollowers));
        if (MaxFollowers < 0) throw new ArgumentException($"InfluencerFilter.MaxFollowers = {MaxFollowers}: must be ≥ 0.", nameof(MaxFollowers));
        if (MinFollowers > MaxFollowers)
            throw new ArgumentException($"InfluencerFilter.MinFollowers = {MinFollowers} is above MaxFollowers = {MaxFollowers}.", nameof(MinFollowers));
        if (MinAudienceQuality is double q && !(q >= 0 && q <= 100))
            throw new ArgumentException($"InfluencerFilter.MinAudienceQuality = {q}: must be in [0, 100].", nameof(MinAudienceQuality));
        if (Roles is not null)
            foreach (AccountRole r in Roles)
                if (!Enum.IsDefined(r)) throw new ArgumentException($"InfluencerFilter.Roles holds {(int)r}, which is not a role.", nameof(Roles));
    }

    internal bool Admits(in AccountMetrics m)
    {
        if (m.Role == AccountRole.Celebrity && !IncludeCelebrities) return false;
        if (Roles is not null && !Roles.Contains(m.Role)) return false;
        if (MinFollowers is int min && m.Followers < min) return false;
        if (MaxFollowers is int max && m.Followers > max) return false;
        if (MinAudienceQuality is double q && !(m.AudienceQuality >= q)) return false;
        return true;
    }
}

/// <summary>One account of an influencer list with the figures that placed it there.</summary>
/// <param name="Score">What the list is ranked by (see the list method).</param>
public sealed record InfluencerEntry(int Rank, string Account, int Node, double Score, double Influence, int Followers,
    AccountRole Role, int Community, int CommunityRank, double InCommunityEngagementShare, double EngagementRate);

/// <summary>Influencer lists for campaign tools: pure queries over an analysis result.</summary>
public static class InfluencerLists
{
    /// <summary>
    /// Top accounts of one community by community standout (<see cref="AccountMetrics.CommunityStandout"/>): how far
    /// its audience and the accounts engaging with it exceed those of the typical account tied to it by follows, so an account
    /// its neighbours follow and actively engage with outranks one they merely follow or a celebrity they only like.
    /// Ties by lower node id.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown community id.</exception>
    public static IReadOnlyList<InfluencerEntry> ForCommunity(InfluenceAnalysisResult result, int communityId, InfluencerFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        filter ??= new InfluencerFilter();
        filter.Validate();
        if (Array.FindIndex(result.Communities, c => c.Id == communityId) < 0)
            throw new ArgumentOutOfRangeException(nameof(communityId), communityId, result.Communities.Length == 0
                ? $"Community {communityId} does not exist: this analysis has no communities."
                : $"Community {communityId} does not exist: this analysis has {result.Communities.Length} communities, ids {result.Communities.Min(c => c.Id)} to {result.Communities.Max(c => c.Id)}.");
        var keys = new List<double>();
        var nodes = new List<int>();
        for (int v = 0; v < result.Accounts.Length; v++)
        {
            ref readonly AccountMetrics m = ref result.Accounts[v];
            if (m.Community != communityId || !filter.Admits(m)) continue;
            keys.Add(-m.CommunityStandout);
            nodes.Add(v);
        }
        return Take(result, keys, nodes, filter.Top);
    }

    /// <summary>
    /// Accounts influential for a segment: personalised PageRank on the weighted interaction graph,
    /// teleporting to the <paramref name="seeds"/> only. It ranks the accounts the segment's engagement
    /// flows to, directly and through others. Score = personalised PageRank by forward push
    /// (<see cref="PersonalizedPush"/>, within its residual of the power iteration's scores; sums to 1).
    /// </summary>
    /// <param name="input">The input the analysis was run on (the interaction graph is rebuilt from it).</param>
    /// <param name="config">Kind weights and PageRank damping; default = the analysis defaults.</param>
    /// <exception cref="ArgumentException">No seeds, unknown seed ids (all listed), or a result from another input.</exception>
    public static IReadOnlyList<InfluencerEntry> ForSegment(InfluenceInput input, InfluenceAnalysisResult result,
        IReadOnlyCollection<string> seeds, InfluencerFilter? filter = null, InfluenceConfig? config = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        config ??= new InfluenceConfig();
        config.Validate();
        if (input.Ids.Count != result.Accounts.Length)
            throw new ArgumentException($"The input has {input.Ids.Count} accounts but the analysis {result.Accounts.Length}: pass the input the analysis was run on.", nameof(result));
        return ForSegment(InteractionGraph.Build(input, config.KindWeights), result, seeds, filter, config, cancellationToken);
    }

    /// <summary>
    /// The same on an interaction graph built once (<see cref="InteractionGraph.Build"/> of the run's input with
    /// <paramref name="config"/>'s kind weights): the service keeps one per served run, so a list costs only the push.
    /// </summary>
    public static IReadOnlyList<InfluencerEntry> ForSegment(DirectedGraph interactions, InfluenceAnalysisResult result,
        IReadOnlyCollection<string> seeds, InfluencerFilter? filter = null, InfluenceConfig? config = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(seeds);
        filter ??= new InfluencerFilter();
        filter.Validate();
        config ??= new InfluenceConfig();
        if (interactions.NodeCount != result.Accounts.Length)
            throw new ArgumentException($"The interaction graph has {interactions.NodeCount} accounts but the analysis {result.Accounts.Length}: build it from the input the analysis was run on.", nameof(result));
        if (seeds.Count == 0) throw new ArgumentException("A segment needs at least one seed account.", nameof(seeds));
        var seedNodes = new List<int>(seeds.Count);
        var unknown = new List<string>();
        foreach (string s in seeds)
        {
            if (s is not null && interactions.Ids.TryGetNode(s, out int node) && node < interactions.NodeCount) { if (!seedNodes.Contains(node)) seedNodes.Add(node); }
            else unknown.Add(s ?? "(null)");
        }
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown seed account(s): {string.Join(", ", unknown.Take(20).Select(u => $"'{u}'"))}{(unknown.Count > 20 ? $" and {unknown.Count - 20} more" : "")}.", nameof(seeds));

        PushResult ppr = PersonalizedPush.Compute(interactions, seedNodes, new PushConfig { Damping = config.PageRank.Damping }, cancellationToken);
        var isSeed = new HashSet<int>(seedNodes);
        var keys = new List<double>();
        var nodes = new List<int>();
        for (int i = 0; i < ppr.Reached.Length; i++)   // only accounts the segment's engagement reaches can score
        {
            int v = ppr.Reached[i];
            if (!filter.IncludeSeeds && isSeed.Contains(v)) continue;
            if (!filter.Admits(result.Accounts[v]) || ppr.ReachedScores[i] <= 0) continue;
            keys.Add(-ppr.ReachedScores[i]);
            nodes.Add(v);
        }
        return Take(result, keys, nodes, filter.Top);
    }

    /// <summary>
    /// The <paramref name="top"/> smallest (key, id) pairs, unordered (ties at the cut kept, the caller's sort
    /// settles them): a bounded heap, so a segment reaching 300,000 accounts is not sorted in full for a top 20.
    /// </summary>
    private static (double[] Keys, int[] Ids) Best(List<double> keys, List<int> nodes, int top)
    {
        if (nodes.Count <= 2 * top) return (keys.ToArray(), nodes.ToArray());
        // Max-heap on (key, id): the root is the worst of the best so far.
        var heap = new PriorityQueue<int, (double Key, int Id)>(top + 1, Comparer<(double Key, int Id)>.Create(
            static (a, b) => a.Key != b.Key ? b.Key.CompareTo(a.Key) : b.Id.CompareTo(a.Id)));
        for (int i = 0; i < nodes.Count; i++)
        {
            if (heap.Count < top) heap.Enqueue(i, (keys[i], nodes[i]));
            else
            {
                heap.TryPeek(out _, out var worst);
                if (keys[i] < worst.Key || (keys[i] == worst.Key && nodes[i] < worst.Id)) heap.EnqueueDequeue(i, (keys[i], nodes[i]));
            }
        }
        var k = new double[heap.Count];
        var ids = new int[heap.Count];
        int n = 0;
        while (heap.TryDequeue(out int i, out _))
        {
            k[n] = keys[i];
            ids[n++] = nodes[i];
        }
        return (k, ids);
    }

    private static InfluencerEntry[] Take(InfluenceAnalysisResult result, List<double> keys, List<int> nodes, int top)
    {
        var (k, ids) = Best(keys, nodes, top);
        SortedSpans.SortByKeyThenId(k, ids);
        int count = Math.Min(top, ids.Length);
        var list = new InfluencerEntry[count];
        for (int i = 0; i < count; i++)
        {
            int v = ids[i];
            ref readonly AccountMetrics m = ref result.Accounts[v];
            list[i] = new InfluencerEntry(i + 1, result.AccountIds[v], v, -k[i], m.Influence, m.Followers, m.Role, m.Community,
                m.CommunityRank, m.InCommunityEngagementShare, m.EngagementRate);
        }
        return list;
    }
}
