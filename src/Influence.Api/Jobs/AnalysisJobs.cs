using System.Text.Json;
using System.Threading.Channels;
using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Core.Model;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Jobs;

/// <summary>
/// Seam for tests: called by the worker between the steps of a run. The default does nothing; a test can
/// hold a run after its graph was read to prove that ingest during a run lands in the next one and that
/// reads keep serving the previous run.
/// </summary>
public class AnalysisJobHooks
{
    /// <summary>Called (on the analysis thread) once the run's graph has been read, before the analysis starts.</summary>
    public virtual void AfterGraphRead(long runId, CancellationToken cancellationToken)
    {
    }
}

/// <summary>
/// Queues analysis runs (one at a time) and executes them on a background worker with the storage
/// <see cref="AnalysisRunner"/> (store → graph → <see cref="InfluenceAnalyzer.Run"/> → store), then publishes a
/// new snapshot. Requests keep reading the previous snapshot until the new one is published.
/// </summary>
public sealed class AnalysisJobs : BackgroundService
{
    private readonly Channel<AnalysisJob> _queue = Channel.CreateUnbounded<AnalysisJob>();
    private readonly Lock _gate = new();
    private readonly IInfluenceStore _store;
    private readonly SnapshotHolder _snapshots;
    private readonly AnalysisJobHooks _hooks;
    private readonly InfluenceOptions _options;
    private readonly ILogger<AnalysisJobs> _logger;
    private readonly TimeProvider _time;
    private AnalysisJob? _active;
    private AnalysisJob? _last;

    public AnalysisJobs(IInfluenceStore store, SnapshotHolder snapshots, AnalysisJobHooks hooks,
        IOptions<InfluenceOptions> options, ILogger<AnalysisJobs> logger, TimeProvider time)
    {
        _store = store;
        _snapshots = snapshots;
        _hooks = hooks;
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    /// <summary>The job queued or running now, if any.</summary>
    public AnalysisJob? Active { get { lock (_gate) return _active; } }

    /// <summary>The job with run id <paramref name="id"/> when this process runs or ran it last.</summary>
    public AnalysisJob? Find(long id)
    {
        lock (_gate)
        {
            if (_active is { } a && a.Id == id) return a;
            if (_last is { } l && l.Id == id) return l;
            return null;
        }
    }

    /// <summary>
    /// Queues a run and returns once the store has registered it (so the caller gets its id); otherwise why not: a run
    /// in progress — this process's, or another process's on the same store (the store's claim,
    /// <see cref="IInfluenceStore.BeginRunAsync"/>) — or a store that could not register it.
    /// </summary>
    public async Task<QueryResult<AnalysisJob>> TryStartAsync(CancellationToken cancellationToken)
    {
        var job = new AnalysisJob(_time.GetUtcNow());
        lock (_gate)
        {
            if (_active is { } busy) return new QueryFailure.RunInProgress(busy.Id, RunLeases.CurrentOwner, null);
            _active = job;
        }
        if (!_queue.Writer.TryWrite(job))
        {
            lock (_gate) _active = null;
            return new QueryFailure.RunNotStarted("The run queue is closed (service stopping).");
        }
        try
        {
            await job.Registered.Task.WaitAsync(cancellationToken);
        }
        catch (RunInProgressException held)
        {
            return new QueryFailure.RunInProgress(held.Holder.Id, held.Holder.Owner, held.Holder.LeaseExpiresAt);
        }
        catch (InvalidOperationException notRegistered)
        {
            return new QueryFailure.RunNotStarted(notRegistered.Message);
        }
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (AnalysisJob job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
                Retire(job); // normally done already, just before the job reported its end
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        try
        {
            InfluenceConfig config = _options.AnalysisConfig();
            string parameters = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["seed"] = _options.Seed, ["source"] = "api", ["kind_weights"] = _options.KindWeights, ["thresholds"] = _options.Thresholds,
            });
            bool analysing = false;
            var progress = new SyncProgress<RunProgress>(p =>
            {
                if (job.Id == 0) job.SetRegistered(p.RunId, _time.GetUtcNow());
                if (!analysing && p.Stage.StartsWith("analyse", StringComparison.Ordinal))
                {
                    analysing = true;
                    _hooks.AfterGraphRead(p.RunId, cancellationToken);
                }
                job.Report(p.Stage, p.Percent);
            });
            var runner = new AnalysisRunner(_store)
            {
                MemoryLimitBytes = _options.MemoryLimitBytes > 0 ? _options.MemoryLimitBytes : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                MemoryLimitSource = _options.MemoryLimitBytes > 0 ? "Influence:MemoryLimitBytes" : "memory available to the service; set Influence:MemoryLimitBytes to change it",
            };
            AnalysisRunOutcome outcome = await runner.RunAsync(config, parameters, progress, cancellationToken);
            job.SetRegistered(outcome.Run.Id, outcome.Run.StartedAt);
            job.Report("publish", 99.9);
            KindWeights kindWeights = config.KindWeights;
            AnalysisSnapshot snapshot = await Task.Run(() =>
            {
                var built = AnalysisSnapshot.Create(outcome.Run, outcome.Result, outcome.Input, outcome.GraphVersion);
                built.BuildSegmentGraph(kindWeights);
                return built;
            }, cancellationToken);
            _snapshots.Publish(snapshot);
            Retire(job);
            job.Complete(outcome.Result.Summary, outcome.Run.CompletedAt ?? _time.GetUtcNow());
            _logger.LogInformation("Analysis run {RunId} completed: {Accounts} accounts, {Communities} communities; read {Read:F0} ms, analyse {Analyse:F0} ms, write {Write:F0} ms.",
                outcome.Run.Id, outcome.Result.Accounts.Length, outcome.Result.Communities.Length,
                outcome.TimingsMs.GetValueOrDefault("read"), outcome.TimingsMs.GetValueOrDefault("analyse"), outcome.TimingsMs.GetValueOrDefault("write"));
        }
        catch (RunInProgressException held)
        {
            // Another process holds the store's run slot: nothing was registered, the caller hears who holds it.
            _logger.LogInformation("No run started: {Reason}", held.Message);
            Retire(job);
            job.Fail(held.Message, _time.GetUtcNow(), held);
        }
        catch (Exception ex)
        {
            // The runner has already marked the run failed in the store (when it got that far).
            string error = ex is OperationCanceledException ? "The run was cancelled (service stopping)." : $"{ex.GetType().Name}: {ex.Message}";
            _logger.LogError(ex, "Analysis run {RunId} failed.", job.Id);
            Retire(job);
            job.Fail(error, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Frees the one-run slot before the job says it ended: a client that sees "completed" and starts the next run
    /// at once must not get 409 from a slot that is about to be freed.
    /// </summary>
    private void Retire(AnalysisJob job)
    {
        lock (_gate)
        {
            _last = job;
            if (ReferenceEquals(_active, job)) _active = null;
        }
    }

    /// <summary>Calls the handler on the reporting thread, so reports arrive in order.</summary>
    private sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
