using System.Diagnostics;
using Influence.Core.Algorithms;
using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>The full analysis behind <see cref="InfluenceAnalyzer.Run"/>: stages in order, each timed.</summary>
internal static class InfluenceModel
{
    private const int K = InteractionKinds.Count;

    /// <summary>Stage names (keys of <c>timings_ms</c>) with their share of the progress bar.</summary>
    private static readonly (string Name, double Weight)[] s_stages =
    [
        ("validate", 2), ("interaction_graph", 10), ("reciprocity", 4), ("pagerank_follows", 14),
        ("pagerank_interactions", 10), ("communities", 32), ("components", 3), ("metrics", 10),
        ("roles", 3), ("defenders", 10), ("summary", 2),
    ];

    public static InfluenceAnalysisResult Run(InfluenceInput input, InfluenceConfig config,
        IProgress<AnalysisProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(config);
        if (input.Ids is null || input.Follows is null || input.Interactions is null)
            throw new ArgumentException("InfluenceInput needs Ids, Follows and Interactions (none may be null).", nameof(input));
        var stages = new StageClock(progress);
        var total = Stopwatch.StartNew();

        // validate
        stages.Begin("validate");
        config.Validate();
        int n = input.Ids.Count;
        if (input.Follows.NodeCount > n)
            throw new ArgumentException($"The follow graph has {input.Follows.NodeCount} nodes but the id map only {n} ids: build both over the same IdMap.", nameof(input));
        if (!ReferenceEquals(input.Follows.Ids, input.Ids))
        {
            // Another map object is fine as long as it names the same accounts in the same order.
            for (int v = 0; v < input.Follows.NodeCount; v++)
                if (v >= input.Follows.Ids.Count || !string.Equals(input.Follows.Ids[v], input.Ids[v], StringComparison.Ordinal))
                    throw new ArgumentException($"The follow graph was built over a different IdMap than InfluenceInput.Ids: node {v} is " +
                        $"'{(v < input.Follows.Ids.Count ? input.Follows.Ids[v] : "(none)")}' there but '{input.Ids[v]}' here, so node ids would not agree.", nameof(input));
        }
        InteractionGraph.ValidateLog(input.Interactions, n);
        DirectedGraph follows = WithNodeCount(input.Follows, n);
        ct.ThrowIfCancellationRequested();
        stages.End();

        stages.Begin("interaction_graph");
        DirectedGraph interactions = InteractionGraph.BuildUnchecked(input.Interactions, input.Ids, n, config.KindWeights);
        ct.ThrowIfCancellationRequested();
        stages.End();

        stages.Begin("reciprocity");
        ReciprocityResult reciprocity = Reciprocity.Compute(follows, ct);
        stages.End();

        stages.Begin("pagerank_follows");
        PageRankResult reach = PageRank.Compute(follows, config.PageRank with { Weighted = false, Personalization = null, Seeds = null },
            stages.SubProgress(), ct);
        stages.End();

        stages.Begin("pagerank_interactions");
        PageRankResult attention = PageRank.Compute(interactions, config.PageRank with { Weighted = true, Personalization = null, Seeds = null },
            stages.SubProgress(), ct);
        stages.End();

        stages.Begin("communities");
        bool union = config.CommunityGraph switch
        {
            CommunityGraph.Follows => false,
            CommunityGraph.FollowsAndInteractions => true,
            _ => follows.EdgeCount < interactions.EdgeCount,
        };
        DirectedGraph communityGraph = union ? Union(follows, interactions, input.Ids, n) : follows;
        CommunityResult communities = CommunityDetection.Compute(communityGraph, config.Community, stages.SubProgress(), ct);
        stages.End();

        stages.Begin("components");
        ComponentsResult components = WeaklyConnectedComponents.Compute(communityGraph, ct);
        communityGraph = null!; // let the union graph go before the per-account arrays are allocated
        stages.End();

        stages.Begin("metrics");
        // Per-kind sums only now: allocated before communities they would add to that stage's peak memory.
        var receivedByKind = new double[(long)n * K];
        var givenByKind = new double[(long)n * K];
        InteractionGraph.SumByKindUnchecked(input.Interactions, config.KindWeights, receivedByKind, givenByKind);
        var accounts = new AccountMetrics[n];
        var inCommunityDepth = new double[n];
        FillMetrics(accounts, follows, interactions, reciprocity, reach.Scores, attention.Scores,
            communities.Community, components.Component, receivedByKind, givenByKind, config.InfluencePriorAudience, inCommunityDepth, ct);
        int[] communitySizes = CommunitySizes(communities.Community, communities.Count);
        FillCommunityStandout(accounts, inCommunityDepth, communities.Community, communitySizes, engagementKnown: interactions.EdgeCount > 0);
        inCommunityDepth = null!;
        FillCommunityRanks(accounts, communities.Community, communitySizes, ct);
        stages.End();

        stages.Begin("roles");
        RoleThresholds thresholds = ThresholdDerivation.Derive(accounts, config.ThresholdOverrides);
        var rules = new RoleRules(thresholds.Values);
        Parallel.For(0, ChunkCount(n), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = Chunk(c, n);
            for (int v = from; v < to; v++)
            {
                ref AccountMetrics m = ref accounts[v];
                (m.Role, m.RoleMargin) = rules.Role(m);
                m.Stage = rules.Stage(m);
                m.Quadrant = rules.Quadrant(m);
            }
        });
        stages.End();

