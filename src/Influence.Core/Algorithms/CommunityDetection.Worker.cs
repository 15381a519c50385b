using System.Runtime.CompilerServices;
using System.Diagnostics;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

public static partial class CommunityDetection
{
    /// <summary>Scratch arrays sized for the projection, reused by every level and pass.</summary>
    /// <remarks>
    /// Parallel phases (local moving, refinement, aggregation) never let the thread count change a result: node
    /// moving works on blocks of a seeded random node order whose size depends only on the level's node count;
    /// inside a block every node decides against the state at the block's start (in parallel, each thread with
    /// its own <see cref="Scratch"/>), then the decisions are applied in block order on one thread. Refinement
    /// reads and writes only the state of one community at a time, so communities are refined independently.
    /// </remarks>
    private sealed partial class Worker
    {
        private readonly CommunityConfig _config;
        /// <summary>The level-0 graph: the projection, or its copy relabelled by community (see <see cref="RelabelNodes"/>).</summary>
        private UndirectedCsr _graph;
        /// <summary>Id in <see cref="_graph"/> of each projection node once relabelled; null before.</summary>
        private int[]? _oldToNew;
        private readonly bool _refine;
        private SplitMix64 _rng;
        /// <summary>One per worker thread: slot table, neighbour list and candidate weights.</summary>
        private readonly Scratch[] _scratch;
        // Level state.
        private readonly double[] _commTotal;
        private readonly int[] _commSize;
        private readonly int[] _queue, _position;
        /// <summary>Per position in the visiting order: revisit in this sweep / in the next one.</summary>
        private bool[] _active, _activeNext;
        private readonly List<int> _emptyStack = [];
        /// <summary>Per position in the visiting order: the decision of the current block (community to move to).</summary>
        private readonly int[] _decision;
        private readonly int[] _refined;
        private readonly double[] _refTotal;
        private readonly double[] _refExternal;
        private readonly bool[] _refMerged;
        private readonly int[] _renumber;
        private readonly int _threads;
        private readonly List<LevelBuffers> _levelBuffers = [];
        private readonly int[] _members, _cursor, _aggregateOf;
        private readonly double[] _modularityScratch;
        private const int RefineRange = 1 << 13;
        /// <summary>Most nodes per parallel work item.</summary>
        private const int ChunkNodes = 128;
        /// <summary>Row entries per parallel work item (fewer nodes per item on levels of high mean degree).</summary>
        private const int ChunkEntries = 2048;
        /// <summary>Levels below this many nodes get one scratch and never run a phase in parallel.</summary>
        private const int ParallelBlockNodes = 4 * ChunkNodes;

        public Worker(UndirectedCsr graph, CommunityConfig config, SplitMix64 rng)
        {
            int n = graph.NodeCount;
            _graph = graph;
            _config = config;
            _refine = config.Algorithm == CommunityAlgorithm.Leiden;
            _rng = rng;
            _threads = config.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
            // A small graph never runs a parallel phase: one scratch is enough.
            _scratch = new Scratch[n >= ParallelBlockNodes ? _threads : 1];
            for (int t = 0; t < _scratch.Length; t++) _scratch[t] = new Scratch(n, _refine);
            _commTotal = new double[n];
            _commSize = new int[n];
            _queue = new int[n];
            _position = new int[n];
            _active = new bool[n];
            _activeNext = new bool[n];
            _decision = new int[n];
            _refined = new int[n];
            _refTotal = _refine ? new double[n] : [];
            _refExternal = _refine ? new double[n] : [];
            _refMerged = _refine ? new bool[n] : [];
            _renumber = new int[n];
            _members = new int[n];
            _cursor = new int[n];
            _aggregateOf = new int[n];
            _modularityScratch = new double[n];
        }

