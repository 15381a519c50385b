using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence inspect</c>: reads the input files into the kernel's structures (the same fast path as
/// <c>analyze</c>) and prints counts and read speed, without analysing. Doubles as the reader benchmark.
/// </summary>
public static class InspectCommand
{
    public static Command Build(CliContext context)
    {
        var inputs = new InputOptions();
        var repeat = new Option<int>("--repeat")
        {
            Description = "Read the files this many times and report the best pass (warm-up for timing).",
            DefaultValueFactory = _ => 1,
        };
        InputOptions.RequireAtLeast(repeat, 1);
        var command = new Command("inspect",
            "Read the input files, build the graph and print counts and read speed (no analysis).\n" +
            "Example: influence inspect --follows Wiki-Vote.txt");
        inputs.AddTo(command, withRejects: false);
        command.Options.Add(repeat);
        command.Validators.Add(result =>
        {
            if (!inputs.HasFiles(result))
                result.AddError("inspect needs --follows and/or --interactions.");
        });
        command.SetAction(parse =>
        {
            InputSpec spec = inputs.Spec(parse);
            spec.CheckFilesExist();
            TimeSpan bestFollows = TimeSpan.MaxValue, bestInteractions = TimeSpan.MaxValue, bestBuild = TimeSpan.MaxValue;
            // CPU time too: on a busy machine wall time measures the neighbours, CPU time the reader.
            TimeSpan cpuFollows = TimeSpan.MaxValue, cpuInteractions = TimeSpan.MaxValue;
            using Process self = Process.GetCurrentProcess();
            DirectedGraph? graph = null;
            IdMap? ids = null;
            InteractionLog? log = null;
            ReadStatistics? followStats = null, interactionStats = null;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            for (int pass = 0; pass < parse.GetValue(repeat); pass++)
            {
                ids = new IdMap();
                var builder = new GraphBuilder(ids);
                log = new InteractionLog();
                var clock = Stopwatch.StartNew();
                TimeSpan cpu = CpuTime(self);
                if (spec.FollowsPath is { } f)
                {
                    using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    followStats = FollowReader.LoadInto(builder, stream, f, spec.ReadOptionsFor(spec.FollowsFormat, null), null, context.CancellationToken);
                    bestFollows = Min(bestFollows, clock.Elapsed);
                    cpuFollows = Min(cpuFollows, CpuTime(self) - cpu);
                }
                clock.Restart();
                cpu = CpuTime(self);
                if (spec.InteractionsPath is { } i)
                {
                    using var stream = new FileStream(i, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    interactionStats = InteractionReader.LoadInto(log, ids, stream, i, spec.ReadOptionsFor(spec.InteractionsFormat, null), null, context.CancellationToken);
                    bestInteractions = Min(bestInteractions, clock.Elapsed);
                    cpuInteractions = Min(cpuInteractions, CpuTime(self) - cpu);
                }
                clock.Restart();
                graph = builder.Build();
                bestBuild = Min(bestBuild, clock.Elapsed);
            }

            TextWriter o = context.Output;
            CultureInfo inv = CultureInfo.InvariantCulture;
            if (followStats is not null)
                o.WriteLine(string.Create(inv,
                    $"follows: {followStats.Rows:N0} rows ({Format(followStats)}, {followStats.Lines:N0} lines) read in {bestFollows.TotalMilliseconds:0} ms = {followStats.Rows / bestFollows.TotalSeconds:N0} edges/s (CPU {cpuFollows.TotalMilliseconds:0} ms = {followStats.Rows / Math.Max(cpuFollows.TotalSeconds, 1e-9):N0} edges per CPU-second)"));
            if (interactionStats is not null)
                o.WriteLine(string.Create(inv,
                    $"interactions: {interactionStats.Rows:N0} rows ({Format(interactionStats)}, {interactionStats.Lines:N0} lines) read in {bestInteractions.TotalMilliseconds:0} ms = {interactionStats.Rows / bestInteractions.TotalSeconds:N0} rows/s (CPU {cpuInteractions.TotalMilliseconds:0} ms = {interactionStats.Rows / Math.Max(cpuInteractions.TotalSeconds, 1e-9):N0} rows per CPU-second); stance data: {(log!.HasStance ? "yes" : "no")}"));
            o.WriteLine(string.Create(inv,
                $"graph: {graph!.NodeCount:N0} accounts, {graph.EdgeCount:N0} distinct follows, {graph.SelfLoopsDropped:N0} self-loops dropped, {graph.ParallelEdgesCollapsed:N0} duplicates collapsed; CSR built in {bestBuild.TotalMilliseconds:0} ms, {graph.MemoryBytes / 1048576.0:0.0} MiB"));
            o.WriteLine(string.Create(inv,
                $"memory: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB, allocated {(GC.GetTotalAllocatedBytes(false) - allocatedBefore) / 1048576.0:0} MiB over {parse.GetValue(repeat)} pass(es)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static string Format(ReadStatistics stats) => (stats.Compressed ? "gzip " : "") + stats.Format switch
    {
        InputFormat.Csv => "csv",
        InputFormat.JsonLines => "jsonl",
        _ => "edge list",
    };
}
