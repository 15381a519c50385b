using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Influence.Api.Contracts;

/// <summary>One row of the account list: the figures that tell popularity (followers) from influence.</summary>
public record AccountSummaryDto
{
    [JsonPropertyOrder(-1), Description("External account id, e.g. @alice.")] public required string Id { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("followers")] public int Followers { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("following")] public int Following { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("mutual")] public int Mutual { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("pagerank")] public double Pagerank { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("influence")] public double Influence { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("engagement_rate")] public double EngagementRate { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("community")] public int Community { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("community_rank")] public int CommunityRank { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("role")] public required string Role { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("stage")] public required string Stage { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("defenders")] public int Defenders { get; init; }
    [JsonPropertyOrder(-1), MetricDescription("audience_quality")] public double? AudienceQuality { get; init; }
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

    [MetricDescription("follow_back_rate")] public double FollowBackRate { get; init; }
    [MetricDescription("followed_back_rate")] public double FollowedBackRate { get; init; }
    [MetricDescription("engagement_received")] public double EngagementReceived { get; init; }
    [MetricDescription("engagement_given")] public double EngagementGiven { get; init; }
    [MetricDescription("unique_engagers")] public int UniqueEngagers { get; init; }
    [MetricDescription("active_audience_share")] public double ActiveAudienceShare { get; init; }
    [MetricDescription("reciprocated_engagement_share")] public double ReciprocatedEngagementShare { get; init; }
    [MetricDescription("in_community_engagement_share")] public double InCommunityEngagementShare { get; init; }
    [MetricDescription("in_community_outreach_share")] public double InCommunityOutreachShare { get; init; }
    [MetricDescription("role_margin")] public double RoleMargin { get; init; }
    [MetricDescription("attention")] public double Attention { get; init; }
    [MetricDescription("community_standout")] public double CommunityStandout { get; init; }
    [MetricDescription("followers_outside_community_share")] public double FollowersOutsideCommunityShare { get; init; }
    [MetricDescription("critics")] public int Critics { get; init; }
    [MetricDescription("defender_engagement_share")] public double DefenderEngagementShare { get; init; }
    [MetricDescription("defender_density")] public double DefenderDensity { get; init; }
    [MetricDescription("mass_follower_share")] public double MassFollowerShare { get; init; }
    [MetricDescription("inactive_follower_share")] public double? InactiveFollowerShare { get; init; }
    [MetricDescription("suspicious_growth_share")] public double SuspiciousGrowthShare { get; init; }
    [MetricDescription("engagement_rate_percentile")] public double? EngagementRatePercentile { get; init; }
    [MetricDescription("suspected_fake_followers")] public int SuspectedFakeFollowers { get; init; }
    [MetricDescription("suspicious_spikes")] public int SuspiciousSpikes { get; init; }
    [MetricDescription("suspected_fake")] public int SuspectedFake { get; init; }
    [Description("Weighted engagement per kind.")] public required EngagementByKindDto EngagementByKind { get; init; }
    [MetricDescription("popularity_vs_influence")] public required PopularityVsInfluenceDto PopularityVsInfluence { get; init; }
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
public sealed record ScatterPointDto(string Id, int Followers, double Influence, string Role,
    [property: Description("Audience quality 0..100 (the dashboard can colour by it); null without followers.")] double? AudienceQuality = null);

/// <summary>A deterministic sample of accounts for the scatter plot.</summary>
public sealed record ScatterDto(
    [property: Description("Accounts in the run.")] int Total,
    [property: Description("Points returned.")] int Sampled,
    IReadOnlyList<ScatterPointDto> Points);

/// <summary>New followers of one day.</summary>
public sealed record DailyFollowsDto([property: Description("Day (UTC), yyyy-MM-dd.")] string Date, [property: Description("New followers that day.")] int Followers);

/// <summary>A growth spike and its cohort (docs/audience-quality.md).</summary>
public sealed record GrowthSpikeDto(
    [property: Description("First day of the spike (UTC), yyyy-MM-dd.")] string From,
    [property: Description("Last day of the spike.")] string To,
    [property: Description("Followers that arrived in the spike: the cohort.")] int NewFollowers,
    [property: Description("The cohort as a share of the account's followers.")] double ShareOfFollowers,
    [property: Description("Highest robust z-score of its days or 7-day stretches: (count − median) ÷ max(1.4826 × MAD, 1) over the trailing 28.")] double PeakZ,
    [property: Description("Share of the cohort that engaged with nobody.")] double InactiveShare,
    [property: Description("Share of the cohort that are mass followers.")] double MassFollowingShare,
    [property: Description("Share of the cohort whose first follow came at most 14 days before.")] double NewAccountShare,
    [property: Description("Share of the cohort that engaged with the account (a viral moment's cohort does).")] double EngagedShare,
    [property: Description("Mean pairwise Jaccard similarity of the cohort's followee sets (the account left out).")] double FolloweeJaccard,
    [property: Description("CopyCatch: of the cohort's follows of its common followees, the share made within 3 days of following the account.")] double LockstepTimeShare,
    [property: Description("Accounts (besides this one) half the sampled cohort follows.")] int CommonFollowees,
    [property: Description("Cohort members flagged as suspected fakes.")] int SuspectedFakes,
    [property: Description("Lockstep, purchase-like (inactive, new or mass-following) and not engaging with the account.")] bool Suspicious,
    [property: Description("Up to 20 cohort members (external ids).")] IReadOnlyList<string> CohortSample);

/// <summary>The audience-quality score's components (each 0..1, higher is better) and their published weights.</summary>
public sealed record AudienceComponentDto(
    [property: Description("reachable, active, authenticGrowth or engagementForSize.")] string Name,
    [property: Description("The component, 0..1; null without followers.")] double? Value,
    [property: Description("Its published weight in the score.")] double Weight);

/// <summary>Kred's two axes within one community (kind-weighted engagement, like engagement_received and engagement_given).</summary>
public sealed record CommunityAxesDto(
    int Community,
    [property: Description("True for the account's own community.")] bool Own,
    [property: Description("Engagement received from the community's members (influence received).")] double InfluenceReceived,
    [property: Description("Share of all its engagement received (kind-weighted) that comes from this community.")] double InfluenceReceivedShare,
    [property: Description("Engagement given to the community's members (outreach given).")] double OutreachGiven,
    [property: Description("Share of all its engagement given that goes to this community.")] double OutreachGivenShare);

/// <summary>Audience of one account: growth series, spikes with cohorts, score components, Kred's two axes, reasons.</summary>
public sealed record AudienceReportDto(
    string Id,
    int Followers,
    [property: Description("Audience quality 0..100; null without followers.")] double? AudienceQuality,
    [property: Description("False when the follows carry no since: no growth series and no spikes.")] bool HasFollowTimes,
    [property: Description("Out-degree from which a follower is a mass follower (max(200, 99th percentile)); HypeAuditor's reference is 1,500.")] int MassFollowingThreshold,
    [property: Description("Share of followers who are mass followers; reachable audience = 1 − this.")] double MassFollowerShare,
    [property: Description("Share of followers who engaged with nobody; null when the data hold no interactions.")] double? InactiveFollowerShare,
    [property: Description("Share of followers who arrived in suspicious spikes or are suspected fakes.")] double SuspiciousGrowthShare,
    [property: Description("Engagement-rate percentile within the audience tier (0..1); null without followers.")] double? EngagementRatePercentile,
    [property: Description("Lowest follower count of the audience tier the percentile was taken in; null without followers.")] int? TierMinFollowers,
    [property: Description("Followers that are suspected fakes.")] int SuspectedFakeFollowers,
    IReadOnlyList<AudienceComponentDto> Components,
    [property: Description("Kred's influence axis: weighted engagement received.")] double InfluenceReceived,
    [property: Description("Share of the engagement received that comes from its own community.")] double InfluenceReceivedInCommunityShare,
    [property: Description("Kred's outreach axis: weighted engagement given.")] double OutreachGiven,
    [property: Description("Share of the engagement given that goes to its own community (in_community_outreach_share).")] double OutreachGivenInCommunityShare,
    [property: Description("Communities it received engagement from or gave engagement to.")] int CommunitiesEngaged,
    [property: Description("Both axes per community, largest received + given first (at most 20).")] IReadOnlyList<CommunityAxesDto> ByCommunity,
    IReadOnlyList<DailyFollowsDto> Growth,
    IReadOnlyList<GrowthSpikeDto> Spikes,
    [property: Description("Readable reasons with the figures.")] IReadOnlyList<string> Reasons);
