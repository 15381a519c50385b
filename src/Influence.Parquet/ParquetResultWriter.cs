using Influence.Core.Model;
using Parquet;
using Parquet.Schema;

namespace Influence.Parquet;

/// <summary>
/// Writes a run's tables as Parquet with typed columns: the columns of <see cref="ResultTables"/> (so exactly the CSV
/// files' columns, in order), each typed from its metric's <see cref="MetricKind"/>: counts INT64, reals DOUBLE (an
/// undefined figure, NaN, is null), named values and texts UTF-8 strings. A metric added to the schema appears here
/// without an edit. Rows go out in row groups of <see cref="RowGroupSize"/>, so memory stays bounded and a stream
/// (an HTTP response) receives each group as it is done.
/// </summary>
public static class ParquetResultWriter
{
    /// <summary>Rows per row group (readers parallelise and skip by row group; 256 Ki rows keep ~70 MB of columns in memory).</summary>
    public const int RowGroupSize = 1 << 18;

    /// <summary>The Parquet schema of <c>accounts</c>, derived from <see cref="ResultTables.AccountColumns"/> and the metric kinds.</summary>
    public static ParquetSchema AccountsSchema { get; } = new(
    [
        new DataField<string>(ResultTables.IdColumn, nullable: false),
        .. ResultTables.AccountMetrics.Select(MetricField),
        new DataField<string>(ResultTables.ReasonsColumn, nullable: false),
    ]);

    /// <summary>The Parquet schema of <c>defenders</c> and <c>critics</c>.</summary>
    public static ParquetSchema LinksSchema { get; } = new(
        new DataField<string>(ResultTables.LinkColumns[0], nullable: false),
        new DataField<string>(ResultTables.LinkColumns[1], nullable: false),
        new DataField<double?>(ResultTables.LinkColumns[2]));

    /// <summary>The Parquet schema of an influencer list: <c>id</c>, <c>rank</c>, <c>score</c>, then <see cref="InfluencerCsv.Metrics"/> (the CSV list's columns).</summary>
    public static ParquetSchema InfluencersSchema { get; } = new(
    [
        new DataField<string>("id", nullable: false),
        new DataField<long>("rank", nullable: false),
        new DataField<double?>("score"),
        .. InfluencerCsv.Metrics.Select(MetricField),
    ]);

    private static DataField MetricField(AccountMetric metric) => metric.Kind switch
    {
        MetricKind.Integer => new DataField<long>(metric.Name, nullable: false),
        MetricKind.Real => new DataField<double?>(metric.Name),
        _ => new DataField<string>(metric.Name, nullable: false),
    };

