using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Core.Model;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>
/// Serves the store's latest completed run: its results and its graph (aligned to the run's accounts, for segments
/// and defender ties) become a snapshot. Used on start and when another process completed a newer run.
/// </summary>
public sealed class StoredRunLoader(IInfluenceStore store, SnapshotHolder snapshots, IOptions<InfluenceOptions> options,
    ILogger<StoredRunLoader> logger)
{
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
        AnalysisSnapshot withGraph = snapshot.WithGraph(await ReadAlignedGraphAsync(loaded.Result, cancellationToken));
        KindWeights kindWeights = options.Value.AnalysisConfig().KindWeights;
        await Task.Run(() => withGraph.BuildSegmentGraph(kindWeights), cancellationToken);
        // A run that completed meanwhile wins; only attach the graph to the snapshot we published.
        snapshots.Replace(snapshot, withGraph);
        return loaded.Run;
    }

    /// <summary>
    /// While <paramref name="serving"/> is served: reads the latest run and its graph, builds the snapshot, and swaps
    /// it in only if <paramref name="serving"/> is still current — requests never see a run without its graph (nor
    /// wait for its segment graph), and a run this process published meanwhile is not replaced. Returns the run
    /// swapped in, or null.
    /// </summary>
    public async Task<RunInfo?> ReplaceAsync(AnalysisSnapshot? serving, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (await store.LoadLatestRunAsync(cancellationToken) is not { } loaded) return null;
        if (serving is not null && serving.Run.Id == loaded.Run.Id) return null;
        TimeSpan run = clock.Elapsed;
        InfluenceInput graph = await ReadAlignedGraphAsync(loaded.Result, cancellationToken);
        TimeSpan read = clock.Elapsed;
        KindWeights kindWeights = options.Value.AnalysisConfig().KindWeights;
        AnalysisSnapshot snapshot = await Task.Run(() =>
        {
            var built = AnalysisSnapshot.Create(loaded.Run, loaded.Result, graph);
            built.BuildSegmentGraph(kindWeights);
            return built;
        }, cancellationToken);
        if (!snapshots.Replace(serving, snapshot)) return null;
        logger.LogInformation("Run {RunId} loaded beside the served run in {Seconds:F1} s: results {Run:F1} s, graph {Graph:F1} s, indexes and segment graph {Build:F1} s.",
            loaded.Run.Id, clock.Elapsed.TotalSeconds, run.TotalSeconds, (read - run).TotalSeconds, (clock.Elapsed - read).TotalSeconds);
        return loaded.Run;
    }

    private async Task<InfluenceInput> ReadAlignedGraphAsync(InfluenceAnalysisResult result, CancellationToken cancellationToken) =>
        GraphAlignment.Align(await store.ReadGraphAsync(null, cancellationToken), result.AccountIds);
}
