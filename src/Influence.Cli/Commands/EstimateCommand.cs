using System.CommandLine;
using System.Globalization;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence estimate --accounts N --follows M --interactions K [--follow-times] [--memory-limit SIZE]</c>: the memory and time a
/// full analysis of that size needs (<see cref="RunEstimator"/>, the same estimate every run checks before it
/// allocates), split by what holds the memory, and whether it fits the limit. Exit code 1 (one error line) when it would be refused.
/// </summary>
public static class EstimateCommand
{
    public static Command Build(CliContext context)
    {
        var accounts = new Option<long>("--accounts") { Description = "Distinct accounts.", Required = true, HelpName = "n" };
        var follows = new Option<long>("--follows") { Description = "Follow rows.", DefaultValueFactory = _ => 0, HelpName = "m" };
        var interactions = new Option<long>("--interactions") { Description = "Interaction rows.", DefaultValueFactory = _ => 0, HelpName = "k" };
        var followTimes = new Option<bool>("--follow-times")
        {
            Description = "The follows carry their start time (a since column): 4 bytes more per follow.",
        };
        var analysis = new AnalysisOptions();
        foreach (var count in new[] { accounts, follows, interactions })
        {
            count.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<long>() < 0) result.AddError($"{count.Name} must be >= 0, got {result.GetValueOrDefault<long>()}.");
            });
        }
        var command = new Command("estimate",
            "Memory and time a full analysis of this size needs, before running it (the check every run makes).\n" +
            "Example: influence estimate --accounts 10000000 --follows 100000000 --interactions 20000000 --memory-limit 8GiB");
        command.AddOptions(accounts, follows, interactions, followTimes);
        command.Options.Add(analysis.MemoryLimit);
        command.SetAction(parse =>
        {
            var estimate = RunEstimator.Estimate(new RunSize(parse.GetValue(accounts), parse.GetValue(follows), parse.GetValue(interactions),
                parse.GetValue(followTimes)));
            var (limit, source) = analysis.MemoryLimitOf(parse);
            TextWriter o = context.Output;
            o.WriteLine(estimate.ToString());
            foreach (var part in estimate.Parts)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {RunEstimator.FormatBytes(part.Bytes),10}  {part.Name}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  community projection ≈ {estimate.ProjectionEntries:N0} row entries (the kernel's 32-bit limit: {RunEstimator.MaxProjectionEntries:N0})"));
            if (estimate.OverKernelLimit) throw new CliInputException(RunEstimator.KernelLimitMessage(estimate));
            if (estimate.PeakBytes > limit)
                throw new CliInputException($"a run of this size would be refused: about {RunEstimator.FormatBytes(estimate.PeakBytes)}, more than the memory limit of {RunEstimator.FormatBytes(limit)} ({source}).");
            o.WriteLine($"fits the memory limit of {RunEstimator.FormatBytes(limit)} ({source})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
