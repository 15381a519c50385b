using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>A batch of changes written all-or-nothing.</summary>
public sealed record IngestBatch(
    IReadOnlyList<FollowRecord> Follows,
    IReadOnlyList<UnfollowRecord> Unfollows,
    IReadOnlyList<InteractionRecord> Interactions)
{
    public static readonly IngestBatch Empty = new([], [], []);
    public int Count => Follows.Count + Unfollows.Count + Interactions.Count;
}

/// <summary>What a batch changed. Re-sending the same batch adds nothing (idempotent).</summary>
public sealed record IngestResult(int FollowsAdded, int Unfollowed, int InteractionsAdded, int Unchanged)
{
    /// <summary>The result of an empty batch.</summary>
    public static IngestResult None { get; } = new(0, 0, 0, 0);
}

public sealed record StoreStats(long Accounts, long ActiveFollows, long Interactions, long CompletedRuns);

/// <summary>One analysis run. <see cref="State"/>: running, completed, failed.</summary>
public sealed record RunInfo(long Id, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, string State,
    string? ParametersJson, AnalysisSummary? Summary)
{
    /// <summary>Why the run failed (state "failed"); null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>The process that registered the run, <c>pid@host</c> (null for runs stored before owners were recorded).</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// Until when the owner's lease holds. The owner renews it while alive (<see cref="IInfluenceStore.RenewRunLeaseAsync"/>);
    /// a run still running past it is failed by whoever looks next (<see cref="IInfluenceStore.FailExpiredRunsAsync"/>).
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}

/// <summary>
/// The one storage contract. Implemented by the embedded SQLite store (default) and by Neo4j over
/// the HTTP Query API; one contract test suite runs against both.
/// </summary>
public interface IInfluenceStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "neo4j".</summary>
    string Kind { get; }

    /// <summary>Creates or migrates the schema / constraints. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the batch atomically; accounts are created as needed; idempotent.</summary>
    /// <exception cref="StoreValidationException">A record is invalid; nothing was written.</exception>
    Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the follows and/or interactions matching <paramref name="filter"/> and records who removed
    /// what and when in the store's removal audit, in one transaction. Accounts stay.
    /// </summary>
    /// <exception cref="ArgumentException">The filter is invalid (<see cref="RemovalFilter.Problem"/>).</exception>
    Task<RemovalRecord> RemoveAsync(RemovalFilter filter, string actor, CancellationToken cancellationToken = default);

    /// <summary>The removal audit, newest first (at most <paramref name="limit"/> entries).</summary>
    Task<IReadOnlyList<RemovalRecord>> ListRemovalsAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Reads every account, active follow and interaction into the kernel's form.</summary>
    Task<InfluenceInput> ReadGraphAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A stamp of the graph <see cref="ReadGraphAsync"/> would read now: it changes with every write that changes
    /// accounts, follows or interactions, whichever process writes. A graph read after the stamp was taken is at least
    /// that new, so a holder of the graph and its stamp re-reads only when the stamp moved. Null when the store keeps
    /// no stamp (then every holder must assume the graph changed).
    /// </summary>
    Task<long?> GraphVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    /// <summary>How long a run's lease lasts without renewal (<see cref="RunLeases.Default"/> unless the store was given another).</summary>
    TimeSpan RunLease { get; }

    /// <summary>
    /// Claims the store's one run slot and registers a run in state "running", owned by this process with a lease of
    /// <see cref="RunLease"/>, and returns it. One step for every process on the store: running runs whose lease
    /// expired are failed first (as <see cref="FailExpiredRunsAsync"/> does: their owner crashed or stalled), then,
    /// if a run is still running, nothing is registered.
    /// </summary>
    /// <exception cref="RunInProgressException">Another run is running with a live lease (named, with its owner).</exception>
    Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default);

    /// <summary>Writes the results of <paramref name="runId"/> and marks it completed in one step: readers
    /// see the previous completed run until this returns.</summary>
    Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default);

    Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease of a running run to now + <see cref="RunLease"/>; a completed run is left as it is.</summary>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run failed meanwhile (e.g. its lease expired and another process failed it).</exception>
    Task RenewRunLeaseAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks failed every running run whose lease expired (or that has none: stored before leases), saying whose
    /// it was and when the lease ended; returns those runs as they are now. A run whose owner still renews is left alone.
    /// </summary>
    Task<IReadOnlyList<RunInfo>> FailExpiredRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Results of the latest completed run, or null when none.</summary>
    Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The run <see cref="LoadLatestRunAsync"/> would load (completed, newest completion time, then highest id), without
    /// its results; null when none. Cheap (the runs list only): service replicas poll it to notice a run that another
    /// process completed.
    /// </summary>
    async Task<RunInfo?> LatestCompletedRunAsync(CancellationToken cancellationToken = default)
    {
        RunInfo? latest = null;
        foreach (RunInfo run in await ListRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run.State != "completed") continue;
            if (latest is null || run.CompletedAt > latest.CompletedAt || (run.CompletedAt == latest.CompletedAt && run.Id > latest.Id))
                latest = run;
        }
        return latest;
    }

    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// What the next run continues from (stable community ids, warm start): the latest completed run's community
    /// id and PageRank vectors per account, or null when none. Stores may read just those columns; by default the
    /// whole run is loaded.
    /// </summary>
    async Task<PreviousRun?> LoadPreviousRunAsync(CancellationToken cancellationToken = default) =>
        await LoadLatestRunAsync(cancellationToken).ConfigureAwait(false) is { } latest ? PreviousRun.From(latest.Result) : null;
}

/// <summary>Invalid records in an ingest batch; nothing from the batch was stored.</summary>
public sealed class StoreValidationException(IReadOnlyList<RecordError> errors)
    : Exception($"{errors.Count} invalid record(s); first: {(errors.Count > 0 ? errors[0].ToString() : "")}")
{
    public IReadOnlyList<RecordError> Errors { get; } = errors;
}

/// <summary>The store cannot be reached or refused our credentials: one clear message.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
