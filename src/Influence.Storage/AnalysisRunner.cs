using System.Diagnostics;
using System.Text.Json;
using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>Progress of a stored analysis run: stage (<c>read</c>, <c>analyse:&lt;model stage&gt;</c>, <c>write</c>) and overall percent 0..100.</summary>
public readonly record struct RunProgress(long RunId, string Stage, double Percent);

/// <summary>A completed run: what the store recorded, the results, and the graph they were computed on.</summary>
/// <param name="Input">The graph read from the store (kept for callers that serve defender ties or segments).</param>
/// <param name="TimingsMs">Wall time of read, analyse and write in milliseconds.</param>
public sealed record AnalysisRunOutcome(RunInfo Run, InfluenceAnalysisResult Result, InfluenceInput Input,
    IReadOnlyDictionary<string, double> TimingsMs)
{
    /// <summary>The store's graph stamp taken before <see cref="Input"/> was read (<see cref="IInfluenceStore.GraphVersionAsync"/>).</summary>
    public long? GraphVersion { get; init; }
}

/// <summary>
/// Runs one analysis against a store: <see cref="IInfluenceStore.BeginRunAsync"/> →
/// <see cref="IInfluenceStore.ReadGraphAsync"/> and <see cref="IInfluenceStore.LoadPreviousRunAsync"/> (the run
/// continues the previous completed run: stable community ids, warm start) → <see cref="InfluenceAnalyzer.Run"/> →
/// <see cref="IInfluenceStore.CompleteRunAsync"/>. Any failure or cancellation marks the run failed
/// (with the reason) and rethrows; the previous completed run stays the latest one.
/// </summary>
/// <remarks>
/// Percent budget: read 0–20, analyse 20–85, write 85–100. The analysis is CPU-bound and runs on the thread
/// pool. Ingest may continue while a run computes: it lands in the store and in the next run.
/// Ownership: before registering, runs of other processes whose lease expired are failed
/// (<see cref="IInfluenceStore.FailExpiredRunsAsync"/>); while it runs, a <see cref="RunHeartbeat"/> renews this
/// run's lease. If the lease is lost anyway (the store says the run failed), the work stops with a
/// <see cref="RunLeaseLostException"/> naming the reason.
/// </remarks>
public sealed class AnalysisRunner(IInfluenceStore store)
{
    private const double ReadEnd = 20, AnalyseEnd = 85;

    private readonly IInfluenceStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Memory the run may use, in bytes; null = no check. Before the graph is read, the store's counts go through
    /// <see cref="RunEstimator"/>; a run that would not fit fails at once with a <see cref="RunTooLargeException"/>
    /// (recorded as the run's error) instead of running out of memory later.
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>Where <see cref="MemoryLimitBytes"/> comes from, named in the refusal (e.g. "Influence:MemoryLimit").</summary>
    public string MemoryLimitSource { get; init; } = "memory limit";

    /// <summary>Runs the analysis and stores its results.</summary>
    /// <param name="config">Model configuration; null = defaults. Validated by the model.</param>
    /// <param name="parametersJson">Stored with the run; null = <paramref name="config"/> serialized.</param>
    /// <exception cref="ArgumentException">The configuration is invalid (checked before a run is registered).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the run is marked failed ("cancelled").</exception>
    public async Task<AnalysisRunOutcome> RunAsync(InfluenceConfig? config = null, string? parametersJson = null,
        IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        config ??= new InfluenceConfig();
        config.Validate();
        parametersJson ??= JsonSerializer.Serialize(config, StoreJson.Options);
        // Whoever starts a run looks at the others: runs of processes that stopped renewing their lease fail now.
        await _store.FailExpiredRunsAsync(cancellationToken).ConfigureAwait(false);
        var run = await _store.BeginRunAsync(parametersJson, cancellationToken).ConfigureAwait(false);
        long runId = run.Id;
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = RunHeartbeat.Start(_store, runId, work);
        try
        {
            var outcome = await AnalyseAndCompleteAsync(runId, config, progress, work.Token).ConfigureAwait(false);
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            return outcome;
        }
        catch (Exception ex)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            if (heartbeat.LostReason is { } lost)
                throw new RunLeaseLostException($"Run {runId} lost its lease and was stopped: {lost}", ex);
            string reason = ex is OperationCanceledException ? "cancelled" : $"{ex.GetType().Name}: {ex.Message}";
            try
            {
                // Not cancellable: the failure must be recorded even when the caller gave up.
                await _store.FailRunAsync(runId, reason, CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException notRunning)
            {
                // Failed meanwhile by another process (its lease had expired) before the heartbeat noticed.
                throw new RunLeaseLostException($"Run {runId} lost its lease and was stopped: {notRunning.Message}", ex);
            }
            catch (Exception failError)
            {
                throw new AggregateException($"Run {runId} failed ({reason}) and could not be marked failed: {failError.Message}", ex, failError);
            }
            throw;
        }
    }

    private async Task<AnalysisRunOutcome> AnalyseAndCompleteAsync(long runId, InfluenceConfig config, IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        var timings = new Dictionary<string, double>();
        progress?.Report(new RunProgress(runId, "read", 0));
        var clock = Stopwatch.StartNew();
        if (MemoryLimitBytes is { } limit)
        {
            var stats = await _store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            // Follow times counted: a store keeps each follow's start when it was given, and the counts do not say how many were.
            RunEstimator.EnsureFits(RunEstimator.Estimate(new RunSize(stats.Accounts, stats.ActiveFollows, stats.Interactions, FollowTimes: true)),
                limit, MemoryLimitSource);
        }
        var readProgress = progress is null ? null : new RelayProgress<double>(f => progress.Report(new RunProgress(runId, "read", f * ReadEnd)));
        long? graphVersion = await _store.GraphVersionAsync(cancellationToken).ConfigureAwait(false);   // before: the graph is at least this new
        var input = await _store.ReadGraphAsync(readProgress, cancellationToken).ConfigureAwait(false);
        // The previous completed run: community ids are matched to its ids, and a small change starts warm from it.
        input = input with { Previous = await _store.LoadPreviousRunAsync(cancellationToken).ConfigureAwait(false) };
        timings["read"] = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var analyseProgress = progress is null ? null : new RelayProgress<AnalysisProgress>(p =>
            progress.Report(new RunProgress(runId, "analyse:" + p.Stage, ReadEnd + Math.Clamp(p.Percent, 0, 100) / 100 * (AnalyseEnd - ReadEnd))));
        var result = await Task.Run(() => InfluenceAnalyzer.Run(input, config, analyseProgress, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        timings["analyse"] = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        progress?.Report(new RunProgress(runId, "write", AnalyseEnd));
        var writeProgress = progress is null ? null : new RelayProgress<double>(f => progress.Report(new RunProgress(runId, "write", AnalyseEnd + f * (100 - AnalyseEnd))));
        var completed = await _store.CompleteRunAsync(runId, result, writeProgress, cancellationToken).ConfigureAwait(false);
        timings["write"] = clock.Elapsed.TotalMilliseconds;
        progress?.Report(new RunProgress(runId, "completed", 100));
        return new AnalysisRunOutcome(completed, result, input, timings) { GraphVersion = graphVersion };
    }

    /// <summary>Forwards reports synchronously (no SynchronizationContext hop, so percent arrives in order).</summary>
    private sealed class RelayProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
