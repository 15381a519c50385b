using Influence.Api.Jobs;
using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>
/// Lets several service processes share one store: every <see cref="InfluenceOptions.RunPollSeconds"/> it asks the
/// store for the latest completed run (<see cref="IInfluenceStore.LatestCompletedRunAsync"/>, one small read) and,
/// when another process completed a newer one, loads it beside the served run and swaps it in. Requests keep the
/// previous run until then; a failure is logged and retried on the next tick.
/// </summary>
public sealed class RunWatcher(
    IInfluenceStore store,
    SnapshotHolder snapshots,
    StoredRunLoader loader,
    AnalysisJobs jobs,
    ServiceStartup startup,
    IOptions<InfluenceOptions> options,
    TimeProvider time,
    ILogger<RunWatcher> logger) : BackgroundService
{
    private string? _lastProblem;

    /// <summary>How many runs completed elsewhere this process has swapped in (for the console and tests).</summary>
    public int RunsPickedUp { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        double seconds = options.Value.RunPollSeconds;
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CheckAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        // Start-up is still reading the stored run, or this process runs an analysis (it publishes its own result).
        if (!startup.Loading.IsCompleted || jobs.Active is not null) return;
        AnalysisSnapshot? serving = snapshots.Current;
        try
        {
            RunInfo? latest = await store.LatestCompletedRunAsync(cancellationToken);
            if (latest is null || latest.Id == serving?.Run.Id) return;
            logger.LogInformation("Run {RunId} was completed by {Owner}; loading it (serving run {Serving} meanwhile).",
                latest.Id, latest.Owner ?? "another process", serving?.Run.Id);
            if (await loader.ReplaceAsync(serving, cancellationToken) is { } swapped)
            {
                RunsPickedUp++;
                logger.LogInformation("Serving run {RunId} ({Accounts} accounts), completed by {Owner}.",
                    swapped.Id, snapshots.Current?.Count, swapped.Owner ?? "another process");
            }
            _lastProblem = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Said once per distinct problem (a store that is down would otherwise log every few seconds).
            if (ex.Message != _lastProblem)
                logger.LogWarning(ex, "Could not check the store for a newer run; still serving run {RunId}.", serving?.Run.Id);
            _lastProblem = ex.Message;
        }
    }
}
