using Influence.Bench;

// Benchmarks live here, never in unit tests. Each subcommand prints its figures and the command that reproduces them.
//   kernel  graph kernel (load, PageRank, reciprocity, Leiden, WCC) side by side with python-igraph
//   import  embedded-store import throughput
string command = args.Length > 0 ? args[0] : "";
switch (command)
{
    case "kernel":
        return KernelBenchmark.Run(args[1..]);
    case "import":
        return await ImportBenchmark.RunAsync(args);
    default:
        Console.Error.WriteLine("usage: Influence.Bench kernel [--nodes N --edges M --seed S ...] | import [...]");
        return 2;
}
