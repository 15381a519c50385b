using System.Diagnostics;
using Influence.Core.Algorithms;
using Influence.Core.Audience;
using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>The full analysis behind <see cref="InfluenceAnalyzer.Run"/>: stages in order, each timed; the per-account figures are computed by <see cref="AccountFigures"/>.</summary>
internal static class AnalysisPipeline
{
    private const int K = InteractionKinds.Count;

    /// <summary>Stage names (keys of <c>timings_ms</c>) with their share of the progress bar.</summary>
    private static readonly (string Name, double Weight)[] s_stages =
    [
        ("validate", 2), ("interaction_graph", 10), ("audience", 4), ("reciprocity", 4), ("pagerank_follows", 14),
        ("pagerank_interactions", 10), ("communities", 32), ("components", 3), ("metrics", 10), ("audience_quality", 2),
        ("roles", 3), ("defenders", 10), ("summary", 2),
    ];

    // One method on purpose: it reads top to bottom as the stage list (s_stages), each stage timed between Begin and End.
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
        StableCommunityIds? continuity = StableCommunityIds.Align(input.Previous, input.Ids, n);
        ct.ThrowIfCancellationRequested();
        stages.End();

        stages.Begin("interaction_graph");
        DirectedGraph interactions = InteractionGraph.BuildUnchecked(input.Interactions, input.Ids, n, config.KindWeights);
        ct.ThrowIfCancellationRequested();
        stages.End();

        // Before the follow graph is read by anything else, so suspected fakes can be left out of reach and influence.
        stages.Begin("audience");
        AudienceDetection audience = AudienceAnalysis.Detect(AudienceContext.Build(follows, interactions, config.Audience, ct), stages.SubProgress(), ct);
        // Rebuilt only when there is someone to leave out: a copy of 10M follows costs seconds (docs/audience-quality.md, cost).
        if (config.Audience.ExcludeSuspectedFakes && Array.IndexOf(audience.SuspectedFake, true) >= 0)
            follows = WithoutFollowsOf(follows, audience.SuspectedFake, input.Ids, n);
        stages.End();

        stages.Begin("reciprocity");
        ReciprocityResult reciprocity = Reciprocity.Compute(follows, ct);
        stages.End();

        bool warm = config.WarmStart && continuity is not null && continuity.ChangedLittle(follows.EdgeCount + interactions.EdgeCount);
        stages.Begin("pagerank_follows");
        PageRankResult reach = PageRank.Compute(follows, config.PageRank with
            { Weighted = false, Personalization = null, Seeds = null, InitialScores = warm ? continuity!.StartScores(attention: false) : null },
            stages.SubProgress(), ct);
        stages.End();

        stages.Begin("pagerank_interactions");
        PageRankResult attention = PageRank.Compute(interactions, config.PageRank with
            { Weighted = true, Personalization = null, Seeds = null, InitialScores = warm ? continuity!.StartScores(attention: true) : null },
            stages.SubProgress(), ct);
        stages.End();

        stages.Begin("communities");
        bool union = config.CommunityGraph switch
        {
            CommunityGraph.Follows => false,
            CommunityGraph.FollowsAndInteractions => true,
            _ => follows.EdgeCount < interactions.EdgeCount,
        };
        CommunityConfig communityConfig = config.Community with { InitialPartition = warm ? continuity!.StartPartition() : null };
        CommunityResult communities = DetectCommunities(follows, ref interactions, audience.Context, union, communityConfig, stages.SubProgress(), ct);
        // Ids matched to the previous run's (not consecutive then): arrays by community id span the largest id.
        int[] community = communities.Community;
        CommunityContinuity? moved = continuity?.Relabel(community, communities.Count);
        int communityIdSpan = moved is null ? communities.Count : MaxPlusOne(community);
        stages.End();

        stages.Begin("components");
        // Rebuilt after the stage change, where a batch run collects community detection's garbage (CLI: MemoryHygiene).
        interactions = InteractionGraph.BuildUnchecked(input.Interactions, input.Ids, n, config.KindWeights);
        audience.Context.ReplaceInteractions(interactions);
        ComponentsResult components = WeaklyConnectedComponents.Compute(follows, union ? interactions : null, ct);
        stages.End();

        stages.Begin("metrics");
        // Per-kind sums only now: allocated before communities they would add to that stage's peak memory.
        var receivedByKind = new double[(long)n * K];
        var givenByKind = new double[(long)n * K];
        InteractionGraph.SumByKindUnchecked(input.Interactions, config.KindWeights, receivedByKind, givenByKind);
        var accounts = new AccountMetrics[n];
        AccountFigures.FillMetrics(accounts, follows, interactions, reciprocity, reach.Scores, attention.Scores,
            community, components.Component, receivedByKind, givenByKind, config.InfluencePriorAudience, ct);
        int[] communitySizes = AccountFigures.CommunitySizes(community, communityIdSpan);
        // Whether the run has any interaction: without one, engagement criteria cannot be judged (standout, roles).
        bool engagementObserved = interactions.EdgeCount > 0;
        AccountFigures.FillCommunityStandout(accounts, follows, engagementObserved, ct);
        AccountFigures.FillCommunityRanks(accounts, community, communitySizes, ct);
        stages.End();

        stages.Begin("audience_quality");
        AudienceAnalysis.FillMetrics(accounts, audience, engagementObserved, ct);
        stages.End();

