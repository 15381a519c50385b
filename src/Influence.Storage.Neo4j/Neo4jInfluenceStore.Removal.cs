using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

// Removal: delete follows / interactions by filter and record the removal (:Removal node), one transaction.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    public async Task<RemovalRecord> RemoveAsync(RemovalFilter filter, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        filter.Validate();
        DateTimeOffset at = DateTimeOffset.UtcNow;
        string filterJson = filter.ToJson();
        return await _client.ExecuteInTransactionAsync(async (tx, ct) =>
        {
            long interactions = 0, follows = 0;
            if (filter.Interactions)
            {
                using var removed = await tx.RunAsync(CypherScripts.Get("store/remove-interactions"), Parameters(filter, withInteractionFields: true), ct).ConfigureAwait(false);
                interactions = removed.RowCount > 0 ? removed.Row(0).GetInt64("removed") : 0;
            }
            if (filter.Follows)
            {
                using var removed = await tx.RunAsync(CypherScripts.Get("store/remove-follows"), Parameters(filter, withInteractionFields: false), ct).ConfigureAwait(false);
                follows = removed.RowCount > 0 ? removed.Row(0).GetInt64("removed") : 0;
            }
            using var audit = await tx.RunAsync(CypherScripts.Get("store/record-removal"), new CypherParameters
            {
                { "at", at }, { "actor", actor }, { "filter", filterJson },
                { "followsRemoved", follows }, { "interactionsRemoved", interactions },
            }, ct).ConfigureAwait(false);
            return new RemovalRecord(audit.Row(0).GetInt64("id"), at, actor, filterJson, follows, interactions);
        }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
    }

    private static CypherParameters Parameters(RemovalFilter filter, bool withInteractionFields)
    {
        var parameters = new CypherParameters
        {
            { "account", filter.Account }, { "source", filter.Source }, { "target", filter.Target },
            { "from", filter.From }, { "to", filter.To },
        };
        if (withInteractionFields)
        {
            parameters.Add("kind", filter.Kind is { } kind ? InteractionKinds.Name(kind) : null);
            parameters.Add("weightAbove", filter.WeightAbove);
        }
        return parameters;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RemovalRecord>> ListRemovalsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var result = await _client.RunAsync(CypherScripts.Get("store/list-removals"), new CypherParameters { { "limit", limit } },
            Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false);
        var list = new List<RemovalRecord>(result.RowCount);
        for (int i = 0; i < result.RowCount; i++)
        {
            var row = result.Row(i);
            list.Add(new RemovalRecord(row.GetInt64("id"), ParseInstant(row.GetString("at")) ?? DateTimeOffset.MinValue, row.GetString("actor") ?? "",
                row.GetString("filter") ?? "{}", row.GetInt64("followsRemoved"), row.GetInt64("interactionsRemoved")));
        }
        return list;
    }
}
