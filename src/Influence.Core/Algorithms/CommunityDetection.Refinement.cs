using System.Runtime.CompilerServices;

namespace Influence.Core.Algorithms;

public static partial class CommunityDetection
{
    private sealed partial class Worker
    {
        /// <summary>
        /// Leiden refinement, one community at a time: every merge stays inside a community and reads only that
        /// community's state, so communities are refined independently — each sequentially (a seeded random order of its
        /// members, every merge applied at once, as in Traag et al.), different communities on different threads. The
        /// order of a community's members comes from a generator seeded by the community id and the draws from one
        /// seeded by the node, so the result does not depend on which thread refines which community.
        /// </summary>
        private void RefineByCommunity(UndirectedCsr g, int[] comm, ulong orderSeed, ulong drawSeed)
        {
            int n = g.NodeCount;
            // Members grouped by community (ascending ids inside), community c's from start[c]; then the list of the
            // communities with at least two members (a lone node has nothing to merge with).
            int[] start = _position, cursor = _cursor, members = _queue;
            Array.Clear(cursor, 0, n);
            for (int v = 0; v < n; v++) cursor[comm[v]]++;
            int running = 0;
            for (int c = 0; c < n; c++)
            {
                int size = cursor[c];
                start[c] = running;
                cursor[c] = running;
                running += size;
            }
            for (int v = 0; v < n; v++) members[cursor[comm[v]]++] = v;
            int work = 0;
            for (int c = 0; c < n; c++)
            {
                if (cursor[c] - start[c] >= 2) cursor[work++] = c;
            }
            ForChunks(0, work, (double)g.EntryCount / Math.Max(1, work), (scratch, from, to) =>
            {
                for (int k = from; k < to; k++)
                {
                    int c = cursor[k];
                    RefineCommunity(g, comm, scratch, c, start[c], c + 1 < n ? start[c + 1] : n, orderSeed, drawSeed);
                }
            });
        }

        /// <summary>Refines community <paramref name="c"/> (members[from..to)): each singleton, in a random order, joins a sub-community or stays.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        // One method on purpose: the refinement hot loop (weights to sub-communities, candidates, draw, merge) shares its scratch arrays.
        private void RefineCommunity(UndirectedCsr g, int[] comm, Scratch scratch, int c, int from, int to, ulong orderSeed, ulong drawSeed)
        {
            int[] offsets = g.Offsets, targets = g.Targets, refined = _refined, members = _queue;
            double[] weights = g.Weights, strength = g.Strength;
            double[] refTotal = _refTotal, refExternal = _refExternal, prob = scratch.Candidates, acc = scratch.Weights;
            bool[] merged = _refMerged;
            int[] neighborList = scratch.List;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            double invTheta = 1.0 / _config.Randomness;
            // The community's total strength, summed here: the totals of local moving are indexed by the community ids
            // from before a relabelling.
            double ks = 0;
            for (int i = from; i < to; i++) ks += strength[members[i]];

            var rng = new SplitMix64(orderSeed ^ ((ulong)(uint)c * 0x9E3779B97F4A7C15UL));
            for (int i = to - 1; i > from; i--)
            {
                int j = from + rng.NextInt(i - from + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }
            for (int idx = from; idx < to; idx++)
            {
                int v = members[idx];
                // Only nodes still alone in their sub-community move.
                if (merged[v]) continue;
                double kv = strength[v];
                if (refExternal[v] < kv * (ks - kv) * gammaOverTwoM) continue;   // v not well connected to its community

                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    double w = weights[e];
                    if (j == v || w == 0 || comm[j] != c) continue;
                    int r = refined[j];
                    double sum = acc[r];
                    if (sum == 0) neighborList[found++] = r;
                    acc[r] = sum + w;
                }
                // Candidates (moved to the front of the list, in order): well-connected sub-communities with a
                // non-negative gain; staying alone gains 0.
                double maxGain = 0;
                int candidates = 0;
                for (int i = 0; i < found; i++)
                {
                    int r = neighborList[i];
                    double kr = refTotal[r];
                    if (refExternal[r] < kr * (ks - kr) * gammaOverTwoM) continue;
                    double gain = acc[r] - kv * kr * gammaOverTwoM;
                    if (gain < 0) continue;
                    (neighborList[candidates], neighborList[i]) = (r, neighborList[candidates]);
                    prob[candidates] = gain;
                    candidates++;
                    if (gain > maxGain) maxGain = gain;
                }
                int chosen = candidates > 0 ? Draw(neighborList, prob, candidates, maxGain, invTheta, drawSeed, v) : Stay;
                if (chosen != Stay)
                {
                    refined[v] = chosen;
                    refTotal[chosen] += kv;
                    refTotal[v] = 0;
                    // Edges between v and the chosen sub-community become internal.
                    refExternal[chosen] += refExternal[v] - 2 * acc[chosen];
                    merged[chosen] = true;
                    merged[v] = true;
                }
                for (int i = 0; i < found; i++) acc[neighborList[i]] = 0;
            }
        }

        /// <summary>
        /// A candidate of list[0..candidates) drawn with probability ∝ exp(gain/θ) (gains in <paramref name="prob"/>,
        /// overwritten), or <see cref="Stay"/> with probability ∝ exp(0): the generator is seeded by the node, so the
        /// draw does not depend on which thread makes it.
        /// </summary>
        private static int Draw(int[] list, double[] prob, int candidates, double maxGain, double invTheta, ulong drawSeed, int v)
        {
            // P(r) ∝ exp(gain/θ), shifted by the largest gain so exp never overflows.
            double alone = Math.Exp(-maxGain * invTheta);
            double total = alone;
            for (int i = 0; i < candidates; i++)
            {
                prob[i] = Math.Exp((prob[i] - maxGain) * invTheta);
                total += prob[i];
            }
            double draw = new SplitMix64(drawSeed ^ ((ulong)(uint)v * 0xD6E8FEB86659FD93UL)).NextDouble() * total;
            if (draw < alone) return Stay;
            double cumulative = alone;
            for (int i = 0; i < candidates; i++)
            {
                cumulative += prob[i];
                if (draw < cumulative) return list[i];
            }
            return list[candidates - 1];
        }
    }
}
