using System.Diagnostics;
using Influence.Core.Model;

namespace Influence.Core.Campaigns;

/// <summary>
/// Campaign planning: the k accounts whose engaged audiences reach the most distinct people of a scope
/// (<see cref="CampaignObjective.Reach"/>), or the most expected people under an independent cascade
/// (<see cref="CampaignObjective.Spread"/>), picked by lazy greedy under the plan's constraints, valued beside
/// the top-k by followers and the top-k by influence under the same constraints.
/// </summary>
public static class CampaignPlanner
{
    /// <summary>Plans a campaign over an analysis result and the engaged-audience index of the same accounts.</summary>
    /// <param name="audienceQuality">Per account audience quality (0–100, <c>audience_quality</c>; NaN = no score, never admitted), or null; needed when the config sets a minimum.</param>
    /// <param name="cascade">Spread only: the cascade model (built from <paramref name="index"/> when null).</param>
    /// <param name="progress">Fraction done, 0 – 1.</param>
    /// <exception cref="ArgumentException">Bad config, unknown community, empty segment, mismatched inputs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked once per pick and every few thousand candidates or samples).</exception>
    public static CampaignPlan Plan(InfluenceAnalysisResult result, EngagedAudienceIndex index, CampaignScope scope,
        CampaignPlanConfig? config = null, double[]? audienceQuality = null, CascadeModel? cascade = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(scope);
        config ??= new CampaignPlanConfig();
        int n = result.Accounts.Length;
        if (index.NodeCount != n)
            throw new ArgumentException($"The audience index has {index.NodeCount} accounts but the analysis {n}: build it from the analysed input.", nameof(index));
        config.Validate(n);
        if (config.MinAudienceQuality is not null && audienceQuality is null)
            throw new ArgumentException("MinAudienceQuality is set but no audience quality figures were given.", nameof(audienceQuality));
        if (audienceQuality is not null && audienceQuality.Length != n)
            throw new ArgumentException($"audienceQuality has {audienceQuality.Length} entries, not {n}.", nameof(audienceQuality));
        var clock = Stopwatch.StartNew();

        var members = CampaignScopes.Resolve(result, scope, out byte[] inScope);
        int[] candidates = CampaignScopes.Candidates(result, scope, inScope, config, audienceQuality);
        int[]? tierOf = CampaignScopes.TierOf(result, config);
        var reach = new ReachCoverage(index, inScope);
        CoverageObjective objective = reach;
        ReverseInfluenceSampling.Sample? sample = null;
        if (config.Objective == CampaignObjective.Spread)
        {
            cascade ??= CascadeModel.FromAudience(index);
            if (cascade.NodeCount != n) throw new ArgumentException($"The cascade model has {cascade.NodeCount} accounts, not {n}.", nameof(cascade));
            sample = ReverseInfluenceSampling.Run(cascade, members, candidates, tierOf, config,
                progress is null ? null : new ScaledProgress(progress, 0, 0.8), cancellationToken);
            objective = sample.Coverage;
        }

        var picks = new List<int>(config.K);
        var gains = new List<long>(config.K);
        int[]? budget = config.NewTierBudgets();
        foreach (int v in config.Include)
        {
            picks.Add(v);
            gains.Add(objective.Add(v));
            if (tierOf is not null && tierOf[v] >= 0 && budget![tierOf[v]] > 0) budget[tierOf[v]]--;
        }
        var free = FilterUnpicked(candidates, picks);
        double start = sample is null ? 0 : 0.8;
        string? stopped = LazyGreedy.Select(objective, free, tierOf, budget, config.K - picks.Count, picks, gains,
            made => progress?.Report(start + (1 - start) * 0.9 * (config.Include.Count + made) / config.K), cancellationToken);

        CampaignPick[] picked = Describe(result, scope, reach, objective, picks, gains, config.Include.Count, config.Objective);
        var byFollowers = RankedList("followers", result, candidates, config, tierOf, objective, m => m.Followers);
        var byInfluence = RankedList("influence", result, candidates, config, tierOf, objective, m => m.Influence);
        progress?.Report(1.0);
        double[] curve = picked.Select(p => p.CumulativeValue).ToArray();
        return new CampaignPlan(config.Objective, scope, members.Length, candidates.Length, config.K, index.MinInteractions,
            picked, curve.Length == 0 ? 0 : curve[^1], curve, byFollowers, byInfluence, sample?.Summary, stopped, clock.Elapsed);
    }

