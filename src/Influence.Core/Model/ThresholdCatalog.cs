namespace Influence.Core.Model;

/// <summary>How a threshold is used: a tuning input (percentile, floor, factor) or a value derived from the graph.</summary>
public enum ThresholdKind : byte
{
    /// <summary>Percentile (0–100] of a metric among accounts with a non-zero value.</summary>
    Percentile,
    /// <summary>Lower bound a derived threshold never goes below.</summary>
    Floor,
    /// <summary>A fixed cut-off compared directly with a metric (rates, shares, counts).</summary>
    Fixed,
    /// <summary>Multiple of a graph-level quantity (e.g. of the mean influence 1/N).</summary>
    Factor,
    /// <summary>Computed by a run from the graph's distribution and the inputs above; may be fixed by an override.</summary>
    Derived,
}

/// <summary>One named threshold with its default and meaning.</summary>
/// <param name="Name">Stable key used in <see cref="InfluenceConfig.ThresholdOverrides"/> and <see cref="RoleThresholds"/>.</param>
/// <param name="Default">Default value (NaN for derived values, which are computed per run).</param>
/// <param name="Min">Smallest legal value (inclusive).</param>
/// <param name="Max">Largest legal value (inclusive).</param>
public sealed record ThresholdDefinition(string Name, ThresholdKind Kind, double Default, double Min, double Max, string Description);

/// <summary>
/// Every threshold the role, stage and defender rules read, by stable name. See docs/model.md for the
/// rule set. Percentiles are taken among accounts whose metric is non-zero, so a crowd of silent
/// accounts does not drag a threshold down to zero; each percentile threshold is also held above a floor.
/// </summary>
/// <remarks>The constants are the stable names; <see cref="All"/> gives each one's kind, default, legal range and meaning.</remarks>
public static class ThresholdCatalog
{
    // Inputs: percentiles, floors, fixed cut-offs, factors.
    public const string LargeAudiencePercentile = "large_audience_percentile";
    public const string LargeAudienceMinFollowers = "large_audience_min_followers";
    public const string LargeMinOutsideShare = "large_min_outside_share";
    public const string OneWayMaxFollowedBackRate = "one_way_max_followed_back_rate";
    public const string MicroMinFollowers = "micro_min_followers";
    public const string MicroMinEngagers = "micro_min_engagers";
    public const string MicroMinFollowedBackRate = "micro_min_followed_back_rate";
    public const string MicroMinInCommunityShare = "micro_min_in_community_share";
    public const string MicroMinCommunityStandout = "micro_min_community_standout";
    public const string MicroMinEngagersPerEngaged = "micro_min_engagers_per_engaged";
    public const string AmplifierMinShareOfGiven = "amplifier_min_share_of_given";
    public const string AmplifierGivenPercentile = "amplifier_given_percentile";
    public const string AmplifierMinGivenFloor = "amplifier_min_given_floor";
    public const string RelayMinShareOfGiven = "relay_min_share_of_given";
    public const string RelayGivenPercentile = "relay_given_percentile";
    public const string RelayMinGivenFloor = "relay_min_given_floor";
    public const string ProducerReceivedPercentile = "producer_received_percentile";
    public const string ProducerMinReceivedFloor = "producer_min_received_floor";
    public const string PowerMutualPercentile = "power_mutual_percentile";
    public const string PowerMinMutualFloor = "power_min_mutual_floor";
    public const string PopularPercentile = "popular_percentile";
    public const string InfluentialPercentile = "influential_percentile";
    public const string DefenderMinInteractions = "defender_min_interactions";
    public const string DefenderMinPeriods = "defender_min_periods";
    public const string DefenderMinUntimedInteractions = "defender_min_untimed_interactions";
    public const string DefenderOutlierMads = "defender_outlier_mads";
    public const string DefenderGivenOutlierMads = "defender_given_outlier_mads";
    public const string DefenderLikeFactor = "defender_like_factor";
    public const string DefenderRelativeMinEngagers = "defender_relative_min_engagers";
    public const string CriticMinInteractions = "critic_min_interactions";
    public const string DefenderMinEndorsementShareWithoutStance = "defender_min_endorsement_share_without_stance";

    // Derived per run (an override fixes them).
    public const string LargeAudienceFollowers = "large_audience_followers";
    public const string AmplifierMinGiven = "amplifier_min_given";
    public const string RelayMinGiven = "relay_min_given";
    public const string ProducerMinReceived = "producer_min_received";
    public const string PowerMinMutual = "power_min_mutual";
    public const string PopularMinFollowers = "popular_min_followers";
    public const string InfluentialMinInfluence = "influential_min_influence";
    public const string EngagementObserved = "engagement_observed";
    public const string SuspectedFakesExcluded = "suspected_fakes_excluded";