        stages.Begin("defenders");
        var defenderRules = new DefenderRules(thresholds.Values, config.DefenderPeriodSeconds);
        (DefenderLink[] defenders, DefenderLink[] critics) = DefenderDetection.Compute(input.Interactions, follows, interactions, accounts, defenderRules, ct);
        stages.End();

        stages.Begin("summary");
        CommunitySummary[] communitySummaries = BuildCommunitySummaries(accounts, follows, interactions, communities.Community, communitySizes);
        var roleCounts = new Dictionary<string, int>();
        foreach (AccountRole r in Enum.GetValues<AccountRole>()) roleCounts[RoleNames.Name(r)] = 0;
        var stageCounts = new Dictionary<string, int>();
        foreach (PresenceStage s in Enum.GetValues<PresenceStage>()) stageCounts[RoleNames.Name(s)] = 0;
        var followerValues = new double[n];
        for (int v = 0; v < n; v++)
        {
            roleCounts[RoleNames.Name(accounts[v].Role)]++;
            stageCounts[RoleNames.Name(accounts[v].Stage)]++;
            followerValues[v] = accounts[v].Followers;
        }
        var influenceValues = new double[n];
        for (int v = 0; v < n; v++) influenceValues[v] = accounts[v].Influence;
        double spearman = RankStatistics.Spearman(followerValues, influenceValues);
        double overlap = RankStatistics.TopKOverlap(followerValues, influenceValues, 100);
        stages.End();

