using Influence.Core.Model;
using Influence.Storage;

namespace Influence.Cli.Commands;

/// <summary>Store-backed analysis for <c>analyze --store</c>: read the graph, analyse, write the run back (via <see cref="AnalysisRunner"/>).</summary>
public static class StoreAnalysis
{
    public static async Task<StoreRun> RunAsync(OpenedStore opened, InfluenceConfig config, string parametersJson,
        (long Bytes, string Source) memoryLimit, ProgressSink progress, CancellationToken cancellationToken)
    {
        StoreStats stats = await opened.Store.GetStatsAsync(cancellationToken);
        if (stats.Accounts == 0)
            throw new CliInputException($"the store ({opened.Description}) holds no accounts: import follows or interactions first.");
        const string task = "analyse store";
        var report = new SyncProgress<RunProgress>(p => progress.Report(task, Math.Min(p.Percent, 99.9), p.Stage));
        progress.Report(task, 0);
        AnalysisRunOutcome outcome = await new AnalysisRunner(opened.Store) { MemoryLimitBytes = memoryLimit.Bytes, MemoryLimitSource = memoryLimit.Source }.RunAsync(config, parametersJson, report, cancellationToken);
        progress.Complete(task, $"run {outcome.Run.Id}: read {outcome.TimingsMs["read"]:0} ms, analyse {outcome.TimingsMs["analyse"]:0} ms, write {outcome.TimingsMs["write"]:0} ms");
        return new StoreRun(outcome.Run.Id, opened.Description, outcome.Result, outcome.Input);
    }
}
