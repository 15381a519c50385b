namespace Influence.Api.Contracts;

/// <summary>A follower tier with its pick budget.</summary>
public sealed class FollowerTierDto
{
    [Description("Upper follower bound of the tier, inclusive; null = no bound. An account belongs to the first tier that holds it.")]
    public int? MaxFollowers { get; set; }
    [Description("Picks from this tier at most (≥ 0).")]
    public int Budget { get; set; }
}

/// <summary>Body of <c>POST /api/v1/campaigns/plan</c>.</summary>
public sealed class CampaignPlanRequestDto
{
    [Description("Scope: this community's members (its members may be picked). Give community, seeds, or neither (whole graph).")]
    public int? Community { get; set; }
    [Description("Scope: a segment given by its accounts (as the segment lists take seeds); any account may be picked.")]
    public IReadOnlyList<string>? Seeds { get; set; }
    [Description("reach (default: distinct engaged people) or spread (expected accounts reached by an independent cascade, IMM).")]
    [DefaultValue("reach")] public string? Objective { get; set; }
    [Description("Accounts to pick, 1..200. Default 20.")]
    [DefaultValue(20)] public int K { get; set; } = 20;
    [Description("Interactions an engager needs with an account to count in its engaged audience (1..1000). Default 1.")]
    [DefaultValue(1)] public int MinInteractions { get; set; } = 1;
    [VocabularyDescription("Roles never picked, e.g. [\"celebrity\"]: {roles}.")]
    public IReadOnlyList<string>? ExcludeRoles { get; set; }
    [Description("Follower ceiling of a pick, inclusive.")]
    public int? MaxFollowers { get; set; }
    [Description("Budget per follower tier, e.g. [{\"maxFollowers\":1000,\"budget\":15},{\"maxFollowers\":null,\"budget\":5}].")]
    public IReadOnlyList<FollowerTierDto>? Tiers { get; set; }
    [Description("Accounts picked first, in this order.")]
    public IReadOnlyList<string>? Include { get; set; }
    [Description("Accounts never picked.")]
    public IReadOnlyList<string>? Exclude { get; set; }
    [Description("Minimum audience quality (0..100, the run's audience_quality) of a pick; accounts without followers (no score) are not picked.")]
    public double? MinAudienceQuality { get; set; }
    [Description("Spread: IMM ε in (0, 1); smaller = more samples. Default 0.2.")]
    public double? Epsilon { get; set; }
    [Description("Spread: IMM ℓ > 0; the guarantee holds with probability ≥ 1 − n^−ℓ. Default 1.")]
    public double? Ell { get; set; }
    [Description("Spread: random seed of the sampling. Default 42.")]
    public int? Seed { get; set; }
    [Description("Run as a job (202 with its URL) instead of answering in the request; spread plans and scopes above the configured size always run as jobs.")]
    [DefaultValue(false)] public bool Async { get; set; }
}

/// <summary>One pick of a plan.</summary>
public sealed record CampaignPickDto(
    [property: Description("1 = picked first.")] int Rank,
    string Id,
    [property: Description("What this pick added to the plan's value.")] double MarginalGain,
    [property: Description("Plan value with the picks up to this one.")] double CumulativeValue,
    [property: Description("Engaged audience inside the scope.")] int Audience,
    [property: Description("Of that audience, how many the earlier picks already reach.")] int OverlapWithEarlier,
    string Role,
    int Followers,
    double Influence,
    int Community,
    [property: Description("Picked because the request included it.")] bool Included,
    IReadOnlyList<string> Reasons);

/// <summary>A ranked list under the plan's constraints, valued by the plan's objective.</summary>
public sealed record RankedListValueDto(
    [property: Description("followers or influence.")] string RankedBy,
    IReadOnlyList<string> Accounts,
    double Value,
    [property: Description("Value of the first 1, 2, … accounts.")] IReadOnlyList<double> Curve);

/// <summary>How the spread objective was sampled (IMM).</summary>
public sealed record SpreadSamplingDto(long Samples, long RequiredSamples, double Epsilon, double Ell, double LowerBound,
    [property: Description("True when the sample cap stopped IMM short of its bound (the guarantee does not hold).")] bool Capped, int Seed);

/// <summary>A campaign plan.</summary>
public sealed record CampaignPlanDto(
    string Objective,
    [property: Description("graph, community or segment.")] string Scope,
    int? Community,
    [property: Description("People the plan tries to reach.")] int ScopeSize,
    [property: Description("Accounts that could be picked under the constraints.")] int Candidates,
    int K,
    int MinInteractions,
    [property: Description("Distinct engaged scope members reached (reach) or expected scope members reached (spread).")] double Value,
    [property: Description("Value over the top-k-by-followers value.")] double LiftOverFollowers,
    [property: Description("Value over the top-k-by-influence value.")] double LiftOverInfluence,
    IReadOnlyList<CampaignPickDto> Picks,
    [property: Description("Value after 1, 2, … picks.")] IReadOnlyList<double> Curve,
    RankedListValueDto ByFollowers,
    RankedListValueDto ByInfluence,
    SpreadSamplingDto? Sampling,
    [property: Description("Why there are fewer than k picks, or null.")] string? StoppedEarly,
    double ElapsedMs,
    long RunId);

/// <summary>A plan computed as a job.</summary>
public sealed record CampaignPlanJobDto(
    string Id,
    [property: Description("queued, running, completed, failed or cancelled.")] string State,
    double Percent,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    CampaignPlanDto? Plan);

/// <summary>Body of <c>POST /api/v1/audiences/overlap</c>.</summary>
public sealed class AudienceOverlapRequestDto
{
    [Description("External ids of the accounts (1..200).")]
    public IReadOnlyList<string>? Accounts { get; set; }
    [Description("Interactions an engager needs with an account to count in its engaged audience (1..1000). Default 1.")]
    [DefaultValue(1)] public int MinInteractions { get; set; } = 1;
}

/// <summary>An account of an overlap answer.</summary>
public sealed record AudienceDto(string Id, [property: Description("Engaged audience (distinct engagers).")] int Audience);

/// <summary>Overlap of two engaged audiences.</summary>
public sealed record AudiencePairDto(string A, string B, int Shared, [property: Description("Shared / union of the two audiences.")] double Jaccard);

/// <summary>Pairwise overlap of engaged audiences and their union.</summary>
public sealed record AudienceOverlapDto(
    IReadOnlyList<AudienceDto> Accounts,
    IReadOnlyList<AudiencePairDto> Pairs,
    [property: Description("Distinct engagers of the whole list.")] int Union,
    [property: Description("Sum of the audiences (what a ranked list counts).")] long SumOfAudiences,
    int MinInteractions);
