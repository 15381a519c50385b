using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>Store-backed analysis for <c>analyze --store</c>: read the graph, analyse, write the run back.</summary>
public static class StoreAnalysis
{
    public static async Task<StoreRun> RunAsync(OpenedStore opened, InfluenceConfig config, string parametersJson,
        ProgressSink progress, CancellationToken cancellationToken)
    {
        var store = opened.Store;
        var run = await store.BeginRunAsync(parametersJson, cancellationToken);
        try
        {
            progress.Report("read store", 0);
            InfluenceInput input = await store.ReadGraphAsync(
                new SyncProgress<double>(p => progress.Report("read store", 100 * p)), cancellationToken);
            if (input.Ids.Count == 0)
                throw new CliInputException($"the store ({opened.Description}) holds no accounts: import follows or interactions first.");
            progress.Complete("read store", $"{input.Ids.Count:N0} accounts, {input.Follows.EdgeCount:N0} follows, {input.Interactions.Count:N0} interactions");
            InfluenceAnalysisResult result = AnalysisOptions.Run(input, config, progress, cancellationToken);
            progress.Report("write run", 0);
            await store.CompleteRunAsync(run.Id, result, new SyncProgress<double>(p => progress.Report("write run", 100 * p)), cancellationToken);
            progress.Complete("write run");
            return new StoreRun(run.Id, opened.Description, result);
        }
        catch (Exception ex)
        {
            await store.FailRunAsync(run.Id, ex.Message, CancellationToken.None);
            throw;
        }
    }
}
