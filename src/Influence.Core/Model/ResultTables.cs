namespace Influence.Core.Model;

/// <summary>
/// The tables a run's result leaves as (<c>accounts</c>, <c>defenders</c>, <c>critics</c>), described once for every file
/// format: the CSV writer and the Parquet writer (CLI, API download) take their columns from here.
/// </summary>
public static class ResultTables
{
    /// <summary>First column of <c>accounts</c>: the external account id.</summary>
    public const string IdColumn = "id";

    /// <summary>Last column of <c>accounts</c>: the rendered Explain texts (<see cref="Reasons"/>).</summary>
    public const string ReasonsColumn = "reasons";

    /// <summary>The metrics between <see cref="IdColumn"/> and <see cref="ReasonsColumn"/>, in order: <see cref="AccountMetricSchema.AccountsCsv"/>.</summary>
    public static IReadOnlyList<AccountMetric> AccountMetrics => AccountMetricSchema.AccountsCsv;

    /// <summary>Columns of <c>accounts</c>: <c>id</c>, the schema's CSV metrics in order, <c>reasons</c>.</summary>
    public static IReadOnlyList<string> AccountColumns { get; } = [IdColumn, .. AccountMetricSchema.AccountsCsv.Select(m => m.Name), ReasonsColumn];

    /// <summary>Columns of <c>defenders</c> and <c>critics</c>: the supported account, the supporter (or critic), the tie's strength.</summary>
    public static IReadOnlyList<string> LinkColumns { get; } = ["target", "defender", "strength"];

    /// <summary>The rules of the thresholds explained last on this thread: a writer explains every account of one run.</summary>
    [ThreadStatic] private static (RoleThresholds Thresholds, RoleRules Rules)? t_lastRules;

    /// <summary>The Explain texts of one account joined by "; " (empty when there are none).</summary>
    public static string Reasons(in AccountMetrics metrics, RoleThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (t_lastRules is not { } last || !ReferenceEquals(last.Thresholds, thresholds))
            t_lastRules = last = (thresholds, new RoleRules(thresholds.Values));
        IReadOnlyList<Reason> reasons = InfluenceAnalyzer.Explain(metrics, in last.Rules);
        if (reasons.Count == 0) return "";
        if (reasons.Count == 1) return reasons[0].Text;
        var texts = new string[reasons.Count];
        for (int i = 0; i < texts.Length; i++) texts[i] = reasons[i].Text;
        return string.Join("; ", texts);
    }
}
