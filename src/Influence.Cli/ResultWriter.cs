using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Influence.Core.IO;
using Influence.Cli.Commands;
using Influence.Core.Model;
using Influence.Parquet;

namespace Influence.Cli;

/// <summary>
/// Writes an analysis result as <c>accounts</c>, <c>summary.json</c>, <c>defenders</c> and (with stance data) <c>critics</c>,
/// the tables as <c>.csv</c> or <c>.parquet</c> (<see cref="OutputFormat"/>; same columns, <see cref="ResultTables"/>).
/// </summary>
public static class ResultWriter
{
    /// <summary>Columns of <c>accounts.csv</c> (<see cref="ResultTables.AccountColumns"/>).</summary>
    public static IReadOnlyList<string> AccountColumns => ResultTables.AccountColumns;

    /// <summary>Header of <c>defenders.csv</c> and <c>critics.csv</c>.</summary>
    public static readonly string LinkHeader = string.Join(',', ResultTables.LinkColumns);

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
    /// <param name="writeCritics">Write the critics table (when the interactions carried stance data).</param>
    /// <param name="reasons">Parquet: give <c>accounts</c> its reasons column (<c>--no-reasons</c> leaves it out).</param>
    public static void Write(OutputFiles outputs, string outDir, InfluenceAnalysisResult result, bool writeCritics, ProgressSink progress,
        OutputFormat format = OutputFormat.Csv, bool reasons = true)
    {
        const string task = "write results";
        progress.Report(task, 0);
        string Table(string name) => Path.Combine(outDir, OutputFormatOption.FileName(name, format));
        if (format == OutputFormat.Parquet)
        {
            using (FileStream accounts = outputs.CreateBinary(Table("accounts")))
                ParquetResultWriter.WriteAccountsAsync(accounts, result, progress: new SyncProgress<double>(p => progress.Report(task, 90 * p)), reasons: reasons)
                    .GetAwaiter().GetResult();
        }
        else
        {
            using StreamWriter accounts = outputs.Create(Table("accounts"));
            WriteAccounts(accounts, result, p => progress.Report(task, 90 * p));
        }
        using (StreamWriter summary = outputs.Create(Path.Combine(outDir, "summary.json")))
            summary.Write(SummaryJsonText(result.Summary));
        WriteLinks(outputs, Table("defenders"), result.Defenders, result.AccountIds, format);
        if (writeCritics) WriteLinks(outputs, Table("critics"), result.Critics, result.AccountIds, format);
        progress.Complete(task);
    }

    private static void WriteLinks(OutputFiles outputs, string path, DefenderLink[] links, IReadOnlyList<string> ids, OutputFormat format)
    {
        if (format == OutputFormat.Parquet)
        {
            using FileStream stream = outputs.CreateBinary(path);
            ParquetResultWriter.WriteLinksAsync(stream, links, ids).GetAwaiter().GetResult();
            return;
        }
        using StreamWriter writer = outputs.Create(path);
        WriteLinks(writer, links, ids);
    }

    /// <summary>One row per account, in dense-id order; <c>reasons</c> = the rendered Explain texts joined by "; " (<see cref="AccountsCsv"/>).</summary>
    public static void WriteAccounts(TextWriter writer, InfluenceAnalysisResult result, Action<double>? fractionDone = null) =>
        AccountsCsv.Write(writer, result, fractionDone);

    /// <summary>The Explain texts of one account joined by "; " (<see cref="ResultTables.Reasons"/>).</summary>
    public static string Reasons(in AccountMetrics metrics, RoleThresholds thresholds) => ResultTables.Reasons(metrics, thresholds);

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
