using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// <c>validate [--quick] [--seed-offset K] [--json out.json] [--only NAME] [--data DIR] [--no-real] [--profile]</c>: runs the model on every world of
/// <see cref="ValidationFamily"/>, scores it against the truth (<see cref="ValidationScore"/>), prints the table, the
/// minimum over the family and the worst world's confusion matrix, then the real-data structural checks.
/// </summary>
public static class ValidationBenchmark
{
    /// <summary>Community-detection seeds of the two runs whose role agreement is reported.</summary>
    private const int SeedA = 42, SeedB = 7;

    private static readonly AccountRole[] s_scored =
        [AccountRole.Celebrity, AccountRole.MacroInfluencer, AccountRole.MicroInfluencer, AccountRole.Amplifier];

    /// <summary>The figures of one world (one row of the table, one object of the JSON).</summary>
    public sealed record WorldRow(string World, string Generator, string Varies, int Accounts, long Follows, long Interactions,
        Dictionary<string, RoleFigures> Roles, double DefenderPrecision, double DefenderRecall, int TrueDefenders, int FoundDefenders,
        double CriticPrecision, double CriticRecall, int CriticsListedAsDefenders, int NoiseListedAsDefenders, double SeedAgreement,
        Dictionary<string, Dictionary<string, int>> TraitRoles, double Seconds)
    {
        /// <summary>The headline figures the issue sets targets for: the worst of them ranks the worlds.</summary>
        public double Headline => new[]
        {
            Roles["celebrity"].F1, Roles["macro-influencer"].F1, Roles["micro-influencer"].F1, DefenderPrecision, DefenderRecall, SeedAgreement,
        }.Min();
    }

    public sealed record RoleFigures(double Precision, double Recall, double F1, int Truth, int Found);

