using System.CommandLine;
using System.Globalization;
using Influence.Core.Model;
using Influence.Storage.Neo4j;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence export-neo4j</c>: writes the graph (from files or a store) as the CSV files
/// <c>neo4j-admin database import full</c> reads, for graphs too large for batched Query API writes, or as the same
/// tables in Parquet (<c>--output-format parquet</c>; neo4j-admin's <c>--input-type=parquet</c>).
/// </summary>
public static class ExportCommand
{
    public static Command Build(CliContext context)
    {
        var inputs = new InputOptions();
        var stores = new StoreOptions();
        var outDir = CommandParts.OutputFolder("Folder for accounts, follows and interactions .csv or .parquet (neo4j-admin import headers).");
        var outputFormat = new OutputFormatOption();
        var command = new Command("export-neo4j",
            "Write the graph as neo4j-admin import CSV files, or Parquet with --output-format parquet (docs/neo4j.md shows the import command).\n" +
            "Example: influence export-neo4j --follows follows.csv --interactions interactions.csv --out neo4j-import");
        inputs.AddTo(command, withRejects: false);
        stores.AddTo(command);
        command.Options.Add(outDir);
        outputFormat.AddTo(command);
        command.Validators.Add(result =>
        {
            if (inputs.HasFiles(result) == stores.IsNamed(result)) result.AddError("export-neo4j needs either --follows/--interactions or --store (one of them).");
        });
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            string dir = parse.GetRequiredValue(outDir);
            InfluenceInput input;
            if (inputs.HasFiles(parse))
            {
                InputSpec spec = inputs.Spec(parse);
                spec.CheckFilesExist();
                input = (await ProgressSink.RunAsync(context, progress =>
                    Task.FromResult(InputLoader.Load(spec, null, progress, cancellationToken)))).Input;
            }
            else
            {
                await using OpenedStore opened = await stores.OpenAsync(parse, cancellationToken, mustExist: true);
                input = await opened.Store.ReadGraphAsync(null, cancellationToken);
            }

            // Staged like every output of this tool: nothing appears in --out unless the whole export succeeded.
            using var outputs = new OutputFiles();
            OutputFormat format = outputFormat.Value(parse);
            string File(string table) => Path.Combine(dir, OutputFormatOption.FileName(table, format));
            Neo4jAdminExportCounts counts;
            if (format == OutputFormat.Parquet)
            {
                await using Stream accounts = outputs.CreateBinary(File("accounts")), follows = outputs.CreateBinary(File("follows")),
                    interactions = outputs.CreateBinary(File("interactions"));
                counts = await Neo4jParquetExport.WriteAsync(input, accounts, follows, interactions, cancellationToken);
            }
            else
            {
                using TextWriter accounts = outputs.Create(File("accounts")), follows = outputs.Create(File("follows")),
                    interactions = outputs.Create(File("interactions"));
                counts = Neo4jAdminImportExporter.Write(input, accounts, follows, interactions);
            }
            outputs.Commit();
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neo4j-admin import files: {counts.Accounts:N0} accounts, {counts.Follows:N0} follows, {counts.Interactions:N0} interactions ({counts.DuplicateInteractionsSkipped:N0} duplicate interactions skipped)"));
            context.Output.WriteLine("Wrote: " + string.Join(", ", outputs.Paths));
            context.Output.WriteLine($"Import: neo4j-admin database import full neo4j {(format == OutputFormat.Parquet ? "--input-type=parquet " : "")}" +
                $"--nodes={File("accounts")} --relationships={File("follows")} --relationships={File("interactions")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
