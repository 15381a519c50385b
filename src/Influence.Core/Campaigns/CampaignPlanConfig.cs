using Influence.Core.Model;

namespace Influence.Core.Campaigns;

/// <summary>What a plan maximises.</summary>
public enum CampaignObjective
{
    /// <summary>Distinct engaged people reached: the size of the union of the picks' engaged audiences (exact).</summary>
    Reach,
    /// <summary>Expected accounts reached by an independent cascade from the picks (estimated by reverse-influence sampling).</summary>
    Spread,
}

/// <summary>Which people a plan tries to reach, and who may be picked.</summary>
public enum CampaignScopeKind
{
    /// <summary>Every account; any account may be picked.</summary>
    Graph,
    /// <summary>The members of one community; its members may be picked.</summary>
    Community,
    /// <summary>An audience segment given by its accounts (the seeds, as segment lists take them); any account may be picked.</summary>
    Segment,
}

/// <summary>The people to reach: whole graph, one community (by id) or a segment (dense ids of its accounts).</summary>
public sealed record CampaignScope(CampaignScopeKind Kind, int Community = -1, IReadOnlyList<int>? Segment = null)
{
    public static CampaignScope WholeGraph { get; } = new(CampaignScopeKind.Graph);
    public static CampaignScope OfCommunity(int community) => new(CampaignScopeKind.Community, community);
    public static CampaignScope OfSegment(IReadOnlyList<int> accounts) => new(CampaignScopeKind.Segment, Segment: accounts);

    /// <summary>Readable name: "graph", "community 3", "segment of 12 accounts".</summary>
    public string Describe() => Kind switch
    {
        CampaignScopeKind.Community => $"community {Community}",
        CampaignScopeKind.Segment => $"segment of {Segment?.Count ?? 0} accounts",
        _ => "graph",
    };
}

/// <summary>A follower tier and how many picks it may give (a budget per tier).</summary>
/// <param name="MaxFollowers">Upper follower bound of the tier, inclusive; null = no bound. An account belongs to the first tier (in the order given) whose bound holds it.</param>
/// <param name="Budget">Picks from this tier at most, ≥ 0.</param>
public sealed record FollowerTier(int? MaxFollowers, int Budget);

/// <summary>
/// Campaign plan parameters. Defaults: reach, k = 20, minInteractions 1, no exclusions; spread: ε 0.2, ℓ 1,
/// seed 42, at most 20 million reverse-reachable sets.
/// </summary>
public sealed record CampaignPlanConfig
{
    public const int MaxK = 200;

    /// <summary>Reach (default) or spread.</summary>
    public CampaignObjective Objective { get; init; } = CampaignObjective.Reach;
    /// <summary>Accounts to pick, 1 – 200 (forced inclusions count). Default 20.</summary>
    public int K { get; init; } = 20;
    /// <summary>Roles that may not be picked (e.g. celebrity). Default none.</summary>
    public IReadOnlyCollection<AccountRole> ExcludeRoles { get; init; } = [];
    /// <summary>Follower ceiling, inclusive; null = none.</summary>
    public int? MaxFollowers { get; init; }
    /// <summary>Budget per follower tier; null = no tiers. Accounts in no tier may not be picked.</summary>
    public IReadOnlyList<FollowerTier>? Tiers { get; init; }