        /// <summary>Bytes the worker allocates for a projection of <paramref name="n"/> nodes (see <see cref="Worker(UndirectedCsr, CommunityConfig, SplitMix64)"/>).</summary>
        public static long MemoryBytes(long n, int threads, bool refine)
        {
            long scratch = (n >= ParallelBlockNodes ? threads : 1) * Scratch.MemoryBytes(n, refine);
            long perNode = 8 + 4 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + (refine ? 8 + 8 + 1 : 0);
            return scratch + perNode * n;
        }

        /// <summary>One multilevel run starting from <paramref name="start"/> on <paramref name="g0"/>; returns the flat partition.</summary>
        public int[] RunPass(int[] start, List<double> perLevel, Action<int> levelDone, CancellationToken ct)
        {
            UndirectedCsr g = _graph;
            int n0 = g.NodeCount;
            var nodeToAggregate = new int[n0];
            int[] comm;
            if (_oldToNew is { } oldToNew)
            {
                Array.Copy(oldToNew, nodeToAggregate, n0);
                var relabelled = new int[n0];
                for (int i = 0; i < n0; i++) relabelled[oldToNew[i]] = start[i];
                comm = Canonical(relabelled, out _);
            }
            else
            {
                for (int i = 0; i < n0; i++) nodeToAggregate[i] = i;
                comm = Canonical(start, out _);   // ids < n0, needed by the scratch arrays
            }
            for (int level = 0; level < _config.MaxLevels; level++)
            {
                ct.ThrowIfCancellationRequested();
                int n = g.NodeCount;
                MoveNodes(g, comm, ct);
                perLevel.Add(g.Modularity(comm, _config.Resolution, _modularityScratch, _threads));
                levelDone(level);
                if (level == 0 && _oldToNew is null && n >= RelabelNodes)
                {
                    comm = RelabelByCommunity(comm);
                    g = _graph;
                    Array.Copy(_oldToNew!, nodeToAggregate, n0);
                }

                int communities = CountNonEmpty(n);
                if (communities == n || level == _config.MaxLevels - 1) break;

                int[] aggregateOf;
                if (_refine)
                {
                    Refine(g, comm);
                    aggregateOf = _refined;
                }
                else aggregateOf = comm;

                // Aggregate node ids: refined communities numbered by first appearance.
                int aggregates = Renumber(aggregateOf, n);
                if (aggregates == n) break;   // refinement merged nothing: aggregating would not change the graph
                ct.ThrowIfCancellationRequested();
                var next = Aggregate(g, aggregateOf, aggregates, level, out int[] members, out int[] memberOffsets);
                for (int i = 0; i < n0; i++) nodeToAggregate[i] = _renumber[aggregateOf[nodeToAggregate[i]]];
                // Each aggregate starts in the (non-refined) community of its members, ids compacted below the aggregate count.
                Array.Fill(_renumber, -1, 0, n);
                var nextComm = new int[aggregates];
                int used = 0;
                for (int a = 0; a < aggregates; a++)
                {
                    ref int id = ref _renumber[comm[members[memberOffsets[a]]]];
                    if (id == -1) id = used++;
                    nextComm[a] = id;
                }
                g = next;
                comm = nextComm;
            }
            var flat = new int[n0];
            for (int i = 0; i < n0; i++) flat[i] = comm[nodeToAggregate[i]];
            return flat;
        }

        /// <summary>
        /// Level-0 graphs with at least this many nodes are relabelled by community after the first local moving, so
        /// that a community's nodes hold neighbouring ids: every later scan of a row (refinement, aggregation, the
        /// passes that follow) then reads community ids, totals and slots of a few cache lines instead of random ones.
        /// </summary>
        private const int RelabelNodes = 1 << 16;

        /// <summary>Consecutive ids kept together in the level-0 visiting order of local moving (see <see cref="VisitingOrder"/>).</summary>
        private const int OrderRun = 16;

