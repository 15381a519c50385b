using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Campaigns;
using Influence.Core.IO;
using Influence.Core.Model;
using Spectre.Console;

namespace Influence.Cli.Commands;

/// <summary>What <c>plan</c> and <c>overlap</c> share: account lists, the graph check, and rendering as table, CSV or JSON.</summary>
public static class CampaignOutput
{
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        return format;
    }

    public static string[] SplitIds(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The analysed graph, or a clear error when the store's graph changed since its latest run.</summary>
    public static InfluenceInput RequireGraph(AnalysisSnapshot snapshot, string command) => snapshot.Input ?? throw new CliInputException(
        $"the store's graph changed since its latest run ({snapshot.Description}): run 'influence analyze --store ...' again before '{command}'.");

    /// <summary>Dense ids of <paramref name="ids"/>; unknown ones are all named in one error.</summary>
    public static int[] Resolve(InfluenceInput input, IReadOnlyList<string> ids, string option)
    {
        var nodes = new int[ids.Count];
        var unknown = new List<string>();
        for (int i = 0; i < ids.Count; i++)
            if (!input.Ids.TryGetNode(ids[i], out nodes[i])) unknown.Add(ids[i]);
        if (unknown.Count > 0)
            throw new CliInputException($"{option}: {unknown.Count} account(s) not in the analysed graph: {string.Join(", ", unknown.Take(20).Select(u => $"'{u}'"))}{(unknown.Count > 20 ? ", …" : "")}");
        return nodes;
    }

    public static void WritePlan(TextWriter output, CampaignPlan plan, string format)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(PlanJson(plan), QueryOutput.Json));
                return;
            case "csv":
                output.WriteLine("rank,id,marginal_gain,cumulative_value,audience,overlap_with_earlier,role,followers,influence,community,included,top_followers_value,top_influence_value,reasons");
                foreach (CampaignPick p in plan.Picks)
                {
                    double byFollowers = p.Rank <= plan.ByFollowers.Curve.Length ? plan.ByFollowers.Curve[p.Rank - 1] : plan.ByFollowers.Value;
                    double byInfluence = p.Rank <= plan.ByInfluence.Curve.Length ? plan.ByInfluence.Curve[p.Rank - 1] : plan.ByInfluence.Value;
                    output.WriteLine(string.Join(',', p.Rank.ToString(CultureInfo.InvariantCulture), Csv.Escape(p.Account), Number(p.MarginalGain),
                        Number(p.CumulativeValue), p.Audience.ToString(CultureInfo.InvariantCulture), p.OverlapWithEarlier.ToString(CultureInfo.InvariantCulture),
                        RoleNames.Name(p.Role), p.Followers.ToString(CultureInfo.InvariantCulture), Number(p.Influence), p.Community.ToString(CultureInfo.InvariantCulture),
                        p.Included ? "true" : "false", Number(byFollowers), Number(byInfluence), Csv.Escape(string.Join("; ", p.Reasons))));
                }
                return;
            default:
                var table = new Table().AddColumns("#", "account", "gain", "cumulative", "audience", "overlap", "role", "followers", "top-k followers", "top-k influence");
                foreach (CampaignPick p in plan.Picks)
                {
                    table.AddRow(p.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Account), Number(p.MarginalGain), Number(p.CumulativeValue),
                        p.Audience.ToString(CultureInfo.InvariantCulture), p.OverlapWithEarlier.ToString(CultureInfo.InvariantCulture), RoleNames.Name(p.Role),
                        p.Followers.ToString(CultureInfo.InvariantCulture), Number(At(plan.ByFollowers, p.Rank)), Number(At(plan.ByInfluence, p.Rank)));
                }
                QueryOutput.WriteTable(output, table);
                output.WriteLine($"{(plan.Objective == CampaignObjective.Reach ? "reach" : "spread")} in the {plan.Scope.Describe()} ({plan.ScopeSize} people, {plan.Candidates} candidates): " +
                    $"{Number(plan.Value)}; top-{plan.K} by followers {Number(plan.ByFollowers.Value)} (lift ×{Number(plan.LiftOverFollowers)}), " +
                    $"by influence {Number(plan.ByInfluence.Value)} (×{Number(plan.LiftOverInfluence)})");
                if (plan.Sampling is { } s)
                    output.WriteLine($"IMM: {s.Samples} RR sets (ε {Number(s.Epsilon)}, ℓ {Number(s.Ell)}, lower bound {Number(s.LowerBound)}){(s.Capped ? " — CAPPED: the guarantee does not hold" : "")}");
                if (plan.StoppedEarly is { } why) output.WriteLine(why);
                return;
        }
    }

    public static void WriteOverlap(TextWriter output, AudienceOverlapResult overlap, IReadOnlyList<string> ids, string format)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    accounts = overlap.Accounts.Select((a, i) => new { id = ids[a], audience = overlap.AudienceSizes[i] }),
                    pairs = overlap.Pairs.Select(p => new { a = ids[overlap.Accounts[p.First]], b = ids[overlap.Accounts[p.Second]], shared = p.Shared, jaccard = p.Jaccard }),
                    union = overlap.Union,
                    sumOfAudiences = overlap.SumOfAudiences,
                }, QueryOutput.Json));
                return;
            case "csv":
                output.WriteLine("a,b,audience_a,audience_b,shared,jaccard");
                foreach (AudiencePairOverlap p in overlap.Pairs)
                    output.WriteLine($"{Csv.Escape(ids[overlap.Accounts[p.First]])},{Csv.Escape(ids[overlap.Accounts[p.Second]])},{overlap.AudienceSizes[p.First]},{overlap.AudienceSizes[p.Second]},{p.Shared},{Number(p.Jaccard)}");
                return;
            default:
                var table = new Table().AddColumns("a", "b", "audience a", "audience b", "shared", "jaccard");
                foreach (AudiencePairOverlap p in overlap.Pairs)
                    table.AddRow(Markup.Escape(ids[overlap.Accounts[p.First]]), Markup.Escape(ids[overlap.Accounts[p.Second]]),
                        overlap.AudienceSizes[p.First].ToString(CultureInfo.InvariantCulture), overlap.AudienceSizes[p.Second].ToString(CultureInfo.InvariantCulture),
                        p.Shared.ToString(CultureInfo.InvariantCulture), Number(p.Jaccard));
                QueryOutput.WriteTable(output, table);
                output.WriteLine($"union {overlap.Union} distinct engaged accounts; sum of audiences {overlap.SumOfAudiences}");
                return;
        }
    }

    private static object PlanJson(CampaignPlan plan) => new
    {
        objective = plan.Objective,
        scope = plan.Scope.Kind,
        community = plan.Scope.Kind == CampaignScopeKind.Community ? plan.Scope.Community : (int?)null,
        plan.ScopeSize, plan.Candidates, plan.K, plan.MinInteractions, plan.Value, plan.LiftOverFollowers, plan.LiftOverInfluence,
        picks = plan.Picks.Select(p => new
        {
            p.Rank, id = p.Account, p.MarginalGain, p.CumulativeValue, p.Audience, p.OverlapWithEarlier, role = RoleNames.Name(p.Role),
            p.Followers, p.Influence, p.Community, p.Included, p.Reasons,
        }),
        plan.Curve,
        byFollowers = plan.ByFollowers,
        byInfluence = plan.ByInfluence,
        plan.Sampling, plan.StoppedEarly, elapsedMs = plan.Elapsed.TotalMilliseconds,
    };

    private static double At(RankedListValue list, int rank) => rank <= list.Curve.Length ? list.Curve[rank - 1] : list.Value;

    /// <summary>One notation for every figure: plain decimals, at most 4 significant digits after the point, never exponents.</summary>
    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "";
}