    /// <summary>The tier budgets as a new array (the greedy spends it as it picks); null without tiers.</summary>
    internal int[]? NewTierBudgets()
    {
        if (Tiers is null) return null;
        var budgets = new int[Tiers.Count];
        for (int i = 0; i < budgets.Length; i++) budgets[i] = Tiers[i].Budget;
        return budgets;
    }
    /// <summary>Accounts (dense ids) picked first, in this order, whatever the other constraints.</summary>
    public IReadOnlyList<int> Include { get; init; } = [];
    /// <summary>Accounts (dense ids) never picked.</summary>
    public IReadOnlyList<int> Exclude { get; init; } = [];
    /// <summary>
    /// Minimum audience quality of a pick (0–100, <c>audience_quality</c>), applied when per-account quality is passed to
    /// the planner; null = no bound.
    /// </summary>
    public double? MinAudienceQuality { get; init; }
    /// <summary>Spread: IMM accuracy ε in (0, 1); the answer is within (1 − 1/e − ε) of the best. Default 0.2.</summary>
    public double Epsilon { get; init; } = 0.2;
    /// <summary>Spread: IMM ℓ &gt; 0; the guarantee holds with probability ≥ 1 − n^−ℓ. Default 1.</summary>
    public double Ell { get; init; } = 1.0;
    /// <summary>Spread: random seed of the sampling; same seed, same plan.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Spread: cap on reverse-reachable sets, ≥ 1,000 (memory bound); the plan says when it was hit. Default 20 million.</summary>
    public int MaxSamples { get; init; } = 20_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field and its legal range.</summary>
    public void Validate(int nodeCount)
    {
        if (!Enum.IsDefined(Objective)) throw new ArgumentException($"Objective = {(int)Objective}: must be reach or spread.", nameof(Objective));
        if (K < 1 || K > MaxK) throw new ArgumentException($"K = {K}: must be between 1 and {MaxK}.", nameof(K));
        foreach (AccountRole r in ExcludeRoles ?? throw new ArgumentException("ExcludeRoles is null.", nameof(ExcludeRoles)))
            if (!Enum.IsDefined(r)) throw new ArgumentException($"ExcludeRoles holds {(int)r}, which is not a role.", nameof(ExcludeRoles));
        if (MaxFollowers < 0) throw new ArgumentException($"MaxFollowers = {MaxFollowers}: must be ≥ 0.", nameof(MaxFollowers));
        if (Tiers is not null)
        {
            if (Tiers.Count == 0) throw new ArgumentException("Tiers is empty: give at least one tier or none.", nameof(Tiers));
            for (int i = 0; i < Tiers.Count; i++)
            {
                if (Tiers[i] is null) throw new ArgumentException($"Tiers[{i}] is null.", nameof(Tiers));
                if (Tiers[i].Budget < 0) throw new ArgumentException($"Tiers[{i}].Budget = {Tiers[i].Budget}: must be ≥ 0.", nameof(Tiers));
                if (Tiers[i].MaxFollowers < 0) throw new ArgumentException($"Tiers[{i}].MaxFollowers = {Tiers[i].MaxFollowers}: must be ≥ 0.", nameof(Tiers));
            }
        }
        CheckNodes(Include, nameof(Include), nodeCount);
        CheckNodes(Exclude, nameof(Exclude), nodeCount);
        if (Include.Count > K) throw new ArgumentException($"Include has {Include.Count} accounts but K = {K}.", nameof(Include));
        if (Include.Count != Include.Distinct().Count()) throw new ArgumentException("Include names an account twice.", nameof(Include));
        foreach (int v in Include)
            if (Exclude.Contains(v)) throw new ArgumentException($"Account {v} is both included and excluded.", nameof(Include));
        if (MinAudienceQuality is double q && !(q >= 0 && q <= 100))
            throw new ArgumentException($"MinAudienceQuality = {q}: must be in [0, 100] (audience_quality's range).", nameof(MinAudienceQuality));
        if (!(Epsilon > 0 && Epsilon < 1)) throw new ArgumentException($"Epsilon = {Epsilon}: must be in (0, 1).", nameof(Epsilon));
        if (!(Ell > 0) || double.IsInfinity(Ell)) throw new ArgumentException($"Ell = {Ell}: must be finite and > 0.", nameof(Ell));
        if (MaxSamples < 1000) throw new ArgumentException($"MaxSamples = {MaxSamples}: must be ≥ 1,000.", nameof(MaxSamples));
    }

    private static void CheckNodes(IReadOnlyList<int>? nodes, string name, int nodeCount)
    {
        if (nodes is null) throw new ArgumentException($"{name} is null.", name);
        for (int i = 0; i < nodes.Count; i++)
            if ((uint)nodes[i] >= (uint)nodeCount)
                throw new ArgumentException($"{name}[{i}] = {nodes[i]} is not an account (0 to {nodeCount - 1}).", name);
    }
}
