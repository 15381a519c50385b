using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

// Results: the latest completed run rebuilt exactly from its rows.
public sealed partial class SqliteInfluenceStore
{
    /// <inheritdoc />
    public Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(c => LoadLatestRun(c, cancellationToken), cancellationToken);

    private static (RunInfo Run, InfluenceAnalysisResult Result)? LoadLatestRun(SqliteConnection c, CancellationToken ct)
    {
        using var tx = c.BeginTransaction(deferred: true);
        long runId;
        string? thresholdsJson;
        using (var cmd = Command(c, tx, """
            SELECT id, thresholds_json FROM runs WHERE state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1;
            """))
        using (var reader = cmd.ExecuteReader())
        {
            if (!reader.Read()) return null;
            runId = reader.GetInt64(0);
            thresholdsJson = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        var run = ReadRun(c, tx, runId)!;

        var (accountIds, metrics, received, given) = ReadAccountRows(c, tx, runId, ct);
        var defenders = ReadLinks(c, "run_defenders", "defender", runId);
        var critics = ReadLinks(c, "run_critics", "critic", runId);
        var communities = ReadCommunities(c, tx, runId);
        tx.Commit();

        var result = new InfluenceAnalysisResult
        {
            AccountIds = accountIds,
            Accounts = metrics,
            ReceivedByKind = received,
            GivenByKind = given,
            Thresholds = StoreJson.DeserializeThresholds(thresholdsJson),
            Defenders = defenders,
            Critics = critics,
            Communities = communities,
            Summary = run.Summary ?? new AnalysisSummary(),
        };
        return (run, result);
    }

    /// <inheritdoc />
    /// <remarks>Reads only the four columns a next run needs (a tenth of <see cref="LoadLatestRunAsync"/>'s work).</remarks>
    public Task<PreviousRun?> LoadPreviousRunAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(c => LoadPreviousRun(c, cancellationToken), cancellationToken);

    private static PreviousRun? LoadPreviousRun(SqliteConnection c, CancellationToken ct)
    {
        using var tx = c.BeginTransaction(deferred: true);
        long runId;
        using (var cmd = Command(c, tx, "SELECT id FROM runs WHERE state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1;"))
        {
            if (cmd.ExecuteScalar() is not long id) return null;
            runId = id;
        }
        AnalysisSummary summary = ReadRun(c, tx, runId)!.Summary ?? new AnalysisSummary();
        int n = checked((int)ScalarLong(c, tx, $"SELECT count(*) FROM run_accounts WHERE run_id = {runId};"));
        var ids = new string[n];
        var community = new int[n];
        var pageRank = new double[n];
        var attention = new double[n];
        using (var r = new RawStatement(c, """
            SELECT a.external_id, ra.community, ra.pagerank, ra.attention
            FROM run_accounts ra JOIN accounts a ON a.id = ra.account
            WHERE ra.run_id = ?1 ORDER BY ra.node;
            """))
        {
            r.Bind(1, runId);
            int i = 0;
            while (r.Step() && i < n)
            {
                ids[i] = r.Text(0);
                community[i] = r.Int32(1);
                // NULL (NaN) scores of runs stored before attention existed: start from nothing for that account.
                double pr = r.RealOrNaN(2), at = r.RealOrNaN(3);
                pageRank[i] = double.IsFinite(pr) ? pr : 0;
                attention[i] = double.IsFinite(at) ? at : 0;
                if ((++i & 8191) == 0) ct.ThrowIfCancellationRequested();
            }
            if (i != n) throw new InvalidDataException($"Run {runId}: {i} account rows read, {n} counted.");
        }
        tx.Commit();
        return new PreviousRun(ids, community, pageRank, attention, summary.FollowEdges + summary.InteractionEdges);
    }

    private static (string[] AccountIds, AccountMetrics[] Metrics, double[] Received, double[] Given) ReadAccountRows(
        SqliteConnection c, SqliteTransaction tx, long runId, CancellationToken ct)
    {
        int n = checked((int)ScalarLong(c, tx, $"SELECT count(*) FROM run_accounts WHERE run_id = {runId};"));
        int k = InteractionKinds.Count;
        var accountIds = new string[n];
        var metrics = new AccountMetrics[n];
        var received = new double[n * k];
        var given = new double[n * k];
        string columns = string.Join(", ", RunAccountColumns.Skip(3).Select(col => "ra." + col));
        using (var r = new RawStatement(c, $"""
            SELECT ra.node, a.external_id, {columns}
            FROM run_accounts ra JOIN accounts a ON a.id = ra.account
            WHERE ra.run_id = ?1 ORDER BY ra.node;
            """))
        {
            r.Bind(1, runId);
            AccountMetric[] stored = StoredMetrics;
            int firstKind = 2 + stored.Length;
            int expected = 0;
            while (r.Step())
            {
                int node = r.Int32(0);
                if (node != expected) throw new InvalidDataException($"Run {runId}: account rows are not the dense ids 0..{n - 1} (found {node} where {expected} was expected).");
                accountIds[node] = r.Text(1);
                ref AccountMetrics m = ref metrics[node];
                for (int i = 0; i < stored.Length; i++)
                {
                    AccountMetric metric = stored[i];
                    int column = 2 + i;
                    if (metric.Kind == MetricKind.Real) metric.Set(ref m, r.RealOrNaN(column));
                    else if (metric.Kind == MetricKind.Integer) metric.Set(ref m, r.Int32(column));
                    else
                    {
                        string name = r.Text(column);
                        metric.Set(ref m, metric.TryParseName(name, out double value) ? value
                            : throw new InvalidDataException($"Run {runId}, account '{accountIds[node]}': unknown {metric.Name} '{name}'."));
                    }
                }
                for (int kind = 0; kind < k; kind++)
                {
                    received[node * k + kind] = r.RealOrNaN(firstKind + kind);
                    given[node * k + kind] = r.RealOrNaN(firstKind + k + kind);
                }
                expected++;
                if ((expected & 8191) == 0) ct.ThrowIfCancellationRequested();
            }
            if (expected != n) throw new InvalidDataException($"Run {runId}: {expected} account rows read, {n} counted.");
        }
        return (accountIds, metrics, received, given);
    }

    private static CommunitySummary[] ReadCommunities(SqliteConnection c, SqliteTransaction tx, long runId)
    {
        var communities = new List<CommunitySummary>();
        using (var cmd = Command(c, tx, """
            SELECT community, size, internal_follows, density, reciprocity, engagement_inside, top_accounts_json
            FROM run_communities WHERE run_id = $r ORDER BY ordinal;
            """, "$r"))
        {
            cmd.Parameters[0].Value = runId;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                communities.Add(new CommunitySummary(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2), RealAt(r, 3), RealAt(r, 4),
                    RealAt(r, 5), StoreJson.DeserializeIds(r.GetString(6))));
        }
        return communities.ToArray();
    }

    private static DefenderLink[] ReadLinks(SqliteConnection c, string table, string column, long runId)
    {
        var links = new List<DefenderLink>();
        using var r = new RawStatement(c, $"""
            SELECT target, {column}, strength, interactions, active_periods, target_follows_back, target_engages_back, mean_stance
            FROM {table} WHERE run_id = ?1 ORDER BY ordinal;
            """);
        r.Bind(1, runId);
        while (r.Step())
            links.Add(new DefenderLink(r.Int32(0), r.Int32(1), r.RealOrNaN(2), r.RealOrNaN(3), r.Int32(4),
                r.Int64(5) != 0, r.Int64(6) != 0, r.RealOrNaN(7)));
        return links.ToArray();
    }
}
