using System.CommandLine;
using System.Globalization;
using Influence.Parquet;
using Influence.Storage;

namespace Influence.Cli.Commands;

/// <summary><c>influence import</c>: files → store, batched, idempotent, strict or skip-invalid with rejects.</summary>
public static class ImportCommand
{
    // One method on purpose: the command's options, validation and handler read together, as the help text shows them.
    public static Command Build(CliContext context)
    {
        var inputs = new InputOptions();
        var store = new StoreOptions();
        var unfollows = new Option<string?>("--unfollows")
        {
            Description = "Unfollows file (follow layout source,target[,since]; each row ends a follow).",
            HelpName = "file",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Rows per store transaction.",
            DefaultValueFactory = _ => Importer.DefaultBatchSize,
        };
        InputOptions.RequireAtLeast(batchSize, 1);
        var command = new Command("import",
            $"Import follows / unfollows / interactions files into the store (default {StoreOptions.DefaultStorePath}, or Neo4j).\n" +
            "Strict by default: a bad row stores nothing. Re-importing the same rows adds nothing.\n" +
            "Example: influence import --follows follows.csv --interactions interactions.csv --store data/influence.db");
        inputs.AddTo(command);
        command.Options.Add(unfollows);
        command.Options.Add(batchSize);
        store.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(inputs.Follows) is null && result.GetValue(inputs.Interactions) is null && result.GetValue(unfollows) is null)
                result.AddError("import needs at least one of --follows, --unfollows, --interactions.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
            CancellationToken ct = linked.Token;
            InputSpec spec = inputs.Spec(parse);
            spec.CheckFilesExist();
            if (parse.GetValue(unfollows) is { } u && !File.Exists(u)) throw new CliInputException($"unfollows file not found: {u}");
            string? rejectsPath = spec.SkipInvalid
                ? parse.GetValue(inputs.Rejects) ?? (parse.GetValue(store.Store) is { } storePath ? storePath + ".rejects.csv" : "rejects.csv")
                : null;
            var request = new ImportRequest
            {
                FollowsPath = spec.FollowsPath,
                UnfollowsPath = parse.GetValue(unfollows),
                InteractionsPath = spec.InteractionsPath,
                FollowOptions = spec.ReadOptionsFor(spec.FollowsFormat, null),
                InteractionOptions = spec.ReadOptionsFor(spec.InteractionsFormat, null),
                SkipInvalid = spec.SkipInvalid,
                RejectsPath = rejectsPath,
                BatchSize = parse.GetValue(batchSize),
            };
            var (result, description) = await ProgressSink.RunAsync(context, async progress =>
            {
                await using OpenedStore opened = await store.OpenAsync(parse, ct, StoreOptions.DefaultStorePath);
                // The importer reports rows, not bytes: the bar advances per file and phase (strict mode
                // validates every file before writing), the detail shows rows and rows/s.
                string[] files = new[] { request.FollowsPath, request.UnfollowsPath, request.InteractionsPath }.OfType<string>().ToArray();
                var report = new SyncProgress<ImportProgress>(p =>
                {
                    bool validating = p.Phase == "validate";
                    double phaseStart = request.SkipInvalid ? 0 : validating ? 0 : 50;
                    double phaseWidth = request.SkipInvalid ? 100 : 50;
                    int fileIndex = Math.Max(0, Array.IndexOf(files, p.File));
                    string detail = string.Create(CultureInfo.InvariantCulture,
                        $"{p.Phase} {Path.GetFileName(p.File)}: {ProgressSink.Human(p.Rows)} rows, {ProgressSink.Human(p.RowsPerSecond)} rows/s{(p.Rejected > 0 ? $", {p.Rejected} rejected" : "")}");
                    progress.Report("import", phaseStart + phaseWidth * fileIndex / files.Length, detail);
                });
                ImportResult result = await new Importer(opened.Store, ParquetRecords.Instance).ImportAsync(request, report, ct);
                progress.Complete("import", string.Create(CultureInfo.InvariantCulture,
                    $"{ProgressSink.Human(result.RowsRead)} rows, {ProgressSink.Human(result.RowsRead / Math.Max(result.Elapsed.TotalSeconds, 1e-9))} rows/s"));
                return (result, opened.Description);
            });
            CultureInfo inv = CultureInfo.InvariantCulture;
            context.Output.WriteLine($"Store: {description}");
            context.Output.WriteLine(string.Create(inv,
                $"Rows read: {result.RowsRead:N0} in {result.Elapsed.TotalSeconds:0.##} s ({result.RowsRead / Math.Max(result.Elapsed.TotalSeconds, 1e-9):N0} rows/s)"));
            context.Output.WriteLine(string.Create(inv,
                $"Follows added: {result.FollowsAdded:N0}; unfollowed: {result.Unfollowed:N0}; interactions added: {result.InteractionsAdded:N0}; unchanged: {result.Unchanged:N0}"));
            if (spec.SkipInvalid)
            {
                context.Output.WriteLine(string.Create(inv, $"Rejected rows: {result.Rejected:N0}{(result.RejectsPath is { } p ? $" (written to {p})" : "")}"));
                foreach (var reject in result.FirstRejects.Take(5)) context.Error.WriteLine($"rejected: {reject}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
