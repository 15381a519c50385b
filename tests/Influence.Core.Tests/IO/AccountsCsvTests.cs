using System.Text;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.IO;

/// <summary>accounts.csv is built in parallel blocks and written in order: the same bytes as row after row on one thread.</summary>
public sealed class AccountsCsvTests
{
    private static readonly Lazy<InfluenceAnalysisResult> s_result = new(() =>
        InfluenceAnalyzer.Run(SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 1200, Seed = 8 }).ToInput()));

    private static InfluenceAnalysisResult With(InfluenceAnalysisResult r, AccountMetrics[] accounts, IReadOnlyList<string> ids) => new()
    {
        AccountIds = ids, Accounts = accounts, ReceivedByKind = r.ReceivedByKind, GivenByKind = r.GivenByKind, Thresholds = r.Thresholds,
        Defenders = r.Defenders, Critics = r.Critics, Communities = r.Communities, Summary = r.Summary,
    };

    /// <summary>The file as one thread writes it: header, then id, the CSV metrics and the reasons of each account in order.</summary>
    private static string OneThread(InfluenceAnalysisResult result)
    {
        var sb = new StringBuilder(string.Join(',', ResultTables.AccountColumns)).Append(Environment.NewLine);
        for (int i = 0; i < result.Accounts.Length; i++)
        {
            sb.Append(Csv.Escape(result.AccountIds[i]));
            foreach (AccountMetric metric in ResultTables.AccountMetrics) sb.Append(',').Append(metric.Format(in result.Accounts[i]));
            sb.Append(',').Append(Csv.Escape(ResultTables.Reasons(result.Accounts[i], result.Thresholds))).Append(Environment.NewLine);
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(500)]
    [InlineData(1_000_000)]
    public void Blocks_of_any_size_give_the_bytes_of_one_thread_writing_row_after_row(int block)
    {
        InfluenceAnalysisResult result = s_result.Value;
        var writer = new StringWriter();
        var reported = new List<double>();
        AccountsCsv.Write(writer, result, reported.Add, block);
        Assert.Equal(OneThread(result), writer.ToString());
        Assert.Equal(1.0, reported[^1]);
        Assert.Equal(reported.OrderBy(f => f), reported);
    }

    [Fact]
    public void An_empty_result_is_the_header_and_bad_arguments_are_refused()
    {
        InfluenceAnalysisResult result = s_result.Value;
        InfluenceAnalysisResult empty = With(result, [], []);
        var writer = new StringWriter();
        AccountsCsv.Write(writer, empty);
        Assert.Equal(string.Join(',', ResultTables.AccountColumns) + Environment.NewLine, writer.ToString());
        Assert.Throws<ArgumentNullException>(() => AccountsCsv.Write(null!, result));
        Assert.Throws<ArgumentNullException>(() => AccountsCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountsCsv.Write(new StringWriter(), result, null, 0));
    }

    [Fact]
    public void A_failure_while_building_rows_surfaces_as_itself_not_wrapped()
    {
        InfluenceAnalysisResult result = s_result.Value;
        InfluenceAnalysisResult broken = With(result, result.Accounts, [.. result.AccountIds.Take(10)]); // fewer ids than accounts
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountsCsv.Write(new StringWriter(), broken, null, 100));
    }
}
