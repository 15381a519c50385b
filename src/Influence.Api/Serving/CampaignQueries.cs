using Influence.Api.Contracts;
using Influence.Core.Campaigns;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>A validated plan request bound to the snapshot it will run on.</summary>
public sealed record CampaignPlanQuery(AnalysisSnapshot Snapshot, CampaignScope Scope, CampaignPlanConfig Config, int MinInteractions, int ScopeSize)
{
    /// <summary>Spread, or a scope above <see cref="CampaignQueries.InlineScopeLimit"/> people: run as a job.</summary>
    public bool IsLarge => Config.Objective == CampaignObjective.Spread || ScopeSize > CampaignQueries.InlineScopeLimit;
}

/// <summary>Campaign plans and audience overlap on the served run: request rules, the cached audience index, DTO mapping.</summary>
public sealed class CampaignQueries(SnapshotHolder snapshots)
{
    /// <summary>Largest reach scope answered inside the request; larger ones (and every spread plan) run as jobs.</summary>
    public const int InlineScopeLimit = 200_000;
    private const int MaxMinInteractions = 1000;
    private const int MaxListedAccounts = 1000;

    /// <summary>Checks the request and resolves its accounts against the served run.</summary>
    public QueryResult<CampaignPlanQuery> Prepare(CampaignPlanRequestDto request)
    {
        var v = new Validation();
        CampaignObjective objective = CampaignObjective.Reach;
        if (request.Objective is { Length: > 0 } o && !TryObjective(o, out objective))
            v.Add("objective", $"must be reach or spread; got '{o}'.");
        v.Range("k", request.K, 1, CampaignPlanConfig.MaxK);
        v.Range("minInteractions", request.MinInteractions, 1, MaxMinInteractions);
        v.Range("maxFollowers", request.MaxFollowers, 0, int.MaxValue);
        if (request.Community is not null && request.Seeds is not null) v.Add("seeds", "give community or seeds, not both.");
        if (request.Seeds is { Count: 0 }) v.Add("seeds", "give at least one account, or leave seeds out.");
        if (request.Seeds?.Count > MaxListedAccounts) v.Add("seeds", $"at most {MaxListedAccounts} accounts; got {request.Seeds.Count}.");
        if (request.Epsilon is double eps && !(eps > 0 && eps < 1)) v.Add("epsilon", $"must be in (0, 1); got {eps}.");
        if (request.Ell is double ell && !(ell > 0 && ell <= 10)) v.Add("ell", $"must be in (0, 10]; got {ell}.");
        QueryRules.AudienceQuality(v, request.MinAudienceQuality);
        var roles = new List<AccountRole>();
        foreach (string? r in request.ExcludeRoles ?? [])
        {
            if (RoleNames.TryParseRole(r, out AccountRole role)) roles.Add(role);
            else v.Add("excludeRoles", $"unknown role '{r}'; valid: {Vocabulary.List(Vocabulary.Roles)}.");
        }
        var tiers = new List<FollowerTier>();
        for (int i = 0; i < (request.Tiers?.Count ?? 0); i++)
        {
            FollowerTierDto? t = request.Tiers![i];
            if (t is null || t.Budget < 0 || t.MaxFollowers < 0) v.Add("tiers", $"tiers[{i}]: budget and maxFollowers must be ≥ 0.");
            else tiers.Add(new FollowerTier(t.MaxFollowers, t.Budget));
        }
        if (request.Tiers is { Count: 0 }) v.Add("tiers", "give at least one tier, or leave tiers out.");
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;

        int[] include = Resolve(snap, request.Include, "include", v);
        int[] exclude = Resolve(snap, request.Exclude, "exclude", v);
        int[] seeds = Resolve(snap, request.Seeds, "seeds", v);
        if (include.Length > request.K) v.Add("include", $"{include.Length} accounts included but k = {request.K}.");
        if (include.Length != include.Distinct().Count()) v.Add("include", "names an account twice.");
        if (include.Intersect(exclude).Any()) v.Add("include", "an account is both included and excluded.");
        if (!v.IsValid) return new QueryFailure.Invalid(v.Errors, v.Errors.First().Value[0]);

        CampaignScope scope;
        int scopeSize;
        if (request.Community is int c)
        {
            if (!snap.TryGetCommunity(c, out CommunitySummary summary)) return new QueryFailure.UnknownCommunity(c);
            scope = CampaignScope.OfCommunity(c);
            scopeSize = summary.Size;
        }
        else if (request.Seeds is not null) { scope = CampaignScope.OfSegment(seeds); scopeSize = seeds.Distinct().Count(); }
        else { scope = CampaignScope.WholeGraph; scopeSize = snap.Count; }
        if (snap.Graph is null) return QueryFailure.NoGraph;
        var config = new CampaignPlanConfig
        {
            Objective = objective,
            K = request.K,
            ExcludeRoles = roles,
            MaxFollowers = request.MaxFollowers,
            Tiers = tiers.Count > 0 ? tiers : null,
            Include = include,
            Exclude = exclude,
            MinAudienceQuality = request.MinAudienceQuality,
            Epsilon = request.Epsilon ?? new CampaignPlanConfig().Epsilon,
            Ell = request.Ell ?? new CampaignPlanConfig().Ell,
            Seed = request.Seed ?? new CampaignPlanConfig().Seed,
        };
        return new CampaignPlanQuery(snap, scope, config, request.MinInteractions, scopeSize);
    }

