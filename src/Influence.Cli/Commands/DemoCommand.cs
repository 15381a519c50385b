using System.CommandLine;
using System.Globalization;
using Influence.Core.Synthetic;

namespace Influence.Cli.Commands;

/// <summary><c>influence demo</c> (alias <c>generate</c>): writes a seeded synthetic world with ground truth.</summary>
public static class DemoCommand
{
    public static Command Build(CliContext context)
    {
        var outDir = CommandParts.OutputFolder("Folder for follows.csv, interactions.csv and truth.csv.");
        var accounts = new Option<int>("--accounts")
        {
            Description = "Number of accounts (≥ 10).",
            DefaultValueFactory = _ => 10_000,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Generator seed: same seed and size, same files byte for byte.",
            DefaultValueFactory = _ => 1,
        };
        var noStance = new Option<bool>("--no-stance")
        {
            Description = "Leave the stance column empty (no critics).",
        };
        var benchmark = new Option<bool>("--benchmark-profile")
        {
            Description = "Use the benchmark density (≈10 follows and 5 interactions per account).",
        };
        var generator = new Option<string>("--generator")
        {
            Description = "synthetic (the model's own generator) or block-cascade (the independent one of docs/validation.md: " +
                "power-law communities, preferential attachment, cascades, bots, bought followers; ≥ 200 accounts).",
            DefaultValueFactory = _ => "synthetic",
        };
        generator.AcceptOnlyFromAmong("synthetic", "block-cascade");
        InputOptions.RequireAtLeast(accounts, 10);
        var command = new Command("demo",
            "Generate a synthetic influence world (celebrities, micro-influencers, defenders, critics …) with its ground truth.\n" +
            "Example: influence demo --out demo --accounts 5000 --seed 3");
        command.Aliases.Add("generate");
        command.AddOptions(outDir, accounts, seed, noStance, benchmark, generator);
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            string dir = parse.GetRequiredValue(outDir);
            int n = parse.GetValue(accounts);
            int s = parse.GetValue(seed);
            Func<CancellationToken, SyntheticWorld> generate = Generator(parse.GetValue(generator)!, n, s, !parse.GetValue(noStance), parse.GetValue(benchmark));
            using var outputs = new OutputFiles();
            SyntheticWorld world = await ProgressSink.RunAsync(context, progress =>
            {
                progress.Report("generate", 0);
                SyntheticWorld world = generate(cancellationToken);
                progress.Complete("generate", $"{world.AccountCount:N0} accounts");
                progress.Report("write", 0);
                using (var writer = outputs.Create(Path.Combine(dir, "follows.csv"))) SyntheticWorldWriter.WriteFollows(world, writer);
                progress.Report("write", 50);
                using (var writer = outputs.Create(Path.Combine(dir, "interactions.csv"))) SyntheticWorldWriter.WriteInteractions(world, writer);
                using (var writer = outputs.Create(Path.Combine(dir, "truth.csv"))) SyntheticWorldWriter.WriteTruth(world, writer);
                progress.Complete("write");
                return Task.FromResult(world);
            });
            outputs.Commit();
            CultureInfo inv = CultureInfo.InvariantCulture;
            context.Output.WriteLine(string.Create(inv,
                $"Synthetic world (seed {s}): {world.AccountCount:N0} accounts, {world.FollowCount:N0} follows, {world.Interactions.Count:N0} interactions, {world.TrueDefenders.Length:N0} defender pairs, {world.TrueCritics.Length:N0} critic pairs"));
            context.Output.WriteLine("Wrote: " + string.Join(", ", outputs.Paths));
            // A command that runs as printed: the executable as this shell can start it, paths quoted when they need it.
            context.Output.WriteLine("Next: " + ShellHint.Influence("analyze", "--follows", Path.Combine(dir, "follows.csv"),
                "--interactions", Path.Combine(dir, "interactions.csv"), "--out", Path.Combine(dir, "results")));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The chosen generator with its config validated up front (a bad setting is a usage error, exit 2).</summary>
    private static Func<CancellationToken, SyntheticWorld> Generator(string name, int accounts, int seed, bool stance, bool benchmarkProfile)
    {
        try
        {
            if (name == "block-cascade")
            {
                if (benchmarkProfile) throw new ArgumentException("--benchmark-profile applies to --generator synthetic only.");
                // Bought-follower cohorts shrink with the world (120 fakes each from 10,000 accounts up).
                var block = new BlockCascadeWorldConfig
                {
                    Accounts = accounts, Seed = seed, StanceShare = stance ? 0.5 : 0,
                    BoughtFollowerCohortSize = Math.Clamp(accounts / 80, 1, 120),
                };
                block.Validate();
                return ct => BlockCascadeWorldGenerator.Generate(block, ct);
            }
            SyntheticWorldConfig config = benchmarkProfile ? SyntheticWorldConfig.ForBenchmark(accounts, seed) : new SyntheticWorldConfig { Accounts = accounts, Seed = seed };
            config = config with { WithStance = stance };
            config.Validate();
            return ct => SyntheticWorldGenerator.Generate(config, ct);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