    /// <summary>All thresholds, inputs first.</summary>
    public static IReadOnlyList<ThresholdDefinition> All { get; } =
    [
        new(LargeAudiencePercentile, ThresholdKind.Percentile, 90, 1e-9, 100, "Followers percentile (among accounts with followers) from which an audience is large: celebrities and macro-influencers."),
        new(LargeAudienceMinFollowers, ThresholdKind.Floor, 50, 0, double.MaxValue, "A large audience has at least this many followers, whatever the percentile says."),
        new(LargeMinOutsideShare, ThresholdKind.Fixed, 0.3, 0, 1, "A large audience reaches across the network: at least this share of its followers belong to other communities than its own (a star of one community is judged as a micro-influencer)."),
        new(OneWayMaxFollowedBackRate, ThresholdKind.Fixed, 0.1, 0, 1, "An account that follows back at most this share of its followers is one-way (a large one is a celebrity; above it, a macro-influencer)."),
        new(MicroMinFollowers, ThresholdKind.Floor, 10, 0, double.MaxValue, "A micro-influencer has at least this many followers (an audience at all; its size is judged in its community, not globally)."),
        new(MicroMinEngagers, ThresholdKind.Floor, 8, 0, double.MaxValue, "A micro-influencer is engaged by at least this many distinct accounts (an engaged audience, not a couple of friends)."),
        new(MicroMinFollowedBackRate, ThresholdKind.Fixed, 0.25, 0, 1, "A micro-influencer follows back at least this share of its followers (relationship building)."),
        new(MicroMinInCommunityShare, ThresholdKind.Fixed, 0.4, 0, 1, "At least this share of a micro-influencer's received engagement comes from its own community (not \"most\": one-off engagement from outside — noise, spam, a passing share — dilutes the share of an account whose ties are local)."),
        new(MicroMinEngagersPerEngaged, ThresholdKind.Factor, 1, 0, double.MaxValue, "A micro-influencer is engaged by at least this many accounts per account it engages with: attention flows to it. An account that engages with everyone around it and is answered draws what it gives; that is sociability, not influence."),
        new(MicroMinCommunityStandout, ThresholdKind.Factor, 3, 0, double.MaxValue, "A micro-influencer stands out in its community: community_standout (√ of its followers and of the accounts engaging with it, each as a multiple of the typical account it is tied to by follows — its followers and the accounts it follows) is at least this. A typical account scores about 1 (the accounts it follows stand out more than it does)."),
        new(AmplifierMinShareOfGiven, ThresholdKind.Fixed, 0.6, 0, 1, "An amplifier's given engagement is at least this share of shares."),
        new(AmplifierGivenPercentile, ThresholdKind.Percentile, 75, 1e-9, 100, "Engagement-given percentile (among givers) from which an account is active enough to amplify."),
        new(AmplifierMinGivenFloor, ThresholdKind.Floor, 10, 0, double.MaxValue, "An amplifier gives at least this much weighted engagement."),
        new(RelayMinShareOfGiven, ThresholdKind.Fixed, 0.5, 0, 1, "A relay's given engagement is at least this share of shares."),
        new(RelayGivenPercentile, ThresholdKind.Percentile, 50, 1e-9, 100, "Engagement-given percentile (among givers) from which an account relays rather than interacts rarely."),
        new(RelayMinGivenFloor, ThresholdKind.Floor, 4, 0, double.MaxValue, "A relay gives at least this much weighted engagement (one share weighs 4)."),
        new(ProducerReceivedPercentile, ThresholdKind.Percentile, 75, 1e-9, 100, "Engagement-received percentile (among accounts receiving any) from which own content draws engagement."),
        new(ProducerMinReceivedFloor, ThresholdKind.Floor, 5, 0, double.MaxValue, "A producer receives at least this much weighted engagement."),
        new(PowerMutualPercentile, ThresholdKind.Percentile, 95, 1e-9, 100, "Mutual-follow percentile (among accounts with any) from which a reciprocal network is large."),
        new(PowerMinMutualFloor, ThresholdKind.Floor, 5, 0, double.MaxValue, "A power-networker has at least this many mutual follows."),
        new(PopularPercentile, ThresholdKind.Percentile, 90, 1e-9, 100, "Followers percentile (among all accounts) from which an account is popular."),
        new(InfluentialPercentile, ThresholdKind.Percentile, 90, 1e-9, 100, "Influence percentile (among all accounts) from which an account is influential."),
        new(DefenderMinInteractions, ThresholdKind.Fixed, 5, 0, double.MaxValue, "A defender's supportive interactions towards the account (any kind; a like counts defender_like_factor) are at least this."),
        new(DefenderMinPeriods, ThresholdKind.Fixed, 2, 1, double.MaxValue, "…spread over at least this many time periods (when timestamps are known)."),
        new(DefenderMinUntimedInteractions, ThresholdKind.Fixed, 5, 0, double.MaxValue, "Without timestamps, repetition by count: at least this many supportive interactions."),
        new(DefenderOutlierMads, ThresholdKind.Factor, 0, 0, double.MaxValue, "A defender engages the account more than its typical audience member (engagers, and followers who never engaged as 0): at least the median + this many robust deviations (1.4826 × MAD); 0 = the median."),
        new(DefenderGivenOutlierMads, ThresholdKind.Factor, 0, 0, double.MaxValue, "The account is among those the defender engages with most: the defender gives it at least the median + this many robust deviations of what it gives each account it engages; 0 = the median (thin outreach to many is not defence of each)."),
        new(DefenderLikeFactor, ThresholdKind.Fixed, 1, 0, 1, "A like counts as this fraction of a supportive interaction."),
        new(DefenderRelativeMinEngagers, ThresholdKind.Fixed, 10, 0, double.MaxValue, "The stand-out rule applies only to accounts with an audience (engagers and followers) of at least this many (a median of a handful says nothing)."),
        new(CriticMinInteractions, ThresholdKind.Fixed, 4, 0, double.MaxValue, "A critic's interactions with the account (negative mean stance) are at least this, over defender_min_periods periods. Lower than a defender's: criticism comes as replies and quotes, never as likes, so the same persistence shows in fewer interactions."),
        new(DefenderMinEndorsementShareWithoutStance, ThresholdKind.Fixed, 0.25, 0, 1, "When none of a pair's interactions records a stance, at least this share of them endorse the account (shares, likes): replies, mentions and quotes alone can be an argument."),
        new(LargeAudienceFollowers, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "max(large_audience_min_followers, followers at large_audience_percentile)."),
        new(AmplifierMinGiven, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "max(amplifier_min_given_floor, engagement given at amplifier_given_percentile)."),
        new(RelayMinGiven, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "max(relay_min_given_floor, engagement given at relay_given_percentile)."),
        new(ProducerMinReceived, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "max(producer_min_received_floor, engagement received at producer_received_percentile)."),
        new(PowerMinMutual, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "max(power_min_mutual_floor, mutual follows at power_mutual_percentile)."),
        new(PopularMinFollowers, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "Smallest follower count (> 0) whose percentile rank among all accounts (ties at mid-rank) reaches popular_percentile: popular from here."),
        new(EngagementObserved, ThresholdKind.Derived, double.NaN, 0, 1, "1 when the run has interactions, 0 for a follow graph alone: then the engagement criteria of micro-influencers cannot be judged and are left out (the reasons say so)."),
        new(SuspectedFakesExcluded, ThresholdKind.Derived, double.NaN, 0, 1, "1 when suspected fake followers (docs/audience-quality.md) were left out of the follow graph before followers, reach, communities and roles (AudienceConfig.ExcludeSuspectedFakes, the default); the follower criteria's reasons then say how many."),
        new(InfluentialMinInfluence, ThresholdKind.Derived, double.NaN, 0, double.MaxValue, "Smallest influence (> 0) whose percentile rank among all accounts (ties at mid-rank) reaches influential_percentile: influential from here; also the power-networker's influence bar."),
    ];

