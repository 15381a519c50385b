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
/// hold a run after its graph was read to prove that ingest during a run lands in the next one.
/// </summary>
public class AnalysisJobHooks
{
    /// <summary>Called once the run's graph has been read, before the analysis starts.</summary>
    public virtual Task AfterGraphReadAsync(long runId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Queues analysis runs (one at a time) and executes them on a background worker:
/// store → graph → <see cref="InfluenceAnalyzer.Run"/> → <see cref="IInfluenceStore.CompleteRunAsync"/> → new snapshot.
/// Requests keep reading the previous snapshot until the new one is published.
/// </summary>
public sealed class AnalysisJobs : BackgroundService
{
    // Share of the progress bar given to each step; the analysis gets what is left.
    private const double ReadShare = 15, WriteShare = 10, PublishShare = 3;

    private readonly Channel<AnalysisJob> _queue = Channel.CreateBounded<AnalysisJob>(1);
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

    /// <summary>The job with run id <paramref name="id"/> when this process ran or runs it.</summary>
    public AnalysisJob? Find(long id)
    {
        lock (_gate)
        {
            if (_active?.Id == id) return _active;
            if (_last?.Id == id) return _last;
            return null;
        }
    }

    /// <summary>
    /// Registers a run in the store and queues it. Returns null (and registers nothing) when a run is already
    /// queued or running.
    /// </summary>
    public async Task<AnalysisJob?> TryStartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_active is not null) return null;
            // Placeholder so a concurrent caller sees "busy" while we register the run.
            _active = new AnalysisJob(-1, _time.GetUtcNow());
        }
        try
        {
            string parameters = JsonSerializer.Serialize(new Dictionary<string, object> { ["seed"] = _options.Seed, ["source"] = "api" });
            RunInfo run = await _store.BeginRunAsync(parameters, cancellationToken);
            var job = new AnalysisJob(run.Id, run.StartedAt);
            lock (_gate) _active = job;
            await _queue.Writer.WriteAsync(job, cancellationToken);
            return job;
        }
        catch
        {
            lock (_gate) _active = null;
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (AnalysisJob job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
                lock (_gate)
                {
                    _last = job;
                    if (ReferenceEquals(_active, job)) _active = null;
                }
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
            job.Report("read", 0);
            var readProgress = new SyncProgress<double>(p => job.Report("read", ReadShare * Fraction(p)));
            InfluenceInput input = await _store.ReadGraphAsync(readProgress, cancellationToken);
            job.Report("read", ReadShare);
            await _hooks.AfterGraphReadAsync(job.Id, cancellationToken);

            double analysisShare = 100 - ReadShare - WriteShare - PublishShare;
            var config = new InfluenceConfig { Community = new() { Seed = _options.Seed } };
            var analysisProgress = new SyncProgress<AnalysisProgress>(a =>
                job.Report(a.Stage, ReadShare + analysisShare * Fraction(a.Percent / 100.0)));
            InfluenceAnalysisResult result = await Task.Run(
                () => InfluenceAnalyzer.Run(input, config, analysisProgress, cancellationToken), cancellationToken);

            double writeStart = 100 - WriteShare - PublishShare;
            job.Report("write", writeStart);
            var writeProgress = new SyncProgress<double>(p => job.Report("write", writeStart + WriteShare * Fraction(p)));
            RunInfo run = await _store.CompleteRunAsync(job.Id, result, writeProgress, cancellationToken);

            job.Report("publish", 100 - PublishShare);
            AnalysisSnapshot snapshot = await Task.Run(() => AnalysisSnapshot.Create(run, result, input), cancellationToken);
            _snapshots.Publish(snapshot);
            job.Complete(result.Summary, run.CompletedAt ?? _time.GetUtcNow());
            _logger.LogInformation("Analysis run {RunId} completed: {Accounts} accounts, {Communities} communities.",
                job.Id, result.Accounts.Length, result.Communities.Length);
        }
        catch (Exception ex)
        {
            string error = ex is OperationCanceledException ? "The run was cancelled (service stopping)." : $"{ex.GetType().Name}: {ex.Message}";
            _logger.LogError(ex, "Analysis run {RunId} failed.", job.Id);
            try
            {
                await _store.FailRunAsync(job.Id, error, CancellationToken.None);
            }
            catch (Exception storeError)
            {
                _logger.LogError(storeError, "Could not mark run {RunId} as failed in the store.", job.Id);
            }
            job.Fail(error, _time.GetUtcNow());
        }
    }

    /// <summary>Clamps a progress fraction to 0..1 (stores report 0..1).</summary>
    private static double Fraction(double p) => double.IsNaN(p) ? 0 : Math.Clamp(p, 0, 1);

    /// <summary>Calls the handler on the reporting thread (analysis stages report from worker threads; no sync context needed).</summary>
    private sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
