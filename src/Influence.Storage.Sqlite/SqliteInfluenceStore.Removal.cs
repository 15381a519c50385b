using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

// Removal: delete follows / interactions by filter, audited in the removals table, one transaction.
public sealed partial class SqliteInfluenceStore
{
    // Every condition is optional ($x IS NULL); accounts are matched by their external id.
    private const string FilterAccounts = """
        ($account IS NULL OR source = (SELECT id FROM accounts WHERE external_id = $account)
                          OR target = (SELECT id FROM accounts WHERE external_id = $account))
        AND ($source IS NULL OR source = (SELECT id FROM accounts WHERE external_id = $source))
        AND ($target IS NULL OR target = (SELECT id FROM accounts WHERE external_id = $target))
        """;

    private static readonly string s_removeInteractionsSql = $"""
        DELETE FROM interactions WHERE {FilterAccounts}
        AND ($kind IS NULL OR kind = $kind)
        AND ($from IS NULL OR (timestamp <> {SqliteSchema.UnknownTimestamp} AND timestamp >= $from))
        AND ($to IS NULL OR (timestamp <> {SqliteSchema.UnknownTimestamp} AND timestamp < $to))
        AND ($weightAbove IS NULL OR weight > $weightAbove);
        """;

    private static readonly string s_removeFollowsSql = $"""
        DELETE FROM follows WHERE {FilterAccounts}
        AND ($from IS NULL OR (since IS NOT NULL AND since >= $from))
        AND ($to IS NULL OR (since IS NOT NULL AND since < $to));
        """;

    private static readonly string[] s_filterParameters = ["$account", "$source", "$target", "$kind", "$from", "$to", "$weightAbove"];

    /// <inheritdoc />
    public Task<RemovalRecord> RemoveAsync(RemovalFilter filter, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        filter.Validate();
        return WriteAsync((c, tx) =>
        {
            long interactions = filter.Interactions ? Delete(c, tx, s_removeInteractionsSql, filter) : 0;
            long follows = filter.Follows ? Delete(c, tx, s_removeFollowsSql, filter) : 0;
            _graphChangedInTransaction = follows + interactions > 0;
            var at = DateTimeOffset.UtcNow;
            using var audit = Command(c, tx, """
                INSERT INTO removals(at, actor, filter_json, follows_removed, interactions_removed)
                VALUES ($at, $actor, $filter, $follows, $interactions) RETURNING id;
                """, "$at", "$actor", "$filter", "$follows", "$interactions");
            audit.Parameters[0].Value = FormatTime(at);
            audit.Parameters[1].Value = actor;
            audit.Parameters[2].Value = filter.ToJson();
            audit.Parameters[3].Value = follows;
            audit.Parameters[4].Value = interactions;
            long id = (long)audit.ExecuteScalar()!;
            return new RemovalRecord(id, ParseTime(FormatTime(at)), actor, filter.ToJson(), follows, interactions);
        }, cancellationToken);
    }

    private static long Delete(SqliteConnection c, SqliteTransaction tx, string sql, RemovalFilter filter)
    {
        using var cmd = Command(c, tx, sql, s_filterParameters);
        object?[] values = [filter.Account, filter.Source, filter.Target, filter.Kind is { } k ? (int)k : null, filter.From, filter.To, filter.WeightAbove];
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RemovalRecord>> ListRemovalsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<RemovalRecord>>(c =>
        {
            using var cmd = Command(c, null, """
                SELECT id, at, actor, filter_json, follows_removed, interactions_removed
                FROM removals ORDER BY id DESC LIMIT $limit;
                """, "$limit");
            cmd.Parameters[0].Value = limit;
            using var r = cmd.ExecuteReader();
            var list = new List<RemovalRecord>();
            while (r.Read())
                list.Add(new RemovalRecord(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5)));
            return list;
        }, cancellationToken);
    }
}