        stages.Begin("roles");
        RoleThresholds thresholds = ThresholdDerivation.Derive(accounts, config.ThresholdOverrides, engagementObserved, config.Audience.ExcludeSuspectedFakes);
        var rules = new RoleRules(thresholds.Values);
        Parallel.For(0, NodeRanges.ChunkCount(n), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, n);
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
        (DefenderLink[] defenders, DefenderLink[] critics) = DefenderDetection.Compute(input.Interactions, follows, interactions, accounts, defenderRules, ct, audience.SuspectedFake);
        stages.End();

        stages.Begin("summary");
        CommunitySummary[] communitySummaries = AccountFigures.BuildCommunitySummaries(accounts, follows, interactions, community, communitySizes);
        (Dictionary<string, int> roleCounts, Dictionary<string, int> stageCounts, double spearman, double overlap) = SummaryFigures(accounts);
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
            CommunityPasses = communities.Passes,
            PageRankIterations = reach.Iterations,
            PageRankConverged = reach.DidConverge,
            InfluenceIterations = attention.Iterations,
            FollowersInfluenceSpearman = spearman,
            Top100Overlap = overlap,
            RoleCounts = roleCounts,
            StageCounts = stageCounts,
            DefenderLinks = defenders.Length,
            MassFollowingThreshold = audience.Context.MassFollowingThreshold,
            SuspiciousSpikes = audience.SuspiciousSpikeCount,
            SuspectedFakeAccounts = audience.SuspectedFakeCount,
            CriticLinks = critics.Length,
            Seed = config.Community.Seed,
            WarmStart = warm,
            AccountsCarried = moved?.AccountsCarried,
            AccountsChangedCommunity = moved?.AccountsChanged,
            CommunitiesMatched = moved?.Matched,
            CommunitiesNew = moved?.New,
            TimingsMs = timings,
        };
        progress?.Report(new AnalysisProgress("done", 100));
        return new InfluenceAnalysisResult
        {
            AccountIds = input.Ids.Snapshot(n), // the id map may grow after the run; the result must not
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

    /// <summary>Role and stage counts, Spearman(followers, influence) and the top-100 overlap of the run summary.</summary>
    private static (Dictionary<string, int> Roles, Dictionary<string, int> Stages, double Spearman, double Overlap) SummaryFigures(AccountMetrics[] accounts)
    {
        int n = accounts.Length;
        var roleCounts = new Dictionary<string, int>();
        foreach (AccountRole r in Enum.GetValues<AccountRole>()) roleCounts[RoleNames.Name(r)] = 0;
        var stageCounts = new Dictionary<string, int>();
        foreach (PresenceStage s in Enum.GetValues<PresenceStage>()) stageCounts[RoleNames.Name(s)] = 0;
        var followerValues = new double[n];
        var influenceValues = new double[n];
        for (int v = 0; v < n; v++)
        {
            roleCounts[RoleNames.Name(accounts[v].Role)]++;
            stageCounts[RoleNames.Name(accounts[v].Stage)]++;
            followerValues[v] = accounts[v].Followers;
            influenceValues[v] = accounts[v].Influence;
        }
        return (roleCounts, stageCounts, RankStatistics.Spearman(followerValues, influenceValues),
            RankStatistics.TopKOverlap(followerValues, influenceValues, 100));
    }

    private static int MaxPlusOne(int[] values)
    {
        int max = -1;
        foreach (int x in values) if (x > max) max = x;
        return max + 1;
    }

    /// <summary>
    /// Communities on the projection of the follows (or of follows ∪ interaction ties, projected straight from both graphs:
    /// the union is never built). Community detection reads only the projection, so the interaction graph is let go
    /// (<paramref name="interactions"/> and the audience context's are null afterwards) and the caller rebuilds it from
    /// the log (the same graph: one pass over the log, seconds at 20M interactions; ≈ 0.5 GB less at the run's peak at
    /// 10M accounts). The follow graph stays: the caller's input holds it.
    /// </summary>
    private static CommunityResult DetectCommunities(DirectedGraph follows, ref DirectedGraph interactions, AudienceContext audience,
        bool union, CommunityConfig config, IProgress<double>? progress, CancellationToken ct)
    {
        config.Validate();
        UndirectedCsr projected = union
            ? UndirectedCsr.ProjectUnion(follows, interactions, config.Projection, config.MaxDegreeOfParallelism, ct)
            : UndirectedCsr.Project(follows, config.Projection, config.MaxDegreeOfParallelism, ct);
        interactions = null!;
        audience.ReplaceInteractions(null);
        return CommunityDetection.ComputeOnProjection(projected, config, progress, ct);
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
            Pad(g._inOffsets, n), g._inSources, g._inWeights, g.SelfLoopsDropped, g.ParallelEdgesCollapsed, g.InputEdges, g._inSince, g._multiplicitiesKept);
    }

    /// <summary>The follow graph without the follows made by <paramref name="excluded"/> accounts (follow times kept).</summary>
    private static DirectedGraph WithoutFollowsOf(DirectedGraph follows, bool[] excluded, IdMap ids, int n)
    {
        var builder = new GraphBuilder(ids, weighted: false, edgeCapacity: follows.EdgeCount);
        for (int t = 0; t < n; t++)
        {
            ReadOnlySpan<int> sources = follows.InNeighbors(t), since = follows.InSince(t);
            for (int j = 0; j < sources.Length; j++)
            {
                if (excluded[sources[j]]) continue;
                builder.AddTimedEdge(sources[j], t, since.IsEmpty || since[j] == FollowTimes.Unknown ? null : FollowTimes.ToUnixSeconds(since[j]));
            }
        }
        return builder.Build(n);
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
