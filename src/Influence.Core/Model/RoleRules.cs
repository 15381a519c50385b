using System.Globalization;
using static Influence.Core.Model.ThresholdCatalog;

namespace Influence.Core.Model;

/// <summary>
/// The role and stage rule set (docs/model.md), written once and used both to decide (fast path,
/// no reasons) and to explain (every criterion checked, with figure and threshold).
/// </summary>
/// <remarks>
/// Roles, first match wins: celebrity (large audience, follows back almost none of it, almost no
/// two-way engagement), macro-influencer (large audience with two-way engagement), micro-influencer
/// (mid-size audience, reciprocal, conversational, engaged mostly from its own community, central in
/// it), amplifier (mostly shares others' content, actively), regular.
/// Stages, first match wins: power-networker (large reciprocal network and high influence), producer
/// (own content draws engagement), relay (mostly shares others' content), present.
/// </remarks>
internal readonly struct RoleRules
{
    private readonly double _largeFollowers, _midFollowers;
    private readonly double _celebMaxFollowedBack, _celebMaxReciprocated;
    private readonly double _macroMinReciprocated, _macroMinFollowedBack;
    private readonly double _microMinFollowedBack, _microMinReciprocated, _microMinInCommunity, _microMinInfluence, _microMaxRank;
    private readonly double _ampMinShare, _ampMinGiven;
    private readonly double _relayMinGiven;
    private readonly double _relayMinShare, _producerMinReceived, _powerMinMutual, _powerMinInfluence;
    // Threshold labels are built once per rule set: the decision path (no reasons) must not allocate.
    private readonly string _largeNote, _midNote, _microInfluenceNote, _ampGivenNote, _producerNote, _powerMutualNote, _powerInfluenceNote, _relayGivenNote, _macroFollowBackLabel;

    public RoleRules(IReadOnlyDictionary<string, double> values)
    {
        _largeFollowers = Get(values, LargeAudienceFollowers);
        _midFollowers = Get(values, MidAudienceFollowers);
        _celebMaxFollowedBack = Get(values, CelebrityMaxFollowedBackRate);
        _celebMaxReciprocated = Get(values, CelebrityMaxReciprocatedShare);
        _macroMinReciprocated = Get(values, MacroMinReciprocatedShare);
        _macroMinFollowedBack = Get(values, MacroMinFollowedBackRate);
        _microMinFollowedBack = Get(values, MicroMinFollowedBackRate);
        _microMinReciprocated = Get(values, MicroMinReciprocatedShare);
        _microMinInCommunity = Get(values, MicroMinInCommunityShare);
        _microMinInfluence = Get(values, MicroMinInfluence);
        _microMaxRank = Get(values, MicroMaxCommunityRank);
        _ampMinShare = Get(values, AmplifierMinShareOfGiven);
        _ampMinGiven = Get(values, AmplifierMinGiven);
        _relayMinShare = Get(values, RelayMinShareOfGiven);
        _relayMinGiven = Get(values, RelayMinGiven);
        _relayGivenNote = PercentileNote(values, RelayGivenPercentile, RelayMinGivenFloor);
        _producerMinReceived = Get(values, ProducerMinReceived);
        _powerMinMutual = Get(values, PowerMinMutual);
        _powerMinInfluence = Get(values, PowerMinInfluence);
        _largeNote = PercentileNote(values, LargeAudiencePercentile, LargeAudienceMinFollowers);
        _midNote = PercentileNote(values, MidAudiencePercentile, MidAudienceMinFollowers);
        _microInfluenceNote = FactorNote(values, MicroMinInfluenceFactor);
        _ampGivenNote = PercentileNote(values, AmplifierGivenPercentile, AmplifierMinGivenFloor);
        _producerNote = PercentileNote(values, ProducerReceivedPercentile, ProducerMinReceivedFloor);
        _powerMutualNote = PercentileNote(values, PowerMutualPercentile, PowerMinMutualFloor);
        _powerInfluenceNote = FactorNote(values, PowerMinInfluenceFactor);
        _macroFollowBackLabel = "followed-back rate (two-way share below " + Fmt.Rate(_macroMinReciprocated) + ")";
    }

    private static double Get(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out double v)
            ? v
            : throw new ArgumentException($"Thresholds lack '{name}'; they must come from an analysis run (RoleThresholds of InfluenceAnalysisResult).", nameof(values));

    public AccountRole Role(in AccountMetrics m, List<Reason>? reasons = null)
    {
        // Celebrity: one-way broadcaster.
        if (Large(m, reasons, "celebrity")
            && AtMost(reasons, "celebrity", "followed_back_rate", m.FollowedBackRate, _celebMaxFollowedBack, "followed-back rate", "celebrity follow-back ceiling", Fmt.Rate)
            && AtMost(reasons, "celebrity", "reciprocated_engagement_share", m.ReciprocatedEngagementShare, _celebMaxReciprocated, "two-way share of engagement received", "celebrity ceiling", Fmt.Rate))
            return AccountRole.Celebrity;

        // Macro-influencer: large audience it engages with and that engages with it.
        if (Large(m, reasons, "macro-influencer")
            && Positive(reasons, "macro-influencer", "engagement_received", m.EngagementReceived, "engagement received")
            && (AtLeastQuiet(m.ReciprocatedEngagementShare, _macroMinReciprocated)
                ? AtLeast(reasons, "macro-influencer", "reciprocated_engagement_share", m.ReciprocatedEngagementShare, _macroMinReciprocated, "two-way share of engagement received", "macro threshold", Fmt.Rate)
                : AtLeast(reasons, "macro-influencer", "followed_back_rate", m.FollowedBackRate, _macroMinFollowedBack, _macroFollowBackLabel, "macro threshold", Fmt.Rate)))
            return AccountRole.MacroInfluencer;

        // Micro-influencer: mid-size, reciprocal, conversational, in-community, central.
        if (AtLeast(reasons, "micro-influencer", "followers", m.Followers, _midFollowers, "followers", "mid-audience threshold", Fmt.Count, _midNote)
            && Below(reasons, "micro-influencer", "followers", m.Followers, _largeFollowers, "followers", "large-audience threshold", Fmt.Count, _largeNote)
            && AtLeast(reasons, "micro-influencer", "followed_back_rate", m.FollowedBackRate, _microMinFollowedBack, "followed-back rate", "micro threshold", Fmt.Rate)
            && AtLeast(reasons, "micro-influencer", "reciprocated_engagement_share", m.ReciprocatedEngagementShare, _microMinReciprocated, "two-way share of engagement received", "micro threshold", Fmt.Rate)
            && AtLeast(reasons, "micro-influencer", "in_community_engagement_share", m.InCommunityEngagementShare, _microMinInCommunity, "in-community share of engagement received", "micro threshold", Fmt.Rate)
            && AtLeast(reasons, "micro-influencer", "influence", m.Influence, _microMinInfluence, "influence", "micro threshold", Fmt.Score, _microInfluenceNote)
            && AtMost(reasons, "micro-influencer", "community_rank", m.CommunityRank, _microMaxRank, "rank in community", "micro ceiling", Fmt.Count))
            return AccountRole.MicroInfluencer;

        // Amplifier: mostly shares others' content, and does so actively.
        if (AtLeast(reasons, "amplifier", "share_of_given_that_is_shares", m.ShareOfGivenThatIsShares, _ampMinShare, "share of given engagement that is shares", "amplifier threshold", Fmt.Rate)
            && AtLeast(reasons, "amplifier", "engagement_given", m.EngagementGiven, _ampMinGiven, "engagement given", "amplifier threshold", Fmt.Amount, _ampGivenNote))
            return AccountRole.Amplifier;

        reasons?.Add(new Reason("role", 0, "=", 0, "regular: no other role's criteria all hold"));
        return AccountRole.Regular;
    }

    public PresenceStage Stage(in AccountMetrics m, List<Reason>? reasons = null)
    {
        if (AtLeast(reasons, "power-networker", "mutual", m.Mutual, _powerMinMutual, "mutual follows", "power-networker threshold", Fmt.Count, _powerMutualNote)
            && AtLeast(reasons, "power-networker", "influence", m.Influence, _powerMinInfluence, "influence", "power-networker threshold", Fmt.Score, _powerInfluenceNote))
            return PresenceStage.PowerNetworker;
        if (AtLeast(reasons, "producer", "engagement_received", m.EngagementReceived, _producerMinReceived, "engagement received", "producer threshold", Fmt.Amount, _producerNote))
            return PresenceStage.Producer;
        if (AtLeast(reasons, "relay", "engagement_given", m.EngagementGiven, _relayMinGiven, "engagement given", "relay threshold", Fmt.Amount, _relayGivenNote)
            && AtLeast(reasons, "relay", "share_of_given_that_is_shares", m.ShareOfGivenThatIsShares, _relayMinShare, "share of given engagement that is shares", "relay threshold", Fmt.Rate))
            return PresenceStage.Relay;
        reasons?.Add(new Reason("stage", 0, "=", 0, "present: reads, rarely interacts (no other stage's criteria all hold)"));
        return PresenceStage.Present;
    }

    private bool Large(in AccountMetrics m, List<Reason>? reasons, string verdict) =>
        AtLeast(reasons, verdict, "followers", m.Followers, _largeFollowers, "followers",
            "large-audience threshold", Fmt.Count, _largeNote);

    private static string PercentileNote(IReadOnlyDictionary<string, double> values, string percentileName, string floorName)
    {
        bool hasP = values.TryGetValue(percentileName, out double p) && double.IsFinite(p);
        bool hasF = values.TryGetValue(floorName, out double f);
        if (!hasP) return " (fixed)";
        return hasF ? $" (p{Fmt.Plain(p)}, floor {Fmt.Plain(f)})" : $" (p{Fmt.Plain(p)})";
    }

    private static string FactorNote(IReadOnlyDictionary<string, double> values, string factorName) =>
        values.TryGetValue(factorName, out double k) && double.IsFinite(k)
            ? $" ({Fmt.Plain(k)} × mean influence)"
            : " (fixed)";

    // Some thresholds have no label ("followers 113 < 143"): avoid a double space in the text.
    private static string WithSpace(string label) => label.Length == 0 ? "" : label + " ";

    private static bool AtLeastQuiet(double value, double threshold) => value >= threshold;

    private static bool AtLeast(List<Reason>? reasons, string verdict, string metric, double value, double threshold,
        string label, string thresholdLabel, Func<double, string> format, string note = "")
    {
        bool ok = value >= threshold;
        if (reasons is not null) reasons.Add(new Reason(metric, value, ok ? ">=" : "<", threshold,
            $"{(ok ? verdict : "not " + verdict)}: {label} {format(value)} {(ok ? "≥" : "<")} {WithSpace(thresholdLabel)}{format(threshold)}{note}"));
        return ok;
    }

    private static bool Positive(List<Reason>? reasons, string verdict, string metric, double value, string label)
    {
        bool ok = value > 0;
        if (reasons is not null) reasons.Add(new Reason(metric, value, ok ? ">" : "=", 0,
            ok ? $"{verdict}: {label} {Fmt.Amount(value)} > 0" : $"not {verdict}: {label} is 0"));
        return ok;
    }

    private static bool AtMost(List<Reason>? reasons, string verdict, string metric, double value, double threshold,
        string label, string thresholdLabel, Func<double, string> format, string note = "")
    {
        bool ok = value <= threshold;
        if (reasons is not null) reasons.Add(new Reason(metric, value, ok ? "<=" : ">", threshold,
            $"{(ok ? verdict : "not " + verdict)}: {label} {format(value)} {(ok ? "≤" : ">")} {WithSpace(thresholdLabel)}{format(threshold)}{note}"));
        return ok;
    }

    private static bool Below(List<Reason>? reasons, string verdict, string metric, double value, double threshold,
        string label, string thresholdLabel, Func<double, string> format, string note = "")
    {
        bool ok = value < threshold;
        if (reasons is not null) reasons.Add(new Reason(metric, value, ok ? "<" : ">=", threshold,
            $"{(ok ? verdict : "not " + verdict)}: {label} {format(value)} {(ok ? "<" : "≥")} {WithSpace(thresholdLabel)}{format(threshold)}{note}"));
        return ok;
    }
}

/// <summary>Invariant number formatting for reasons and reports.</summary>
internal static class Fmt
{
    public static string Count(double v) => double.IsFinite(v) ? (Math.Round(v) + 0.0).ToString("N0", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
    public static string Rate(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    public static string Amount(double v) => v >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
    public static string Score(double v) => v.ToString("0.####E+0", CultureInfo.InvariantCulture);
    public static string Plain(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
