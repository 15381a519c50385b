using System.CommandLine;
using System.Globalization;
using Influence.Core.Model;
using Influence.Storage.Neo4j;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence export-neo4j</c>: writes the graph (from files or a store) as the CSV files
/// <c>neo4j-admin database import full</c> reads, for graphs too large for batched Query API writes.
/// </summary>
public static class ExportCommand
{
    public static Command Build(CliContext context)
    {
        var inputs = new InputOptions();
        var stores = new StoreOptions();
        var outDir = CommandParts.OutputFolder("Folder for accounts.csv, follows.csv and interactions.csv (neo4j-admin import headers).");
        var command = new Command("export-neo4j",
            "Write the graph as neo4j-admin import CSV files (docs/neo4j.md shows the import command).\n" +
            "Example: influence export-neo4j --follows follows.csv --interactions interactions.csv --out neo4j-import");
        inputs.AddTo(command, withRejects: false);
        stores.AddTo(command);
        command.Options.Add(outDir);
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
            Neo4jAdminExportCounts counts;
            using (TextWriter accounts = outputs.Create(Path.Combine(dir, "accounts.csv")))
            using (TextWriter follows = outputs.Create(Path.Combine(dir, "follows.csv")))
            using (TextWriter interactions = outputs.Create(Path.Combine(dir, "interactions.csv")))
                counts = Neo4jAdminImportExporter.Write(input, accounts, follows, interactions);
            outputs.Commit();
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neo4j-admin import files: {counts.Accounts:N0} accounts, {counts.Follows:N0} follows, {counts.Interactions:N0} interactions ({counts.DuplicateInteractionsSkipped:N0} duplicate interactions skipped)"));
            context.Output.WriteLine("Wrote: " + string.Join(", ", outputs.Paths));
            context.Output.WriteLine($"Import: neo4j-admin database import full neo4j --nodes={Path.Combine(dir, "accounts.csv")} " +
                $"--relationships={Path.Combine(dir, "follows.csv")} --relationships={Path.Combine(dir, "interactions.csv")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
