using System.Globalization;

namespace Influence.Core.Model;

/// <summary>How a metric's value is held and written: a count, a real number, or a named value (an enum: role, stage, …).</summary>
public enum MetricKind : byte { Integer, Real, Named }

/// <summary>Reads one metric of an account as a double (integers and enum values are exact in a double).</summary>
public delegate double MetricGetter(in AccountMetrics metrics);

/// <summary>Sets one metric of an account from the double <see cref="MetricGetter"/> returns.</summary>
public delegate void MetricSetter(ref AccountMetrics metrics, double value);

/// <summary>
/// One per-account metric, described once: every store, file and API shape derives its column, property or
/// field from this. <see cref="Name"/> (snake_case) is the <c>accounts.csv</c> column and the SQLite column;
/// <see cref="CamelName"/> is the Neo4j property (unless <see cref="Neo4jProperty"/> says otherwise) and the
/// API's JSON field.
/// </summary>
public sealed record AccountMetric
{
    /// <summary>snake_case name: <c>accounts.csv</c> column (when <see cref="InAccountsCsv"/>) and SQLite <c>run_accounts</c> column.</summary>
    public required string Name
    {
        get => _name;
        init
        {
            _name = value;
            _camelName = ToCamel(value);
        }
    }

    private readonly string _name = "", _camelName = "";

    public required MetricKind Kind { get; init; }

    /// <summary>One line for the docs and the API description.</summary>
    public required string Description { get; init; }

    public required MetricGetter Get { get; init; }

    public required MetricSetter Set { get; init; }

    /// <summary>Written as a column of <c>accounts.csv</c> (in schema order, before <c>reasons</c>).</summary>
    public bool InAccountsCsv { get; init; } = true;

    /// <summary>
    /// Declared in the API's account profile as the JSON field <see cref="CamelName"/> (the API's shapes are typed
    /// for OpenAPI, so a new metric is opt-in: set this once the field exists; a test keeps both sides in step).
    /// </summary>
    public bool InApi { get; init; } = true;

    /// <summary>camelCase of <see cref="Name"/>: the API's JSON field.</summary>
    public string CamelName => _camelName;

    /// <summary>Property on Neo4j <c>:Account</c> / <c>:AccountResult</c> nodes (GDS names where they differ, e.g. <c>componentId</c>).</summary>
    public string Neo4jProperty
    {
        get => _neo4jProperty ?? CamelName;
        init => _neo4jProperty = value;
    }

    private readonly string? _neo4jProperty;

    /// <summary>For <see cref="MetricKind.Named"/>: the name of each value (index = the enum's value), as files and stores write it.</summary>
    public IReadOnlyList<string> ValueNames { get; init; } = [];

    /// <summary>SQLite column type of <see cref="Name"/>: REAL (NULL = NaN), INTEGER or TEXT (names).</summary>
    public string SqliteType => Kind switch
    {
        MetricKind.Real => "REAL",
        MetricKind.Integer => "INTEGER NOT NULL DEFAULT 0",
        _ => "TEXT",
    };

