using Influence.Bench;

// Benchmarks live here, never in unit tests. Each subcommand prints its figures and the command that reproduces them.
//   kernel  graph kernel (load, PageRank, reciprocity, Leiden, WCC) side by side with python-igraph
//   import  embedded-store import throughput
//   model   what the influence model adds to the kernel (stage timings)
//   warm    re-run after ingesting 1 % new edges: cold vs warm start, community-id stability
//   plan    campaign planning (reach, community scope, spread) on the benchmark world
//   segment segment lists: exact personalised PageRank vs forward push (time, agreement)
//   parquet  reading follows from Parquet vs CSV; writing a 1M-account accounts.parquet
//   audience  audience quality on the family with planted purchases and viral spikes; --cost: what it adds to analyze
//   world   a large synthetic world as CLI input files, streamed to disk (the 10M-account / 100M-follow scale run)
//   quikgraph  the CSR kernel against real QuikGraph 2.5.0 and the object-graph emulation (load, memory, PageRank, SCC)
//   validate  model verdicts against the truth of the validation family of synthetic worlds, and real-data structure checks
string command = args.Length > 0 ? args[0] : "";
switch (command)
{
    case "kernel":
        return KernelBenchmark.Run(args[1..]);
    case "import":
        return await ImportBenchmark.RunAsync(args);
    case "world":
        return WorldFilesCommand.Run(args[1..]);
    case "validate":
        return ValidationBenchmark.Run(args[1..]);
    case "model":
        return ModelCostProbe.Run(args[1..]);
    case "quikgraph":
        return QuikGraphBaseline.Run(args[1..]);
    case "segment":
        return SegmentBenchmark.Run(args[1..]);
    case "warm":
        return WarmStartBenchmark.Run(args[1..]);
    case "plan":
        return PlanBenchmark.Run(args[1..]);
    case "plan-lift":
        return PlanBenchmark.Lift(args[1..]);
    case "parquet":
        return ParquetBenchmark.Run(args[1..]);
    case "audience":
        return AudienceBenchmark.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: Influence.Bench kernel [--nodes N --edges M --seed S ...] | import [...] | model [--accounts N --seed S] | world --accounts N --follows M --interactions K --seed S --out DIR | quikgraph [--nodes N --edges M --seed S --quikgraph-iterations K] | warm [--accounts N --seed S --added 0.01 --rounds R] | segment [--accounts N --seeds K --epsilon E] | plan [--accounts N -k K --epsilon E --no-spread] | plan-lift [--data DIR] | parquet [--accounts N --write-accounts N --rounds R] | audience [--quick] [--scale S] [--seed-offset K] [--only NAME] [--explain] | audience --cost [--accounts N] | validate [--quick] [--seed-offset K] [--json out.json] [--only NAME] [--data DIR] [--no-real]");
        return 2;
}
