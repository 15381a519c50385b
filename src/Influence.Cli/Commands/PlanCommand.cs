using System.CommandLine;
using System.Globalization;
using Influence.Core.Campaigns;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence plan</c>: the k accounts whose engaged audiences reach the most distinct people of a community, a
/// segment or the whole graph (reach), or the most expected people under an independent cascade (spread), beside the
/// top-k by followers and by influence.
/// </summary>
public static class PlanCommand
{
    // One method on purpose: the command's options, validation and handler read together, as the help text shows them.
    public static Command Build(CliContext context)
    {
        var source = new AnalysisSource();
        var community = new Option<int?>("--community") { Description = "Scope: this community's members (its members may be picked).", HelpName = "id" };
        var seeds = new Option<string?>("--seeds") { Description = "Scope: a segment, its account ids comma-separated (any account may be picked).", HelpName = "a,b,c" };
        var k = new Option<int>("-k") { Description = "Accounts to pick (1–200).", DefaultValueFactory = _ => 20 };
        var objective = new Option<string>("--objective") { Description = "reach: distinct engaged people (exact); spread: expected accounts reached by an independent cascade (IMM).", DefaultValueFactory = _ => "reach" };
        objective.AcceptOnlyFromAmong("reach", "spread");
        var minInteractions = new Option<int>("--min-interactions") { Description = "Interactions an engager needs with an account to count in its audience.", DefaultValueFactory = _ => 1 };
        var excludeRole = CommandParts.RoleOption("--exclude-role", "Never pick this role (repeatable), e.g. celebrity.");
        var maxFollowers = new Option<int?>("--max-followers") { Description = "Follower ceiling of a pick.", HelpName = "n" };
        var tier = new Option<string[]>("--tier") { Description = "Budget per follower tier (repeatable, in order): MAX:BUDGET, MAX = 'any' for no bound; e.g. --tier 1000:15 --tier any:5.", HelpName = "max:budget" };
        var include = new Option<string?>("--include") { Description = "Accounts picked first (comma-separated).", HelpName = "a,b" };
        var exclude = new Option<string?>("--exclude") { Description = "Accounts never picked (comma-separated).", HelpName = "a,b" };
        var epsilon = new Option<double>("--epsilon") { Description = "Spread: IMM ε in (0, 1).", DefaultValueFactory = _ => new CampaignPlanConfig().Epsilon };
        var ell = new Option<double>("--ell") { Description = "Spread: IMM ℓ > 0 (guarantee with probability ≥ 1 − n^−ℓ).", DefaultValueFactory = _ => new CampaignPlanConfig().Ell };
        var sampleSeed = new Option<int>("--sample-seed") { Description = "Spread: random seed of the sampling.", DefaultValueFactory = _ => new CampaignPlanConfig().Seed };
        var output = new FormatOrParquetFile(CampaignOutput.FormatOption(withParquet: true));
        InputOptions.RequireAtLeast(k, 1);
        InputOptions.RequireAtLeast(minInteractions, 1);

        var command = new Command("plan",
            "Plan a campaign: the k accounts that reach the most distinct engaged people of a community, a segment or the whole graph,\n" +
            "with each pick's marginal gain and overlap, beside the top-k by followers and by influence.\n" +
            "Example: influence plan --community 3 -k 10 --exclude-role celebrity --follows f.csv --interactions i.csv");
        command.AddOptions(community, seeds, k, objective, minInteractions, excludeRole, maxFollowers, tier, include, exclude, epsilon, ell, sampleSeed);
        output.AddTo(command);
        source.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(community) is not null && result.GetValue(seeds) is not null)
                result.AddError("give at most one of --community <id> or --seeds <a,b,c> (neither = the whole graph).");
            output.Check(result);
        });

        command.SetAction(context, async (parse, cancellationToken) =>
        {
            List<FollowerTier>? tiers = ParseTiers(parse.GetValue(tier));
            AnalysisSnapshot snapshot = await source.LoadAsync(parse, context, cancellationToken);
            InfluenceInput input = snapshot.RequireGraph("plan");
            var config = new CampaignPlanConfig
            {
                Objective = parse.GetValue(objective) == "spread" ? CampaignObjective.Spread : CampaignObjective.Reach,
                K = parse.GetValue(k),
                ExcludeRoles = parse.Roles(excludeRole),
                MaxFollowers = parse.GetValue(maxFollowers),
                Tiers = tiers,
                Include = CampaignOutput.Resolve(input, CampaignOutput.SplitIds(parse.GetValue(include)), "--include"),
                Exclude = CampaignOutput.Resolve(input, CampaignOutput.SplitIds(parse.GetValue(exclude)), "--exclude"),
                Epsilon = parse.GetValue(epsilon),
                Ell = parse.GetValue(ell),
                Seed = parse.GetValue(sampleSeed),
            };
            CampaignScope scope = parse.GetValue(community) is int c ? CampaignScope.OfCommunity(c)
                : parse.GetValue(seeds) is { } list ? CampaignScope.OfSegment(CampaignOutput.Resolve(input, CampaignOutput.SplitIds(list), "--seeds"))
                : CampaignScope.WholeGraph;
            CampaignPlan plan;
            try
            {
                var index = EngagedAudienceIndex.Build(input.Interactions, input.Ids.Count, parse.GetValue(minInteractions));
                plan = await ProgressSink.RunAsync(context, progress =>
                {
                    progress.Report("plan", 0);
                    var p = CampaignPlanner.Plan(snapshot.Result, index, scope, config, null, null,
                        new SyncProgress<double>(f => progress.Report("plan", 100 * f)), cancellationToken);
                    progress.Complete("plan", $"{p.Picks.Length} picks in {p.Elapsed.TotalMilliseconds:0} ms");
                    return Task.FromResult(p);
                });
            }
            catch (ArgumentException ex) when (ex is not ArgumentNullException)
            {
                throw new CliInputException(ex.Message);
            }
            if (output.ParquetPath(parse) is { } path)
            {
                await CampaignOutput.WritePlanParquetAsync(plan, path, cancellationToken);
                context.Output.WriteLine($"Wrote: {Path.GetFullPath(path)} ({plan.Picks.Length} picks)");
            }
            else
                CampaignOutput.WritePlan(context.Output, plan, output.FormatOf(parse));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<FollowerTier>? ParseTiers(string[]? specs)
    {
        if (specs is null || specs.Length == 0) return null;
        var tiers = new List<FollowerTier>();
        foreach (string spec in specs)
        {
            string[] parts = spec.Split(':');
            bool ok = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int budget);
            int? max = null;
            if (ok && parts[0] != "any")
                ok = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && (max = m) >= 0;
            if (!ok) throw new UsageException($"--tier '{spec}': expected MAX:BUDGET with whole numbers ≥ 0 (MAX may be 'any'), e.g. 1000:15.");
            tiers.Add(new FollowerTier(max, int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
        return tiers;
    }
}
