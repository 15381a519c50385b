using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Core.Model;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>
/// Serves the store's latest completed run: its results and its graph (aligned to the run's accounts, for segments
/// and defender ties) become a snapshot. Used on start and when another process completed a newer run; then the graph
/// already held is kept when the store's graph stamp says nothing changed since it was read (only the run's results
/// are read: a run on an unchanged graph costs a replica seconds, not the minute a re-read takes at 1M accounts).
/// </summary>
public sealed class StoredRunLoader(IInfluenceStore store, SnapshotHolder snapshots, IOptions<InfluenceOptions> options,
    ILogger<StoredRunLoader> logger)
{
    private int _graphReads, _graphsReused;

    /// <summary>How many times this process read the whole graph from the store to serve a run (start-up included).</summary>
    public int GraphReads => Volatile.Read(ref _graphReads);

    /// <summary>How many runs completed elsewhere were served on the graph already held (no re-read: nothing was ingested since).</summary>
    public int GraphsReused => Volatile.Read(ref _graphsReused);

    /// <summary>
    /// On start (nothing served yet): publishes the run at once, then attaches its graph when read and its segment
    /// graph built (so "graph loaded" means segment lists answer at once) — unless a run completed meanwhile. Returns
    /// the run, or null when the store has no completed run.
    /// </summary>
    public async Task<RunInfo?> ServeFirstAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadLatestRunAsync(cancellationToken) is not { } loaded) return null;
        AnalysisSnapshot snapshot = AnalysisSnapshot.Create(loaded.Run, loaded.Result, graph: null);
        snapshots.Publish(snapshot);
        logger.LogInformation("Serving run {RunId} ({Accounts} accounts); reading its graph for segments and defender ties.",
            loaded.Run.Id, loaded.Result.Accounts.Length);
        (InfluenceInput graph, long? version) = await ReadAlignedGraphAsync(loaded.Result, cancellationToken);
        AnalysisSnapshot withGraph = snapshot.WithGraph(graph, version);
        KindWeights kindWeights = options.Value.AnalysisConfig().KindWeights;
        await Task.Run(() => withGraph.BuildSegmentGraph(kindWeights), cancellationToken);
        // A run that completed meanwhile wins; only attach the graph to the snapshot we published.
        snapshots.Replace(snapshot, withGraph);
        return loaded.Run;
    }

    /// <summary>
    /// While <paramref name="serving"/> is served: reads the latest run and, unless the graph held is still current,
    /// its graph; builds the snapshot and swaps it in only if <paramref name="serving"/> is still current — requests
    /// never see a run without its graph (nor wait for its segment graph), and a run this process published meanwhile is
    /// not replaced. Returns the run swapped in, or null.
    /// </summary>
    public async Task<RunInfo?> ReplaceAsync(AnalysisSnapshot? serving, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Taken first: if rows arrive while the run is read, the held graph no longer matches and is re-read.
        long? version = await store.GraphVersionAsync(cancellationToken);
        if (await store.LoadLatestRunAsync(cancellationToken) is not { } loaded) return null;
        if (serving is not null && serving.Run.Id == loaded.Run.Id) return null;
        TimeSpan run = clock.Elapsed;
        AnalysisSnapshot? snapshot = serving?.OnSameGraph(loaded.Run, loaded.Result, version);
        bool reused = snapshot is not null;
        TimeSpan read = clock.Elapsed;
        if (snapshot is null)
        {
            (InfluenceInput graph, long? readAt) = await ReadAlignedGraphAsync(loaded.Result, cancellationToken);
            read = clock.Elapsed;
            KindWeights kindWeights = options.Value.AnalysisConfig().KindWeights;
            snapshot = await Task.Run(() =>
            {
                var built = AnalysisSnapshot.Create(loaded.Run, loaded.Result, graph, readAt);
                built.BuildSegmentGraph(kindWeights);
                return built;
            }, cancellationToken);
        }
        if (!snapshots.Replace(serving, snapshot)) return null;
        if (reused) Interlocked.Increment(ref _graphsReused);
        logger.LogInformation("Run {RunId} loaded beside the served run in {Seconds:F1} s: results {Run:F1} s, graph {Graph}, indexes and segment graph {Build:F1} s.",
            loaded.Run.Id, clock.Elapsed.TotalSeconds, run.TotalSeconds,
            reused ? $"reused (store graph version {version} unchanged since it was read)" : $"{(read - run).TotalSeconds:F1} s",
            (clock.Elapsed - read).TotalSeconds);
        return loaded.Run;
    }

    /// <summary>The store's graph aligned to the run's accounts, and the graph stamp taken before it was read.</summary>
    private async Task<(InfluenceInput Graph, long? Version)> ReadAlignedGraphAsync(InfluenceAnalysisResult result, CancellationToken cancellationToken)
    {
        long? version = await store.GraphVersionAsync(cancellationToken);
        InfluenceInput graph = GraphAlignment.Align(await store.ReadGraphAsync(null, cancellationToken), result.AccountIds);
        Interlocked.Increment(ref _graphReads);
        return (graph, version);
    }
}
