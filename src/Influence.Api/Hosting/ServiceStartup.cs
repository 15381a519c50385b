using Influence.Api.Jobs;
using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Core.Synthetic;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>
/// Brings the service up: creates/migrates the store, then in the background serves the latest completed
/// run (graph attached once read) or, when the store is empty, generates the demo world, imports it and
/// runs the first analysis so a new user can query influencers within a minute.
/// </summary>
public sealed class ServiceStartup(
    IInfluenceStore store,
    StoredRunLoader loader,
    AnalysisJobs jobs,
    IOptions<InfluenceOptions> options,
    ILogger<ServiceStartup> logger) : IHostedService
{
    private const int IngestBatchRows = 50_000;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the start-up work (load or demo + first run queued) is done.</summary>
    public Task Loading { get; private set; } = Task.CompletedTask;

    /// <summary>What start-up did, for the console and for tests.</summary>
    public string Status { get; private set; } = "starting";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep serving: /health/ready reports the store as unreachable and explains why.
            Status = $"store not initialised: {ex.Message}";
            logger.LogError(ex, "Could not initialise the {Kind} store; /health/ready will answer 503.", store.Kind);
            return;
        }
        await FailInterruptedRunsAsync(cancellationToken);
        Loading = Task.Run(() => LoadAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// A run still "running" whose owner stopped renewing its lease belonged to a process that died before
    /// finishing it: mark it failed so history and the dashboard do not show it as active forever. A run a
    /// live process (e.g. <c>influence analyze --store</c>) is doing keeps its lease and is left alone.
    /// </summary>
    private async Task FailInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (RunInfo run in await store.FailExpiredRunsAsync(cancellationToken))
                logger.LogWarning("Run {RunId} was abandoned by {Owner} (lease expired {LeaseExpiresAt}); marked failed.",
                    run.Id, run.Owner ?? "an earlier process", run.LeaseExpiresAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not check for interrupted runs.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try { await Loading.WaitAsync(cancellationToken); }
        catch (Exception) { /* already logged */ }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await loader.ServeFirstAsync(cancellationToken) is { } served)
            {
                Status = $"serving run {served.Id}";
                return;
            }

            StoreStats stats = await store.GetStatsAsync(cancellationToken);
            InfluenceOptions o = options.Value;
            if (stats.Accounts == 0 && o.DemoAccounts > 0)
            {
                Status = "generating the demo world";
                await ImportDemoWorldAsync(o, cancellationToken);
                stats = await store.GetStatsAsync(cancellationToken);
            }
            if (stats.Accounts > 0 && o.AnalyzeOnStartWhenNoRun)
            {
                QueryResult<AnalysisJob> start = await jobs.TryStartAsync(cancellationToken);
                Status = start.Failure switch
                {
                    null => $"first analysis queued as run {start.Value!.Id}",
                    QueryFailure.RunInProgress busy => $"run {busy.Id} is already in progress (held by {busy.Owner})",
                    var failure => $"the first run could not be started: {(failure as QueryFailure.RunNotStarted)?.Reason}",
                };
                logger.LogInformation("No completed run yet: {Status}.", Status);
            }
            else
            {
                Status = "empty store: ingest data, then POST /api/v1/runs";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Status = "stopped";
        }
        catch (Exception ex)
        {
            Status = $"start-up load failed: {ex.Message}";
            logger.LogError(ex, "Start-up load failed; the service answers 404 on data endpoints until a run completes.");
        }
    }

    private async Task ImportDemoWorldAsync(InfluenceOptions o, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        SyntheticWorld world = await Task.Run(() => DemoWorld.Generate(DemoWorld.Config(o.DemoAccounts, o.Seed, o.DemoBenchmarkProfile), cancellationToken, o.DemoAudiencePlants), cancellationToken);
        logger.LogInformation("Demo world generated: {Accounts} accounts, {Follows} follows, {Interactions} interactions (seed {Seed}) in {Seconds:F1} s; importing.",
            world.AccountCount, world.FollowCount, world.Interactions.Count, o.Seed, started.Elapsed.TotalSeconds);
        foreach (List<FollowRecord> batch in Batches(world.FollowRecords()))
            await store.IngestAsync(new IngestBatch(batch, [], []), cancellationToken);
        foreach (List<InteractionRecord> batch in Batches(world.InteractionRecords()))
            await store.IngestAsync(new IngestBatch([], [], batch), cancellationToken);
        logger.LogInformation("Demo world imported in {Seconds:F1} s.", started.Elapsed.TotalSeconds);
    }

    private static IEnumerable<List<T>> Batches<T>(IEnumerable<T> records)
    {
        var batch = new List<T>(IngestBatchRows);
        foreach (T r in records)
        {
            batch.Add(r);
            if (batch.Count == IngestBatchRows)
            {
                yield return batch;
                batch = new List<T>(IngestBatchRows);
            }
        }
        if (batch.Count > 0) yield return batch;
    }
}
