using System.CommandLine;
using System.Text.Json;
using Influence.Core.Model;
using Influence.Parquet;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence influencers</c>: campaign lists. <c>--community id</c> ranks a community's accounts by
/// in-community influence; <c>--seeds file</c> ranks accounts by personalised PageRank from a segment.
/// </summary>
public static class InfluencersCommand
{
    // One method on purpose: the command's options, validation and handler read together, as the help text shows them.
    public static Command Build(CliContext context)
    {
        var source = new AnalysisSource();
        var community = new Option<int?>("--community") { Description = "Community id (see accounts.csv / summary).", HelpName = "id" };
        var seeds = new Option<string?>("--seeds")
        {
            Description = "File with the segment's seed accounts, one id per line ('#' comments allowed).",
            HelpName = "file",
        };
        var top = new Option<int>("-k", "--top") { Description = "Length of the list (1–10,000).", DefaultValueFactory = _ => 20 };
        var role = CommandParts.RoleOption("--role", $"Only these roles (repeatable): {RoleNames.Roles.List}.");
        var minFollowers = new Option<int?>("--min-followers") { Description = "Smallest audience, inclusive.", HelpName = "n" };
        var maxFollowers = new Option<int?>("--max-followers") { Description = "Largest audience, inclusive.", HelpName = "n" };
        var includeCelebrities = new Option<bool>("--include-celebrities")
        {
            Description = "Keep one-way broadcasters in the list (excluded by default: they reach people, they do not move them).",
        };
        var output = new FormatOrParquetFile(CommandParts.FormatOption("Output format: csv or json on stdout, or parquet (typed columns) into the --out file.", "csv", "json", "parquet"));
        InputOptions.RequireAtLeast(top, 1);

        var command = new Command("influencers",
            "List the accounts to work with for a community or a segment, with the figures that placed them.\n" +
            "Example: influence influencers --community 3 -k 10 --role micro-influencer --follows f.csv --interactions i.csv");
        command.AddOptions(community, seeds, top, role, minFollowers, maxFollowers, includeCelebrities);
        output.AddTo(command);
        source.AddTo(command);
        command.Validators.Add(result =>
        {
            output.Check(result);
            bool hasCommunity = result.GetValue(community) is not null, hasSeeds = result.GetValue(seeds) is not null;
            if (hasCommunity == hasSeeds) result.AddError("give exactly one of --community <id> or --seeds <file>.");
        });

        command.SetAction(context, async (parse, cancellationToken) =>
        {
            AccountRole[] roles = parse.Roles(role);
            var filter = new InfluencerFilter
            {
                Top = parse.GetValue(top),
                Roles = roles.Length > 0 ? roles : null,
                MinFollowers = parse.GetValue(minFollowers),
                MaxFollowers = parse.GetValue(maxFollowers),
                IncludeCelebrities = parse.GetValue(includeCelebrities),
            };
            try
            {
                filter.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            string[]? seedIds = null;
            if (parse.GetValue(seeds) is { } seedsPath)
            {
                if (!File.Exists(seedsPath)) throw new CliInputException($"seeds file not found: {seedsPath}");
                seedIds = File.ReadAllLines(seedsPath).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToArray();
                if (seedIds.Length == 0) throw new CliInputException($"seeds file {seedsPath} lists no account.");
            }

            AnalysisSnapshot snapshot = await source.LoadAsync(parse, context, cancellationToken);
            IReadOnlyList<InfluencerEntry> list;
            try
            {
                if (seedIds is not null)
                {
                    InfluenceInput input = snapshot.RequireGraph("influencers");
                    list = InfluencerLists.ForSegment(input, snapshot.Result, seedIds, filter, source.Analysis.Config(parse), cancellationToken);
                }
                else
                {
                    list = InfluencerLists.ForCommunity(snapshot.Result, parse.GetValue(community)!.Value, filter);
                }
            }
            catch (ArgumentException ex) when (ex is not ArgumentNullException)
            {
                throw new CliInputException(ex.Message);
            }

            if (output.ParquetPath(parse) is { } path)
            {
                using var outputs = new OutputFiles();
                await using (FileStream stream = outputs.CreateBinary(path))
                    await ParquetResultWriter.WriteInfluencersAsync(stream, list, snapshot.Result, cancellationToken);
                outputs.Commit();
                context.Output.WriteLine($"Wrote: {Path.GetFullPath(path)} ({list.Count} accounts)");
            }
            else if (output.FormatOf(parse) == "json")
                context.Output.WriteLine(JsonSerializer.Serialize(list, QueryOutput.Json));
            else
                InfluencerCsv.Write(context.Output, list, snapshot.Result);
            return ExitCodes.Ok;
        });
        return command;
    }
}
