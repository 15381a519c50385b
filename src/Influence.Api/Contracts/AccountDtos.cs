using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Influence.Api.Contracts;

/// <summary>One row of the account list: the figures that tell popularity (followers) from influence.</summary>
public record AccountSummaryDto
{
    [JsonPropertyOrder(-1), Description("External account id, e.g. @alice.")] public required string Id { get; init; }
    [JsonPropertyOrder(-1), Description("Accounts that follow this one (popularity).")] public int Followers { get; init; }
    [JsonPropertyOrder(-1), Description("Accounts this one follows.")] public int Following { get; init; }
    [JsonPropertyOrder(-1), Description("Accounts this one follows that follow it back.")] public int Mutual { get; init; }
    [JsonPropertyOrder(-1), Description("Reach: PageRank on the follow graph (sums to 1 over all accounts).")] public double Pagerank { get; init; }
    [JsonPropertyOrder(-1), Description("Influence: √(engagement depth × depth per audience member) — repeated, reciprocated engagement from accounts that matter, relative to the audience (docs/model.md).")] public double Influence { get; init; }
    [JsonPropertyOrder(-1), Description("Weighted engagement received per follower (denominator max(followers, 1)).")] public double EngagementRate { get; init; }
    [JsonPropertyOrder(-1), Description("Community id.")] public int Community { get; init; }
    [JsonPropertyOrder(-1), Description("Rank inside the community by community standout; 1 = stands out most.")] public int CommunityRank { get; init; }
    [JsonPropertyOrder(-1), VocabularyDescription("One of {roles}.")] public required string Role { get; init; }
    [JsonPropertyOrder(-1), VocabularyDescription("One of {stages}.")] public required string Stage { get; init; }
    [JsonPropertyOrder(-1), Description("Size of the account's defender network.")] public int Defenders { get; init; }
}

/// <summary>Weighted engagement per interaction kind.</summary>
public sealed record EngagementKindsDto(
    [property: Description("Replies (weighted).")] double Reply,
    [property: Description("Mentions (weighted).")] double Mention,
    [property: Description("Shares / retweets / reposts (weighted).")] double Share,
    [property: Description("Quotes (weighted).")] double Quote,
    [property: Description("Comments (weighted).")] double Comment,
    [property: Description("Likes (weighted).")] double Like);

/// <summary>Engagement received and given, per kind.</summary>
public sealed record EngagementByKindDto(EngagementKindsDto Received, EngagementKindsDto Given);

/// <summary>Where the account stands by followers and by influence.</summary>
public sealed record PopularityVsInfluenceDto(
    [property: Description("1 = most followed account.")] int FollowersRank,
    [property: Description("1 = most influential account.")] int InfluenceRank,
    [property: Description("Share of accounts with fewer followers, 0..100.")] double FollowersPercentile,
    [property: Description("Share of accounts with less influence, 0..100.")] double InfluencePercentile,
    [property: Description("popular-not-influential, influential-not-popular, popular-and-influential or neither: the run's verdict (popular_min_followers and influential_min_influence in the reasons; top 10 % by default).")] string Verdict);

/// <summary>One reason behind the role or stage: a metric, its value, and the threshold it was compared with.</summary>
public sealed record ReasonDto(
    [property: Description("Metric name, e.g. followers.")] string Metric,
    [property: Description("The account's value of the metric.")] double Value,
    [property: Description("One of >=, <, <=, >, =.")] string Comparison,
    [property: Description("Threshold the value was compared with.")] double Threshold,
    [property: Description("Readable sentence with the figures.")] string Text);

/// <summary>Everything known about one account, with the reasons behind its role and stage.</summary>
public sealed record AccountProfileDto : AccountSummaryDto
{
    /// <summary>For deserialisation (clients, tests).</summary>
    [JsonConstructor]
    public AccountProfileDto()
    {
    }

    /// <summary>The profile of the account <paramref name="summary"/> describes; the caller sets the profile's own fields.</summary>
    [SetsRequiredMembers]
    public AccountProfileDto(AccountSummaryDto summary) : base(summary)
    {
        EngagementByKind = null!;
        PopularityVsInfluence = null!;
        Reasons = [];
    }

