using System.Runtime.CompilerServices;
using static Influence.Core.Model.ThresholdCatalog;

namespace Influence.Core.Model;

/// <summary>
/// The role, stage and popularity-quadrant rules (docs/model.md), written once and used both to decide
/// (fast path, no reasons) and to explain (every criterion with its figure, threshold and score).
/// </summary>
/// <remarks>
/// Each role is a set of criteria taken from what the role means. A criterion "x ≥ t" scores
/// σ(3·ln(x/t)) = x³ / (x³ + t³): 0.5 exactly at the threshold, 0.89 at twice it, 0.11 at half it
/// ("x ≤ t" scores one minus that). A role's score is its weakest criterion's; "regular" scores 0.5.
/// The verdict is the best score and the margin is its lead over the runner-up, so a verdict at
/// margin 0.02 is a coin toss an analyst can see, and one at 0.4 is not.
/// Roles: celebrity (large audience, one-way: follows back at most one_way_max_followed_back_rate of it),
/// macro-influencer (large audience, two-way), micro-influencer (an audience, not large, reciprocal,
/// conversational, engaged from its own community and standing out in it), amplifier (mostly shares
/// others' content, actively). Stages, first match wins: power-networker, producer, relay, present.
/// </remarks>
internal readonly struct RoleRules
{
    private const int RoleCount = 4;
    private static readonly AccountRole[] s_roles = [AccountRole.Celebrity, AccountRole.MacroInfluencer, AccountRole.MicroInfluencer, AccountRole.Amplifier];

    private readonly double _largeFollowers, _largeMinOutside, _oneWayMaxFollowedBack;
    private readonly bool _engagementObserved, _fakesExcluded;
    private readonly double _microMinFollowers, _microMinEngagers, _microMinFollowedBack, _microMinInCommunity, _microMinStandout, _microMinEngagersPerEngaged;
    private readonly double _ampMinShare, _ampMinGiven;
    private readonly double _relayMinShare, _relayMinGiven, _producerMinReceived, _powerMinMutual;
    private readonly double _popularMin, _influentialMin;
    // Threshold labels are built once per rule set: the decision path (no reasons) must not allocate.
    private readonly string _perEngagedLabel, _largeNote, _ampGivenNote, _producerNote, _powerMutualNote, _relayGivenNote, _popularNote, _influentialNote;

    public RoleRules(IReadOnlyDictionary<string, double> values)
    {
        _largeFollowers = Get(values, LargeAudienceFollowers);
        _oneWayMaxFollowedBack = Get(values, OneWayMaxFollowedBackRate);
        _largeMinOutside = Get(values, LargeMinOutsideShare);
        _engagementObserved = Get(values, EngagementObserved) > 0;
        // Runs stored before the flag existed kept every follower.
        _fakesExcluded = values.TryGetValue(SuspectedFakesExcluded, out double excluded) && excluded > 0;
        _microMinFollowers = Get(values, MicroMinFollowers);
        _microMinEngagers = Get(values, MicroMinEngagers);
        _microMinFollowedBack = Get(values, MicroMinFollowedBackRate);
        _microMinInCommunity = Get(values, MicroMinInCommunityShare);
        _microMinStandout = Get(values, MicroMinCommunityStandout);
        // Runs stored before this criterion existed did not apply it.
        _microMinEngagersPerEngaged = values.TryGetValue(MicroMinEngagersPerEngaged, out double perEngaged) ? perEngaged : 0;
        _perEngagedLabel = $"{Fmt.Rate(_microMinEngagersPerEngaged)} × the accounts it engages with";
        _ampMinShare = Get(values, AmplifierMinShareOfGiven);
        _ampMinGiven = Get(values, AmplifierMinGiven);
        _relayMinShare = Get(values, RelayMinShareOfGiven);
        _relayMinGiven = Get(values, RelayMinGiven);
        _producerMinReceived = Get(values, ProducerMinReceived);
        _powerMinMutual = Get(values, PowerMinMutual);
        _popularMin = Get(values, PopularMinFollowers);
        _influentialMin = Get(values, InfluentialMinInfluence);
        _relayGivenNote = PercentileNote(values, RelayGivenPercentile, RelayMinGivenFloor);
        _largeNote = PercentileNote(values, LargeAudiencePercentile, LargeAudienceMinFollowers);
        _ampGivenNote = PercentileNote(values, AmplifierGivenPercentile, AmplifierMinGivenFloor);
        _producerNote = PercentileNote(values, ProducerReceivedPercentile, ProducerMinReceivedFloor);
        _powerMutualNote = PercentileNote(values, PowerMutualPercentile, PowerMinMutualFloor);
        _popularNote = PercentileNote(values, PopularPercentile, null);
        _influentialNote = PercentileNote(values, InfluentialPercentile, null);
    }

    private static double Get(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out double v)
            ? v
            : throw new ArgumentException($"Thresholds lack '{name}'; they must come from an analysis run (RoleThresholds of InfluenceAnalysisResult).", nameof(values));

    /// <summary>The decided role and its margin over the runner-up.</summary>
    public (AccountRole Role, double Margin) Role(in AccountMetrics m, List<Reason>? reasons = null)
    {
        Span<double> scores = stackalloc double[RoleCount];
        for (int r = 0; r < RoleCount; r++) scores[r] = Score(s_roles[r], m, null);
        // The best role (first in order on a tie) is given when its score reaches the regular bar 0.5 — exactly at
        // its thresholds, as the hard comparisons in the reasons say; its margin is its lead over the runner-up
        // (another role or the bar). Below the bar the account is regular by the best role's shortfall.
        int best = 0;
        for (int r = 1; r < RoleCount; r++) if (scores[r] > scores[best]) best = r;
        double second = RegularScore;
        for (int r = 0; r < RoleCount; r++) if (r != best) second = Math.Max(second, scores[r]);
        bool given = scores[best] >= RegularScore;
        AccountRole role = given ? s_roles[best] : AccountRole.Regular;
        double margin = given ? scores[best] - second : RegularScore - scores[best];
        if (reasons is not null) Explain(m, role, scores, margin, reasons);
        return (role, margin);
    }

    /// <summary>What "regular" scores: a role must beat an even chance to be given.</summary>
    private const double RegularScore = 0.5;

    private void Explain(in AccountMetrics m, AccountRole decided, ReadOnlySpan<double> scores, double margin, List<Reason> reasons)
    {
        if (_fakesExcluded && m.SuspectedFakeFollowers > 0)
            reasons.Add(new Reason("suspected_fake_followers", m.SuspectedFakeFollowers, ">", 0,
                $"{Fmt.Count(m.SuspectedFakeFollowers)} suspected fake followers (docs/audience-quality.md) left out before followers, reach, communities and roles were computed"));
        // Roles not given: the weakest criterion, which is what kept each one out. The decided role: every criterion.
        for (int r = 0; r < RoleCount; r++)
            if (s_roles[r] != decided) Score(s_roles[r], m, new Criteria(reasons, weakestOnly: true, RoleNames.Name(s_roles[r])));
        if (decided == AccountRole.Regular)
        {
            reasons.Add(new Reason("role_margin", margin, "=", 0,
                $"regular: no role's criteria all hold (best role score {Fmt.Rate(RegularScore - margin)} < 0.5; margin {Fmt.Rate(margin)})"));
            return;
        }
        int index = Array.IndexOf(s_roles, decided);
        Score(decided, m, new Criteria(reasons, weakestOnly: false, RoleNames.Name(decided)));
        if (decided == AccountRole.Celebrity)
        {
            // One-way by follows; whether it converses is the second axis (engaged broadcaster or pure broadcaster).
            bool converses = m.ReciprocatedEngagementShare >= 0.05 || m.UniqueEngaged >= 10;
            reasons.Add(new Reason("reciprocated_engagement_share", m.ReciprocatedEngagementShare, converses ? ">=" : "<", 0.05,
                converses
                    ? $"celebrity that converses: engages with {Fmt.Count(m.UniqueEngaged)} accounts; two-way share of engagement received {Fmt.Rate(m.ReciprocatedEngagementShare)}"
                    : $"celebrity that broadcasts only: engages with {Fmt.Count(m.UniqueEngaged)} accounts; two-way share of engagement received {Fmt.Rate(m.ReciprocatedEngagementShare)}"));
        }
        reasons.Add(new Reason("role_margin", margin, ">", 0,
            $"{RoleNames.Name(decided)}: score {Fmt.Rate(scores[index])}, margin {Fmt.Rate(margin)} over the runner-up"));
    }

    /// <summary>Score of one role for one account: its weakest criterion's score.</summary>
    private double Score(AccountRole role, in AccountMetrics m, Criteria? c)
    {
        switch (role)
        {
            case AccountRole.Celebrity:
                return Min(Large(c, m),
                    AtMost(c, "followed_back_rate", m.FollowedBackRate, _oneWayMaxFollowedBack, "followed-back rate", "one-way ceiling", Fmt.Rate));
            case AccountRole.MacroInfluencer:
                return Min(Large(c, m),
                    Above(c, "followed_back_rate", m.FollowedBackRate, _oneWayMaxFollowedBack, "followed-back rate", "one-way ceiling", Fmt.Rate));
            case AccountRole.MicroInfluencer:
                {
                    // Every trait must hold: an audience, not a large cross-network one, reciprocal follows, and — when
                    // the run has interactions — an engaged audience, engagement from its own community; and standing
                    // out in its community. Two-way is decided by follow reciprocity, the defining trait: how much of
                    // the engagement is answered grades influence (a reciprocated tie counts double) but is no gate —
                    // in a short or quiet window a relationship builder has not answered yet.
                    double score = Min(
                        AtLeast(c, "followers", m.Followers, _microMinFollowers, "followers", "micro floor", Fmt.Count),
                        NotLarge(c, m),
                        AtLeast(c, "followed_back_rate", m.FollowedBackRate, _microMinFollowedBack, "followed-back rate", "micro threshold", Fmt.Rate));
                    if (_engagementObserved)
                        score = Min(score,
                            AtLeast(c, "unique_engagers", m.UniqueEngagers, _microMinEngagers, "accounts engaging with it", "micro floor", Fmt.Count),
                            AtLeast(c, "in_community_engagement_share", m.InCommunityEngagementShare, _microMinInCommunity, "in-community share of engagement received", "micro threshold", Fmt.Rate),
                            AtLeast(c, "unique_engagers", m.UniqueEngagers, _microMinEngagersPerEngaged * m.UniqueEngaged, "accounts engaging with it", _perEngagedLabel, Fmt.Count));
                    return Math.Min(score,
                        AtLeast(c, "community_standout", m.CommunityStandout, _microMinStandout,
                            _engagementObserved ? "standing out in its community (× the typical account tied to it by follows)" : "audience standing out in its community (× the typical account tied to it by follows; no interactions observed)",
                            "micro threshold", Fmt.Rate));
                }
            case AccountRole.Amplifier:
                return Math.Min(
                    AtLeast(c, "share_of_given_that_is_shares", m.ShareOfGivenThatIsShares, _ampMinShare, "share of given engagement that is shares", "amplifier threshold", Fmt.Rate),
                    AtLeast(c, "engagement_given", m.EngagementGiven, _ampMinGiven, "engagement given", "amplifier threshold", Fmt.Amount, _ampGivenNote));
            default:
                return RegularScore;
        }
    }

    private static double Min(double a, double b) => Math.Min(a, b);

    /// <summary>A large audience: many followers, and most of them beyond its own community.</summary>
    private double Large(Criteria? c, in AccountMetrics m) => Math.Min(
        AtLeast(c, "followers", m.Followers, _largeFollowers, "followers", "large-audience threshold", Fmt.Count, _largeNote),
        AtLeast(c, "followers_outside_community_share", m.FollowersOutsideCommunityShare, _largeMinOutside, "share of followers in other communities", "large-audience threshold", Fmt.Rate));

    /// <summary>Not a large audience: the complement of <see cref="Large"/> (either part failing is enough).</summary>
    private double NotLarge(Criteria? c, in AccountMetrics m)
    {
        double large = Math.Min(AtLeastScore(m.Followers, _largeFollowers), AtLeastScore(m.FollowersOutsideCommunityShare, _largeMinOutside));
        bool isLarge = m.Followers >= _largeFollowers && m.FollowersOutsideCommunityShare >= _largeMinOutside;
        double s = isLarge ? Math.Min(1 - large, 0.5 - 1e-9) : Math.Max(1 - large, 0.5);
        c?.Add("followers", m.Followers, s, isLarge ? ">=" : "<", _largeFollowers,
            $"not a large cross-network audience: followers {Fmt.Count(m.Followers)} (large from {Fmt.Count(_largeFollowers)}{_largeNote}), share in other communities {Fmt.Rate(m.FollowersOutsideCommunityShare)} (large from {Fmt.Rate(_largeMinOutside)})");
        return s;
    }
    private static double Min(double a, double b, double c) => Math.Min(a, Math.Min(b, c));
    private static double Min(double a, double b, double c, double d) => Math.Min(Math.Min(a, b), Math.Min(c, d));

    public PresenceStage Stage(in AccountMetrics m, List<Reason>? reasons = null)
    {
        if (Hard(reasons, "power-networker", "mutual", m.Mutual, _powerMinMutual, "mutual follows", "power-networker threshold", Fmt.Count, _powerMutualNote)
            && Hard(reasons, "power-networker", "influence", m.Influence, _influentialMin, "influence", "influential cut", Fmt.Score, _influentialNote))
            return PresenceStage.PowerNetworker;
        if (Hard(reasons, "producer", "engagement_received", m.EngagementReceived, _producerMinReceived, "engagement received", "producer threshold", Fmt.Amount, _producerNote))
            return PresenceStage.Producer;
        if (Hard(reasons, "relay", "engagement_given", m.EngagementGiven, _relayMinGiven, "engagement given", "relay threshold", Fmt.Amount, _relayGivenNote)
            && Hard(reasons, "relay", "share_of_given_that_is_shares", m.ShareOfGivenThatIsShares, _relayMinShare, "share of given engagement that is shares", "relay threshold", Fmt.Rate))
            return PresenceStage.Relay;
        reasons?.Add(new Reason("stage", 0, "=", 0, "present: reads, rarely interacts (no other stage's criteria all hold)"));
        return PresenceStage.Present;
    }

    /// <summary>Popular = followers at or above the popular cut; influential = influence at or above the influential cut.</summary>
    public PopularityQuadrant Quadrant(in AccountMetrics m, List<Reason>? reasons = null)
    {
        bool popular = m.Followers >= _popularMin, influential = m.Influence >= _influentialMin;
        if (reasons is not null)
        {
            reasons.Add(new Reason("followers", m.Followers, popular ? ">=" : "<", _popularMin,
                $"{(popular ? "popular" : "not popular")}: followers {Fmt.Count(m.Followers)} {(popular ? "≥" : "<")} popular cut {Fmt.Count(_popularMin)}{_popularNote}"));
            reasons.Add(new Reason("influence", m.Influence, influential ? ">=" : "<", _influentialMin,
                $"{(influential ? "influential" : "not influential")}: influence {Fmt.Score(m.Influence)} {(influential ? "≥" : "<")} influential cut {Fmt.Score(_influentialMin)}{_influentialNote}" +
                $" (√ of engagement depth × depth per audience member; {Fmt.Count(m.UniqueEngagers)} engagers, active audience share {Fmt.Rate(m.ActiveAudienceShare)})"));
        }
        return (popular, influential) switch
        {
            (true, true) => PopularityQuadrant.PopularAndInfluential,
            (true, false) => PopularityQuadrant.PopularNotInfluential,
            (false, true) => PopularityQuadrant.InfluentialNotPopular,
            _ => PopularityQuadrant.Neither,
        };
    }

    /// <summary>A hard "value ≥ threshold" of the stage rules; the sentence is built only when reasons are asked for.</summary>
    private static bool Hard(List<Reason>? reasons, string verdict, string metric, double value, double threshold,
        string label, string thresholdLabel, Func<double, Figure> format, string note = "")
    {
        bool ok = value >= threshold;
        reasons?.Add(new Reason(metric, value, ok ? ">=" : "<", threshold,
            $"{(ok ? verdict : "not " + verdict)}: {label} {format(value)} {(ok ? "≥" : "<")} {thresholdLabel} {format(threshold)}{note}"));
        return ok;
    }

    /// <summary>Membership of "x ≥ t": x³ / (x³ + t³) — 0.5 at the threshold; 1 when t ≤ 0; 0 when x ≤ 0 &lt; t.</summary>
    internal static double AtLeastScore(double x, double t)
    {
        if (!(t > 0)) return 1;
        if (!(x > 0)) return 0;
        double r = t / x;
        return 1 / (1 + r * r * r);
    }

    private static double AtLeast(Criteria? c, string metric, double value, double threshold, string label, string thresholdLabel, Func<double, Figure> format, string note = "")
    {
        double s = AtLeastScore(value, threshold);
        c?.Add(metric, value, s, s >= 0.5 ? ">=" : "<", threshold, $"{label} {format(value)} {(s >= 0.5 ? "≥" : "<")} {thresholdLabel} {format(threshold)}{note}");
        return s;
    }

    private static double Below(Criteria? c, string metric, double value, double threshold, string label, string thresholdLabel, Func<double, Figure> format, string note = "")
    {
        // "x < t" is the complement of "x ≥ t"; the hard comparison is strict so that exactly t is large.
        double s = 1 - AtLeastScore(value, threshold);
        bool ok = value < threshold;
        c?.Add(metric, value, s, ok ? "<" : ">=", threshold, $"{label} {format(value)} {(ok ? "<" : "≥")} {thresholdLabel} {format(threshold)}{note}");
        return ok ? Math.Max(s, 0.5 + 1e-9) : Math.Min(s, 0.5);
    }

    private static double AtMost(Criteria? c, string metric, double value, double threshold, string label, string thresholdLabel, Func<double, Figure> format, string note = "")
    {
        double s = 1 - AtLeastScore(value, threshold);
        bool ok = value <= threshold;
        c?.Add(metric, value, s, ok ? "<=" : ">", threshold, $"{label} {format(value)} {(ok ? "≤" : ">")} {thresholdLabel} {format(threshold)}{note}");
        return ok ? Math.Max(s, 0.5) : Math.Min(s, 0.5 - 1e-9);
    }

    private static double Above(Criteria? c, string metric, double value, double threshold, string label, string thresholdLabel, Func<double, Figure> format, string note = "")
    {
        double s = AtLeastScore(value, threshold);
        bool ok = value > threshold;
        c?.Add(metric, value, s, ok ? ">" : "<=", threshold, $"{label} {format(value)} {(ok ? ">" : "≤")} {thresholdLabel} {format(threshold)}{note}");
        return ok ? Math.Max(s, 0.5 + 1e-9) : Math.Min(s, 0.5);
    }

    private static string PercentileNote(IReadOnlyDictionary<string, double> values, string percentileName, string? floorName)
    {
        bool hasP = values.TryGetValue(percentileName, out double p) && double.IsFinite(p);
        double f = 0;
        bool hasF = floorName is not null && values.TryGetValue(floorName, out f);
        if (!hasP) return " (fixed)";
        return hasF ? $" (p{Fmt.Plain(p)}, floor {Fmt.Plain(f)})" : $" (p{Fmt.Plain(p)})";
    }

    /// <summary>Collects criterion reasons for one role: all of them, or only the weakest (what kept the role out).</summary>
    private sealed class Criteria(List<Reason> reasons, bool weakestOnly, string verdict)
    {
        private Reason? _weakest;
        private double _weakestScore = double.PositiveInfinity;

        public string Verdict => verdict;

        /// <summary>Whether a criterion scoring <paramref name="score"/> would be kept; only then is its text built (<see cref="CriterionText"/>).</summary>
        public bool Keeps(double score) => !weakestOnly || score < _weakestScore;

        public void Add(string metric, double value, double score, string comparison, double threshold,
            [InterpolatedStringHandlerArgument("", "score")] ref CriterionText text)
        {
            if (!Keeps(score)) return; // its text was never built
            var reason = new Reason(metric, value, comparison, threshold, text.ToStringAndClear(score));
            if (!weakestOnly) { reasons.Add(reason); return; }
            if (_weakest is not null) reasons.Remove(_weakest);
            _weakest = reason;
            _weakestScore = score;
            reasons.Add(reason);
        }
    }

    /// <summary>
    /// The text of one criterion, "[not ]role: … (criterion score s)", built straight into one buffer — and not at all
    /// (no figure formatted) when <see cref="Criteria"/> would drop it: of a role not given only the weakest criterion is
    /// told, and most of the others are passed over here.
    /// </summary>
    [InterpolatedStringHandler]
    private ref struct CriterionText
    {
        private DefaultInterpolatedStringHandler _text;

        public CriterionText(int literalLength, int formattedCount, Criteria criteria, double score, out bool shouldAppend)
        {
            shouldAppend = criteria.Keeps(score);
            _text = default;
            if (!shouldAppend) return;
            _text = new DefaultInterpolatedStringHandler(literalLength + 40, formattedCount + 2);
            if (!(score >= 0.5)) _text.AppendLiteral("not "); // a NaN score is "not" too
            _text.AppendLiteral(criteria.Verdict);
            _text.AppendLiteral(": ");
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);
        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);
        public void AppendFormatted(string? value) => _text.AppendFormatted(value);

        public string ToStringAndClear(double score)
        {
            _text.AppendLiteral(" (criterion score ");
            _text.AppendFormatted(Fmt.Rate(score));
            _text.AppendLiteral(")");
            return _text.ToStringAndClear();
        }
    }
}
