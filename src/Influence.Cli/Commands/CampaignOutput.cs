using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Campaigns;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Parquet;
using Spectre.Console;

namespace Influence.Cli.Commands;

/// <summary>What <c>plan</c> and <c>overlap</c> share: account lists, the graph check, and rendering as table, CSV or JSON.</summary>
public static class CampaignOutput
{
    public static Option<string> FormatOption(bool withParquet = false) => withParquet
        ? CommandParts.FormatOption("Output format: table, csv or json on stdout, or parquet (typed columns) into the --out file.", "table", "csv", "json", "parquet")
        : CommandParts.FormatOption("Output format.", "table", "csv", "json");

    /// <summary>The columns of a plan's picks, described once for CSV and Parquet.</summary>
    public static IReadOnlyList<TypedColumn> PlanColumns(CampaignPlan plan)
    {
        CampaignPick[] p = plan.Picks;
        return
        [
            TypedColumn.Integer("rank", i => p[i].Rank),
            TypedColumn.Text("id", i => p[i].Account),
            TypedColumn.Real("marginal_gain", i => p[i].MarginalGain),
            TypedColumn.Real("cumulative_value", i => p[i].CumulativeValue),
            TypedColumn.Integer("audience", i => p[i].Audience),
            TypedColumn.Integer("overlap_with_earlier", i => p[i].OverlapWithEarlier),
            TypedColumn.Text("role", i => RoleNames.Name(p[i].Role)),
            TypedColumn.Integer("followers", i => p[i].Followers),
            TypedColumn.Real("influence", i => p[i].Influence),
            TypedColumn.Integer("community", i => p[i].Community),
            TypedColumn.Boolean("included", i => p[i].Included),
            TypedColumn.Real("top_followers_value", i => At(plan.ByFollowers, p[i].Rank)),
            TypedColumn.Real("top_influence_value", i => At(plan.ByInfluence, p[i].Rank)),
            TypedColumn.Text("reasons", i => string.Join("; ", p[i].Reasons)),
        ];
    }

    /// <summary>The plan's picks as a Parquet file at <paramref name="path"/> (staged: it appears only when complete).</summary>
    public static async Task WritePlanParquetAsync(CampaignPlan plan, string path, CancellationToken cancellationToken)
    {
        using var outputs = new OutputFiles();
        await using (FileStream stream = outputs.CreateBinary(path))
            await ParquetTableWriter.WriteAsync(stream, plan.Picks.Length, PlanColumns(plan), cancellationToken: cancellationToken);
        outputs.Commit();
    }

    private static string CsvCell(TypedColumn column, int row) => column.Kind switch
    {
        TypedColumnKind.Integer => column.IntegerOf!(row).ToString(CultureInfo.InvariantCulture),
        TypedColumnKind.Real => Number(column.RealOf!(row)),
        TypedColumnKind.Boolean => column.BooleanOf!(row) ? "true" : "false",
        _ => Csv.Escape(column.TextOf!(row) ?? ""),
    };

    public static string[] SplitIds(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

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
                IReadOnlyList<TypedColumn> columns = PlanColumns(plan);
                output.WriteLine(string.Join(',', columns.Select(c => c.Name)));
                for (int row = 0; row < plan.Picks.Length; row++)
                    output.WriteLine(string.Join(',', columns.Select(c => CsvCell(c, row))));
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