    private static readonly Dictionary<string, ThresholdDefinition> s_byName =
        All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="name"/>, or null for an unknown name.</summary>
    public static ThresholdDefinition? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Default value of an input threshold (throws for derived or unknown names).</summary>
    public static double Default(string name) =>
        s_byName.TryGetValue(name, out var d) && d.Kind != ThresholdKind.Derived
            ? d.Default
            : throw new ArgumentException($"'{name}' is not an input threshold.", nameof(name));

    /// <summary>
    /// Checks overrides: known names only, finite values inside each threshold's legal interval.
    /// Returns null when valid, else one message naming every problem.
    /// </summary>
    public static string? ValidateOverrides(IReadOnlyDictionary<string, double>? overrides)
    {
        if (overrides is null || overrides.Count == 0) return null;
        var problems = new List<string>();
        foreach (var (name, value) in overrides)
        {
            if (!s_byName.TryGetValue(name, out var d))
            {
                problems.Add($"unknown threshold '{name}' (known: {string.Join(", ", s_byName.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }
            if (!double.IsFinite(value) || value < d.Min || value > d.Max)
                problems.Add($"threshold '{name}' = {value} is outside [{d.Min}, {(d.Max == double.MaxValue ? "∞" : d.Max.ToString(System.Globalization.CultureInfo.InvariantCulture))}]");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
