using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Cli;

/// <summary>Writes an analysis result as <c>accounts.csv</c>, <c>summary.json</c>, <c>defenders.csv</c> and (with stance data) <c>critics.csv</c>.</summary>
public static class ResultWriter
{
    /// <summary>Columns of <c>accounts.csv</c>: <c>id</c>, the schema's CSV metrics in order (<see cref="AccountMetricSchema.AccountsCsv"/>), <c>reasons</c>.</summary>
    public static readonly IReadOnlyList<string> AccountColumns =
        ["id", .. AccountMetricSchema.AccountsCsv.Select(m => m.Name), "reasons"];

    /// <summary>Header of <c>defenders.csv</c> and <c>critics.csv</c>.</summary>
    public const string LinkHeader = "target,defender,strength";

    /// <summary>summary.json layout: indented; a figure that is not defined for the input (NaN) is <c>null</c>.</summary>
    public static readonly JsonSerializerOptions SummaryJson = new()
    {
        WriteIndented = true,
        Converters = { new NonFiniteAsNull() },
    };

    /// <summary>Why a summary figure can be undefined, by its summary.json key.</summary>
    private static readonly Dictionary<string, string> s_undefinedReasons = new()
    {
        ["global_reciprocity"] = "no follow edges: reciprocity is not defined",
        ["modularity"] = "no edges to partition: modularity is not defined",
        ["followers_influence_spearman"] = "fewer than two accounts, or followers or influence all equal: no rank correlation",
    };

    /// <summary>
    /// summary.json: the run summary where every documented number is a number or <c>null</c> (never the
    /// strings "NaN"/"Infinity"), plus <c>undefined</c>: for each null figure, why it is not defined.
    /// </summary>
    public static string SummaryJsonText(AnalysisSummary summary)
    {
        JsonObject root = JsonSerializer.SerializeToNode(summary, SummaryJson)!.AsObject();
        var undefined = new JsonObject();
        foreach (var (key, value) in root)
            if (value is null) undefined[key] = s_undefinedReasons.GetValueOrDefault(key, "not defined for this input");
        if (undefined.Count > 0) root["undefined"] = undefined;
        return root.ToJsonString(SummaryJson);
    }

    /// <summary>Adds the result files for <paramref name="result"/> under <paramref name="outDir"/> to <paramref name="outputs"/>.</summary>
    /// <param name="writeCritics">Write critics.csv (when the interactions carried stance data).</param>
    public static void Write(OutputFiles outputs, string outDir, InfluenceAnalysisResult result, bool writeCritics, ProgressSink progress)
    {
        const string task = "write results";
        progress.Report(task, 0);
        using (StreamWriter accounts = outputs.Create(Path.Combine(outDir, "accounts.csv")))
            WriteAccounts(accounts, result, p => progress.Report(task, 90 * p));
        using (StreamWriter summary = outputs.Create(Path.Combine(outDir, "summary.json")))
            summary.Write(SummaryJsonText(result.Summary));
        using (StreamWriter defenders = outputs.Create(Path.Combine(outDir, "defenders.csv")))
            WriteLinks(defenders, result.Defenders, result.AccountIds);
        if (writeCritics)
        {
            using StreamWriter critics = outputs.Create(Path.Combine(outDir, "critics.csv"));
            WriteLinks(critics, result.Critics, result.AccountIds);
        }
        progress.Complete(task);
    }

    /// <summary>One row per account, in dense-id order; <c>reasons</c> = the rendered Explain texts joined by "; ".</summary>
    public static void WriteAccounts(TextWriter writer, InfluenceAnalysisResult result, Action<double>? fractionDone = null)
    {
        writer.WriteLine(string.Join(',', AccountColumns));
        IReadOnlyList<string> ids = result.AccountIds;
        AccountMetrics[] accounts = result.Accounts;
        AccountMetric[] columns = [.. AccountMetricSchema.AccountsCsv];
        int reportEvery = Math.Max(1, accounts.Length / 100);
        for (int i = 0; i < accounts.Length; i++)
        {
            ref readonly AccountMetrics m = ref accounts[i];
            writer.Write(Csv.Escape(ids[i]));
            for (int c = 0; c < columns.Length; c++)
            {
                writer.Write(',');
                writer.Write(columns[c].Format(in m));
            }
            writer.Write(',');
            writer.WriteLine(Csv.Escape(Reasons(m, result.Thresholds)));
            if (fractionDone is not null && i % reportEvery == 0) fractionDone((double)i / accounts.Length);
        }
    }

    /// <summary>The Explain texts of one account joined by "; ".</summary>
    public static string Reasons(in AccountMetrics metrics, RoleThresholds thresholds)
    {
        IReadOnlyList<Reason> reasons = InfluenceAnalyzer.Explain(metrics, thresholds);
        if (reasons.Count == 0) return "";
        if (reasons.Count == 1) return reasons[0].Text;
        var texts = new string[reasons.Count];
        for (int i = 0; i < texts.Length; i++) texts[i] = reasons[i].Text;
        return string.Join("; ", texts);
    }

    /// <summary><c>target,defender,strength</c> rows with external ids, in the result's order (target, then strength descending).</summary>
    public static void WriteLinks(TextWriter writer, DefenderLink[] links, IReadOnlyList<string> ids)
    {
        writer.WriteLine(LinkHeader);
        foreach (DefenderLink link in links)
        {
            writer.Write(Csv.Escape(ids[link.Target]));
            writer.Write(',');
            writer.Write(Csv.Escape(ids[link.Defender]));
            Field(writer, link.Strength);
            writer.WriteLine();
        }
    }

    private static void Field(TextWriter writer, double value)
    {
        writer.Write(',');
        writer.Write(Csv.Number(value));
    }
}
