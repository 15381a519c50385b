using System.Text.Json;

namespace Influence.Storage.Neo4j;

// Ingest: one explicit transaction per batch, rows sent in batches of parameters.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Same rules as the embedded store: follows first, then unfollows, then interactions; a repeated pair
    /// (or interaction key) inside the batch counts as unchanged. All requests of the batch share one
    /// explicit transaction (committed at the end, rolled back on any failure, retried whole on
    /// transient errors such as deadlocks).
    /// </remarks>
    public async Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        if (!IngestValidator.HasRowsToWrite(batch)) return IngestResult.None;

        var follows = DistinctBy(batch.Follows, static f => (f.Source, f.Target));
        var unfollows = DistinctBy(batch.Unfollows, static u => (u.Source, u.Target));
        var interactions = DistinctBy(batch.Interactions, static r => (r.Source, r.Target, r.Kind, r.Timestamp));
        var accountSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in follows) { accountSet.Add(f.Source); accountSet.Add(f.Target); }
        foreach (var r in interactions) { accountSet.Add(r.Source); accountSet.Add(r.Target); }
        string[] accounts = [.. accountSet];
        // One lock order for every writer: concurrent batches touching the same accounts wait instead of deadlocking.
        Array.Sort(accounts, StringComparer.Ordinal);

        var (followsAdded, unfollowed, interactionsAdded) = await _client.ExecuteInTransactionAsync(async (tx, ct) =>
        {
            for (int start = 0; start < accounts.Length; start += _nodeBatch)
            {
                int count = Math.Min(_nodeBatch, accounts.Length - start);
                using var _ = await tx.RunAsync(CypherScripts.Get("store/merge-accounts"),
                    new CypherParameters { { "ids", new ArraySegment<string>(accounts, start, count) } }, ct).ConfigureAwait(false);
            }
            long added = await RunBatchesAsync(tx, "store/merge-follows", "added", follows.Count,
                (w, i) => Neo4jRows.WriteFollow(w, follows[i]), ct).ConfigureAwait(false);
            long ended = await RunBatchesAsync(tx, "store/end-follows", "ended", unfollows.Count,
                (w, i) => Neo4jRows.WriteUnfollow(w, unfollows[i]), ct).ConfigureAwait(false);
            long interacted = await RunBatchesAsync(tx, "store/merge-interactions", "added", interactions.Count,
                (w, i) => Neo4jRows.WriteInteraction(w, interactions[i]), ct).ConfigureAwait(false);
            return (checked((int)added), checked((int)ended), checked((int)interacted));
        }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);

        int unchanged = batch.Count - followsAdded - unfollowed - interactionsAdded;
        return new IngestResult(followsAdded, unfollowed, interactionsAdded, unchanged);
    }

    private async Task<long> RunBatchesAsync(Neo4jTransaction tx, string script, string sumField, int rows,
        Action<Utf8JsonWriter, int> writeRow, CancellationToken ct)
    {
        long total = 0;
        for (int start = 0; start < rows; start += _relationshipBatch)
        {
            int count = Math.Min(_relationshipBatch, rows - start);
            using var result = await tx.RunAsync(CypherScripts.Get(script),
                new CypherParameters { { "rows", new RowsParameter(start, count, writeRow) } }, ct).ConfigureAwait(false);
            if (result.RowCount > 0 && !result.Row(0).IsNull(sumField)) total += result.Row(0).GetInt64(sumField);
        }
        return total;
    }

    private static List<T> DistinctBy<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key) where TKey : notnull
    {
        var seen = new HashSet<TKey>(items.Count);
        var list = new List<T>(items.Count);
        for (int i = 0; i < items.Count; i++)
            if (seen.Add(key(items[i]))) list.Add(items[i]);
        return list;
    }
}
