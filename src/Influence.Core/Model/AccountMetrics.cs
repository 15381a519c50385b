using System.Text.Json.Serialization;

namespace Influence.Core.Model;

/// <summary>Account roles. File/JSON names: celebrity, macro-influencer, micro-influencer, amplifier, regular.</summary>
public enum AccountRole : byte { Regular = 0, Celebrity = 1, MacroInfluencer = 2, MicroInfluencer = 3, Amplifier = 4 }

/// <summary>Four stages of presence on a network. Names: present, relay, producer, power-networker.</summary>
public enum PresenceStage : byte { Present = 0, Relay = 1, Producer = 2, PowerNetworker = 3 }

/// <summary>
/// Where an account sits between popularity (followers) and influence. Names: neither, popular-not-influential,
/// influential-not-popular, popular-and-influential.
/// </summary>
public enum PopularityQuadrant : byte { Neither = 0, PopularNotInfluential = 1, InfluentialNotPopular = 2, PopularAndInfluential = 3 }

/// <summary>The vocabulary of the model's verdicts: role, stage and quadrant names as files, stores, the CLI and the API write and accept them.</summary>
public static class RoleNames
{
    public static NamedValues<AccountRole> Roles { get; } = new("regular", "celebrity", "macro-influencer", "micro-influencer", "amplifier");

    public static NamedValues<PresenceStage> Stages { get; } = new("present", "relay", "producer", "power-networker");

    public static NamedValues<PopularityQuadrant> Quadrants { get; } =
        new("neither", "popular-not-influential", "influential-not-popular", "popular-and-influential");

    public static string Name(AccountRole role) => Roles.Name(role);

    public static string Name(PresenceStage stage) => Stages.Name(stage);

    public static string Name(PopularityQuadrant quadrant) => Quadrants.Name(quadrant);

    public static bool TryParseRole(string? text, out AccountRole role) => Roles.TryParse(text, out role);

    public static bool TryParseStage(string? text, out PresenceStage stage) => Stages.TryParse(text, out stage);

    public static bool TryParseQuadrant(string? text, out PopularityQuadrant quadrant) => Quadrants.TryParse(text, out quadrant);
}

/// <summary>
/// Every figure the model computes for one account. A struct held in one array per run, so a
/// million accounts cost one allocation. Engagement figures are weighted: interaction weight
/// (count) × per-kind weight from <see cref="KindWeights"/>.
/// </summary>
public struct AccountMetrics
{
    // Follow graph
    public int Followers;
    public int Following;
    /// <summary>Accounts this one follows that follow it back.</summary>
    public int Mutual;
    /// <summary>Mutual / Following (0 when following nobody).</summary>
    public double FollowBackRate;
    /// <summary>Mutual / Followers (0 without followers).</summary>
    public double FollowedBackRate;

    // Interactions
    public double EngagementReceived;
    public double EngagementGiven;
    /// <summary>Distinct accounts that engaged with this one.</summary>
    public int UniqueEngagers;
    /// <summary>Distinct accounts this one engaged with.</summary>
    public int UniqueEngaged;
    /// <summary>EngagementReceived / max(Followers, 1).</summary>
    public double EngagementRate;
    /// <summary>Fraction of followers who interacted with this account at least once (0 without followers).</summary>
    public double ActiveAudienceShare;
    /// <summary>Share of engagement received (standing-weighted ties) that comes from accounts this one also engages with.</summary>
    public double ReciprocatedEngagementShare;
    /// <summary>Share of this account's own (given) engagement that is shares of others' content.</summary>
    public double ShareOfGivenThatIsShares;

    // Ranks
    /// <summary>Reach: PageRank on the follow graph (sums to 1 over all accounts).</summary>
    public double PageRank;
    /// <summary>Attention: PageRank on the kind-weighted interaction graph (sums to 1) — how much engagement flows to it, a volume.</summary>
    public double Attention;
    /// <summary>
    /// Influence: depth of engagement per audience member — Σ over engagers of tie strength (log of repeated
    /// engagement, doubled when reciprocated) × the engager's standing (from attention), divided by
    /// (audience + <see cref="InfluenceConfig.InfluencePriorAudience"/>). A rate, not a volume (docs/model.md).
    /// </summary>
    public double Influence;

    // Community
    public int Community;
    /// <summary>Share of engagement received (standing-weighted ties) that comes from the same community.</summary>
    public double InCommunityEngagementShare;
    /// <summary>Share of the weighted engagement given that goes to accounts of the same community (Kred's outreach axis, per community).</summary>
    public double InCommunityOutreachShare;
    /// <summary>Share of its followers who belong to other communities: a large audience across the network (celebrities, macro-influencers) rather than within one community.</summary>
    public double FollowersOutsideCommunityShare;
    /// <summary>1 = the account that stands out most in its community (by <see cref="CommunityStandout"/>).</summary>
    public int CommunityRank;
    /// <summary>How far it stands out from the typical account tied to it by follows (its followers and followees): √ of its followers and of the accounts engaging with it, each as a multiple of those neighbours' median. About 1 for a typical account; the same whatever seed community detection uses.</summary>
    public double CommunityStandout;
    public int Component;

