using System.Text.Json;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

// Runs: begin, complete (per-run results, write-back, flip, prune), fail, list.
public sealed partial class Neo4jInfluenceStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One statement (<c>cypher/store/begin-run.cypher</c>): it locks the runs state node first, so claims from every
    /// process take turns, fails expired runs, then creates the run only when none is still running. The partial
    /// per-run results of the runs it failed are deleted afterwards, as <see cref="FailExpiredRunsAsync"/> does.
    /// </remarks>
    public async Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        RunInfo run;
        bool claimed;
        var takenOver = new List<long>();
        using (var result = await _client.RunAsync(CypherScripts.Get("store/begin-run"),
                   new CypherParameters
                   {
                       { "startedAt", started }, { "parameters", parametersJson },
                       { "owner", RunLeases.CurrentOwner }, { "leaseExpiresAt", started + RunLease },
                   },
                   Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            Neo4jRow row = result.Single();
            run = ReadRunInfo(row);
            claimed = row.GetBoolean("claimed");
            if (row.HasField("takenOver") && row["takenOver"].ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var id in row["takenOver"].EnumerateArray()) takenOver.Add(Neo4jRow.AsInt64(id));
        }
        await ClearAbandonedResultsAsync(takenOver, cancellationToken).ConfigureAwait(false);
        return claimed ? run : throw new RunInProgressException(run);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Steps: per-run results keyed by run id (batched, invisible to the store's readers), the GDS-style
    /// write-back onto <c>:Account</c> and the written-back DEFENDS / CRITICISES links, then the flip (run
    /// completed + latestRun pointer, one statement), then deletion of per-run results older than the
    /// previous latest run. <see cref="LoadLatestRunAsync"/> returns the previous run until the flip.
    /// </remarks>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    /// <exception cref="ArgumentException">The result is inconsistent (nothing written).</exception>
    public async Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RunResultShape.Validate(result);
        CheckFinitePerKind(result.ReceivedByKind, nameof(result.ReceivedByKind));
        CheckFinitePerKind(result.GivenByKind, nameof(result.GivenByKind));
        await RequireRunningAsync(runId, cancellationToken).ConfigureAwait(false);

        int n = result.Accounts.Length;
        double total = Math.Max(1.0, 2.0 * n + 2.0 * (result.Defenders.Length + result.Critics.Length) + result.Communities.Length);
        double done = 0;
        void Advance(double amount)
        {
            done += amount;
            progress?.Report(Math.Min(1.0, done / total));
        }

        await StoreResultsAsync(runId, result, Advance, cancellationToken).ConfigureAwait(false);
        await WriteBackAsync(runId, result, Advance, cancellationToken).ConfigureAwait(false);

        RunInfo info;
        long? previousLatest;
        bool isLatest;
        using (var flip = await _client.RunAsync(CypherScripts.Get("store/complete-run"), new CypherParameters
               {
                   { "run", runId },
                   { "completedAt", DateTimeOffset.UtcNow },
                   { "summary", JsonSerializer.Serialize(result.Summary, Neo4jJsonContext.Default.AnalysisSummary) },
                   { "thresholds", JsonSerializer.Serialize(new Dictionary<string, double>(result.Thresholds.Values), Neo4jJsonContext.Default.DictionaryStringDouble) },
                   { "accounts", n },
               }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            if (flip.RowCount == 0)
                throw new InvalidOperationException($"Run {runId} stopped running while its results were written (failed elsewhere?): not completed.");
            var row = flip.Single();
            info = ReadRunInfo(row);
            previousLatest = row.IsNull("previousLatest") ? null : row.GetInt64("previousLatest");
            isLatest = row.GetInt64("latestRun") == runId;
        }

        if (isLatest)
        {
            // Housekeeping after the run is complete must not turn a completed run into an error: a failure
            // here leaves old per-run results behind, and the next completion prunes them.
            try
            {
                // Keep this run and the previous latest (a reader may still be on it); drop older per-run results.
                await PruneAsync(previousLatest ?? runId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Neo4jQueryException or StoreUnavailableException or OperationCanceledException)
            {
            }
        }
        progress?.Report(1.0);
        return info;
    }

    /// <summary>The per-run results, keyed by run id (invisible to readers until the flip).</summary>
    private async Task StoreResultsAsync(long runId, InfluenceAnalysisResult result, Action<double> advance, CancellationToken ct)
    {
        int n = result.Accounts.Length;
        // A crashed earlier attempt may have left part of this run's results behind.
        await DeleteRunResultsAsync(runId, ct).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-account-results", runId, n, _nodeBatch,
            (w, i) => Neo4jRows.WriteAccountResult(w, result, i), advance, ct).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-defender-links", runId, result.Defenders.Length, _relationshipBatch,
            (w, i) => Neo4jRows.WriteLink(w, result.Defenders[i], null, i), advance, ct).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-critic-links", runId, result.Critics.Length, _relationshipBatch,
            (w, i) => Neo4jRows.WriteLink(w, result.Critics[i], null, i), advance, ct).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-communities", runId, result.Communities.Length, _nodeBatch,
            (w, i) => Neo4jRows.WriteCommunity(w, result.Communities[i], i), advance, ct).ConfigureAwait(false);
    }

    private async Task WriteBackAsync(long runId, InfluenceAnalysisResult result, Action<double> advance, CancellationToken ct)
    {
        int n = result.Accounts.Length;
        // Write-back for Cypher users (the same figures as :Account properties and account-to-account links)
        // happens before the flip: if it fails, the run is not completed and the caller fails it, instead of
        // a completed run whose projection silently lags. Skipped when a newer run already completed.
        long? latestBefore;
        using (var latest = await _client.RunAsync(CypherScripts.Get("store/latest-run-id"), null, Neo4jAccessMode.Read, ct)
                   .ConfigureAwait(false))
            latestBefore = latest.RowCount == 0 || latest.Row(0).IsNull("latestRun") ? null : latest.Row(0).GetInt64("latestRun");
        if (latestBefore is null || latestBefore < runId)
        {
            await RunAutoBatchesAsync("store/write-back-accounts", runId, n, _nodeBatch,
                (w, i) => Neo4jRows.WriteAccountResult(w, result, i), advance, ct).ConfigureAwait(false);
            await RunUntilZeroAsync("store/clear-old-links", new CypherParameters { { "run", runId } }, ct).ConfigureAwait(false);
            var ids = result.AccountIds;
            await RunAutoBatchesAsync("store/write-back-defenders", runId, result.Defenders.Length, _relationshipBatch,
                (w, i) => Neo4jRows.WriteLink(w, result.Defenders[i], ids, -1), advance, ct).ConfigureAwait(false);
            await RunAutoBatchesAsync("store/write-back-critics", runId, result.Critics.Length, _relationshipBatch,
                (w, i) => Neo4jRows.WriteLink(w, result.Critics[i], ids, -1), advance, ct).ConfigureAwait(false);
        }
    }

    private static void CheckFinitePerKind(double[] values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Invalid analysis result: {name}[{i}] is {values[i]}; per-kind engagement must be finite.", "result");
    }

    private async Task RunAutoBatchesAsync(string script, long runId, int rows, int batchSize,
        Action<Utf8JsonWriter, int> writeRow, Action<double> advance, CancellationToken ct)
    {
        string statement = CypherScripts.Get(script);
        for (int start = 0; start < rows; start += batchSize)
        {
            int count = Math.Min(batchSize, rows - start);
            using var _ = await _client.RunAsync(statement,
                new CypherParameters { { "run", runId }, { "rows", new RowsParameter(start, count, writeRow) } },
                Neo4jAccessMode.Write, ct).ConfigureAwait(false);
            advance(count);
        }
    }

    private async Task RunUntilZeroAsync(string script, CypherParameters baseParameters, CancellationToken ct)
    {
        string statement = CypherScripts.Get(script);
        while (true)
        {
            var parameters = new CypherParameters();
            foreach (var (k, v) in baseParameters) parameters.Add(k, v);
            parameters.Add("limit", _nodeBatch);
            using var result = await _client.RunAsync(statement, parameters, Neo4jAccessMode.Write, ct).ConfigureAwait(false);
            if (result.RowCount == 0 || result.Row(0).GetInt64("deleted") == 0) return;
        }
    }

    private Task DeleteRunResultsAsync(long runId, CancellationToken ct) =>
        RunUntilZeroAsync("store/delete-run-results", new CypherParameters { { "run", runId } }, ct);

    private async Task PruneAsync(long keepFrom, CancellationToken ct)
    {
        var prunable = new List<long>();
        using (var result = await _client.RunAsync(CypherScripts.Get("store/prunable-runs"),
                   new CypherParameters { { "keepFrom", keepFrom } }, Neo4jAccessMode.Read, ct).ConfigureAwait(false))
        {
            foreach (var row in result.Rows) prunable.Add(row.GetInt64("id"));
        }
        foreach (long old in prunable)
        {
            await DeleteRunResultsAsync(old, ct).ConfigureAwait(false);
            using var _ = await _client.RunAsync(CypherScripts.Get("store/mark-run-pruned"),
                new CypherParameters { { "run", old } }, Neo4jAccessMode.Write, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> RequireRunningAsync(long runId, CancellationToken ct)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/get-run"),
            new CypherParameters { { "run", runId } }, Neo4jAccessMode.Read, ct).ConfigureAwait(false);
        if (result.RowCount == 0) throw new KeyNotFoundException($"Run {runId} does not exist.");
        string state = result.Row(0).GetString("state") ?? "";
        if (state != "running")
            throw new InvalidOperationException($"Run {runId} is {state}, not running: it cannot be completed or failed again.");
        return state;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    public async Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await RequireRunningAsync(runId, cancellationToken).ConfigureAwait(false);
        using (var result = await _client.RunAsync(CypherScripts.Get("store/fail-run"),
                   new CypherParameters { { "run", runId }, { "error", error }, { "failedAt", DateTimeOffset.UtcNow } },
                   Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            if (result.RowCount == 0)
                throw new InvalidOperationException($"Run {runId} stopped running meanwhile: it cannot be failed.");
        }
        // Partial results of the failed run are of no use to anyone.
        await DeleteRunResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        using var _ = await _client.RunAsync(CypherScripts.Get("store/mark-run-pruned"),
            new CypherParameters { { "run", runId } }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/list-runs"), null, Neo4jAccessMode.Read, cancellationToken)
            .ConfigureAwait(false);
        var runs = new List<RunInfo>(result.RowCount);
        foreach (var row in result.Rows) runs.Add(ReadRunInfo(row));
        return runs;
    }
}
