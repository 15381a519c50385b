using Influence.Core.Model;

namespace Influence.Parquet;

/// <summary>
/// A run's tables as Parquet with typed columns: the columns of <see cref="ResultTables"/> (exactly the CSV files'
/// columns, in order), each typed from its metric's <see cref="MetricKind"/>: counts INT64, reals DOUBLE (an undefined
/// figure, NaN, is null), named values and texts UTF-8 strings. A metric added to the schema appears here without an
/// edit. Written by <see cref="ParquetTableWriter"/> in row groups, so memory stays bounded and a stream (an HTTP
/// response) receives each group as it is done.
/// </summary>
public static class ParquetResultWriter
{
    /// <summary>Rows per row group (<see cref="ParquetTableWriter.RowGroupSize"/>).</summary>
    public const int RowGroupSize = ParquetTableWriter.RowGroupSize;

    /// <summary>
    /// The columns of <c>accounts</c>: <see cref="ResultTables.AccountColumns"/>, typed; without the last, <c>reasons</c>,
    /// when <paramref name="reasons"/> is false (the prose is ≈1.3 KB per account and most of the writing time).
    /// </summary>
    public static IReadOnlyList<TypedColumn> AccountColumns(InfluenceAnalysisResult result, bool reasons = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<string> ids = result.AccountIds;
        AccountMetrics[] accounts = result.Accounts;
        List<TypedColumn> columns =
        [
            TypedColumn.Text(ResultTables.IdColumn, i => ids[i]),
            .. ResultTables.AccountMetrics.Select(m => MetricColumn(m, accounts, null)),
        ];
        if (reasons) columns.Add(TypedColumn.Text(ResultTables.ReasonsColumn, i => ResultTables.Reasons(accounts[i], result.Thresholds)));
        return columns;
    }

    /// <summary>The column of one metric over <paramref name="accounts"/> (row i = account <paramref name="nodes"/>[i], or i).</summary>
    public static TypedColumn MetricColumn(AccountMetric metric, AccountMetrics[] accounts, IReadOnlyList<int>? nodes)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(accounts);
        return metric.Kind switch
        {
            MetricKind.Integer => TypedColumn.Integer(metric.Name, i => (long)metric.Get(in accounts[nodes is null ? i : nodes[i]])),
            MetricKind.Real => TypedColumn.Real(metric.Name, i => metric.Get(in accounts[nodes is null ? i : nodes[i]])),
            _ => TypedColumn.Text(metric.Name, i => metric.NameOf(metric.Get(in accounts[nodes is null ? i : nodes[i]]))),
        };
    }

    /// <summary>Writes <c>accounts</c> (one row per account, dense-id order) to <paramref name="output"/> (left open; need not be seekable).</summary>
    public static Task WriteAccountsAsync(Stream output, InfluenceAnalysisResult result, int rowGroupSize = RowGroupSize,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default, bool reasons = true) =>
        ParquetTableWriter.WriteAsync(output, result.Accounts.Length, AccountColumns(result, reasons), rowGroupSize, progress, cancellationToken);

    /// <summary>Writes <c>defenders</c> or <c>critics</c> (<see cref="ResultTables.LinkColumns"/>: external ids, strength; the result's order).</summary>
    public static Task WriteLinksAsync(Stream output, DefenderLink[] links, IReadOnlyList<string> ids, int rowGroupSize = RowGroupSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(ids);
        TypedColumn[] columns =
        [
            TypedColumn.Text(ResultTables.LinkColumns[0], i => ids[links[i].Target]),
            TypedColumn.Text(ResultTables.LinkColumns[1], i => ids[links[i].Defender]),
            TypedColumn.Real(ResultTables.LinkColumns[2], i => links[i].Strength),
        ];
        return ParquetTableWriter.WriteAsync(output, links.Length, columns, rowGroupSize, null, cancellationToken);
    }

    /// <summary>Writes an influencer list (<c>influencers --format parquet</c>): <c>id</c>, <c>rank</c>, <c>score</c>, then
    /// <see cref="InfluencerCsv.Metrics"/> (the CSV list's columns), figures from <paramref name="result"/>.</summary>
    public static Task WriteInfluencersAsync(Stream output, IReadOnlyList<InfluencerEntry> entries, InfluenceAnalysisResult result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(result);
        int[] nodes = [.. entries.Select(e => e.Node)];
        TypedColumn[] columns =
        [
            TypedColumn.Text("id", i => entries[i].Account),
            TypedColumn.Integer("rank", i => entries[i].Rank),
            TypedColumn.Real("score", i => entries[i].Score),
            .. InfluencerCsv.Metrics.Select(m => MetricColumn(m, result.Accounts, nodes)),
        ];
        return ParquetTableWriter.WriteAsync(output, entries.Count, columns, cancellationToken: cancellationToken);
    }
}