    [Description("Mutual / following.")] public double FollowBackRate { get; init; }
    [Description("Mutual / followers.")] public double FollowedBackRate { get; init; }
    [Description("Weighted engagement received.")] public double EngagementReceived { get; init; }
    [Description("Weighted engagement given.")] public double EngagementGiven { get; init; }
    [Description("Distinct accounts that engaged with this one.")] public int UniqueEngagers { get; init; }
    [Description("Share of followers who interacted at least once.")] public double ActiveAudienceShare { get; init; }
    [Description("Share of engagement received (standing-weighted ties) from accounts this one engages with too.")] public double ReciprocatedEngagementShare { get; init; }
    [Description("Share of engagement received (standing-weighted ties) from the same community.")] public double InCommunityEngagementShare { get; init; }
    [Description("Score of the role given minus the runner-up's (roles score in [0, 1], regular 0.5): how clearly the verdict holds.")] public double RoleMargin { get; init; }
    [Description("Attention: PageRank on the kind-weighted interaction graph (sums to 1) — the volume of engagement flowing to the account.")] public double Attention { get; init; }
    [Description("How far its audience and the engagement it draws from its community exceed its community's typical member.")] public double CommunityStandout { get; init; }
    [Description("Share of its followers in other communities (a large audience reaches across the network).")] public double FollowersOutsideCommunityShare { get; init; }
    [Description("Number of repeated critics (only with stance data).")] public int Critics { get; init; }
    [Description("Share of engagement received that comes from defenders.")] public double DefenderEngagementShare { get; init; }
    [Description("Density of ties among the defenders.")] public double DefenderDensity { get; init; }
    [Description("Weighted engagement per kind.")] public required EngagementByKindDto EngagementByKind { get; init; }
    [Description("Rank and percentile by followers and by influence.")] public required PopularityVsInfluenceDto PopularityVsInfluence { get; init; }
    [Description("Why the account has its role and stage.")] public required IReadOnlyList<ReasonDto> Reasons { get; init; }
}

/// <summary>A page of accounts.</summary>
public sealed record AccountPageDto(IReadOnlyList<AccountSummaryDto> Items, int Page, int PageSize, int Total);

/// <summary>One defender or critic of an account with the figures behind the verdict.</summary>
public sealed record DefenderDto(
    [property: Description("External id of the defender (or critic).")] string Id,
    [property: Description("Strength score; higher = stronger support (or opposition).")] double Strength,
    [property: Description("Supportive (or critical) interactions towards the account, count-weighted.")] double Interactions,
    [property: Description("Distinct time periods with such interactions.")] int ActivePeriods,
    [property: Description("The account follows the defender.")] bool TargetFollowsBack,
    [property: Description("The account engaged with the defender.")] bool TargetEngagesBack,
    [property: Description("Mean known stance towards the account in [-1, 1]; null when unknown.")] double? MeanStance,
    [property: Description("Community of the defender.")] int Community,
    [property: Description("Role of the defender.")] string Role);

/// <summary>How many defenders sit in one community.</summary>
public sealed record CommunityCountDto(int Community, int Count);

/// <summary>A follow or interaction tie between two defenders (for drawing).</summary>
public sealed record TieDto(string Source, string Target);

/// <summary>The defender network of one account.</summary>
public sealed record DefenderNetworkDto(
    [property: Description("The defended account.")] string Account,
    [property: Description("Number of defenders.")] int Size,
    [property: Description("Density of ties among the defenders.")] double Density,
    [property: Description("Share of the account's received engagement that comes from defenders.")] double EngagementShare,
    IReadOnlyList<CommunityCountDto> Communities,
    IReadOnlyList<DefenderDto> Defenders,
    IReadOnlyList<DefenderDto> Critics,
    IReadOnlyList<TieDto> Ties);

/// <summary>A point of the popularity-vs-influence scatter.</summary>
public sealed record ScatterPointDto(string Id, int Followers, double Influence, string Role);

/// <summary>A deterministic sample of accounts for the scatter plot.</summary>
public sealed record ScatterDto(
    [property: Description("Accounts in the run.")] int Total,
    [property: Description("Points returned.")] int Sampled,
    IReadOnlyList<ScatterPointDto> Points);