    // Verdicts
    public AccountRole Role;
    /// <summary>Score of the decided role minus the runner-up's (roles score in [0, 1]; "regular" scores 0.5): how clearly the verdict holds.</summary>
    public double RoleMargin;
    public PresenceStage Stage;
    public PopularityQuadrant Quadrant;

    // Defender network
    public int Defenders;
    public int Critics;
    /// <summary>Share of engagement received that comes from defenders.</summary>
    public double DefenderEngagementShare;
    /// <summary>Density of ties (follows or interactions, either way) among the defenders.</summary>
    public double DefenderDensity;

    // Audience quality (Influence.Core.Audience)
    /// <summary>Share of followers who follow at least the mass-following threshold of accounts (reachable audience = 1 − this).</summary>
    public double MassFollowerShare;
    /// <summary>Share of followers who engaged with nobody in the window.</summary>
    public double InactiveFollowerShare;
    /// <summary>Share of followers who arrived in suspicious growth spikes (inactive, lockstep cohorts) or are suspected fakes, whichever is larger.</summary>
    public double SuspiciousGrowthShare;
    /// <summary>Engagement-rate percentile (0–1) among accounts of the same audience tier; NaN without followers.</summary>
    public double EngagementRatePercentile;
    /// <summary>Audience quality 0–100 from published weights; NaN without followers.</summary>
    public double AudienceQuality;
    /// <summary>Followers that are suspected fakes.</summary>
    public int SuspectedFakeFollowers;
    /// <summary>Suspicious growth spikes of the account.</summary>
    public int SuspiciousSpikes;
    /// <summary>1 when the account itself is a suspected fake follower (never counted as a defender).</summary>
    public int SuspectedFake;
}

/// <summary>Weight of one interaction of each kind. A share counts more than a like.</summary>
public sealed record KindWeights
{
    public double Reply { get; init; } = 3.0;
    public double Mention { get; init; } = 2.0;
    public double Share { get; init; } = 4.0;
    public double Quote { get; init; } = 4.0;
    public double Comment { get; init; } = 3.0;
    public double Like { get; init; } = 1.0;

    /// <summary>
    /// The default weights with some kinds overridden by name (<c>share</c>, <c>retweet</c>, <c>like</c>, …, as
    /// <see cref="InteractionKinds.TryParse"/> reads them).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind name or a weight that is negative or not finite; the message names it.</exception>
    public static KindWeights WithOverrides(IEnumerable<KeyValuePair<string, double>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var weights = new KindWeights();
        foreach ((string name, double value) in overrides)
        {
            if (!InteractionKinds.TryParse(name, out InteractionKind kind))
                throw new ArgumentException($"Unknown interaction kind '{name}' (valid: reply, mention, share, quote, comment, like; retweet/repost = share).", nameof(overrides));
            // 0 is allowed: it leaves that kind out of engagement and influence altogether.
            if (!(value >= 0) || !double.IsFinite(value) || value > 1e6)
                throw new ArgumentException($"The weight of '{name}' must be a non-negative finite number, at most 1,000,000 (so engagement sums stay finite), not {value}.", nameof(overrides));
            weights = kind switch
            {
                InteractionKind.Reply => weights with { Reply = value },
                InteractionKind.Mention => weights with { Mention = value },
                InteractionKind.Share => weights with { Share = value },
                InteractionKind.Quote => weights with { Quote = value },
                InteractionKind.Comment => weights with { Comment = value },
                _ => weights with { Like = value },
            };
        }
        return weights;
    }

