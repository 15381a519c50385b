using Influence.Bench;

// Benchmarks live here, never in unit tests. Each command prints its figures and the command that reproduces them.
// The command table: one line per command (name, options, what it measures, handler), sorted by name.
// A new command is one added line here; its handler reads its options with BenchOptions (one reader for every command).
BenchCommand[] commands =
[
    new("audience", "[--quick] [--scale S] [--seed-offset K] [--only NAME] [--explain] | --cost [--accounts N] | --real [--data DIR]", "audience quality on the family with planted purchases and viral spikes; --cost: what it adds to analyze; --real: the components on the real follow graphs", AudienceBenchmark.Run),
    new("import", "[--follows N] [--accounts N] [--batch N] [--seed N] [--keep DIR]", "embedded-store (SQLite) import throughput", ImportBenchmark.RunAsync),
    new("kernel", "[--nodes N --edges M --seed S --file F --keep --no-igraph --igraph-leiden-iterations K --baseline-nodes N --baseline-edges M --no-baseline --only STAGES --threads T]", "graph kernel (load, PageRank, reciprocity, Leiden, WCC) side by side with python-igraph", KernelBenchmark.Run),
    new("model", "[--accounts N --seed S]", "what the influence model adds to the kernel (stage timings)", ModelCostProbe.Run),
    new("parquet", "[--accounts N --write-accounts N --rounds R]", "reading follows from Parquet vs CSV; writing a 1M-account accounts.parquet", ParquetBenchmark.Run),
    new("plan", "[--accounts N --seed S -k K --epsilon E --no-spread]", "campaign planning (reach, community scope, spread) on the benchmark world", PlanBenchmark.Run),
    new("plan-lift", "[--data DIR]", "the plan's reach beside the top-k by followers and by influence, on the demo world and greene-twitter-olympics-pp", PlanBenchmark.Lift),
    new("quikgraph", "[--nodes N --edges M --seed S --quikgraph-iterations K]", "the CSR kernel against real QuikGraph 2.5.0 and the object-graph emulation (load, memory, PageRank, SCC)", QuikGraphBaseline.Run),
    new("segment", "[--accounts N --seed S --seeds K --queries Q --epsilon E[,E...]]", "segment lists: exact personalised PageRank vs forward push (time, agreement)", SegmentBenchmark.Run),
    new("validate", "[--quick] [--seed-offset K] [--json out.json] [--only NAME] [--data DIR] [--no-real] [--profile]", "model verdicts against the truth of the validation family of synthetic worlds, and real-data structure checks", ValidationBenchmark.Run),
    new("warm", "[--accounts N --seed S --added 0.01 --rounds R --benchmark-profile | --block-cascade]", "re-run after ingesting 1 % new edges: cold vs warm start, community-id stability", WarmStartBenchmark.Run),
    new("world", "--accounts N --follows M --interactions K --seed S --out DIR", "a large synthetic world as CLI input files, streamed to disk (the 10M-account / 100M-follow scale run)", WorldFilesCommand.Run),
];
return await BenchCommand.DispatchAsync(commands, args);
