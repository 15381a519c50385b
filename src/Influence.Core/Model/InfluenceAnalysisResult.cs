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

    /// <summary>
    /// Dense node of <paramref name="account"/> (external id), −1 when it is not in this analysis: through the analysed
    /// input's id map when it is at hand, else by a scan of <see cref="AccountIds"/> (a result loaded from a store).
    /// </summary>
    public int NodeOf(string account, InfluenceInput? input = null)
    {
        if (input is not null)
            return input.Ids.TryGetNode(account, out int node) ? node : -1;
        for (int v = 0; v < AccountIds.Count; v++)
            if (string.Equals(AccountIds[v], account, StringComparison.Ordinal)) return v;
        return -1;
    }
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
