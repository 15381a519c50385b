using System.CommandLine;
using Influence.Core.Campaigns;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary><c>influence overlap a b c …</c>: pairwise overlap (count, Jaccard) of the accounts' engaged audiences and their union.</summary>
public static class OverlapCommand
{
    public static Command Build(CliContext context)
    {
        var source = new AnalysisSource();
        var accounts = new Argument<string[]>("accounts") { Description = "Account ids (1–200).", Arity = ArgumentArity.OneOrMore };
        var minInteractions = new Option<int>("--min-interactions") { Description = "Interactions an engager needs with an account to count in its audience.", DefaultValueFactory = _ => 1 };
        var format = CampaignOutput.FormatOption();
        InputOptions.RequireAtLeast(minInteractions, 1);
        var command = new Command("overlap",
            "How much the engaged audiences of accounts overlap: shared engagers and Jaccard per pair, and the union.\n" +
            "Example: influence overlap u12 u40 u77 --follows f.csv --interactions i.csv");
        command.Arguments.Add(accounts);
        command.AddOptions(minInteractions, format);
        source.AddTo(command);
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            string[] ids = parse.GetValue(accounts) ?? [];
            if (ids.Length > AudienceOverlap.MaxAccounts) throw new UsageException($"at most {AudienceOverlap.MaxAccounts} accounts; got {ids.Length}.");
            AnalysisSnapshot snapshot = await source.LoadAsync(parse, context, cancellationToken);
            InfluenceInput input = snapshot.RequireGraph("overlap");
            int[] nodes = CampaignOutput.Resolve(input, ids, "accounts");
            try
            {
                var index = EngagedAudienceIndex.Build(input.Interactions, input.Ids.Count, parse.GetValue(minInteractions));
                CampaignOutput.WriteOverlap(context.Output, AudienceOverlap.Compute(index, nodes, cancellationToken), snapshot.Result.AccountIds, parse.GetValue(format)!);
            }
            catch (ArgumentException ex) when (ex is not ArgumentNullException)
            {
                throw new CliInputException(ex.Message);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