    private static int[] FilterUnpicked(int[] candidates, List<int> picks)
    {
        if (picks.Count == 0) return candidates;
        var taken = new HashSet<int>(picks);
        return Array.FindAll(candidates, v => !taken.Contains(v));
    }

    private static CampaignPick[] Describe(InfluenceAnalysisResult result, CampaignScope scope, ReachCoverage reach,
        CoverageObjective objective, List<int> picks, List<long> gains, int included, CampaignObjective kind)
    {
        // The reach marker is replayed in pick order so every pick's overlap with the earlier picks is exact.
        reach.Reset();
        var list = new CampaignPick[picks.Count];
        double cumulative = 0;
        string where = scope.Describe();
        for (int i = 0; i < picks.Count; i++)
        {
            int v = picks[i];
            int audience = reach.AudienceInScope(v);
            long fresh = reach.Add(v);
            int overlap = audience - (int)fresh;
            double gain = gains[i] * objective.Scale;
            cumulative += gain;
            ref readonly AccountMetrics m = ref result.Accounts[v];
            var reasons = new List<string>(4);
            if (i < included) reasons.Add("included on request");
            if (kind == CampaignObjective.Reach)
                reasons.Add($"reaches {audience} engaged account(s) of the {where}; {fresh} not reached by earlier picks");
            else
                reasons.Add($"adds {gain:0.#} expected account(s) reached in the {where} ({(cumulative > 0 ? 100 * gain / cumulative : 0):0.#} % of the plan so far); engaged audience there: {audience}");
            if (i > 0) reasons.Add($"{overlap} of its engaged audience ({(audience > 0 ? 100.0 * overlap / audience : 0):0.#} %) already reached by earlier picks");
            reasons.Add($"{RoleNames.Name(m.Role)}, {m.Followers} follower(s), influence {m.Influence:0.###}");
            list[i] = new CampaignPick(i + 1, v, result.AccountIds[v], gain, cumulative, audience, overlap,
                m.Role, m.Followers, m.Influence, m.Community, i < included, reasons);
        }
        return list;
    }

    /// <summary>The included accounts, then the top of <paramref name="candidates"/> by a figure (ties: smaller id), under the same budgets; valued by the objective.</summary>
    private static RankedListValue RankedList(string rankedBy, InfluenceAnalysisResult result, int[] candidates,
        CampaignPlanConfig config, int[]? tierOf, CoverageObjective objective, Func<AccountMetrics, double> figure)
    {
        var keys = new double[candidates.Length];
        var order = (int[])candidates.Clone();
        for (int i = 0; i < order.Length; i++) keys[i] = -figure(result.Accounts[order[i]]);
        SortedSpans.SortByKeyThenId(keys, order);
        var list = new List<int>(config.K);
        list.AddRange(config.Include);
        int[]? budget = config.NewTierBudgets();
        foreach (int v in config.Include)
            if (tierOf is not null && tierOf[v] >= 0 && budget![tierOf[v]] > 0) budget[tierOf[v]]--;
        for (int i = 0; i < order.Length && list.Count < config.K; i++)
        {
            int v = order[i];
            if (config.Include.Contains(v)) continue;
            if (tierOf is not null) { if (budget![tierOf[v]] == 0) continue; budget[tierOf[v]]--; }
            list.Add(v);
        }
        objective.Reset();
        var curve = new double[list.Count];
        double value = 0;
        for (int i = 0; i < list.Count; i++) curve[i] = value += objective.Add(list[i]) * objective.Scale;
        return new RankedListValue(rankedBy, list.ToArray(), value, curve);
    }
}