        /// <summary>Swaps in a copy of the level-0 graph whose nodes are ordered by <paramref name="comm"/> (stable by id); returns comm in the new ids.</summary>
        private int[] RelabelByCommunity(int[] comm)
        {
            int n = comm.Length;
            var start = new int[n + 1];
            for (int v = 0; v < n; v++) start[comm[v] + 1]++;
            // Community ids become dense too (in the same order), so community totals and slots are local as well.
            int[] dense = _renumber;
            int communities = 0;
            for (int c = 0; c < n; c++)
            {
                dense[c] = start[c + 1] > 0 ? communities++ : -1;
                start[c + 1] += start[c];
            }
            var oldToNew = new int[n];
            var newToOld = new int[n];
            var relabelled = new int[n];
            for (int v = 0; v < n; v++)
            {
                int i = start[comm[v]]++;
                oldToNew[v] = i;
                newToOld[i] = v;
                relabelled[i] = dense[comm[v]];
            }
            _graph = _graph.Permuted(oldToNew, newToOld, _threads);
            _oldToNew = oldToNew;
            return relabelled;
        }

        /// <summary>Modularity of <paramref name="labels"/> (original node ids) on the level-0 graph.</summary>
        public double Modularity(int[] labels)
        {
            if (_oldToNew is not { } oldToNew) return _graph.Modularity(labels, _config.Resolution, _modularityScratch, _threads);
            var relabelled = new int[labels.Length];
            for (int i = 0; i < labels.Length; i++) relabelled[oldToNew[i]] = labels[i];
            return _graph.Modularity(relabelled, _config.Resolution, _modularityScratch, _threads);
        }

        private int CountNonEmpty(int n)
        {
            int count = 0;
            for (int c = 0; c < n; c++) if (_commSize[c] > 0) count++;
            return count;
        }

        /// <summary>Maps the ids used in <paramref name="labels"/> to 0..k-1 by first appearance (in <see cref="_renumber"/>); returns k.</summary>
        private int Renumber(int[] labels, int n)
        {
            Array.Fill(_renumber, -1, 0, n);
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                ref int id = ref _renumber[labels[i]];
                if (id == -1) id = k++;
            }
            return k;
        }