    /// <summary>Writes <c>accounts</c> (one row per account, dense-id order) to <paramref name="output"/> (left open; need not be seekable).</summary>
    public static async Task WriteAccountsAsync(Stream output, InfluenceAnalysisResult result, int rowGroupSize = RowGroupSize,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        DataField[] fields = AccountsSchema.GetDataFields();
        IReadOnlyList<AccountMetric> metrics = ResultTables.AccountMetrics;
        AccountMetrics[] accounts = result.Accounts;
        var buffer = new RowGroupBuffer(output);
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(AccountsSchema, buffer, cancellationToken: cancellationToken))
        {
            for (int start = 0; start < accounts.Length || start == 0; start += rowGroupSize)
            {
                int count = Math.Min(rowGroupSize, accounts.Length - start);
                using (ParquetRowGroupWriter group = writer.CreateRowGroup())
                {
                    var texts = new string[count];
                    for (int i = 0; i < count; i++) texts[i] = result.AccountIds[start + i];
                    await group.WriteAsync(fields[0], texts);
                    for (int m = 0; m < metrics.Count; m++)
                        await WriteMetricAsync(group, fields[m + 1], metrics[m], accounts.AsMemory(start, count), texts, cancellationToken);
                    for (int i = 0; i < count; i++) texts[i] = ResultTables.Reasons(accounts[start + i], result.Thresholds);
                    await group.WriteAsync(fields[^1], texts);
                    group.CompleteValidate();
                }
                await buffer.DrainAsync(cancellationToken);
                progress?.Report(accounts.Length == 0 ? 1 : (double)(start + count) / accounts.Length);
                if (count == 0) break;
            }
        }
        await buffer.DrainAsync(cancellationToken); // the footer
    }

    private static async Task WriteMetricAsync(ParquetRowGroupWriter group, DataField field, AccountMetric metric, ReadOnlyMemory<AccountMetrics> accounts,
        string[] scratch, CancellationToken ct)
    {
        int count = accounts.Length;
        switch (metric.Kind)
        {
            case MetricKind.Integer:
                var integers = new long[count];
                for (int i = 0; i < count; i++) integers[i] = (long)metric.Get(in accounts.Span[i]);
                await group.WriteAsync<long>(field, integers, null, null, ct);
                break;
            case MetricKind.Real:
                var reals = new double?[count];
                for (int i = 0; i < count; i++) reals[i] = metric.Get(in accounts.Span[i]) is var v && double.IsNaN(v) ? null : v;
                await group.WriteAsync<double>(field, reals, null, null, ct);
                break;
            default:
                for (int i = 0; i < count; i++) scratch[i] = metric.NameOf(metric.Get(in accounts.Span[i]));
                await group.WriteAsync(field, scratch);
                break;
        }
    }

    /// <summary>Writes an influencer list (<c>influencers --format parquet</c>): one row per entry, figures from <paramref name="result"/>.</summary>
    public static async Task WriteInfluencersAsync(Stream output, IReadOnlyList<InfluencerEntry> entries, InfluenceAnalysisResult result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(result);
        DataField[] fields = InfluencersSchema.GetDataFields();
        var metrics = new AccountMetrics[entries.Count];
        for (int i = 0; i < metrics.Length; i++) metrics[i] = result.Accounts[entries[i].Node];
        var buffer = new RowGroupBuffer(output);
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(InfluencersSchema, buffer, cancellationToken: cancellationToken))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            var texts = entries.Select(e => e.Account).ToArray();
            await group.WriteAsync(fields[0], texts);
            await group.WriteAsync<long>(fields[1], entries.Select(e => (long)e.Rank).ToArray(), null, null, cancellationToken);
            await group.WriteAsync<double>(fields[2], entries.Select(e => double.IsNaN(e.Score) ? null : (double?)e.Score).ToArray(), null, null, cancellationToken);
            for (int m = 0; m < InfluencerCsv.Metrics.Count; m++)
                await WriteMetricAsync(group, fields[m + 3], InfluencerCsv.Metrics[m], metrics, texts, cancellationToken);
            group.CompleteValidate();
        }
        await buffer.DrainAsync(cancellationToken);
    }

    /// <summary>Writes <c>defenders</c> or <c>critics</c> (target, defender, strength with external ids, in the result's order).</summary>
    public static async Task WriteLinksAsync(Stream output, DefenderLink[] links, IReadOnlyList<string> ids, int rowGroupSize = RowGroupSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        DataField[] fields = LinksSchema.GetDataFields();
        var buffer = new RowGroupBuffer(output);
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(LinksSchema, buffer, cancellationToken: cancellationToken))
        {
            for (int start = 0; start < links.Length || start == 0; start += rowGroupSize)
            {
                int count = Math.Min(rowGroupSize, links.Length - start);
                await WriteLinkGroupAsync(writer, fields, links.AsMemory(start, count), ids, cancellationToken);
                await buffer.DrainAsync(cancellationToken);
                if (count == 0) break;
            }
        }
        await buffer.DrainAsync(cancellationToken); // the footer
    }

    private static async Task WriteLinkGroupAsync(ParquetWriter writer, DataField[] fields, ReadOnlyMemory<DefenderLink> links, IReadOnlyList<string> ids,
        CancellationToken ct)
    {
        var targets = new string[links.Length];
        var defenders = new string[links.Length];
        var strengths = new double?[links.Length];
        for (int i = 0; i < links.Length; i++)
        {
            DefenderLink link = links.Span[i];
            targets[i] = ids[link.Target];
            defenders[i] = ids[link.Defender];
            strengths[i] = double.IsNaN(link.Strength) ? null : link.Strength;
        }
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], targets);
        await group.WriteAsync(fields[1], defenders);
        await group.WriteAsync<double>(fields[2], strengths, null, null, ct);
        group.CompleteValidate();
    }
}
