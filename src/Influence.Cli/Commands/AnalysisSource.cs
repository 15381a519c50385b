using System.CommandLine;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>An analysis to query: computed now from files, or the latest completed run of a store.</summary>
/// <param name="Input">The graph the result was computed on; null when the store's graph no longer matches the run.</param>
public sealed record AnalysisSnapshot(InfluenceAnalysisResult Result, InfluenceInput? Input, string Description)
{
    /// <summary>
    /// The analysed graph, for the queries that walk it (<paramref name="command"/> names the query in the error); one
    /// error for all of them when the store's graph changed since its latest run (data ingested after the run).
    /// </summary>
    public InfluenceInput RequireGraph(string command) => Input ?? throw new CliInputException(
        $"the store's graph changed since its latest run ({Description}): run 'influence analyze --store ...' again before '{command}'.");
}

/// <summary>The data-source options of the query commands (<c>defenders</c>, <c>influencers</c>).</summary>
public sealed class AnalysisSource
{
    public InputOptions Inputs { get; } = new();
    public AnalysisOptions Analysis { get; } = new();
    public StoreOptions Store { get; } = new();

    public void AddTo(Command command)
    {
        Inputs.AddTo(command);
        Analysis.AddTo(command);
        Store.AddTo(command);
        command.Validators.Add(result =>
        {
            bool files = result.GetValue(Inputs.Follows) is not null || result.GetValue(Inputs.Interactions) is not null;
            bool fromStore = result.GetValue(Store.Store) is not null || result.GetValue(Store.Neo4j);
            if (files && fromStore) result.AddError("give either input files (--follows/--interactions) or a store (--store/--neo4j), not both.");
        });
    }

    /// <summary>Loads the snapshot: files → a fresh analysis; store → its latest completed run.</summary>
    public async Task<AnalysisSnapshot> LoadAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        if (Inputs.HasFiles(parse))
        {
            InputSpec spec = Inputs.Spec(parse);
            spec.CheckFilesExist();
            InfluenceConfig config = Analysis.Config(parse);
            return await ProgressSink.RunAsync(context, progress =>
            {
                using var outputs = new OutputFiles();
                string? rejectsPath = spec.SkipInvalid ? parse.GetValue(Inputs.Rejects) : null;
                using RejectsFile? rejects = rejectsPath is null ? null : new RejectsFile(outputs, rejectsPath);
                var limit = Analysis.MemoryLimitOf(parse);
                RunMemoryCheck.BeforeReading(spec, limit, ct);
                LoadedInput loaded = InputLoader.Load(spec, rejects, progress, ct);
                RunMemoryCheck.BeforeAnalysis(loaded, limit);
                InfluenceAnalysisResult result = AnalysisOptions.Run(loaded.Input, config, progress, ct);
                rejects?.Dispose();
                outputs.Commit();
                return Task.FromResult(new AnalysisSnapshot(result, loaded.Input, "input files"));
            });
        }
        if (!Store.IsConfigured(parse))
            throw new UsageException("give input files (--follows and/or --interactions) or a store (--store <file>, --neo4j or NEO4J_URI).");
        return await ProgressSink.RunAsync(context, async progress =>
        {
            await using OpenedStore opened = await Store.OpenAsync(parse, ct, mustExist: true);
            progress.Report("load latest run", 0);
            var latest = await opened.Store.LoadLatestRunAsync(ct)
                ?? throw new CliInputException($"the store ({opened.Description}) has no completed analysis run: run 'influence analyze --store ...' first.");
            progress.Complete("load latest run", $"run {latest.Run.Id}");
            progress.Report("read graph", 0);
            InfluenceInput input = await opened.Store.ReadGraphAsync(new SyncProgress<double>(p => progress.Report("read graph", 100 * p)), ct);
            progress.Complete("read graph");
            // Data ingested after the run changes the graph: use it only when it is exactly the analysed one.
            bool matches = input.Ids.Count == latest.Result.AccountIds.Count;
            for (int i = 0; matches && i < input.Ids.Count; i++)
                matches = string.Equals(input.Ids[i], latest.Result.AccountIds[i], StringComparison.Ordinal);
            return new AnalysisSnapshot(latest.Result, matches ? input : null, $"{opened.Description}, run {latest.Run.Id}");
        });
    }
}
