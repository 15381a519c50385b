using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Model;
using Influence.QuikGraph;

namespace Influence.Cli.Commands;

/// <summary><c>influence path &lt;from&gt; &lt;to&gt;</c>: the shortest path between two accounts over follow and engagement ties, with the kinds of ties.</summary>
public static class PathCommand
{
    public static Command Build(CliContext context)
    {
        var source = new AnalysisSource();
        var from = new Argument<string>("from") { Description = "Account the path starts from (e.g. a campaign pick or a defender)." };
        var to = new Argument<string>("to") { Description = "Account the path ends at (e.g. an audience member or the defended target)." };
        var direction = new Option<string>("--direction")
        {
            Description = "any: follows and interactions either way; reach: each next account follows or engaged with the one before it.",
            DefaultValueFactory = _ => "any",
        };
        direction.AcceptOnlyFromAmong("any", "reach");
        var maxTies = new Option<int>("--max-ties")
        {
            Description = $"Longest path looked for, in ties (1..{AccountPathConfig.MaxTiesLimit}).",
            DefaultValueFactory = _ => new AccountPathConfig().MaxTies,
        };
        maxTies.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > AccountPathConfig.MaxTiesLimit)
                r.AddError($"--max-ties must be between 1 and {AccountPathConfig.MaxTiesLimit}.");
        });
        var format = CommandParts.FormatOption("Output format.", "table", "json");
        var command = new Command("path",
            "Show how one account reaches, or is tied to, another: the shortest path over follows and interactions, each tie by kind.\n" +
            "Example: influence path u12 u40 --direction reach --follows follows.csv --interactions interactions.csv");
        command.Arguments.Add(from);
        command.Arguments.Add(to);
        source.AddTo(command);
        command.AddOptions(direction, maxTies, format);
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            AnalysisSnapshot snapshot = await source.LoadAsync(parse, context, cancellationToken);
            InfluenceInput input = snapshot.RequireGraph("path");
            var config = new AccountPathConfig
            {
                Direction = parse.GetValue(direction) == "reach" ? PathDirection.Reach : PathDirection.Any,
                MaxTies = parse.GetValue(maxTies),
            };
            AccountPath path;
            try
            {
                path = AccountTies.Build(input).FindPath(parse.GetRequiredValue(from), parse.GetRequiredValue(to), config);
            }
            catch (KeyNotFoundException ex)
            {
                throw new CliInputException(ex.Message);
            }
            if (parse.GetValue(format) == "json") context.Output.WriteLine(JsonSerializer.Serialize(path, QueryOutput.Json));
            else WriteText(context.Output, path, snapshot.Description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter o, AccountPath p, string source)
    {
        string mode = p.Direction == PathDirection.Reach ? "reach" : "any tie";
        if (!p.Found)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No path from {p.From} to {p.To} within {p.MaxTies} ties ({mode}; {p.Explored} accounts explored; {source})."));
            return;
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{p.Ties} tie{(p.Ties == 1 ? "" : "s")} from {p.From} to {p.To} ({mode}; {p.Explored} accounts explored; {source}):"));
        o.WriteLine("  " + string.Join(" → ", p.Accounts));
        for (int i = 0; i < p.Steps.Count; i++) o.WriteLine($"  {i + 1}. {p.Steps[i].From} – {p.Steps[i].To}: {p.Steps[i].Text}");
    }
}
