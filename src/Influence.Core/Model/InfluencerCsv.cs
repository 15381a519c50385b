using Influence.Core.IO;

namespace Influence.Core.Model;

/// <summary>
/// The one CSV layout of an influencer list, written by the CLI (<c>influencers --format csv</c>) and the API
/// (<c>format=csv</c>): <c>id,rank,score</c>, then the account's <see cref="Metrics"/> under their schema names.
/// </summary>
public static class InfluencerCsv
{
    /// <summary>The metrics after <c>id,rank,score</c>, in column order.</summary>
    public static IReadOnlyList<AccountMetric> Metrics { get; } =
    [
        .. new[] { "influence", "followers", "role", "stage", "community", "community_rank", "in_community_engagement_share", "engagement_rate" }
            .Select(AccountMetricSchema.Get),
    ];

    /// <summary>The header line (without line break).</summary>
    public static string Header { get; } = string.Join(',', ["id", "rank", "score", .. Metrics.Select(m => m.Name)]);

    /// <summary>Header and one row per entry, figures from <paramref name="result"/> (the entries' <see cref="InfluencerEntry.Node"/>).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<InfluencerEntry> entries, InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(result);
        writer.Write(Header);
        writer.Write('\n');
        foreach (InfluencerEntry e in entries) WriteRow(writer, e.Account, e.Rank, e.Score, result.Accounts[e.Node]);
    }

    /// <summary>One row (with its line break) of the account <paramref name="id"/> placed at <paramref name="rank"/> by <paramref name="score"/>.</summary>
    public static void WriteRow(TextWriter writer, string id, int rank, double score, in AccountMetrics metrics)
    {
        writer.Write(Csv.Escape(id));
        writer.Write(',');
        writer.Write(Csv.Number(rank));
        writer.Write(',');
        writer.Write(Csv.Number(score));
        foreach (AccountMetric metric in Metrics)
        {
            writer.Write(',');
            writer.Write(metric.Format(in metrics));
        }
        writer.Write('\n');
    }
}
