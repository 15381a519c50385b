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
    /// On start (nothing served yet): publishes the run at once, then attaches its graph when read — unless a run
    /// completed meanwhile. Returns the run, or null when the store has no completed run.
    /// </summary>
    public async Task<RunInfo?> ServeFirstAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadLatestRunAsync(cancellationToken) is not { } loaded) return null;
        AnalysisSnapshot snapshot = AnalysisSnapshot.Create(loaded.Run, loaded.Result, graph: null);
        snapshots.Publish(snapshot);
        logger.LogInformation("Serving run {RunId} ({Accounts} accounts); reading its graph for segments and defender ties.",
            loaded.Run.Id, loaded.Result.Accounts.Length);
        AnalysisSnapshot withGraph = snapshot.WithGraph(await ReadAlignedGraphAsync(loaded.Result, cancellationToken));
        // A run that completed meanwhile wins; only attach the graph to the snapshot we published.
        if (snapshots.Replace(snapshot, withGraph)) withGraph.PrepareSegments(options.Value.AnalysisConfig().KindWeights);
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
        if (await store.LoadLatestRunAsync(cancellationToken) is not { } loaded) return null;
        if (serving is not null && serving.Run.Id == loaded.Run.Id) return null;
        InfluenceInput graph = await ReadAlignedGraphAsync(loaded.Result, cancellationToken);
        KindWeights kindWeights = options.Value.AnalysisConfig().KindWeights;
        AnalysisSnapshot snapshot = await Task.Run(() =>
        {
            var built = AnalysisSnapshot.Create(loaded.Run, loaded.Result, graph);
            built.SegmentGraph(kindWeights);   // built before the swap: the first segment request does not wait for it
            return built;
        }, cancellationToken);
        return snapshots.Replace(serving, snapshot) ? loaded.Run : null;
    }

    private async Task<InfluenceInput> ReadAlignedGraphAsync(InfluenceAnalysisResult result, CancellationToken cancellationToken) =>
        GraphAlignment.Align(await store.ReadGraphAsync(null, cancellationToken), result.AccountIds);
}