        var timings = stages.Timings;
        timings["total"] = total.Elapsed.TotalMilliseconds;
        var summary = new AnalysisSummary
        {
            Nodes = n,
            FollowEdges = follows.EdgeCount,
            FollowSelfLoopsDropped = follows.SelfLoopsDropped,
            FollowParallelEdgesCollapsed = follows.ParallelEdgesCollapsed,
            Interactions = input.Interactions.Count,
            InteractionEdges = interactions.EdgeCount,
            GlobalReciprocity = reciprocity.Global,
            Components = components.Count,
            LargestComponent = components.LargestSize,
            Communities = communities.Count,
            CommunityAlgorithm = config.Community.Algorithm == CommunityAlgorithm.Leiden ? "leiden" : "louvain",
            CommunityGraph = union ? "follows+interactions" : "follows",
            Modularity = communities.Modularity,
            ModularityPerLevel = communities.ModularityPerLevel,
            PageRankIterations = reach.Iterations,
            PageRankConverged = reach.DidConverge,
            InfluenceIterations = attention.Iterations,
            FollowersInfluenceSpearman = spearman,
            Top100Overlap = overlap,
            RoleCounts = roleCounts,
            StageCounts = stageCounts,
            DefenderLinks = defenders.Length,
            CriticLinks = critics.Length,
            Seed = config.Community.Seed,
            TimingsMs = timings,
        };
        progress?.Report(new AnalysisProgress("done", 100));
        return new InfluenceAnalysisResult
        {
            AccountIds = Snapshot(input.Ids, n), // the id map may grow after the run; the result must not
            Accounts = accounts,
            ReceivedByKind = receivedByKind,
            GivenByKind = givenByKind,
            Thresholds = thresholds,
            Defenders = defenders,
            Critics = critics,
            Communities = communitySummaries,
            Summary = summary,
        };
    }

    private static string[] Snapshot(IdMap ids, int n)
    {
        var copy = new string[n];
        for (int v = 0; v < n; v++) copy[v] = ids[v];
        return copy;
    }

    internal static int ChunkCount(int n) => n == 0 ? 0 : Math.Min(n, Environment.ProcessorCount * 8);

    internal static (int From, int To) Chunk(int chunk, int n)
    {
        int count = ChunkCount(n);
        long from = (long)n * chunk / count, to = (long)n * (chunk + 1) / count;
        return ((int)from, (int)to);
    }

    /// <summary>The same graph over more nodes (accounts seen only in interactions have no follows).</summary>
    internal static DirectedGraph WithNodeCount(DirectedGraph g, int n)
    {
        if (g.NodeCount == n) return g;
        static int[] Pad(int[] offsets, int n)
        {
            var padded = new int[n + 1];
            Array.Copy(offsets, padded, offsets.Length);
            Array.Fill(padded, offsets[^1], offsets.Length, n + 1 - offsets.Length);
            return padded;
        }
        return new DirectedGraph(g.Ids, n, Pad(g._outOffsets, n), g._outTargets, g._outWeights, g._outMultiplicity,
            Pad(g._inOffsets, n), g._inSources, g._inWeights, g.SelfLoopsDropped, g.ParallelEdgesCollapsed, g.InputEdges);
    }

    /// <summary>Follow ties ∪ interaction ties; each distinct directed tie of either layer weighs 1.</summary>
    private static DirectedGraph Union(DirectedGraph follows, DirectedGraph interactions, IdMap ids, int n)
    {
        var builder = new GraphBuilder(ids, weighted: true, edgeCapacity: follows.EdgeCount + interactions.EdgeCount);
        for (int u = 0; u < n; u++)
        {
            foreach (int v in follows.OutNeighbors(u)) builder.AddEdge(u, v, 1.0);
            foreach (int v in interactions.OutNeighbors(u)) builder.AddEdge(u, v, 1.0);
        }
        return builder.Build(n);
    }

    private static void FillMetrics(AccountMetrics[] accounts, DirectedGraph follows, DirectedGraph interactions,
        ReciprocityResult reciprocity, double[] reach, double[] attention, int[] community, int[] component,
        double[] receivedByKind, double[] givenByKind, double priorAudience, double[] inCommunityDepth, CancellationToken ct)
    {
        int n = accounts.Length;
        // An engager's standing: its attention relative to the mean (n × PageRank), square-rooted and
        // bounded so that engagement from a central account counts up to 3× and a bot's or a lurker's
        // at least 0.5× — "from whom" matters, but no single account decides another's influence.
        var standing = new double[n];
        for (int v = 0; v < n; v++) standing[v] = Math.Clamp(Math.Sqrt(n * attention[v]), 0.5, 3.0);
        Parallel.For(0, ChunkCount(n), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = Chunk(c, n);
            for (int v = from; v < to; v++)
            {
                ref AccountMetrics m = ref accounts[v];
                m.Followers = follows.InDegree(v);
                m.Following = follows.OutDegree(v);
                m.Mutual = reciprocity.Mutual[v];
                m.FollowBackRate = reciprocity.FollowBackRate[v];
                m.FollowedBackRate = reciprocity.FollowedBackRate[v];

                double received = 0, given = 0;
                for (int k = 0; k < K; k++)
                {
                    received += receivedByKind[v * K + k];
                    given += givenByKind[v * K + k];
                }
                m.EngagementReceived = received;
                m.EngagementGiven = given;
                m.UniqueEngagers = interactions.InDegree(v);
                m.UniqueEngaged = interactions.OutDegree(v);
                m.EngagementRate = received / Math.Max(m.Followers, 1);
                m.ShareOfGivenThatIsShares = given > 0 ? givenByKind[v * K + (int)InteractionKind.Share] / given : 0;

                ReadOnlySpan<int> engagers = interactions.InNeighbors(v);
                ReadOnlySpan<double> engagerWeights = interactions.InWeights(v);
                ReadOnlySpan<int> engaged = interactions.OutNeighbors(v);
                ReadOnlySpan<int> followers = follows.InNeighbors(v);
                ReadOnlySpan<int> followed = follows.OutNeighbors(v);

                // Sorted-list merges: followers ∩ engagers, engagers ∩ engaged, engagers ∩ followed.
                m.ActiveAudienceShare = followers.Length == 0 ? 0 : (double)CountIntersection(followers, engagers) / followers.Length;
                double baseDepth = 0, reciprocated = 0, inCommunity = 0, depth = 0, communityDepth = 0;
                int myCommunity = community[v];
                int j = 0, f = 0;
                for (int i = 0; i < engagers.Length; i++)
                {
                    int u = engagers[i];
                    double w = engagerWeights[i];
                    while (j < engaged.Length && engaged[j] < u) j++;
                    bool engagesBack = j < engaged.Length && engaged[j] == u;
                    while (f < followed.Length && followed[f] < u) f++;
                    bool followsBack = f < followed.Length && followed[f] == u;
                    // Tie strength: repeated engagement counts with diminishing returns (one account cannot
                    // make another influential by volume — a bot mentioning it fifty times is one engager), weighted
                    // by the engager's standing. The shares below are of this base; influence then counts a
                    // reciprocated tie double (conversation) and a followed-back one 1.5× (a relationship).
                    double tie = Math.Log2(1 + w) * standing[u];
                    baseDepth += tie;
                    if (engagesBack) reciprocated += tie;
                    double strength = tie * (engagesBack ? 2.0 : followsBack ? 1.5 : 1.0);
                    depth += strength;
                    if (community[u] == myCommunity) { inCommunity += tie; communityDepth += strength; }
                }
                m.ReciprocatedEngagementShare = baseDepth > 0 ? reciprocated / baseDepth : 0;
                m.InCommunityEngagementShare = baseDepth > 0 ? inCommunity / baseDepth : 0;
                inCommunityDepth[v] = communityDepth;

                m.PageRank = reach[v];
                m.Attention = attention[v];
                // Influence = √(depth × depth / audience): the geometric mean of the engagement an account draws
                // (volume) and that engagement per audience member (rate). An account needs both: a large audience
                // that barely engages (a low rate) is popular, not influential; a handful of chatting friends (a
                // small volume) is not influence either. Doubling an audience that engages at the same rate raises
                // influence by √2, doubling the rate at the same size by 2. The audience is whoever could engage
                // (followers, or the engagers when they exceed them) plus a prior audience for small samples.
                double audience = Math.Max(m.Followers, m.UniqueEngagers) + priorAudience;
                m.Influence = audience > 0 ? depth / Math.Sqrt(audience) : 0;
                m.Community = myCommunity;
                int outside = 0;
                foreach (int u in followers) if (community[u] != myCommunity) outside++;
                m.FollowersOutsideCommunityShare = followers.Length == 0 ? 0 : (double)outside / followers.Length;
                m.Component = component[v];
            }
        });
    }

    internal static int CountIntersection(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            int x = a[i], y = b[j];
            if (x == y) { count++; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return count;
    }

    internal static int[] CommunitySizes(int[] community, int count)
    {
        var sizes = new int[count];
        foreach (int c in community) sizes[c]++;
        return sizes;
    }

    /// <summary>
    /// Community standout = √(audience standout × engagement standout): audience standout = followers ÷ the median
    /// follower count of its community's members (at least 1); engagement standout = the tie-weighted engagement it
    /// draws from its community ÷ the median of that among the members who draw any. Both compare with the
    /// community's typical member (a median, which the community's few stars cannot move), so the measure holds for
    /// small and large communities, sparse and intense engagement, and however many micro-influencers a community
    /// has; the geometric mean asks for both an audience and an engaged one.
    /// </summary>
    /// <remarks>Without any interaction (a follow graph alone) the engagement part is unknown and the audience standout stands alone.</remarks>
    private static void FillCommunityStandout(AccountMetrics[] accounts, double[] inCommunityDepth, int[] community, int[] sizes, bool engagementKnown)
    {
        int n = accounts.Length, count = sizes.Length;
        var offsets = new int[count + 1];
        for (int c = 0; c < count; c++) offsets[c + 1] = offsets[c] + sizes[c];
        var followers = new double[n];
        var depth = new double[n];
        var cursorF = (int[])offsets.Clone();
        var cursorD = (int[])offsets.Clone();
        for (int v = 0; v < n; v++)
        {
            int c = community[v];
            followers[cursorF[c]++] = accounts[v].Followers;
            if (inCommunityDepth[v] > 0) depth[cursorD[c]++] = inCommunityDepth[v];
        }
        var medianFollowers = new double[count];
        var medianDepth = new double[count];
        for (int c = 0; c < count; c++)
        {
            medianFollowers[c] = Math.Max(1, RankStatistics.Percentile(followers.AsSpan(offsets[c], sizes[c]), 50));
            int engaged = cursorD[c] - offsets[c];
            medianDepth[c] = engaged == 0 ? 1 : RankStatistics.Percentile(depth.AsSpan(offsets[c], engaged), 50);
        }
        for (int v = 0; v < n; v++)
        {
            int c = community[v];
            double audience = accounts[v].Followers / medianFollowers[c];
            accounts[v].CommunityStandout = engagementKnown ? Math.Sqrt(audience * (inCommunityDepth[v] / medianDepth[c])) : audience;
        }
    }

    /// <summary>Rank 1 = stands out most in its community (<see cref="AccountMetrics.CommunityStandout"/>); ties broken by lower node id.</summary>
    private static void FillCommunityRanks(AccountMetrics[] accounts, int[] community, int[] sizes, CancellationToken ct)
    {
        int n = accounts.Length, count = sizes.Length;
        var offsets = new int[count + 1];
        for (int c = 0; c < count; c++) offsets[c + 1] = offsets[c] + sizes[c];
        var cursor = (int[])offsets.Clone();
        var members = new int[n];
        var keys = new double[n];
        for (int v = 0; v < n; v++)
        {
            int p = cursor[community[v]]++;
            members[p] = v;
            keys[p] = -accounts[v].CommunityStandout;
        }
        Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, c =>
        {
            int start = offsets[c], len = offsets[c + 1] - start;
            if (len > 1) SortByKeyThenId(keys.AsSpan(start, len), members.AsSpan(start, len));
            for (int r = 0; r < len; r++) accounts[members[start + r]].CommunityRank = r + 1;
        });
    }

    /// <summary>Sorts ascending by key, ties by id ascending (deterministic whatever the sort's stability).</summary>
    internal static void SortByKeyThenId(Span<double> keys, Span<int> ids)
    {
        keys.Sort(ids);
        int i = 0;
        while (i < keys.Length)
        {
            int j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) ids[i..j].Sort();
            i = j;
        }
    }

    private static CommunitySummary[] BuildCommunitySummaries(AccountMetrics[] accounts, DirectedGraph follows,
        DirectedGraph interactions, int[] community, int[] sizes)
    {
        int count = sizes.Length, n = accounts.Length;
        var internalFollows = new long[count];
        var mutualInternal = new long[count];
        var engagementInside = new double[count];
        var engagementAll = new double[count];
        for (int v = 0; v < n; v++)
        {
            int c = community[v];
            ReadOnlySpan<int> outs = follows.OutNeighbors(v), ins = follows.InNeighbors(v);
            int j = 0;
            foreach (int u in outs)
            {
                if (community[u] != c) continue;
                internalFollows[c]++;
                while (j < ins.Length && ins[j] < u) j++;
                if (j < ins.Length && ins[j] == u) mutualInternal[c]++;
            }
            engagementAll[c] += accounts[v].EngagementReceived;
            engagementInside[c] += accounts[v].EngagementReceived * accounts[v].InCommunityEngagementShare;
        }
        var result = new CommunitySummary[count];
        var topIds = new int[count][];
        for (int c = 0; c < count; c++) topIds[c] = new int[Math.Min(10, sizes[c])];
        for (int v = 0; v < n; v++)
        {
            int rank = accounts[v].CommunityRank;
            if (rank <= 10) topIds[community[v]][rank - 1] = v;
        }
        for (int c = 0; c < count; c++)
        {
            long size = sizes[c];
            double density = size > 1 ? internalFollows[c] / (double)(size * (size - 1)) : 0;
            double recip = internalFollows[c] > 0 ? mutualInternal[c] / (double)internalFollows[c] : 0;
            double inside = engagementAll[c] > 0 ? engagementInside[c] / engagementAll[c] : 0;
            result[c] = new CommunitySummary(c, sizes[c], internalFollows[c], density, recip, inside, topIds[c]);
        }
        return result;
    }

    /// <summary>Times stages and reports overall percent; algorithm progress is scaled into its stage's slice.</summary>
    private sealed class StageClock(IProgress<AnalysisProgress>? progress)
    {
        private readonly Stopwatch _watch = new();
        private string _stage = "";
        private double _start, _width;

        public Dictionary<string, double> Timings { get; } = new();

        public void Begin(string stage)
        {
            double before = 0, totalWeight = 0;
            bool found = false;
            foreach (var (name, weight) in s_stages)
            {
                totalWeight += weight;
                if (name == stage) { found = true; _width = weight; }
                else if (!found) before += weight;
            }
            _start = 100 * before / totalWeight;
            _width = 100 * _width / totalWeight;
            _stage = stage;
            progress?.Report(new AnalysisProgress(stage, _start));
            _watch.Restart();
        }

        public IProgress<double>? SubProgress() =>
            progress is null ? null : new Relay(this);

        public void End()
        {
            Timings[_stage] = _watch.Elapsed.TotalMilliseconds;
            progress?.Report(new AnalysisProgress(_stage, _start + _width));
        }

        private sealed class Relay(StageClock clock) : IProgress<double>
        {
            // Algorithms report a fraction in [0, 1].
            public void Report(double value) =>
                clock.progressReport(clock._stage, clock._start + clock._width * Math.Clamp(value, 0, 1));
        }

        private void progressReport(string stage, double percent) => progress?.Report(new AnalysisProgress(stage, percent));
    }
}
