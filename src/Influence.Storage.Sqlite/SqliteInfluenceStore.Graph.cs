using Influence.Core.Graph;
using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

// Graph reads: every account, active follow and interaction into the kernel's form, in one read transaction.
public sealed partial class SqliteInfluenceStore
{
    /// <inheritdoc />
    public Task<InfluenceInput> ReadGraphAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        ReadAsync(c => ReadGraph(c, progress, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<long?> GraphVersionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<long?>(c => ScalarLong(c, null, "SELECT version FROM graph_version WHERE id = 1;"), cancellationToken);

    private static InfluenceInput ReadGraph(SqliteConnection c, IProgress<double>? progress, CancellationToken ct)
    {
        using var tx = c.BeginTransaction(deferred: true);
        long accountCount = ScalarLong(c, tx, "SELECT count(*) FROM accounts;");
        long maxKey = ScalarLong(c, tx, "SELECT coalesce(max(id), 0) FROM accounts;");
        long followCount = ScalarLong(c, tx, "SELECT count(*) FROM follows WHERE active = 1;");
        long interactionCount = ScalarLong(c, tx, "SELECT count(*) FROM interactions;");
        if (accountCount > Array.MaxLength || maxKey >= Array.MaxLength || followCount > Array.MaxLength || interactionCount > Array.MaxLength)
            throw new InvalidOperationException($"Graph too large for the in-memory kernel: {accountCount} accounts, {followCount} follows, {interactionCount} interactions.");
        double total = Math.Max(1, accountCount + followCount + interactionCount);
        long done = 0;

        var ids = new IdMap((int)accountCount);
        int[] denseOfKey = new int[maxKey + 1];
        Array.Fill(denseOfKey, -1);
        using (var accounts = new RawStatement(c, "SELECT id, external_id FROM accounts ORDER BY id;"))
        {
            while (accounts.Step())
            {
                denseOfKey[accounts.Int64(0)] = ids.GetOrAdd(accounts.Text(1));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }

        var builder = new GraphBuilder(ids, weighted: false, edgeCapacity: (int)followCount);
        using (var follows = new RawStatement(c, "SELECT source, target, since FROM follows WHERE active = 1;"))
        {
            while (follows.Step())
            {
                builder.AddTimedEdge(Dense(denseOfKey, follows.Int64(0)), Dense(denseOfKey, follows.Int64(1)), follows.Int64OrNull(2));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }

        var log = new InteractionLog((int)interactionCount);
        using (var interactions = new RawStatement(c, "SELECT source, target, kind, timestamp, weight, stance FROM interactions;"))
        {
            while (interactions.Step())
            {
                log.Add(Dense(denseOfKey, interactions.Int64(0)), Dense(denseOfKey, interactions.Int64(1)),
                    (InteractionKind)interactions.Int64(2), interactions.Int64(3), interactions.RealOrNaN(4), interactions.RealOrNaN(5));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }
        tx.Commit();
        var graph = builder.Build(ids.Count);
        progress?.Report(1.0);
        return new InfluenceInput(ids, graph, log);
    }

    private static int Dense(int[] denseOfKey, long key)
    {
        int node = (ulong)key < (ulong)denseOfKey.Length ? denseOfKey[key] : -1;
        if (node < 0) throw new InvalidDataException($"Store refers to account key {key}, which is not in the accounts table.");
        return node;
    }

    private static void Report(IProgress<double>? progress, double fraction, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        progress?.Report(Math.Min(fraction, 1.0));
    }
}
