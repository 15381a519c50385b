using System.Runtime.CompilerServices;
using System.Diagnostics;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

public static partial class CommunityDetection
{
    /// <summary>Scratch arrays sized for the projection, reused by every level and pass.</summary>
    private sealed class Worker
    {
        private readonly CommunityConfig _config;
        private readonly bool _refine;
        private SplitMix64 _rng;
        // Per (community or node) scratch, valid where Stamp == _currentStamp. Weight and stamp share a
        // slot so the random access per edge touches one cache line, not two.
        private readonly Slot[] _slots;
        private readonly int[] _neighborList;
        private int _currentStamp;
        // Level state.
        private readonly double[] _commTotal;
        private readonly int[] _commSize;
        private readonly int[] _queue;
        private readonly bool[] _inQueue;
        private readonly int[] _emptyStack;
        private readonly int[] _refined;
        private readonly double[] _refTotal;
        private readonly double[] _refExternal;
        private readonly bool[] _refMerged;
        private readonly double[] _candidateProb;
        private readonly int[] _renumber;
        private readonly int _threads;
        private readonly List<LevelBuffers> _levelBuffers = [];
        private readonly int[] _members, _cursor, _aggregateOf;
        private readonly double[] _modularityScratch;
        private const int RefineRange = 1 << 13;

        public Worker(int n, CommunityConfig config, SplitMix64 rng)
        {
            _config = config;
            _refine = config.Algorithm == CommunityAlgorithm.Leiden;
            _rng = rng;
            _slots = new Slot[n];
            _neighborList = new int[n];
            _commTotal = new double[n];
            _commSize = new int[n];
            _queue = new int[n];
            _inQueue = new bool[n];
            _emptyStack = new int[n];
            _refined = new int[n];
            _refTotal = _refine ? new double[n] : [];
            _refExternal = _refine ? new double[n] : [];
            _refMerged = _refine ? new bool[n] : [];
            _candidateProb = _refine ? new double[n] : [];
            _renumber = new int[n];
            _threads = config.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
            _members = new int[n];
            _cursor = new int[n];
            _aggregateOf = new int[n];
            _modularityScratch = new double[n];
        }

