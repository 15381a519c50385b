using System.CommandLine;
using System.Globalization;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence analyze</c>: files (or a store) → full analysis → <c>accounts</c>, <c>summary.json</c>,
/// <c>defenders</c>, <c>critics</c> (with stance data) in <c>--out</c> as CSV or Parquet, written only on success.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Build(CliContext context)
    {
        var inputs = new InputOptions();
        var analysis = new AnalysisOptions();
        var store = new StoreOptions();
        var outputFormat = new OutputFormatOption();
        var previous = new PreviousRunSource();
        var outDir = CommandParts.OutputFolder("Output folder for accounts, summary.json, defenders, critics (.csv, or .parquet with --output-format parquet; created on success).");
        var command = new Command("analyze",
            "Analyse follows + interactions (files, or the store with --store / Neo4j) and write the results.\n" +
            "Example: influence analyze --follows follows.csv --interactions interactions.csv --out results --seed 7");
        inputs.AddTo(command);
        analysis.AddTo(command);
        store.AddTo(command);
        previous.AddTo(command);
        command.Options.Add(outDir);
        outputFormat.AddWithReasonsTo(command);
        command.Validators.Add(result =>
        {
            bool fromStore = store.IsNamed(result);
            if (inputs.HasFiles(result) && fromStore) result.AddError("give either input files (--follows/--interactions) or a store (--store/--neo4j), not both.");
            if (fromStore && result.GetValue(previous.Previous) is not null)
                result.AddError("--previous is for file inputs: a store run always continues from the store's latest completed run.");
        });

        command.SetAction(context, async (parse, ct) =>
        {
            string dir = parse.GetRequiredValue(outDir);
            InfluenceConfig config = analysis.Config(parse) with { WarmStart = !parse.GetValue(previous.NoWarmStart) };
            OutputFormat format = outputFormat.Value(parse);
            using var outputs = new OutputFiles();

            if (!inputs.HasFiles(parse))
            {
                if (!store.IsConfigured(parse))
                    throw new UsageException("analyze needs input files (--follows and/or --interactions) or a store (--store <file>, --neo4j or NEO4J_URI).");
                var fromStore = await ProgressSink.RunAsync(context, async progress =>
                {
                    await using var opened = await store.OpenAsync(parse, ct, mustExist: true);
                    var run = await StoreAnalysis.RunAsync(opened, config, analysis.ParametersJson(parse), analysis.MemoryLimitOf(parse), progress, ct);
                    ResultWriter.Write(outputs, dir, run.Result, run.Result.Critics.Length > 0, progress, format, outputFormat.Reasons(parse));
                    return run;
                });
                outputs.Commit();
                SummaryPrinter.Print(context.Output, fromStore.Result, outputs.Paths, null, $"store {fromStore.StoreDescription}, run {fromStore.RunId}");
                return ExitCodes.Ok;
            }

            InputSpec spec = inputs.Spec(parse);
            spec.CheckFilesExist();
            PreviousRun? previousRun = await previous.LoadAsync(parse, ct);
            string? rejectsPath = spec.SkipInvalid ? parse.GetValue(inputs.Rejects) ?? Path.Combine(dir, "rejects.csv") : null;
            var writeClock = new System.Diagnostics.Stopwatch();
            var (loaded, result, rejected) = await ProgressSink.RunAsync(context, progress =>
            {
                using RejectsFile? rejects = rejectsPath is null ? null : new RejectsFile(outputs, rejectsPath);
                var limit = analysis.MemoryLimitOf(parse);
                RunMemoryCheck.BeforeReading(spec, limit, ct);
                LoadedInput loaded = InputLoader.Load(spec, rejects, progress, ct);
                RunMemoryCheck.BeforeAnalysis(loaded, limit);
                MemoryHygiene.ReleaseGarbage();
                InfluenceAnalysisResult result = AnalysisOptions.Run(loaded.Input with { Previous = previousRun }, config, progress, ct);
                writeClock.Start();
                ResultWriter.Write(outputs, dir, result, loaded.Input.Interactions.HasStance, progress, format, outputFormat.Reasons(parse));
                return Task.FromResult((loaded, result, rejects?.Count ?? 0));
            });
            outputs.Commit();
            writeClock.Stop();
            string source = $"{Describe(spec.FollowsPath, loaded.Follows)}{Describe(spec.InteractionsPath, loaded.Interactions)}read in {loaded.Elapsed.TotalMilliseconds:0} ms";
            SummaryPrinter.Print(context.Output, result, outputs.Paths, rejectsPath is null ? null : (rejected, rejectsPath), source, writeClock.Elapsed);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string? path, Core.IO.ReadStatistics? stats) =>
        path is null || stats is null ? "" : $"{Path.GetFileName(path)}: {stats.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows ({FormatName(stats)}); ";

    private static string FormatName(Core.IO.ReadStatistics stats) =>
        (stats.Compressed ? "gzip " : "") + stats.Format switch
        {
            Core.IO.InputFormat.Csv => "csv",
            Core.IO.InputFormat.JsonLines => "jsonl",
            Core.IO.InputFormat.Parquet => "parquet",
            _ => "edge list",
        };
}
