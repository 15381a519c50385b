
namespace Influence.Core.Model;

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
        AnalysisPipeline.Run(input, config ?? new InfluenceConfig(), progress, cancellationToken);

    /// <summary>Human-readable reasons for the role and stage of one account, with figures and thresholds.</summary>
    /// <remarks>Every criterion that was checked is listed, in rule order: failed criteria of the roles
    /// tried first ("not celebrity: …"), then the criteria of the decided role, then the same for the stage.</remarks>
    public static IReadOnlyList<Reason> Explain(in AccountMetrics metrics, RoleThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return Explain(metrics, new RoleRules(thresholds.Values));
    }

    /// <summary><see cref="Explain(in AccountMetrics, RoleThresholds)"/> with the rules already built (writers explain every account of a run).</summary>
    internal static IReadOnlyList<Reason> Explain(in AccountMetrics metrics, in RoleRules rules)
    {
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
