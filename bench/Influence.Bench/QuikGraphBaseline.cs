using System.Diagnostics;
using System.Globalization;
using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.QuikGraph;
using QuikGraph;
using QuikGraph.Algorithms;
using QuikGraph.Algorithms.Ranking;

namespace Influence.Bench;

/// <summary>
/// <c>Influence.Bench quikgraph</c>: the CSR kernel against real QuikGraph 2.5.0 (and against the object-graph emulation
/// kept in <see cref="ObjectGraphBaseline"/>) on one generated social graph, side by side in one process: load from the
/// same edge list, memory held, PageRank per iteration (QuikGraph's own <see cref="PageRankAlgorithm{TVertex,TEdge}"/>),
/// strongly connected components. Sizes stay small by default: QuikGraph's PageRank re-counts every source's out-degree
/// through a filtered view per in-edge, so one iteration costs Σ out-degree² and a full run at 1M edges takes hours.
/// </summary>
public static class QuikGraphBaseline
{
    public static int Run(string[] args)
    {
        var options = new BenchOptions("quikgraph", args);
        int nodes = options.Int("--nodes", 20_000, min: 1), seed = options.Int("--seed", 7);
        long edges = options.Long("--edges", 200_000, min: 0);
        int quikIterations = options.Int("--quikgraph-iterations", 3, min: 1);
        if (!options.Complete()) return BenchOptions.UsageExit;
        string file = Path.Combine(Path.GetTempPath(), $"influence-quikgraph-{nodes}-{edges}-{seed}.txt");
        var generator = new SocialGraphGenerator(nodes, edges, seed);
        generator.WriteEdgeList(file);
        try
        {
            Measure(file, nodes, generator.LinesWritten, seed, quikIterations);
        }
        finally
        {
            File.Delete(file);
        }
        Console.WriteLine();
        Console.WriteLine($"Reproduce: dotnet run -c Release --project bench/Influence.Bench -- quikgraph --nodes {nodes} --edges {edges} --seed {seed} --quikgraph-iterations {quikIterations}");
        return 0;
    }

    private sealed record Figures(double LoadSeconds, long Bytes, double PageRankSecondsPerIteration, int Iterations, double SccSeconds, int Components);

    private static void Measure(string file, int nodes, long lines, int seed, int quikIterations)
    {
        Console.WriteLine($"## CSR kernel vs QuikGraph 2.5.0 vs the object-graph emulation, {nodes:N0} nodes / {lines:N0} lines (seed {seed})");
        Console.WriteLine($"load while measured: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");

        // CSR kernel: our reader, our PageRank to convergence, SCC through QuikGraph over the zero-copy view.
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        DirectedGraph graph = EdgeListLoader.Load(file, out _);
        double load = sw.Elapsed.TotalSeconds;
        long bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        sw.Restart();
        PageRankResult pr = PageRank.Compute(graph);
        double prPerIteration = sw.Elapsed.TotalSeconds / pr.Iterations;
        sw.Restart();
        int csrComponents = KernelGraphView.Of(graph).StronglyConnectedComponents(new Dictionary<int, int>(graph.NodeCount));
        var csr = new Figures(load, bytes, prPerIteration, pr.Iterations, sw.Elapsed.TotalSeconds, csrComponents);
        int arcs = graph.EdgeCount;
        graph = null!;
        GC.Collect();

        // Real QuikGraph: BidirectionalGraph<string, SEdge<string>> filled from the same lines, its PageRank and SCC.
        before = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        BidirectionalGraph<string, SEdge<string>> quik = LoadQuikGraph(file);
        load = sw.Elapsed.TotalSeconds;
        bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        sw.Restart();
        var rank = new PageRankAlgorithm<string, SEdge<string>>(quik) { MaxIterations = quikIterations, Tolerance = 0 };
        rank.Compute();
        prPerIteration = sw.Elapsed.TotalSeconds / quikIterations;
        sw.Restart();
        int quikComponents = quik.StronglyConnectedComponents(new Dictionary<string, int>(quik.VertexCount));
        var real = new Figures(load, bytes, prPerIteration, quikIterations, sw.Elapsed.TotalSeconds, quikComponents);
        GC.KeepAlive(quik);
        quik = null!;
        GC.Collect();

        // The emulation the kernel benchmark used before QuikGraph restored here.
        before = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        var objects = ObjectGraphBaseline.Load(file);
        load = sw.Elapsed.TotalSeconds;
        bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        sw.Restart();
        objects.PageRank(0.85, 0, quikIterations, out _);
        var emulated = new Figures(load, bytes, sw.Elapsed.TotalSeconds / quikIterations, quikIterations, double.NaN, 0);
        GC.KeepAlive(objects);

        if (real.Components != csr.Components)
            Console.WriteLine($"WARNING: strongly connected components differ: CSR view {csr.Components:N0}, QuikGraph {real.Components:N0}");
        Console.WriteLine();
        Console.WriteLine("| | CSR kernel | QuikGraph 2.5.0 | QuikGraph / CSR | object-graph emulation | emulation / CSR |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("load from the edge list (s)", csr.LoadSeconds, real.LoadSeconds, emulated.LoadSeconds, "F3");
        Row("managed memory held by the graph (MB)", csr.Bytes / 1e6, real.Bytes / 1e6, emulated.Bytes / 1e6, "F1");
        Row("bytes per arc (graph + ids)", (double)csr.Bytes / arcs, (double)real.Bytes / arcs, (double)emulated.Bytes / arcs, "F1");
        Row($"PageRank, seconds per iteration (CSR {csr.Iterations} to convergence; QuikGraph and emulation {quikIterations})",
            csr.PageRankSecondsPerIteration, real.PageRankSecondsPerIteration, emulated.PageRankSecondsPerIteration, "F4");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| strongly connected components (s) | {csr.SccSeconds:F3} (QuikGraph's Tarjan over the CSR view) | {real.SccSeconds:F3} | {real.SccSeconds / csr.SccSeconds:F1} | – | – |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Components: {csr.Components:N0} (both). Arcs after collapsing parallel edges: {arcs:N0}; QuikGraph and the emulation keep parallel edges as given."));
    }

    private static void Row(string what, double csr, double real, double emulated, string format) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {csr.ToString(format, CultureInfo.InvariantCulture)} | {real.ToString(format, CultureInfo.InvariantCulture)} | {real / csr:F1} | {emulated.ToString(format, CultureInfo.InvariantCulture)} | {emulated / csr:F1} |"));

    /// <summary>QuikGraph as a user would fill it: one string vertex per account, one struct edge per line.</summary>
    private static BidirectionalGraph<string, SEdge<string>> LoadQuikGraph(string path)
    {
        var graph = new BidirectionalGraph<string, SEdge<string>>(allowParallelEdges: true);
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            graph.AddVerticesAndEdge(new SEdge<string>(parts[0], parts[1]));
        }
        return graph;
    }
}