        /// <summary>One multilevel run starting from <paramref name="start"/> on <paramref name="g0"/>; returns the flat partition.</summary>
        public int[] RunPass(UndirectedCsr g0, int[] start, List<double> perLevel, Action<int> levelDone, CancellationToken ct)
        {
            int n0 = g0.NodeCount;
            var nodeToAggregate = new int[n0];
            for (int i = 0; i < n0; i++) nodeToAggregate[i] = i;
            UndirectedCsr g = g0;
            int[] comm = Canonical(start, out _);   // ids < n0, needed by the scratch arrays
            for (int level = 0; level < _config.MaxLevels; level++)
            {
                ct.ThrowIfCancellationRequested();
                int n = g.NodeCount;
                MoveNodes(g, comm, ct);
                perLevel.Add(g.Modularity(comm, _config.Resolution, _modularityScratch, _threads));
                levelDone(level);

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

        private int NextStamp()
        {
            if (++_currentStamp == int.MaxValue)
            {
                Array.Clear(_slots);
                _currentStamp = 1;
            }
            return _currentStamp;
        }

        private void Shuffle(int[] items, int count)
        {
            for (int i = count - 1; i > 0; i--)
            {
                int j = _rng.NextInt(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>Fast local moving (queue-based); <paramref name="comm"/> updated in place.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        // One method on purpose: the local-moving hot loop (queue, gains, moves) kept together so the JIT keeps its locals in registers.
        private void MoveNodes(UndirectedCsr g, int[] comm, CancellationToken ct)
        {
            int n = g.NodeCount;
            int[] offsets = g.Offsets, targets = g.Targets;
            double[] weights = g.Weights, strength = g.Strength;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            double[] commTotal = _commTotal;
            Slot[] slots = _slots;
            int[] commSize = _commSize, neighborList = _neighborList, queue = _queue;
            bool[] inQueue = _inQueue;

            Array.Clear(commTotal, 0, n);
            Array.Clear(commSize, 0, n);
            for (int v = 0; v < n; v++)
            {
                commTotal[comm[v]] += strength[v];
                commSize[comm[v]]++;
            }
            int empties = 0;
            for (int c = n - 1; c >= 0; c--) if (commSize[c] == 0) _emptyStack[empties++] = c;

            for (int v = 0; v < n; v++) queue[v] = v;
            Shuffle(queue, n);
            Array.Fill(inQueue, true, 0, n);
            int head = 0, queued = n;
            long budget = (long)_config.MaxSweeps * n;

            while (queued > 0 && budget-- > 0)
            {
                if ((budget & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                int v = queue[head];
                if (++head == n) head = 0;
                queued--;
                inQueue[v] = false;

                int current = comm[v];
                double kv = strength[v];
                int st = NextStamp();
                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (j == v) continue;
                    int c = comm[j];
                    if (slots[c].Stamp != st)
                    {
                        slots[c].Stamp = st;
                        slots[c].Weight = 0;
                        neighborList[found++] = c;
                    }
                    slots[c].Weight += weights[e];
                }

                commTotal[current] -= kv;
                double best = (slots[current].Stamp == st ? slots[current].Weight : 0) - kv * commTotal[current] * gammaOverTwoM;
                int bestComm = current;
                for (int i = 0; i < found; i++)
                {
                    int c = neighborList[i];
                    if (c == current) continue;
                    double gain = slots[c].Weight - kv * commTotal[c] * gammaOverTwoM;
                    if (gain > best)
                    {
                        best = gain;
                        bestComm = c;
                    }
                }
                // Alone in an empty community gains 0: better than a negative gain anywhere.
                if (best < 0 && commSize[current] > 1) bestComm = _emptyStack[--empties];
                commTotal[bestComm] += kv;
                if (bestComm == current) continue;

                commSize[current]--;
                if (commSize[current] == 0) _emptyStack[empties++] = current;
                commSize[bestComm]++;
                comm[v] = bestComm;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (inQueue[j] || comm[j] == bestComm) continue;
                    inQueue[j] = true;
                    int tail = head + queued;
                    if (tail >= n) tail -= n;
                    queue[tail] = j;
                    queued++;
                }
            }
        }

        /// <summary>Leiden refinement of <paramref name="comm"/> into <see cref="_refined"/> (sub-communities of each community).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        // One method on purpose: the refinement phase is one loop over nodes sharing scratch arrays; split, it would pass them all around.
        private void Refine(UndirectedCsr g, int[] comm)
        {
            int n = g.NodeCount;
            int[] offsets = g.Offsets, targets = g.Targets;
            double[] weights = g.Weights, strength = g.Strength;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            double invTheta = 1.0 / _config.Randomness;
            int[] refined = _refined, neighborList = _neighborList, order = _queue;
            Slot[] slots = _slots;
            double[] refTotal = _refTotal, refExternal = _refExternal, prob = _candidateProb;
            double[] commTotal = _commTotal;
            bool[] merged = _refMerged;

            // Weight from each node to the rest of its community (self-loops excluded): independent per node,
            // so it runs in parallel over fixed node ranges without changing any result.
            void External(int range)
            {
                int from = range * RefineRange, to = Math.Min(n, from + RefineRange);
                for (int v = from; v < to; v++)
                {
                    refined[v] = v;
                    refTotal[v] = strength[v];
                    merged[v] = false;
                    double external = 0;
                    int c = comm[v];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int j = targets[e];
                        if (j != v && comm[j] == c) external += weights[e];
                    }
                    refExternal[v] = external;
                }
            }
            int ranges = (n + RefineRange - 1) / RefineRange;
            if (ranges > 1 && g.EntryCount > 1 << 16 && _threads > 1)
                Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = _threads }, External);
            else
                for (int r = 0; r < ranges; r++) External(r);
            for (int v = 0; v < n; v++) order[v] = v;
            Shuffle(order, n);

            for (int idx = 0; idx < n; idx++)
            {
                int v = order[idx];
                // Only nodes still alone in their sub-community move.
                if (merged[v] || refined[v] != v) continue;
                int s = comm[v];
                double kv = strength[v], ks = commTotal[s];
                if (refExternal[v] < kv * (ks - kv) * gammaOverTwoM) continue;   // v not well connected to its community

                int st = NextStamp();
                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (j == v || comm[j] != s) continue;
                    int r = refined[j];
                    if (slots[r].Stamp != st)
                    {
                        slots[r].Stamp = st;
                        slots[r].Weight = 0;
                        neighborList[found++] = r;
                    }
                    slots[r].Weight += weights[e];
                }
                // Candidates: well-connected sub-communities with a non-negative gain; staying alone gains 0.
                double maxGain = 0;
                int candidates = 0;
                for (int i = 0; i < found; i++)
                {
                    int r = neighborList[i];
                    double kr = refTotal[r];
                    if (refExternal[r] < kr * (ks - kr) * gammaOverTwoM) continue;
                    double gain = slots[r].Weight - kv * kr * gammaOverTwoM;
                    if (gain < 0) continue;
                    neighborList[candidates] = r;
                    prob[candidates] = gain;
                    candidates++;
                    if (gain > maxGain) maxGain = gain;
                }
                if (candidates == 0) continue;
                // P(r) ∝ exp(gain/θ), shifted by the largest gain so exp never overflows.
                double total = Math.Exp(-maxGain * invTheta);   // staying alone
                for (int i = 0; i < candidates; i++)
                {
                    prob[i] = Math.Exp((prob[i] - maxGain) * invTheta);
                    total += prob[i];
                }
                double draw = _rng.NextDouble() * total;
                int chosen = -1;
                double cumulative = Math.Exp(-maxGain * invTheta);
                if (draw >= cumulative)
                {
                    chosen = neighborList[candidates - 1];
                    for (int i = 0; i < candidates; i++)
                    {
                        cumulative += prob[i];
                        if (draw < cumulative)
                        {
                            chosen = neighborList[i];
                            break;
                        }
                    }
                }
                if (chosen < 0) continue;

                refined[v] = chosen;
                refTotal[chosen] += kv;
                refTotal[v] = 0;
                // Edges between v and the chosen sub-community become internal.
                refExternal[chosen] += refExternal[v] - 2 * slots[chosen].Weight;
                merged[chosen] = true;
                merged[v] = true;
            }
        }

        /// <summary>Collapses every group of <paramref name="group"/> (renumbered by <see cref="_renumber"/>) into one node.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private UndirectedCsr Aggregate(UndirectedCsr g, int[] group, int aggregates, int level, out int[] members, out int[] memberOffsets)
        {
            int n = g.NodeCount;
            int[] renumber = _renumber, offsets = g.Offsets, targets = g.Targets, neighborList = _neighborList;
            double[] weights = g.Weights;
            Slot[] slots = _slots;
            // Buffers of this level, reused by later passes: every pass builds graphs of about the same sizes,
            // and reuse keeps dead level graphs from piling up on the large-object heap between collections.
            if (_levelBuffers.Count <= level) _levelBuffers.Add(new LevelBuffers());
            LevelBuffers buffers = _levelBuffers[level];

            memberOffsets = Reuse(ref buffers.MemberOffsets, aggregates + 1);
            Array.Clear(memberOffsets, 0, aggregates + 1);
            for (int v = 0; v < n; v++) memberOffsets[renumber[group[v]] + 1]++;
            for (int a = 0; a < aggregates; a++) memberOffsets[a + 1] += memberOffsets[a];
            members = _members;
            int[] cursor = _cursor;
            Array.Copy(memberOffsets, cursor, aggregates);
            for (int v = 0; v < n; v++) members[cursor[renumber[group[v]]]++] = v;

            // Aggregate node of each node, so the edge loop does one look-up per edge.
            int[] aggregateOf = _aggregateOf;
            for (int v = 0; v < n; v++) aggregateOf[v] = renumber[group[v]];

            // Pass 1: distinct neighbour aggregates per aggregate, so the new rows are allocated at their exact size
            // (an upper-bound buffer plus a trimming copy would double the peak memory of the largest level).
            int[] newOffsets = Reuse(ref buffers.Offsets, aggregates + 1);
            newOffsets[0] = 0;
            for (int a = 0; a < aggregates; a++)
            {
                int st = NextStamp();
                int found = 0;
                for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                {
                    int v = members[m];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int b = aggregateOf[targets[e]];
                        if (slots[b].Stamp == st) continue;
                        slots[b].Stamp = st;
                        found++;
                    }
                }
                newOffsets[a + 1] = newOffsets[a] + found;
            }

            // Pass 2: summed weights; rows in first-touch order (deterministic; the algorithm needs no sorted rows).
            int[] newTargets = Reuse(ref buffers.Targets, newOffsets[aggregates]);
            double[] newWeights = Reuse(ref buffers.Weights, newOffsets[aggregates]);
            for (int a = 0; a < aggregates; a++)
            {
                int st = NextStamp();
                int found = 0;
                for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                {
                    int v = members[m];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int b = aggregateOf[targets[e]];
                        if (slots[b].Stamp != st)
                        {
                            slots[b].Stamp = st;
                            slots[b].Weight = 0;
                            neighborList[found++] = b;
                        }
                        slots[b].Weight += weights[e];
                    }
                }
                int write = newOffsets[a];
                for (int i = 0; i < found; i++)
                {
                    int b = neighborList[i];
                    newTargets[write] = b;
                    newWeights[write] = slots[b].Weight;
                    write++;
                }
            }
            return new UndirectedCsr(aggregates, newOffsets, newTargets, newWeights, Reuse(ref buffers.Strength, aggregates));
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

    /// <summary>Scratch entry: accumulated edge weight towards one community, valid for one stamp.</summary>
    private struct Slot
    {
        public double Weight;
        public int Stamp;
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
