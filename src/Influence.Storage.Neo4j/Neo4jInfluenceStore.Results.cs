using System.Text.Json;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

// Results: the latest completed run rebuilt from its per-run result nodes.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    public async Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default)
    {
        if (await LatestRunHeaderAsync(cancellationToken).ConfigureAwait(false) is not var (info, n, thresholdsJson)) return null;
        long runId = info.Id;

        var (accountIds, accounts, received, given) = await ReadAccountResultsAsync(runId, n, cancellationToken).ConfigureAwait(false);
        var (defenders, critics) = await ReadLinksAsync(runId, n, cancellationToken).ConfigureAwait(false);
        var communities = await ReadCommunitiesAsync(runId, cancellationToken).ConfigureAwait(false);
        var thresholds = thresholdsJson is null
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize(thresholdsJson, Neo4jJsonContext.Default.DictionaryStringDouble) ?? [];
        var result = new InfluenceAnalysisResult
        {
            AccountIds = accountIds,
            Accounts = accounts,
            ReceivedByKind = received,
            GivenByKind = given,
            Thresholds = new RoleThresholds(thresholds),
            Defenders = defenders,
            Critics = critics,
            Communities = communities,
            Summary = info.Summary ?? new AnalysisSummary(),
        };
        return (info, result);
    }

    /// <summary>The run the <c>latestRun</c> pointer names, its account count and thresholds; null when none.</summary>
    private async Task<(RunInfo Info, int Accounts, string? ThresholdsJson)?> LatestRunHeaderAsync(CancellationToken ct)
    {
        using var latest = await _client.RunAsync(CypherScripts.Get("store/latest-run"), null, Neo4jAccessMode.Read, ct).ConfigureAwait(false);
        if (latest.RowCount == 0) return null;
        var row = latest.Row(0);
        return (ReadRunInfo(row), row.IsNull("accounts") ? 0 : checked((int)row.GetInt64("accounts")), row.GetString("thresholds"));
    }

    private async Task<(string[] AccountIds, AccountMetrics[] Accounts, double[] Received, double[] Given)> ReadAccountResultsAsync(
        long runId, int n, CancellationToken ct)
    {
        var accountIds = new string[n];
        var accounts = new AccountMetrics[n];
        var received = new double[(long)n * InteractionKinds.Count];
        var given = new double[(long)n * InteractionKinds.Count];
        int expected = 0;
        for (int from = 0; from < n; from += _nodeBatch)
        {
            int to = Math.Min(n, from + _nodeBatch);
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-account-results"),
                new CypherParameters { { "run", runId }, { "from", from }, { "to", to } }, Neo4jAccessMode.Read, ct)
                .ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                int idx = checked((int)row.GetInt64("idx"));
                if (idx != expected)
                    throw new InvalidDataException($"Neo4j run {runId}: account results are not the dense ids 0..{n - 1} (found {idx} where {expected} was expected).");
                string account = row.GetString("account") ?? throw new InvalidDataException($"Neo4j run {runId}: account result {idx} has no account id.");
                var props = row["props"];
                accountIds[idx] = account;
                accounts[idx] = Neo4jRows.ReadMetrics(props, account, runId);
                Neo4jRows.ReadPerKind(props, "receivedByKind", received, idx);
                Neo4jRows.ReadPerKind(props, "givenByKind", given, idx);
                expected++;
            }
        }
        if (expected != n) throw new InvalidDataException($"Neo4j run {runId}: {expected} account results read, {n} recorded on the run.");
        return (accountIds, accounts, received, given);
    }

    /// <summary>Defender and critic links of the run, in the order the result held them.</summary>
    private async Task<(DefenderLink[] Defenders, DefenderLink[] Critics)> ReadLinksAsync(long runId, int n, CancellationToken ct)
    {
        var defenders = new List<(long Ord, DefenderLink Link)>();
        var critics = new List<(long Ord, DefenderLink Link)>();
        for (int from = 0; from < n; from += _nodeBatch)
        {
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-links"),
                new CypherParameters { { "run", runId }, { "from", from }, { "to", Math.Min(n, from + _nodeBatch) } },
                Neo4jAccessMode.Read, ct).ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                var props = row["props"];
                var link = Neo4jRows.ReadLink(checked((int)row.GetInt64("target")), checked((int)row.GetInt64("defender")), props);
                (row.GetString("type") == "CRITICISES" ? critics : defenders).Add((Neo4jRows.Ord(props), link));
            }
        }
        defenders.Sort(CompareLinks);
        critics.Sort(CompareLinks);
        return ([.. defenders.Select(static d => d.Link)], [.. critics.Select(static d => d.Link)]);
    }

    private async Task<CommunitySummary[]> ReadCommunitiesAsync(long runId, CancellationToken ct)
    {
        var communities = new List<(long Ord, CommunitySummary Community)>();
        using (var page = await _client.RunAsync(CypherScripts.Get("store/read-communities"),
                   new CypherParameters { { "run", runId } }, Neo4jAccessMode.Read, ct).ConfigureAwait(false))
        {
            foreach (var row in page.Rows) communities.Add((Neo4jRows.Ord(row["props"]), Neo4jRows.ReadCommunity(row["props"])));
        }
        communities.Sort(static (a, b) => a.Ord.CompareTo(b.Ord));
        return [.. communities.Select(static c => c.Community)];
    }

    /// <summary>The order of the stored result; without positions: by target, then strength descending, then defender.</summary>
    private static int CompareLinks((long Ord, DefenderLink Link) x, (long Ord, DefenderLink Link) y)
    {
        if (x.Ord != y.Ord) return x.Ord.CompareTo(y.Ord);
        var (a, b) = (x.Link, y.Link);
        int c = a.Target.CompareTo(b.Target);
        if (c != 0) return c;
        c = b.Strength.CompareTo(a.Strength);
        return c != 0 ? c : a.Defender.CompareTo(b.Defender);
    }
}
