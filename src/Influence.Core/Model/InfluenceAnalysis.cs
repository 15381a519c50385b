using Influence.Core.Algorithms;

namespace Influence.Core.Model;

/// <summary>
/// Thresholds that decided roles and stages, taken from the graph's own distribution
/// (percentiles) unless fixed in configuration. Kept with a run so reasons can be rendered later.
/// Values are keyed by a stable name (e.g. "large_audience_followers").
/// </summary>
public sealed record RoleThresholds(IReadOnlyDictionary<string, double> Values);

/// <summary>One reason behind a verdict: a metric, its value, how it compared to which threshold.</summary>
/// <param name="Comparison">One of "&gt;=", "&lt;", "&lt;=", "&gt;", "=".</param>
public sealed record Reason(string Metric, double Value, string Comparison, double Threshold, string Text);

/// <summary>Configuration of a full analysis. Sub-configs validated by their own records.</summary>
public sealed record InfluenceConfig
{
    public KindWeights KindWeights { get; init; } = new();
    public PageRankConfig PageRank { get; init; } = new();
    public CommunityConfig Community { get; init; } = new();
    /// <summary>Percentile / fixed threshold overrides by name (see docs/model.md).</summary>
    public IReadOnlyDictionary<string, double> ThresholdOverrides { get; init; } = new Dictionary<string, double>();
    /// <summary>Length of one time period for defender repetition, in seconds. Default 1 day.</summary>
    public long DefenderPeriodSeconds { get; init; } = 86_400;

    /// <summary>
    /// Audience added to every account's own when influence is divided by audience size (a prior, 0 – 1,000,000):
    /// three deeply engaged friends of an account with three followers do not make it the most influential
    /// account of the network. Default 10.
    /// </summary>
    public double InfluencePriorAudience { get; init; } = 10;

    /// <summary>
    /// Which ties the community detection sees. Default <see cref="Model.CommunityGraph.Auto"/>: the follow
    /// graph when it has at least as many distinct ties as the interaction graph (follows carry the
    /// structure, and Leiden stays on the smaller kernel graph), otherwise follows and interactions
    /// together, so data sets without a follow graph (higgs, congress) still get communities.
    /// </summary>
    public CommunityGraph CommunityGraph { get; init; } = CommunityGraph.Auto;

    /// <summary>
    /// Checks every field; throws <see cref="ArgumentException"/> naming the field, the value and the
    /// legal range. Node-count-dependent PageRank checks run again in <see cref="InfluenceAnalyzer.Run"/>.
    /// </summary>
    public void Validate() => InfluenceConfigValidation.Validate(this);
}

/// <summary>Graph the communities are detected on (see <see cref="InfluenceConfig.CommunityGraph"/>).</summary>
public enum CommunityGraph
{
    /// <summary>Follows when they have at least as many distinct ties as the interactions, else both.</summary>
    Auto,
    /// <summary>Follows and interaction ties together (each distinct directed tie of either layer weighs 1).</summary>
    FollowsAndInteractions,
    /// <summary>The follow graph alone.</summary>
    Follows,
}

/// <summary>Stage name and percent done of a long analysis.</summary>
public readonly record struct AnalysisProgress(string Stage, double Percent);

/// <summary>
/// Everything one analysis run produced. This is what stores persist and what the API serves;
/// it can be rebuilt from a store without the graph.
/// </summary>
public sealed class InfluenceAnalysisResult
{
    public required IReadOnlyList<string> AccountIds { get; init; }
    public required AccountMetrics[] Accounts { get; init; }
    /// <summary>Weighted engagement received per kind, flattened [account * InteractionKinds.Count + kind].</summary>
    public required double[] ReceivedByKind { get; init; }
    /// <summary>Weighted engagement given per kind, same layout.</summary>
    public required double[] GivenByKind { get; init; }
    public required RoleThresholds Thresholds { get; init; }
    /// <summary>Sorted by target, then strength descending.</summary>
    public required DefenderLink[] Defenders { get; init; }
    /// <summary>Same shape as <see cref="Defenders"/>; empty without stance data.</summary>
    public required DefenderLink[] Critics { get; init; }
    public required CommunitySummary[] Communities { get; init; }
    public required AnalysisSummary Summary { get; init; }
}

public static class InfluenceAnalyzer
{
    /// <summary>
    /// Computes every <see cref="AccountMetrics"/> field, roles, stages, defenders, critics, community
    /// summaries and the run summary. Pure: reads <paramref name="input"/>, never mutates it.
    /// </summary>
    /// <exception cref="ArgumentException">Bad configuration or an interaction that is out of range
    /// (message names the interaction index, field and value).</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires.</exception>
    public static InfluenceAnalysisResult Run(InfluenceInput input, InfluenceConfig? config = null,
        IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default) =>
        InfluenceModel.Run(input, config ?? new InfluenceConfig(), progress, cancellationToken);

    /// <summary>Human-readable reasons for the role and stage of one account, with figures and thresholds.</summary>
    /// <remarks>Every criterion that was checked is listed, in rule order: failed criteria of the roles
    /// tried first ("not celebrity: …"), then the criteria of the decided role, then the same for the stage.</remarks>
    public static IReadOnlyList<Reason> Explain(in AccountMetrics metrics, RoleThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var rules = new RoleRules(thresholds.Values);
        var reasons = new List<Reason>();
        (AccountRole role, double margin) = rules.Role(metrics, reasons);
        reasons.Add(new Reason("role", (int)role, "=", (int)role, $"role: {RoleNames.Name(role)} (margin {Fmt.Rate(margin)})"));
        PresenceStage stage = rules.Stage(metrics, reasons);
        reasons.Add(new Reason("stage", (int)stage, "=", (int)stage, $"stage: {RoleNames.Name(stage)}"));
        PopularityQuadrant quadrant = rules.Quadrant(metrics, reasons);
        reasons.Add(new Reason("popularity_vs_influence", (int)quadrant, "=", (int)quadrant, $"popularity vs influence: {RoleNames.Name(quadrant)}"));
        return reasons;
    }
}