    /// <summary>The value as written in files: integers and names invariant, reals shortest round-trip ("NaN" stays "NaN").</summary>
    public string Format(in AccountMetrics metrics)
    {
        double value = Get(in metrics);
        return Kind switch
        {
            MetricKind.Integer => ((long)value).ToString(CultureInfo.InvariantCulture),
            MetricKind.Named => NameOf(value),
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The name of a <see cref="MetricKind.Named"/> value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has no name.</exception>
    public string NameOf(double value)
    {
        int index = (int)value;
        return (uint)index < (uint)ValueNames.Count && index == value ? ValueNames[index]
            : throw new ArgumentOutOfRangeException(nameof(value), $"Metric '{Name}' has no name for value {value}.");
    }

    /// <summary>Value of a stored name (case-insensitive); false for an unknown name.</summary>
    public bool TryParseName(string? text, out double value)
    {
        for (int i = 0; i < ValueNames.Count; i++)
        {
            if (string.Equals(ValueNames[i], text, StringComparison.OrdinalIgnoreCase))
            {
                value = i;
                return true;
            }
        }
        value = 0;
        return false;
    }

    private static string ToCamel(string snake)
    {
        var parts = snake.Split('_');
        for (int i = 1; i < parts.Length; i++)
            if (parts[i].Length > 0) parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i][1..];
        return string.Concat(parts);
    }
}

/// <summary>
/// The per-account metrics of <see cref="AccountMetrics"/>, in <c>accounts.csv</c> column order. Adding a
/// metric: a field in <see cref="AccountMetrics"/>, one entry here, and (for the SQLite store) a migration
/// adding its column (<c>SqliteSchema.AddMetricColumns</c>). CSV, SQLite, Neo4j and the store tests follow.
/// </summary>
public static class AccountMetricSchema
{
    /// <summary>Every metric, once. Entries with <see cref="AccountMetric.InAccountsCsv"/> give the CSV column order.</summary>
    public static IReadOnlyList<AccountMetric> All { get; } =
    [
        Int("followers", "Accounts that follow this one (popularity).", (in m) => m.Followers, (ref m, v) => m.Followers = (int)v),
        Int("following", "Accounts this one follows.", (in m) => m.Following, (ref m, v) => m.Following = (int)v),
        Int("mutual", "Accounts this one follows that follow it back.", (in m) => m.Mutual, (ref m, v) => m.Mutual = (int)v),
        Real("pagerank", "Reach: PageRank on the follow graph (sums to 1 over all accounts).", (in m) => m.PageRank, (ref m, v) => m.PageRank = v),
        Int("community", "Community id.", (in m) => m.Community, (ref m, v) => m.Community = (int)v),
        Real("follow_back_rate", "Mutual / following (0 when following nobody).", (in m) => m.FollowBackRate, (ref m, v) => m.FollowBackRate = v),
        Real("followed_back_rate", "Mutual / followers (0 without followers).", (in m) => m.FollowedBackRate, (ref m, v) => m.FollowedBackRate = v),
        Real("engagement_received", "Weighted engagement received.", (in m) => m.EngagementReceived, (ref m, v) => m.EngagementReceived = v),
        Real("engagement_given", "Weighted engagement given.", (in m) => m.EngagementGiven, (ref m, v) => m.EngagementGiven = v),
        Int("unique_engagers", "Distinct accounts that engaged with this one.", (in m) => m.UniqueEngagers, (ref m, v) => m.UniqueEngagers = (int)v),
        Real("engagement_rate", "Weighted engagement received per follower (denominator max(followers, 1)).", (in m) => m.EngagementRate, (ref m, v) => m.EngagementRate = v),
        Real("active_audience_share", "Share of followers who interacted at least once (0 without followers).", (in m) => m.ActiveAudienceShare, (ref m, v) => m.ActiveAudienceShare = v),
        Real("reciprocated_engagement_share", "Share of engagement received (standing-weighted ties) from accounts this one engages with too.", (in m) => m.ReciprocatedEngagementShare, (ref m, v) => m.ReciprocatedEngagementShare = v),
        Real("influence", "Influence: √(engagement depth × depth per audience member) — repeated, reciprocated engagement from accounts that matter, relative to the audience (docs/model.md).", (in m) => m.Influence, (ref m, v) => m.Influence = v),
        Real("in_community_engagement_share", "Share of engagement received (standing-weighted ties) from the same community.", (in m) => m.InCommunityEngagementShare, (ref m, v) => m.InCommunityEngagementShare = v),
        Int("community_rank", "Rank inside the community by community standout; 1 = stands out most.", (in m) => m.CommunityRank, (ref m, v) => m.CommunityRank = (int)v),
        Named<AccountRole>("role", $"One of: {RoleNames.Roles.List}.", RoleNames.Roles, (in m) => (int)m.Role, (ref m, v) => m.Role = (AccountRole)(int)v),
        Named<PresenceStage>("stage", $"One of: {RoleNames.Stages.List}.", RoleNames.Stages, (in m) => (int)m.Stage, (ref m, v) => m.Stage = (PresenceStage)(int)v),
        Int("defenders", "Size of the account's defender network.", (in m) => m.Defenders, (ref m, v) => m.Defenders = (int)v),
        Named<PopularityQuadrant>("popularity_vs_influence", $"One of: {RoleNames.Quadrants.List} (top 10 % by followers / by influence).", RoleNames.Quadrants, (in m) => (int)m.Quadrant, (ref m, v) => m.Quadrant = (PopularityQuadrant)(int)v) with { InApi = false },
        Real("role_margin", "Score of the role given minus the runner-up's (roles score in [0, 1], regular 0.5): how clearly the verdict holds.", (in m) => m.RoleMargin, (ref m, v) => m.RoleMargin = v),
        Real("attention", "Attention: PageRank on the kind-weighted interaction graph (sums to 1) — the volume of engagement flowing to the account.", (in m) => m.Attention, (ref m, v) => m.Attention = v),
        Real("community_standout", "√(followers ÷ the median followers of the accounts tied to it by follows × accounts engaging with it ÷ that median among those neighbours): how far it stands out from the typical account around it.", (in m) => m.CommunityStandout, (ref m, v) => m.CommunityStandout = v),
        Real("followers_outside_community_share", "Share of its followers in other communities (a large audience reaches across the network).", (in m) => m.FollowersOutsideCommunityShare, (ref m, v) => m.FollowersOutsideCommunityShare = v),
        Real("mass_follower_share", "Share of followers who follow at least the mass-following threshold (max(200, 99th percentile of out-degrees)); reachable audience = 1 − this.", (in m) => m.MassFollowerShare, (ref m, v) => m.MassFollowerShare = v),
        Real("inactive_follower_share", "Share of followers who engaged with nobody in the window; NaN (unknown) when the data hold no interactions.", (in m) => m.InactiveFollowerShare, (ref m, v) => m.InactiveFollowerShare = v),
        Real("suspicious_growth_share", "Share of followers who arrived in suspicious growth spikes (an inactive, lockstep cohort) or are suspected fakes, whichever is larger.", (in m) => m.SuspiciousGrowthShare, (ref m, v) => m.SuspiciousGrowthShare = v),
        Real("engagement_rate_percentile", "Engagement-rate percentile (0–1) among accounts of the same audience tier (decades of followers).", (in m) => m.EngagementRatePercentile, (ref m, v) => m.EngagementRatePercentile = v),
        Real("audience_quality", "Audience quality 0–100: 20 reachable + 25 active + 40 authentic growth + 15 engagement for size (docs/audience-quality.md).", (in m) => m.AudienceQuality, (ref m, v) => m.AudienceQuality = v),
        Int("suspected_fake_followers", "Followers that are suspected fakes (inactive members of suspicious cohorts: new, mass-following or lockstep).", (in m) => m.SuspectedFakeFollowers, (ref m, v) => m.SuspectedFakeFollowers = (int)v),
        Int("suspicious_spikes", "Growth spikes whose cohort is inactive and lockstep.", (in m) => m.SuspiciousSpikes, (ref m, v) => m.SuspiciousSpikes = (int)v),
        Int("suspected_fake", "1 when the account is a suspected fake follower (never counted as a defender).", (in m) => m.SuspectedFake, (ref m, v) => m.SuspectedFake = (int)v),
        Real("in_community_outreach_share", "Share of the weighted engagement given that goes to accounts of the same community (Kred's outreach axis per community; in_community_engagement_share is the influence axis).", (in m) => m.InCommunityOutreachShare, (ref m, v) => m.InCommunityOutreachShare = v),
        // Not in accounts.csv (kept byte-identical for its readers); stored and served.
        Int("unique_engaged", "Distinct accounts this one engaged with.", (in m) => m.UniqueEngaged, (ref m, v) => m.UniqueEngaged = (int)v) with { InAccountsCsv = false, InApi = false },
        Real("share_of_given_that_is_shares", "Share of this account's given engagement that is shares of others' content.", (in m) => m.ShareOfGivenThatIsShares, (ref m, v) => m.ShareOfGivenThatIsShares = v) with { InAccountsCsv = false, InApi = false },
        Int("component", "Weakly connected component of the follow graph.", (in m) => m.Component, (ref m, v) => m.Component = (int)v) with { InAccountsCsv = false, InApi = false, Neo4jProperty = "componentId" },
        Int("critics", "Number of repeated critics (only with stance data).", (in m) => m.Critics, (ref m, v) => m.Critics = (int)v) with { InAccountsCsv = false },
        Real("defender_engagement_share", "Share of engagement received that comes from defenders.", (in m) => m.DefenderEngagementShare, (ref m, v) => m.DefenderEngagementShare = v) with { InAccountsCsv = false },
        Real("defender_density", "Density of ties (follows or interactions, either way) among the defenders.", (in m) => m.DefenderDensity, (ref m, v) => m.DefenderDensity = v) with { InAccountsCsv = false },
    ];

    /// <summary>The metrics written to <c>accounts.csv</c>, in column order.</summary>
    public static IReadOnlyList<AccountMetric> AccountsCsv { get; } = [.. All.Where(m => m.InAccountsCsv)];

    /// <summary>The metric named <paramref name="name"/> (snake_case).</summary>
    /// <exception cref="KeyNotFoundException">No such metric.</exception>
    public static AccountMetric Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"No account metric '{name}'.");

    private static AccountMetric Int(string name, string description, MetricGetter get, MetricSetter set) =>
        new() { Name = name, Kind = MetricKind.Integer, Description = description, Get = get, Set = set };

    /// <summary>A metric holding a value of <typeparamref name="TEnum"/>, written as its name in <paramref name="values"/>.</summary>
    private static AccountMetric Named<TEnum>(string name, string description, NamedValues<TEnum> values, MetricGetter get, MetricSetter set)
        where TEnum : unmanaged, Enum =>
        new() { Name = name, Kind = MetricKind.Named, Description = description, Get = get, Set = set, ValueNames = values.All };

    private static AccountMetric Real(string name, string description, MetricGetter get, MetricSetter set) =>
        new() { Name = name, Kind = MetricKind.Real, Description = description, Get = get, Set = set };
}
