using System.Globalization;
using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

// Runs: begin, fail, complete (results written in the completing transaction), list.
public sealed partial class SqliteInfluenceStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The claim is one IMMEDIATE transaction, so processes sharing the file take it one after another: expired runs
    /// are failed, a run still running refuses the claim, else the new run is inserted. The partial unique index
    /// <c>runs_one_running</c> (migration 8) holds the rule even against a writer that skips these steps.
    /// </remarks>
    public Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) =>
        {
            var started = DateTimeOffset.UtcNow;
            FailExpiredRuns(c, tx, started);
            using (var held = Command(c, tx, $"SELECT {RunColumns} FROM runs WHERE state = 'running' ORDER BY id LIMIT 1;"))
            using (var reader = held.ExecuteReader())
            {
                if (reader.Read()) throw new RunInProgressException(ReadRunRow(reader));
            }
            using var cmd = Command(c, tx, """
                INSERT INTO runs(started_at, state, parameters_json, owner, lease_expires_at)
                VALUES ($at, 'running', $p, $owner, $lease) RETURNING id;
                """, "$at", "$p", "$owner", "$lease");
            cmd.Parameters[0].Value = FormatTime(started);
            cmd.Parameters[1].Value = (object?)parametersJson ?? DBNull.Value;
            cmd.Parameters[2].Value = RunLeases.CurrentOwner;
            cmd.Parameters[3].Value = FormatTime(started + RunLease);
            long id = (long)cmd.ExecuteScalar()!;
            return ReadRun(c, tx, id)!;
        }, cancellationToken);

    /// <inheritdoc />
    public Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync((c, tx) =>
        {
            RequireRunning(c, tx, runId);
            using var cmd = Command(c, tx, "UPDATE runs SET state = 'failed', error = $e WHERE id = $id;", "$e", "$id");
            cmd.Parameters[0].Value = error;
            cmd.Parameters[1].Value = runId;
            cmd.ExecuteNonQuery();
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RunResultShape.Validate(result);
        return WriteAsync((c, tx) => CompleteRun(c, tx, runId, result, progress, cancellationToken), cancellationToken);
    }

    private RunInfo CompleteRun(SqliteConnection c, SqliteTransaction tx, long runId, InfluenceAnalysisResult result,
        IProgress<double>? progress, CancellationToken ct)
    {
        RequireRunning(c, tx, runId);
        int n = result.Accounts.Length;
        double total = Math.Max(1, (long)n + result.Defenders.Length + result.Critics.Length + result.Communities.Length);
        long done = 0;

        WriteAccountRows(c, tx, runId, result, progress, ref done, total, ct);
        WriteLinks(c, "run_defenders", "defender", runId, result.Defenders, progress, ref done, total, ct);
        WriteLinks(c, "run_critics", "critic", runId, result.Critics, progress, ref done, total, ct);
        WriteCommunities(c, tx, runId, result.Communities, progress, ref done, total, ct);

        ct.ThrowIfCancellationRequested();
        var completed = DateTimeOffset.UtcNow;
        using (var cmd = Command(c, tx, """
            UPDATE runs SET state = 'completed', completed_at = $at, summary_json = $s, thresholds_json = $t WHERE id = $id;
            """, "$at", "$s", "$t", "$id"))
        {
            cmd.Parameters[0].Value = FormatTime(completed);
            cmd.Parameters[1].Value = StoreJson.SerializeSummary(result.Summary);
            cmd.Parameters[2].Value = StoreJson.SerializeThresholds(result.Thresholds);
            cmd.Parameters[3].Value = runId;
            cmd.ExecuteNonQuery();
        }
        progress?.Report(1.0);
        return ReadRun(c, tx, runId) ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
    }

    /// <summary>One <c>run_accounts</c> row per account of the result (accounts created as needed).</summary>
    private void WriteAccountRows(SqliteConnection c, SqliteTransaction tx, long runId, InfluenceAnalysisResult result,
        IProgress<double>? progress, ref long done, double total, CancellationToken ct)
    {
        int n = result.Accounts.Length;
        using (var accounts = new AccountResolver(this, c))
        using (var insert = new RawStatement(c, RunAccountInsertSql))
        {
            if (n > 10_000 && _accountKeys.Count < n / 2) WarmAccountCache(c, tx);
            insert.Bind(1, runId);
            int k = InteractionKinds.Count;
            AccountMetric[] metrics = StoredMetrics;
            int firstKind = FirstMetricParameter + metrics.Length;
            for (int node = 0; node < n; node++)
            {
                ref readonly AccountMetrics m = ref result.Accounts[node];
                insert.Bind(2, node);
                insert.Bind(3, accounts.GetOrCreate(result.AccountIds[node]));
                for (int i = 0; i < metrics.Length; i++)
                {
                    AccountMetric metric = metrics[i];
                    double value = metric.Get(in m);
                    if (metric.Kind == MetricKind.Real) insert.Bind(FirstMetricParameter + i, value);
                    else if (metric.Kind == MetricKind.Integer) insert.Bind(FirstMetricParameter + i, (long)value);
                    else insert.Bind(FirstMetricParameter + i, metric.NameOf(value));
                }
                for (int kind = 0; kind < k; kind++)
                {
                    insert.Bind(firstKind + kind, result.ReceivedByKind[node * k + kind]);
                    insert.Bind(firstKind + k + kind, result.GivenByKind[node * k + kind]);
                }
                insert.Execute();
                if (++done % 8192 == 0) Report(progress, done / total, ct);
            }
        }
    }

    private static void WriteCommunities(SqliteConnection c, SqliteTransaction tx, long runId, CommunitySummary[] communities,
        IProgress<double>? progress, ref long done, double total, CancellationToken ct)
    {
        using (var cmd = Command(c, tx, """
            INSERT INTO run_communities(run_id, ordinal, community, size, internal_follows, density, reciprocity, engagement_inside, top_accounts_json)
            VALUES ($r, $o, $c, $s, $f, $d, $rc, $e, $top);
            """, "$r", "$o", "$c", "$s", "$f", "$d", "$rc", "$e", "$top"))
        {
            var p = cmd.Parameters;
            p[0].Value = runId;
            for (int i = 0; i < communities.Length; i++)
            {
                var community = communities[i];
                p[1].Value = i;
                p[2].Value = community.Id;
                p[3].Value = community.Size;
                p[4].Value = community.InternalFollows;
                p[5].Value = Real(community.Density);
                p[6].Value = Real(community.Reciprocity);
                p[7].Value = Real(community.EngagementInside);
                p[8].Value = StoreJson.SerializeIds(community.TopAccounts ?? []);
                cmd.ExecuteNonQuery();
                if (++done % 8192 == 0) Report(progress, done / total, ct);
            }
        }
    }

    private static void WriteLinks(SqliteConnection c, string table, string column, long runId,
        DefenderLink[] links, IProgress<double>? progress, ref long done, double total, CancellationToken ct)
    {
        using var insert = new RawStatement(c, $"""
            INSERT INTO {table}(run_id, ordinal, target, {column}, strength, interactions, active_periods, target_follows_back, target_engages_back, mean_stance)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);
            """);
        insert.Bind(1, runId);
        for (int i = 0; i < links.Length; i++)
        {
            ref readonly DefenderLink link = ref links[i];
            insert.Bind(2, i);
            insert.Bind(3, link.Target);
            insert.Bind(4, link.Defender);
            insert.Bind(5, link.Strength);
            insert.Bind(6, link.Interactions);
            insert.Bind(7, link.ActivePeriods);
            insert.Bind(8, link.TargetFollowsBack ? 1 : 0);
            insert.Bind(9, link.TargetEngagesBack ? 1 : 0);
            insert.Bind(10, link.MeanStance);
            insert.Execute();
            if (++done % 8192 == 0) Report(progress, done / total, ct);
        }
    }

    /// <summary>Every metric of the schema, one <c>run_accounts</c> column each (named as the metric).</summary>
    private static readonly AccountMetric[] StoredMetrics = [.. AccountMetricSchema.All];

    /// <summary>Parameter of the first metric in <see cref="RunAccountInsertSql"/> (after run_id, node, account).</summary>
    private const int FirstMetricParameter = 4;

    /// <summary><c>run_accounts</c> columns in insert order: keys, the schema's metrics, then engagement per kind.</summary>
    private static readonly string[] RunAccountColumns =
    [
        "run_id", "node", "account", .. StoredMetrics.Select(m => m.Name),
        .. InteractionKinds.All.Select(kind => "received_" + InteractionKinds.Name(kind)),
        .. InteractionKinds.All.Select(kind => "given_" + InteractionKinds.Name(kind)),
    ];

    private static readonly string RunAccountInsertSql =
        $"INSERT INTO run_accounts({string.Join(", ", RunAccountColumns)}) VALUES ({string.Join(", ", Enumerable.Range(1, RunAccountColumns.Length).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))});";

    /// <summary>
    /// Loads every account key into the cache (up to its limit) before a large result is written, so that a
    /// freshly started process does not pay two statements per account to find keys that already exist.
    /// </summary>
    private void WarmAccountCache(SqliteConnection c, SqliteTransaction tx)
    {
        using var cmd = Command(c, tx, "SELECT id, external_id FROM accounts;");
        using var reader = cmd.ExecuteReader();
        while (reader.Read() && _accountKeys.Count < AccountCacheLimit)
            _accountKeys[reader.GetString(1)] = reader.GetInt64(0);
    }

    private static void RequireRunning(SqliteConnection c, SqliteTransaction tx, long runId)
    {
        using var cmd = Command(c, tx, "SELECT state FROM runs WHERE id = $id;", "$id");
        cmd.Parameters[0].Value = runId;
        string? state = cmd.ExecuteScalar() as string;
        if (state is null) throw new KeyNotFoundException($"Run {runId} does not exist.");
        if (state != "running") throw new InvalidOperationException($"Run {runId} is {state}, not running: it cannot be completed or failed again.");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunInfo>>(c =>
        {
            using var cmd = Command(c, null, $"SELECT {RunColumns} FROM runs ORDER BY id DESC;");
            using var reader = cmd.ExecuteReader();
            var runs = new List<RunInfo>();
            while (reader.Read()) runs.Add(ReadRunRow(reader));
            return runs;
        }, cancellationToken);

    private const string RunColumns = "id, started_at, completed_at, state, parameters_json, summary_json, error, owner, lease_expires_at";

    private static RunInfo? ReadRun(SqliteConnection c, SqliteTransaction? tx, long runId)
    {
        using var cmd = Command(c, tx, $"SELECT {RunColumns} FROM runs WHERE id = $id;", "$id");
        cmd.Parameters[0].Value = runId;
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadRunRow(reader) : null;
    }

    private static RunInfo ReadRunRow(SqliteDataReader r) =>
        new(r.GetInt64(0), ParseTime(r.GetString(1)), r.IsDBNull(2) ? null : ParseTime(r.GetString(2)), r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : StoreJson.DeserializeSummary(r.GetString(5)))
        {
            Error = r.IsDBNull(6) ? null : r.GetString(6),
            Owner = r.IsDBNull(7) ? null : r.GetString(7),
            LeaseExpiresAt = r.IsDBNull(8) ? null : ParseTime(r.GetString(8)),
        };
}