    public double this[InteractionKind kind] => kind switch
    {
        InteractionKind.Reply => Reply,
        InteractionKind.Mention => Mention,
        InteractionKind.Share => Share,
        InteractionKind.Quote => Quote,
        InteractionKind.Comment => Comment,
        InteractionKind.Like => Like,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>One defender (or critic) of an account, with the figures behind the verdict.</summary>
/// <param name="Target">Dense id of the defended account.</param>
/// <param name="Defender">Dense id of the defender (or critic).</param>
/// <param name="Strength">Documented strength score (higher = stronger support/opposition).</param>
/// <param name="Interactions">Supportive interactions (count-weighted) towards the target.</param>
/// <param name="ActivePeriods">Distinct time periods with at least one such interaction (1 without timestamps).</param>
/// <param name="TargetFollowsBack">Target follows the defender.</param>
/// <param name="TargetEngagesBack">Target engaged with the defender.</param>
/// <param name="MeanStance">Mean known stance of the defender towards the target, NaN when unknown.</param>
public readonly record struct DefenderLink(int Target, int Defender, double Strength, double Interactions,
    int ActivePeriods, bool TargetFollowsBack, bool TargetEngagesBack, double MeanStance);

/// <param name="TopAccounts">Dense ids of the most influential members, best first (at most 10).</param>
public sealed record CommunitySummary(int Id, int Size, long InternalFollows, double Density,
    double Reciprocity, double EngagementInside, int[] TopAccounts);

/// <summary>
/// Run-level figures. Property names are the keys of <c>summary.json</c>.
/// </summary>
public sealed record AnalysisSummary
{
    [JsonPropertyName("nodes")] public int Nodes { get; init; }
    [JsonPropertyName("follow_edges")] public long FollowEdges { get; init; }
    [JsonPropertyName("follow_self_loops_dropped")] public long FollowSelfLoopsDropped { get; init; }
    [JsonPropertyName("follow_parallel_edges_collapsed")] public long FollowParallelEdgesCollapsed { get; init; }
    [JsonPropertyName("interactions")] public long Interactions { get; init; }
    [JsonPropertyName("interaction_edges")] public long InteractionEdges { get; init; }
    [JsonPropertyName("global_reciprocity")] public double GlobalReciprocity { get; init; }
    [JsonPropertyName("components")] public int Components { get; init; }
    [JsonPropertyName("largest_component")] public int LargestComponent { get; init; }
    [JsonPropertyName("communities")] public int Communities { get; init; }
    [JsonPropertyName("community_algorithm")] public string CommunityAlgorithm { get; init; } = "leiden";
    /// <summary>Graph the communities were detected on: "follows" or "follows+interactions".</summary>
    [JsonPropertyName("community_graph")] public string CommunityGraph { get; init; } = "follows";
    [JsonPropertyName("modularity")] public double Modularity { get; init; }
    [JsonPropertyName("modularity_per_level")] public double[] ModularityPerLevel { get; init; } = [];
    /// <summary>Full community-detection passes run (a warm start usually needs one).</summary>
    [JsonPropertyName("community_passes")] public int CommunityPasses { get; init; }
    [JsonPropertyName("pagerank_iterations")] public int PageRankIterations { get; init; }
    [JsonPropertyName("pagerank_converged")] public bool PageRankConverged { get; init; }
    [JsonPropertyName("influence_iterations")] public int InfluenceIterations { get; init; }
    [JsonPropertyName("followers_influence_spearman")] public double FollowersInfluenceSpearman { get; init; }
    [JsonPropertyName("top100_followers_influence_overlap")] public double Top100Overlap { get; init; }
    [JsonPropertyName("role_counts")] public Dictionary<string, int> RoleCounts { get; init; } = [];
    [JsonPropertyName("stage_counts")] public Dictionary<string, int> StageCounts { get; init; } = [];
    [JsonPropertyName("defender_links")] public long DefenderLinks { get; init; }
    [JsonPropertyName("critic_links")] public long CriticLinks { get; init; }
    /// <summary>Out-degree from which a follower counts as a mass follower (docs/audience-quality.md).</summary>
    [JsonPropertyName("mass_following_threshold")] public int MassFollowingThreshold { get; init; }
    [JsonPropertyName("suspicious_spikes")] public int SuspiciousSpikes { get; init; }
    [JsonPropertyName("suspected_fake_accounts")] public int SuspectedFakeAccounts { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    /// <summary>True when PageRank and Leiden started from the previous run's results (<see cref="InfluenceConfig.WarmStart"/>).</summary>
    [JsonPropertyName("warm_start")] public bool WarmStart { get; init; }
    /// <summary>Accounts also in the previous run; null without a previous run (then community ids are the run's own, largest first).</summary>
    [JsonPropertyName("accounts_carried")] public int? AccountsCarried { get; init; }
    /// <summary>Of the carried accounts, those whose community id changed since the previous run.</summary>
    [JsonPropertyName("accounts_changed_community")] public int? AccountsChangedCommunity { get; init; }
    /// <summary>Communities that kept the id of a previous community (matched by overlap).</summary>
    [JsonPropertyName("communities_matched")] public int? CommunitiesMatched { get; init; }
    /// <summary>Communities that got a new id.</summary>
    [JsonPropertyName("communities_new")] public int? CommunitiesNew { get; init; }
    [JsonPropertyName("timings_ms")] public Dictionary<string, double> TimingsMs { get; init; } = [];
}
