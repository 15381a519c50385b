using System.Runtime.CompilerServices;

namespace Influence.Core.Algorithms;

public static partial class CommunityDetection
{
    private sealed partial class Worker
    {
        /// <summary>Decision of a node that stays where it is.</summary>
        private const int Stay = -1;
        /// <summary>Decision of a node whose every move loses: it leaves for an empty community.</summary>
        private const int Isolate = -2;

        /// <summary>
        /// Nodes decided together against one state. Depends only on the level's node count (never on the thread
        /// count), so the partition is the same for every thread count. Small levels use blocks of one node:
        /// plain sequential local moving. Large levels use blocks of up to 4,096 nodes of a random order: a node
        /// rarely has a neighbour in its own block (about 5 % of nodes at 1M nodes of degree 13), so deciding
        /// against the block's starting state loses little.
        /// </summary>
        private static int BlockSize(int n) => Math.Clamp(n / 256, 1, 4096);

        /// <summary>
        /// Local moving with pruning: sweeps over a seeded random order; a sweep visits only nodes that are new
        /// or have a neighbour that moved in the previous sweep; stops when a sweep moves nothing or after
        /// <see cref="CommunityConfig.MaxSweeps"/> sweeps. <paramref name="comm"/> is updated in place.
        /// </summary>
        private void MoveNodes(UndirectedCsr g, int[] comm, CancellationToken ct)
        {
            int n = g.NodeCount;
            double[] strength = g.Strength;
            double[] commTotal = _commTotal;
            int[] commSize = _commSize, order = _queue;

            Array.Clear(commTotal, 0, n);
            Array.Clear(commSize, 0, n);
            for (int v = 0; v < n; v++)
            {
                commTotal[comm[v]] += strength[v];
                commSize[comm[v]]++;
            }
            _emptyStack.Clear();
            for (int c = n - 1; c >= 0; c--) if (commSize[c] == 0) _emptyStack.Add(c);

            VisitingOrder(order, n, g == _graph);
            int[] position = _position;
            for (int i = 0; i < n; i++) position[order[i]] = i;
            Array.Fill(_active, true, 0, n);
            Array.Clear(_activeNext, 0, n);
            int block = BlockSize(n);
            double meanDegree = (double)g.EntryCount / n;
            int blockEnd = 0;
            Action<Scratch, int, int> decide = (scratch, from, to) => DecideMoves(g, comm, scratch, from, to, blockEnd);

            for (int sweep = 0; sweep < _config.MaxSweeps; sweep++)
            {
                ct.ThrowIfCancellationRequested();
                int moved = 0;
                for (int start = 0; start < n; start += block)
                {
                    int end = Math.Min(n, start + block);
                    blockEnd = end;
                    ForChunks(start, end, meanDegree, decide);
                    moved += ApplyMoves(comm, strength, start, end);
                }
                if (moved == 0) break;
                (_active, _activeNext) = (_activeNext, _active);
                Array.Clear(_activeNext, 0, n);
            }
        }

        /// <summary>
        /// Best community of each active node of order[from..to) against the current state. The neighbours of a
        /// mover are marked for this sweep when their block is still to come, else for the next sweep (flags of the
        /// running block are only read, so the outcome does not depend on timing).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        // One method on purpose: the local-moving hot loop (gains, best move, neighbour marks) kept together so the JIT keeps its locals in registers.
        private void DecideMoves(UndirectedCsr g, int[] comm, Scratch scratch, int from, int to, int blockEnd)
        {
            int[] offsets = g.Offsets, targets = g.Targets, order = _queue, decision = _decision, commSize = _commSize, position = _position;
            double[] weights = g.Weights, strength = g.Strength, commTotal = _commTotal;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            bool[] active = _active, activeNext = _activeNext;
            double[] acc = scratch.Weights;
            int[] neighborList = scratch.List;
            for (int i = from; i < to; i++)
            {
                // Flags and decisions are indexed by position in the order: a sweep reads them sequentially, so the
                // late sweeps that move a few nodes cost little more than a scan of two arrays.
                decision[i] = Stay;
                if (!active[i]) continue;
                int v = order[i];
                int current = comm[v];
                double kv = strength[v];
                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    double w = weights[e];
                    // A zero weight adds nothing to any gain (and would hide the first touch of a community).
                    if (j == v || w == 0) continue;
                    int c = comm[j];
                    double sum = acc[c];
                    if (sum == 0) neighborList[found++] = c;
                    acc[c] = sum + w;
                }

                // Gains of v relative to being alone: its own community counted without v.
                double best = acc[current] - kv * (commTotal[current] - kv) * gammaOverTwoM;
                int bestComm = current;
                for (int k = 0; k < found; k++)
                {
                    int c = neighborList[k];
                    if (c == current) continue;
                    double gain = acc[c] - kv * commTotal[c] * gammaOverTwoM;
                    if (gain > best)
                    {
                        best = gain;
                        bestComm = c;
                    }
                }
                for (int k = 0; k < found; k++) acc[neighborList[k]] = 0;
                // Alone in an empty community gains 0: better than a negative gain anywhere.
                if (best < 0 && commSize[current] > 1) bestComm = Isolate;
                if (bestComm == current) continue;
                decision[i] = bestComm;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (comm[j] == bestComm) continue;
                    int pj = position[j];
                    if (pj >= blockEnd) active[pj] = true;
                    else activeNext[pj] = true;
                }
            }
        }

        /// <summary>Applies the decisions of order[from..to) in order (one thread: the totals are summed in a fixed order); returns the moves made.</summary>
        private int ApplyMoves(int[] comm, double[] strength, int from, int to)
        {
            int[] order = _queue, decision = _decision, commSize = _commSize;
            double[] commTotal = _commTotal;
            int moved = 0;
            for (int i = from; i < to; i++)
            {
                int target = decision[i];
                if (target == Stay) continue;
                int v = order[i];
                int current = comm[v];
                if (target == Isolate)
                {
                    if (commSize[current] == 1) continue;   // its partners left in this block: already alone
                    target = PopEmpty();
                    if (target < 0) continue;
                }
                double kv = strength[v];
                commTotal[current] -= kv;
                commTotal[target] += kv;
                if (--commSize[current] == 0) _emptyStack.Add(current);
                commSize[target]++;
                comm[v] = target;
                moved++;
            }
            return moved;
        }

        /// <summary>An empty community id, or -1. Stale entries (a community emptied, then joined again by a node deciding on the older state) are skipped.</summary>
        private int PopEmpty()
        {
            while (_emptyStack.Count > 0)
            {
                int c = _emptyStack[^1];
                _emptyStack.RemoveAt(_emptyStack.Count - 1);
                if (_commSize[c] == 0) return c;
            }
            return -1;
        }

        /// <summary>Leiden refinement of <paramref name="comm"/> into <see cref="_refined"/> (sub-communities of each community).</summary>
        /// <remarks>
        /// Every node starts alone; then each community is refined on its own (<see cref="RefineByCommunity"/>): its
        /// singletons, in a seeded random order, join a well-connected sub-community of their community or stay.
        /// Members never leave a sub-community, so every sub-community stays connected.
        /// </remarks>
        private void Refine(UndirectedCsr g, int[] comm)
        {
            int n = g.NodeCount;
            int[] offsets = g.Offsets, targets = g.Targets, refined = _refined;
            double[] weights = g.Weights, strength = g.Strength, refTotal = _refTotal, refExternal = _refExternal;
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
            ulong orderSeed = _rng.NextUInt64();
            RefineByCommunity(g, comm, orderSeed, _rng.NextUInt64());
        }
    }
}
