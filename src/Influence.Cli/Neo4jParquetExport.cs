using Influence.Core.Model;
using Influence.Parquet;
using Influence.Storage.Neo4j;
using static Influence.Storage.Neo4j.Neo4jAdminImportExporter;

namespace Influence.Cli;

/// <summary>
/// <c>export-neo4j --output-format parquet</c>: the neo4j-admin import files as Parquet (<c>--input-type=parquet</c>,
/// Neo4j 5.25+), with the CSV export's columns — names from <see cref="Neo4jAdminImportExporter"/>'s headers, typed by
/// their suffix (<c>:long</c> INT64, <c>:double</c> DOUBLE, <c>:boolean</c> BOOLEAN, else strings) — and its rows (every
/// account, every follow, one interaction per natural key: <see cref="KeptInteractions"/>).
/// </summary>
internal static class Neo4jParquetExport
{
    public static async Task<Neo4jAdminExportCounts> WriteAsync(InfluenceInput input, Stream accounts, Stream follows, Stream interactions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<string> ids = input.Ids.Ids;
        if (input.Follows.NodeCount > ids.Count)
            throw new ArgumentException($"The follow graph has {input.Follows.NodeCount} nodes but the id map only {ids.Count} ids.", nameof(input));

        string[] a = Columns(AccountsHeader);
        await ParquetTableWriter.WriteAsync(accounts, ids.Count, [TypedColumn.Text(a[0], i => ids[i]), TypedColumn.Text(a[1], _ => AccountLabel)],
            cancellationToken: cancellationToken);

        var graph = input.Follows;
        int[] source = new int[graph.EdgeCount], target = new int[graph.EdgeCount];
        int edge = 0;
        for (int v = 0; v < graph.NodeCount; v++)
            foreach (int t in graph.OutNeighbors(v))
            {
                source[edge] = v;
                target[edge++] = t;
            }
        string[] f = Columns(FollowsHeader);
        await ParquetTableWriter.WriteAsync(follows, edge,
            [TypedColumn.Text(f[0], i => ids[source[i]]), TypedColumn.Text(f[1], i => ids[target[i]]), TypedColumn.Text(f[2], _ => FollowsType),
             TypedColumn.Boolean(f[3], _ => true)], cancellationToken: cancellationToken);

        InteractionLog log = input.Interactions;
        int[] kept = KeptInteractions(input, out long duplicates);
        long? At(int i) => log.Timestamp[kept[i]] is var at && at == InteractionLog.NoTimestamp ? null : at;
        string[] c = Columns(InteractionsHeader);
        await ParquetTableWriter.WriteAsync(interactions, kept.Length,
        [
            TypedColumn.Text(c[0], i => ids[log.Source[kept[i]]]), TypedColumn.Text(c[1], i => ids[log.Target[kept[i]]]),
            TypedColumn.Text(c[2], _ => InteractedType), TypedColumn.Text(c[3], i => InteractionKey(log.Kind[kept[i]], At(i))),
            TypedColumn.Text(c[4], i => InteractionKinds.Name(log.Kind[kept[i]])), TypedColumn.NullableInteger(c[5], At),
            TypedColumn.Real(c[6], i => log.Weight[kept[i]]), TypedColumn.Real(c[7], i => log.Stance[kept[i]]),
        ], cancellationToken: cancellationToken);
        return new Neo4jAdminExportCounts(ids.Count, edge, kept.Length, duplicates);
    }
}
