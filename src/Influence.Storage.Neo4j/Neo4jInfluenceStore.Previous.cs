using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

// What a next run and a polling replica need of the latest run, without loading all of it.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    /// <remarks>One row: the run the <c>latestRun</c> pointer names (the rule <see cref="LoadLatestRunAsync"/> follows).</remarks>
    public async Task<RunInfo?> LatestCompletedRunAsync(CancellationToken cancellationToken = default) =>
        await LatestRunHeaderAsync(cancellationToken).ConfigureAwait(false) is var (info, _, _) ? info : null;

    /// <inheritdoc />
    /// <remarks>
    /// Reads the id, community and the two PageRank figures of each account (<c>store/read-previous-run</c>, in
    /// pages of the node batch size), not the whole run: no other figures, per-kind lists, links or communities.
    /// A figure missing on a result node (NaN is not stored) starts from nothing for that account, as in SQLite.
    /// </remarks>
    public async Task<PreviousRun?> LoadPreviousRunAsync(CancellationToken cancellationToken = default)
    {
        if (await LatestRunHeaderAsync(cancellationToken).ConfigureAwait(false) is not var (info, n, _)) return null;
        long runId = info.Id;
        var ids = new string[n];
        var community = new int[n];
        var pageRank = new double[n];
        var attention = new double[n];
        int expected = 0;
        for (int from = 0; from < n; from += _nodeBatch)
        {
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-previous-run"),
                new CypherParameters { { "run", runId }, { "from", from }, { "to", Math.Min(n, from + _nodeBatch) } },
                Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                int idx = checked((int)row.GetInt64("idx"));
                if (idx != expected)
                    throw new InvalidDataException($"Neo4j run {runId}: account results are not the dense ids 0..{n - 1} (found {idx} where {expected} was expected).");
                ids[idx] = row.GetString("account") ?? throw new InvalidDataException($"Neo4j run {runId}: account result {idx} has no account id.");
                community[idx] = row.IsNull("community") ? 0 : checked((int)row.GetInt64("community"));
                pageRank[idx] = FiniteOrZero(row, "pagerank");
                attention[idx] = FiniteOrZero(row, "attention");
                expected++;
            }
        }
        if (expected != n) throw new InvalidDataException($"Neo4j run {runId}: {expected} account results read, {n} recorded on the run.");
        AnalysisSummary summary = info.Summary ?? new AnalysisSummary();
        return new PreviousRun(ids, community, pageRank, attention, summary.FollowEdges + summary.InteractionEdges);
    }

    private static double FiniteOrZero(Neo4jRow row, string field)
    {
        if (row.IsNull(field)) return 0;
        double value = row.GetDouble(field);
        return double.IsFinite(value) ? value : 0;
    }
}