        /// <summary>
        /// The seeded random order a level's nodes are visited in. On the level-0 graph (at least
        /// <see cref="RelabelNodes"/> nodes), runs of consecutive ids are kept together (runs in random order, nodes
        /// shuffled inside each run): the per-node reads of a visit (row start, row, strength, community, flags) then
        /// share cache lines with the previous visit's instead of each missing the cache.
        /// </summary>
        /// <remarks>
        /// Runs of 16: short enough that few run-mates are neighbours deciding against each other's stale state in
        /// the same block (before the relabelling they are unrelated ids on the benchmark graph; after it they share a
        /// community, where local moving moves few nodes), and the 1M benchmark's Leiden took 7–13 % less CPU at the
        /// same modularity (seeds 42 and 1: Q 0.745467 / 0.745463 vs 0.745477 / 0.745444 with a plain random order).
        /// Refinement keeps a plain random order inside each community.
        /// </remarks>
        private void VisitingOrder(int[] order, int n, bool levelZero)
        {
            const int run = OrderRun;
            if (!levelZero || n < RelabelNodes)
            {
                for (int v = 0; v < n; v++) order[v] = v;
                Shuffle(order, n);
                return;
            }
            int runs = (n + run - 1) / run;
            int[] runOrder = _position;   // free until the caller fills it from the order
            for (int r = 0; r < runs; r++) runOrder[r] = r;
            Shuffle(runOrder, runs);
            int write = 0;
            for (int k = 0; k < runs; k++)
            {
                int first = runOrder[k] * run, end = Math.Min(n, first + run);
                int begin = write;
                for (int v = first; v < end; v++) order[write++] = v;
                for (int i = write - 1; i > begin; i--)
                {
                    int j = begin + _rng.NextInt(i - begin + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }
        }

        private void Shuffle(int[] items, int count)
        {
            for (int i = count - 1; i > 0; i--)
            {
                int j = _rng.NextInt(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>Collapses every group of <paramref name="group"/> (renumbered by <see cref="_renumber"/>) into one node.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        // One method on purpose: the member lists, the aggregate look-up and the two passes share this level's buffers;
        // the passes walk the same rows on purpose (pass 1 counts exactly so pass 2 writes each row at its final size).
        private UndirectedCsr Aggregate(UndirectedCsr g, int[] group, int aggregates, int level, out int[] membersOut, out int[] memberOffsetsOut)
        {
            int n = g.NodeCount;
            int[] renumber = _renumber, offsets = g.Offsets, targets = g.Targets;
            double[] weights = g.Weights;
            // Buffers of this level, reused by later passes: every pass builds graphs of about the same sizes,
            // and reuse keeps dead level graphs from piling up on the large-object heap between collections.
            if (_levelBuffers.Count <= level) _levelBuffers.Add(new LevelBuffers());
            LevelBuffers buffers = _levelBuffers[level];

            int[] memberOffsets = Reuse(ref buffers.MemberOffsets, aggregates + 1);
            memberOffsetsOut = memberOffsets;
            Array.Clear(memberOffsets, 0, aggregates + 1);
            for (int v = 0; v < n; v++) memberOffsets[renumber[group[v]] + 1]++;
            for (int a = 0; a < aggregates; a++) memberOffsets[a + 1] += memberOffsets[a];
            int[] members = _members;
            int[] cursor = _cursor;
            Array.Copy(memberOffsets, cursor, aggregates);
            for (int v = 0; v < n; v++) members[cursor[renumber[group[v]]]++] = v;
            membersOut = members;

            // Aggregate node of each node, so the edge loop does one look-up per edge.
            int[] aggregateOf = _aggregateOf;
            for (int v = 0; v < n; v++) aggregateOf[v] = renumber[group[v]];

            // Pass 1: distinct neighbour aggregates per aggregate, so the new rows are allocated at their exact size
            // (an upper-bound buffer plus a trimming copy would double the peak memory of the largest level).
            // Rows are independent: both passes run in parallel over aggregate chunks.
            int[] newOffsets = Reuse(ref buffers.Offsets, aggregates + 1);
            newOffsets[0] = 0;
            ForChunks(0, aggregates, (double)g.EntryCount / aggregates, (scratch, from, to) =>
            {
                double[] seen = scratch.Weights;
                int[] neighborList = scratch.List;
                for (int a = from; a < to; a++)
                {
                    int found = 0;
                    for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                    {
                        int v = members[m];
                        for (int e = offsets[v]; e < offsets[v + 1]; e++)
                        {
                            if (weights[e] == 0) continue;   // as in pass 2: a zero weight is no tie
                            int b = aggregateOf[targets[e]];
                            if (seen[b] != 0) continue;
                            seen[b] = 1;
                            neighborList[found++] = b;
                        }
                    }
                    for (int i = 0; i < found; i++) seen[neighborList[i]] = 0;
                    newOffsets[a + 1] = found;
                }
            });
            for (int a = 0; a < aggregates; a++) newOffsets[a + 1] += newOffsets[a];

            // Pass 2: summed weights; rows in first-touch order (deterministic; the algorithm needs no sorted rows).
            int[] newTargets = Reuse(ref buffers.Targets, newOffsets[aggregates]);
            double[] newWeights = Reuse(ref buffers.Weights, newOffsets[aggregates]);
            double[] newStrength = Reuse(ref buffers.Strength, aggregates);
            ForChunks(0, aggregates, (double)g.EntryCount / aggregates, (scratch, from, to) =>
            {
                double[] acc = scratch.Weights;
                int[] neighborList = scratch.List;
                for (int a = from; a < to; a++)
                {
                    int found = 0;
                    for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                    {
                        int v = members[m];
                        for (int e = offsets[v]; e < offsets[v + 1]; e++)
                        {
                            double w = weights[e];
                            if (w == 0) continue;
                            int b = aggregateOf[targets[e]];
                            double sum = acc[b];
                            if (sum == 0) neighborList[found++] = b;
                            acc[b] = sum + w;
                        }
                    }
                    int write = newOffsets[a];
                    double rowSum = 0;
                    for (int i = 0; i < found; i++)
                    {
                        int b = neighborList[i];
                        double w = acc[b];
                        newTargets[write] = b;
                        newWeights[write] = w;
                        rowSum += w;
                        acc[b] = 0;
                        write++;
                    }
                    newStrength[a] = rowSum;
                }
            });
            // The same sums, in the same order, as the constructor would take (row by row, then node by node).
            double total = 0;
            for (int a = 0; a < aggregates; a++) total += newStrength[a];
            return new UndirectedCsr(aggregates, newOffsets, newTargets, newWeights, newStrength, total);
        }

        /// <summary>
        /// Runs <paramref name="body"/> over [from, to) in chunks of about <see cref="ChunkEntries"/> row entries (at most
        /// <see cref="ChunkNodes"/> items; <paramref name="entriesPerItem"/> is the level's mean), on all worker threads
        /// when there are at least two chunks. Bodies write only their own chunk's outputs (or set flags to true), so the
        /// result is the same whichever thread ran which chunk and however the range was cut. Chunking by entries lets
        /// the small, dense upper levels (28,000 nodes of mean degree 117 at 1M nodes) use both cores too.
        /// </summary>
        private void ForChunks(int from, int to, double entriesPerItem, Action<Scratch, int, int> body)
        {
            int count = to - from;
            int chunkItems = (int)Math.Clamp(ChunkEntries / Math.Max(1.0, entriesPerItem), 1, ChunkNodes);
            if (_scratch.Length == 1 || count < 2 * chunkItems)
            {
                if (count > 0) body(_scratch[0], from, to);
                return;
            }
            int chunks = (count + chunkItems - 1) / chunkItems;
            int next = -1;
            Parallel.For(0, Math.Min(_scratch.Length, chunks), new ParallelOptions { MaxDegreeOfParallelism = _threads }, t =>
            {
                Scratch scratch = _scratch[t];
                int c;
                while ((c = Interlocked.Increment(ref next)) < chunks)
                {
                    int a = from + c * chunkItems;
                    body(scratch, a, Math.Min(to, a + chunkItems));
                }
            });
        }

        /// <summary>The buffer when it is long enough, else a new one with 10% headroom (kept for the next pass).</summary>
        private static T[] Reuse<T>(ref T[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length) buffer = new T[length + length / 10];
            return buffer;
        }

        /// <summary>Storage of one aggregation level's graph, reused across passes.</summary>
        private sealed class LevelBuffers
        {
            public int[]? Offsets, Targets, MemberOffsets;
            public double[]? Weights, Strength;
        }
    }

    /// <summary>
    /// Per-thread scratch: edge weight accumulated towards each community (or sub-community, or aggregate) of one row,
    /// all zero between rows — the row's loop lists what it touched and clears those entries, so nothing is reset
    /// wholesale and a zero marks an entry not touched yet (zero-weight edges are skipped: they add to no gain);
    /// neighbour list; candidate weights.
    /// </summary>
    /// <remarks>8 bytes per node: a stamped slot (weight + stamp, 16 bytes with padding) doubled the table that
    /// every row entry reads at random.</remarks>
    private sealed class Scratch
    {
        public readonly double[] Weights;
        public readonly int[] List;
        public readonly double[] Candidates;

        public Scratch(int n, bool refine)
        {
            Weights = new double[n];
            List = new int[n];
            Candidates = refine ? new double[n] : [];
        }

        public static long MemoryBytes(long n, bool refine) => n * (8 + 4 + (refine ? 8 : 0));
    }

    /// <summary>Small, fast, seedable generator (SplitMix64); identical sequence on every platform and runtime.</summary>
    internal struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound).</summary>
        public int NextInt(int bound) => (int)((NextUInt64() >> 33) * (ulong)bound >> 31);

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