    public static int Run(string[] args)
    {
        var options = new BenchOptions("validate", args);
        bool quick = options.Flag("--quick");
        bool real = !options.Flag("--no-real");
        s_profile = options.Flag("--profile");
        string? json = options.Text("--json");
        string? only = options.Text("--only");
        string data = options.Text("--data") ?? Path.Combine("..", "shared", "data");
        double scale = quick ? 0.3 : 1.0;
        int seedOffset = options.Int("--seed-offset", 0, min: 0, max: 1_000_000);
        if (!options.Complete()) return BenchOptions.UsageExit;

        var members = ValidationFamily.Members(scale, seedOffset).Where(w => only is null || w.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (members.Count == 0) { Console.Error.WriteLine($"validate: no world matches --only '{only}'."); return 2; }
        string offsetNote = seedOffset == 0 ? "" : $" --seed-offset {seedOffset}";
        Console.WriteLine($"# validation family: {members.Count} worlds{(quick ? " (quick: ×0.3 size)" : "")}{(seedOffset == 0 ? "" : $", generator seeds +{seedOffset} (held-out worlds)")}; community seeds {SeedA} and {SeedB}");
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- validate{(quick ? " --quick" : "")}{offsetNote}");
        Console.WriteLine(Header());
        var rows = new List<WorldRow>();
        var worst = (Row: (WorldRow?)null, Score: (ValidationScore?)null);
        var total = Stopwatch.StartNew();
        foreach (ValidationWorld member in members)
        {
            var (row, score) = RunWorld(member);
            rows.Add(row);
            Console.WriteLine(Line(row));
            if (worst.Row is null || row.Headline < worst.Row.Headline) worst = (row, score);
        }
        Console.WriteLine(MinimumLine(rows));
        Console.WriteLine($"# {rows.Count} worlds in {total.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine($"worst world: {worst.Row!.World} ({worst.Row.Generator}: {worst.Row.Varies}); headline minimum {worst.Row.Headline:0.000}");
        Console.Write(worst.Score!.ConfusionTable());
        foreach (var (trait, roles) in worst.Row.TraitRoles)
            Console.WriteLine($"  {trait}: labelled {string.Join(", ", roles.Select(kv => $"{kv.Key} {kv.Value}"))}");

        List<RealDataCheck.Report> reports = real ? RealDataCheck.RunAll(data) : [];
        if (json is not null)
        {
            var doc = new { worlds = rows, minimum = Minimum(rows), worst = worst.Row.World, real_data = reports };
            File.WriteAllText(json, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            Console.WriteLine($"# wrote {json}");
        }
        return 0;
    }

    private static bool s_profile;

    private static (WorldRow, ValidationScore) RunWorld(ValidationWorld member)
    {
        var clock = Stopwatch.StartNew();
        SyntheticWorld world = member.Generate(CancellationToken.None);
        var input = world.ToInput();
        var config = new InfluenceConfig();
        InfluenceAnalysisResult a = InfluenceAnalyzer.Run(input, config with { Community = config.Community with { Seed = SeedA } });
        InfluenceAnalysisResult b = InfluenceAnalyzer.Run(input, config with { Community = config.Community with { Seed = SeedB } });
        ValidationScore score = ValidationScore.Of(world, a);
        if (s_profile) PersonaProfile.Print(world, a, Console.Out);
        var roles = new Dictionary<string, RoleFigures>();
        foreach (AccountRole role in s_scored)
        {
            Recovery r = score.Roles[role];
            roles[RoleNames.Name(role)] = new RoleFigures(r.Precision, r.Recall, r.F1, r.Truth, r.Found);
        }
        var row = new WorldRow(member.Name, member.Generator, member.Varies, world.AccountCount, world.FollowCount, world.Interactions.Count,
            roles, score.Defenders.Precision, score.Defenders.Recall, score.Defenders.Truth, score.Defenders.Found,
            score.Critics.Precision, score.Critics.Recall, score.CriticsListedAsDefenders, score.NoiseListedAsDefenders,
            ValidationScore.RoleAgreement(a, b), TraitRoles(world, a), clock.Elapsed.TotalSeconds);
        return (row, score);
    }

    /// <summary>How the model labels each planted noise population (bots, bought followers' targets, engaged broadcasters).</summary>
    private static Dictionary<string, Dictionary<string, int>> TraitRoles(SyntheticWorld world, InfluenceAnalysisResult result)
    {
        var traits = new (AccountTraits Trait, string Name)[]
        {
            (AccountTraits.EngagedBroadcaster, "engaged broadcasters (truth celebrity)"),
            (AccountTraits.BoughtFollowersTarget, "accounts with bought followers (truth: their own role)"),
            (AccountTraits.Bot, "bots (truth regular)"),
        };
        var map = new Dictionary<string, Dictionary<string, int>>();
        foreach (var (trait, name) in traits)
        {
            var counts = new Dictionary<string, int>();
            for (int v = 0; v < world.AccountCount; v++)
            {
                if ((world.Traits[v] & trait) == 0) continue;
                string role = RoleNames.Name(result.Accounts[v].Role);
                counts[role] = counts.GetValueOrDefault(role) + 1;
            }
            if (counts.Count > 0) map[name] = counts;
        }
        return map;
    }

    private static string Header() =>
        $"{"world",-24} {"accounts",8} | {"celebrity P/R/F1",16} | {"macro P/R/F1",16} | {"micro P/R/F1",16} | {"amplifier P/R/F1",16} | {"defender P/R",12} | {"crit→def",8} | {"seed agree",10} | {"s",5}";

    private static string Prf(RoleFigures f) => string.Create(CultureInfo.InvariantCulture, $"{f.Precision:0.00}/{f.Recall:0.00}/{f.F1:0.00}");

    private static string Line(WorldRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.World,-24} {r.Accounts,8:N0} | {Prf(r.Roles["celebrity"]),16} | {Prf(r.Roles["macro-influencer"]),16} | {Prf(r.Roles["micro-influencer"]),16} | {Prf(r.Roles["amplifier"]),16} | {r.DefenderPrecision,5:0.00}/{r.DefenderRecall,-6:0.00} | {r.CriticsListedAsDefenders,8} | {r.SeedAgreement,10:0.000} | {r.Seconds,5:0.0}");

    /// <summary>The minimum of every figure over the family (each column on its own; critics as defenders: the maximum).</summary>
    public static WorldRow Minimum(IReadOnlyList<WorldRow> rows)
    {
        var roles = new Dictionary<string, RoleFigures>();
        foreach (AccountRole role in s_scored)
        {
            string n = RoleNames.Name(role);
            roles[n] = new RoleFigures(rows.Min(r => r.Roles[n].Precision), rows.Min(r => r.Roles[n].Recall), rows.Min(r => r.Roles[n].F1),
                rows.Sum(r => r.Roles[n].Truth), rows.Sum(r => r.Roles[n].Found));
        }
        return new WorldRow("MINIMUM", "both", "minimum over the family", rows.Sum(r => r.Accounts), rows.Sum(r => r.Follows), rows.Sum(r => r.Interactions),
            roles, rows.Min(r => r.DefenderPrecision), rows.Min(r => r.DefenderRecall), rows.Sum(r => r.TrueDefenders), rows.Sum(r => r.FoundDefenders),
            rows.Min(r => r.CriticPrecision), rows.Min(r => r.CriticRecall), rows.Max(r => r.CriticsListedAsDefenders), rows.Max(r => r.NoiseListedAsDefenders),
            rows.Min(r => r.SeedAgreement), [], rows.Sum(r => r.Seconds));
    }

    private static string MinimumLine(IReadOnlyList<WorldRow> rows) => new string('-', 150) + Environment.NewLine + Line(Minimum(rows));
}
