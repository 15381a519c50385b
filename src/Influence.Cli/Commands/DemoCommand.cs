using System.CommandLine;
using System.Globalization;
using Influence.Core.Synthetic;

namespace Influence.Cli.Commands;

/// <summary><c>influence demo</c> (alias <c>generate</c>): writes a seeded synthetic world with ground truth.</summary>
public static class DemoCommand
{
    public static Command Build(CliContext context)
    {
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder for follows.csv, interactions.csv and truth.csv.",
            Required = true,
            HelpName = "dir",
        };
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
        InputOptions.RequireAtLeast(accounts, 10);
        var command = new Command("demo",
            "Generate a synthetic influence world (celebrities, micro-influencers, defenders, critics …) with its ground truth.\n" +
            "Example: influence demo --out demo --accounts 5000 --seed 3");
        command.Aliases.Add("generate");
        command.Options.Add(outDir);
        command.Options.Add(accounts);
        command.Options.Add(seed);
        command.Options.Add(noStance);
        command.Options.Add(benchmark);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
            string dir = parse.GetRequiredValue(outDir);
            int n = parse.GetValue(accounts);
            int s = parse.GetValue(seed);
            SyntheticWorldConfig config = parse.GetValue(benchmark) ? SyntheticWorldConfig.ForBenchmark(n, s) : new SyntheticWorldConfig { Accounts = n, Seed = s };
            config = config with { WithStance = !parse.GetValue(noStance) };
            try
            {
                config.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            using var outputs = new OutputFiles();
            SyntheticWorld world = await ProgressSink.RunAsync(context, progress =>
            {
                progress.Report("generate", 0);
                SyntheticWorld world = SyntheticWorldGenerator.Generate(config, linked.Token);
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
            context.Output.WriteLine($"Next: influence analyze --follows {Path.Combine(dir, "follows.csv")} --interactions {Path.Combine(dir, "interactions.csv")} --out {Path.Combine(dir, "results")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