    /// <summary>Computes a prepared plan (the audience index and cascade model are built once per run and setting).</summary>
    public static CampaignPlanDto Run(CampaignPlanQuery query, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        AnalysisSnapshot snap = query.Snapshot;
        EngagedAudienceIndex index = AudienceIndex(snap, query.MinInteractions);
        CascadeModel? cascade = query.Config.Objective == CampaignObjective.Spread
            ? snap.Cache.GetOrAdd($"campaign:cascade:{query.MinInteractions}", () => CascadeModel.FromAudience(index))
            : null;
        double[]? quality = query.Config.MinAudienceQuality is null ? null
            : snap.Cache.GetOrAdd("campaign:audience-quality", () => Array.ConvertAll(snap.Result.Accounts, m => m.AudienceQuality));
        CampaignPlan plan = CampaignPlanner.Plan(snap.Result, index, query.Scope, query.Config, quality, cascade, progress, cancellationToken);
        return ToDto(plan, snap);
    }

    /// <summary>Pairwise engaged-audience overlap of a list of accounts.</summary>
    public QueryResult<AudienceOverlapDto> Overlap(AudienceOverlapRequestDto request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (request.Accounts is null || request.Accounts.Count == 0) v.Add("accounts", "give at least one account id.");
        else if (request.Accounts.Count > AudienceOverlap.MaxAccounts) v.Add("accounts", $"at most {AudienceOverlap.MaxAccounts} accounts; got {request.Accounts.Count}.");
        v.Range("minInteractions", request.MinInteractions, 1, MaxMinInteractions);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        int[] nodes = Resolve(snap, request.Accounts, "accounts", v);
        if (!v.IsValid) return new QueryFailure.Invalid(v.Errors, v.Errors["accounts"][0]);
        if (snap.Graph is null) return QueryFailure.NoGraph;
        AudienceOverlapResult r = AudienceOverlap.Compute(AudienceIndex(snap, request.MinInteractions), nodes, cancellationToken);
        var ids = r.Accounts.Select(a => snap.Result.AccountIds[a]).ToArray();
        return new AudienceOverlapDto(
            r.Accounts.Select((a, i) => new AudienceDto(ids[i], r.AudienceSizes[i])).ToArray(),
            r.Pairs.Select(p => new AudiencePairDto(ids[p.First], ids[p.Second], p.Shared, p.Jaccard)).ToArray(),
            r.Union, r.SumOfAudiences, request.MinInteractions);
    }

    private static EngagedAudienceIndex AudienceIndex(AnalysisSnapshot snap, int minInteractions)
    {
        InfluenceInput graph = snap.Graph ?? throw new InvalidOperationException("The snapshot has no graph.");
        return snap.Cache.GetOrAdd($"campaign:audience:{minInteractions}",
            () => EngagedAudienceIndex.Build(graph.Interactions, snap.Count, minInteractions));
    }

    private static bool TryObjective(string text, out CampaignObjective objective)
    {
        objective = text.ToLowerInvariant() switch { "reach" => CampaignObjective.Reach, "spread" => CampaignObjective.Spread, _ => (CampaignObjective)(-1) };
        return objective is CampaignObjective.Reach or CampaignObjective.Spread;
    }

    /// <summary>Dense ids of external ids; unknown ones are added to <paramref name="v"/> under <paramref name="field"/>.</summary>
    private static int[] Resolve(AnalysisSnapshot snap, IReadOnlyList<string>? ids, string field, Validation v)
    {
        if (ids is null) return [];
        var nodes = new List<int>(ids.Count);
        var unknown = new List<string>();
        foreach (string? id in ids)
        {
            if (id is not null && snap.TryGetAccount(id, out int node)) nodes.Add(node);
            else unknown.Add(id ?? "(null)");
        }
        if (unknown.Count > 0)
            v.Add(field, $"{unknown.Count} account(s) not in the latest run: {string.Join(", ", unknown.Take(50).Select(u => $"'{u}'"))}{(unknown.Count > 50 ? ", …" : "")}.");
        return nodes.ToArray();
    }

    private static CampaignPlanDto ToDto(CampaignPlan plan, AnalysisSnapshot snap)
    {
        IReadOnlyList<string> ids = snap.Result.AccountIds;
        var picks = plan.Picks.Select(p => new CampaignPickDto(p.Rank, p.Account, p.MarginalGain, p.CumulativeValue, p.Audience,
            p.OverlapWithEarlier, AccountViews.RoleName(p.Role), p.Followers, AccountViews.Finite(p.Influence), p.Community, p.Included, p.Reasons)).ToArray();
        RankedListValueDto List(RankedListValue r) => new(r.RankedBy, r.Nodes.Select(n => ids[n]).ToArray(), r.Value, r.Curve);
        SpreadSamplingDto? sampling = plan.Sampling is { } s
            ? new SpreadSamplingDto(s.Samples, s.RequiredSamples, s.Epsilon, s.Ell, s.LowerBound, s.Capped, s.Seed)
            : null;
        return new CampaignPlanDto(plan.Objective == CampaignObjective.Reach ? "reach" : "spread",
            plan.Scope.Kind.ToString().ToLowerInvariant(), plan.Scope.Kind == CampaignScopeKind.Community ? plan.Scope.Community : null,
            plan.ScopeSize, plan.Candidates, plan.K, (int)plan.MinInteractions, plan.Value, plan.LiftOverFollowers, plan.LiftOverInfluence,
            picks, plan.Curve, List(plan.ByFollowers), List(plan.ByInfluence), sampling, plan.StoppedEarly,
            plan.Elapsed.TotalMilliseconds, snap.Run.Id);
    }
}
