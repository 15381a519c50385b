namespace Influence.Storage.Neo4j;

// Run ownership: each :AnalysisRun records its owner (pid@host) and a lease the owner renews; runs whose
// lease expired are failed by whoever looks next. Leases compare Neo4j datetimes written from each
// process's UTC clock: hosts sharing a database need clocks within a fraction of the lease.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan RunLease { get; init => field = RunLeases.Checked(value); } = RunLeases.Default;

    /// <inheritdoc />
    public async Task RenewRunLeaseAsync(long runId, CancellationToken cancellationToken = default)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/renew-run-lease"),
            new CypherParameters { { "run", runId }, { "leaseExpiresAt", DateTimeOffset.UtcNow + RunLease } },
            Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
        if (result.RowCount == 0) throw new KeyNotFoundException($"Run {runId} does not exist.");
        if (result.Row(0).GetString("state") == "failed")
            throw new InvalidOperationException($"Run {runId} was marked failed meanwhile ({result.Row(0).GetString("error")}); its lease cannot be renewed.");
    }

    /// <inheritdoc />
    /// <remarks>Partial per-run results of the failed runs are deleted, as <see cref="FailRunAsync"/> does.</remarks>
    public async Task<IReadOnlyList<RunInfo>> FailExpiredRunsAsync(CancellationToken cancellationToken = default)
    {
        var runs = new List<RunInfo>();
        using (var result = await _client.RunAsync(CypherScripts.Get("store/fail-expired-runs"),
                   new CypherParameters { { "now", DateTimeOffset.UtcNow }, { "by", RunLeases.CurrentOwner } },
                   Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in result.Rows) runs.Add(ReadRunInfo(row));
        }
        await ClearAbandonedResultsAsync(runs.Select(r => r.Id), cancellationToken).ConfigureAwait(false);
        return runs;
    }

    /// <summary>Deletes the partial per-run results of runs failed because their lease expired.</summary>
    private async Task ClearAbandonedResultsAsync(IEnumerable<long> runIds, CancellationToken cancellationToken)
    {
        foreach (long id in runIds)
        {
            await DeleteRunResultsAsync(id, cancellationToken).ConfigureAwait(false);
            using var _ = await _client.RunAsync(CypherScripts.Get("store/mark-run-pruned"),
                new CypherParameters { { "run", id } }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
        }
    }
}
