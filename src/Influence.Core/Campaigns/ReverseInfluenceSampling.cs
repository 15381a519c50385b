using System.Collections.Concurrent;
using Influence.Core.Synthetic;

namespace Influence.Core.Campaigns;

/// <summary>
/// Reverse-influence sampling sized by IMM (Tang, Shi and Xiao, SIGMOD 2015). A reverse-reachable (RR) set of a
/// random scope member r holds the accounts whose cascade would reach r in one random draw of the live edges; the
/// expected spread of picks S over the scope is |scope| × P(S meets a random RR set). IMM first finds a lower bound
/// LB of the best spread by doubling the sample (Algorithm 2), then draws θ = λ*/LB sets so that greedy coverage is
/// within (1 − 1/e − ε) of the best with probability ≥ 1 − n^−ℓ. The sets of the first phase are reused (as in the
/// paper's algorithm). Sets are drawn in fixed chunks, each from its own seed, so the sample is the same whatever
/// the number of threads.
/// </summary>
internal static class ReverseInfluenceSampling
{
    internal sealed record Sample(RrCoverage Coverage, SpreadSampling Summary);

    public static Sample Run(CascadeModel model, int[] members, int[] candidates, int[]? tierOf, CampaignPlanConfig config,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        int n = Math.Max(members.Length, 1);
        var pickable = new byte[model.NodeCount];
        foreach (int v in candidates) pickable[v] = 1;
        foreach (int v in config.Include) pickable[v] = 1;
        var store = new RrSetStore(model, members, pickable, config.Seed);
        int k = config.K;
        double lnN = Math.Log(n);
        double ellPrime = n > 1 ? config.Ell * (1 + Math.Log(2) / lnN) : config.Ell;
        double lnBinom = LogBinomial(Math.Max(candidates.Length + config.Include.Count, k), k);
        double epsPrime = Math.Sqrt(2) * config.Epsilon;
        double lambdaPrime = (2 + 2.0 / 3 * epsPrime) * (lnBinom + ellPrime * lnN + Math.Log(Math.Max(Math.Log2(n), 1))) * n / (epsPrime * epsPrime);
        double lowerBound = 1;
        bool capped = false;
        int rounds = Math.Max((int)Math.Ceiling(Math.Log2(n)) - 1, 0);
        for (int i = 1; i <= rounds && members.Length > 0; i++)
        {
            double x = n / Math.Pow(2, i);
            long thetaI = (long)Math.Ceiling(lambdaPrime / x);
            capped |= !store.GrowTo(thetaI, config.MaxSamples, cancellationToken);
            progress?.Report(0.3 * i / rounds);
            double covered = GreedyCoverage(store, candidates, tierOf, config, cancellationToken);
            if (n * covered >= (1 + epsPrime) * x)
            {
                lowerBound = n * covered / (1 + epsPrime);
                break;
            }
            if (capped) break;
        }
        double e1 = 1 - 1 / Math.E;
        double alpha = Math.Sqrt(ellPrime * lnN + Math.Log(2));
        double beta = Math.Sqrt(e1 * (lnBinom + ellPrime * lnN + Math.Log(2)));
        double lambdaStar = 2 * n * Math.Pow(e1 * alpha + beta, 2) / (config.Epsilon * config.Epsilon);
        long theta = (long)Math.Ceiling(lambdaStar / lowerBound);
        if (members.Length > 0)
            capped |= !store.GrowTo(theta, config.MaxSamples, cancellationToken, progress is null ? null : new ScaledProgress(progress, 0.3, 1));
        progress?.Report(1);
        var summary = new SpreadSampling(store.Count, Math.Max(theta, store.Count), config.Epsilon, config.Ell, lowerBound, capped, config.Seed);
        return new Sample(new RrCoverage(store, model.NodeCount, members.Length), summary);
    }

    /// <summary>Share of the sets the greedy picks (includes first) cover: IMM's NodeSelection.</summary>
    private static double GreedyCoverage(RrSetStore store, int[] candidates, int[]? tierOf, CampaignPlanConfig config, CancellationToken cancellationToken)
    {
        var coverage = new RrCoverage(store, store.NodeCount, 1);
        long covered = 0;
        int[]? budget = config.NewTierBudgets();
        foreach (int v in config.Include)
        {
            covered += coverage.Add(v);
            if (tierOf is not null && tierOf[v] >= 0 && budget![tierOf[v]] > 0) budget[tierOf[v]]--;
        }
        var picks = new List<int>();
        var gains = new List<long>();
        LazyGreedy.Select(coverage, Array.FindAll(candidates, v => !config.Include.Contains(v)), tierOf, budget,
            config.K - config.Include.Count, picks, gains, null, cancellationToken);
        foreach (long g in gains) covered += g;
        return store.Count == 0 ? 0 : (double)covered / store.Count;
    }

    /// <summary>ln C(n, k).</summary>
    internal static double LogBinomial(int n, int k)
    {
        double s = 0;
        for (int i = 0; i < k && i < n; i++) s += Math.Log(n - i) - Math.Log(i + 1);
        return s;
    }
}

/// <summary>RR sets held flat: the pickable accounts of set i are Nodes[Offsets[i]..Offsets[i+1]).</summary>
internal sealed class RrSetStore(CascadeModel model, int[] roots, byte[] pickable, int seed)
{
    private int[] _nodes = new int[1 << 16];
    private int[] _offsets = new int[1 + (1 << 12)];
    private readonly ConcurrentBag<Walker> _walkers = [];

    public int NodeCount => model.NodeCount;
    public int Count { get; private set; }
    public long Entries => _offsets[Count];

    public ReadOnlySpan<int> Set(int i) => new(_nodes, _offsets[i], _offsets[i + 1] - _offsets[i]);
    internal int[] Nodes => _nodes;
    internal int[] Offsets => _offsets;

    /// <summary>Draws sets until there are at least <paramref name="target"/> (rounded up to whole chunks). False when the cap stopped it.</summary>
    public bool GrowTo(long target, int cap, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        const int chunk = 2048;
        long want = Math.Min(target, cap);
        int startCount = Count;
        while (Count < want)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int firstChunk = Count / chunk;
            int chunks = (int)Math.Min(16, (want - Count + chunk - 1) / chunk);
            var parts = new (int[] Nodes, int[] Lengths)[chunks];
            Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, c =>
            {
                if (!_walkers.TryTake(out Walker? w)) w = new Walker(model.NodeCount);
                parts[c] = w.Draw(model, roots, pickable, ChunkSeed(seed, firstChunk + c), chunk);
                _walkers.Add(w);
            });
            foreach (var part in parts) Append(part.Nodes, part.Lengths);
            progress?.Report(want == startCount ? 1 : (double)(Count - startCount) / (want - startCount));
        }
        return target <= cap;
    }

    private static ulong ChunkSeed(int seed, int chunk) => ((ulong)(uint)seed << 32) ^ (ulong)chunk * 0x9E3779B97F4A7C15UL;

    private void Append(int[] nodes, int[] lengths)
    {
        long entries = (long)_offsets[Count] + nodes.Length;
        if (entries > Array.MaxLength) throw new InvalidOperationException($"The RR sample exceeds {Array.MaxLength} entries; lower K, raise Epsilon or cap MaxSamples.");
        if (entries > _nodes.Length) Array.Resize(ref _nodes, (int)Math.Min(Array.MaxLength, Math.Max(entries, 2L * _nodes.Length)));
        if (Count + lengths.Length + 1 > _offsets.Length) Array.Resize(ref _offsets, Math.Max(Count + lengths.Length + 1, 2 * _offsets.Length));
        Array.Copy(nodes, 0, _nodes, _offsets[Count], nodes.Length);
        foreach (int len in lengths)
        {
            _offsets[Count + 1] = _offsets[Count] + len;
            Count++;
        }
    }

    /// <summary>One thread's scratch: a visit stamp and a queue per account.</summary>
    private sealed class Walker(int nodeCount)
    {
        private readonly int[] _stamp = new int[nodeCount];
        private readonly int[] _queue = new int[nodeCount];
        private int _round;

        public (int[] Nodes, int[] Lengths) Draw(CascadeModel model, int[] roots, byte[] pickable, ulong seed, int sets)
        {
            var rng = new FastRandom(seed);
            var lengths = new int[sets];
            var nodes = new List<int>(sets * 4);
            for (int s = 0; s < sets; s++)
            {
                if (++_round == int.MaxValue) { Array.Clear(_stamp); _round = 1; }
                int root = roots[rng.Next(roots.Length)];
                int head = 0, tail = 0, before = nodes.Count;
                _stamp[root] = _round;
                _queue[tail++] = root;
                while (head < tail)
                {
                    int v = _queue[head++];
                    if (pickable[v] != 0) nodes.Add(v);
                    ReadOnlySpan<int> sources = model.ActivatedBy(v);
                    ReadOnlySpan<float> probs = model.ActivatedByProbabilities(v);
                    for (int i = 0; i < sources.Length; i++)
                    {
                        int u = sources[i];
                        if (_stamp[u] != _round && rng.NextDouble() < probs[i]) { _stamp[u] = _round; _queue[tail++] = u; }
                    }
                }
                lengths[s] = nodes.Count - before;
            }
            return (nodes.ToArray(), lengths);
        }
    }
}

/// <summary>Spread as coverage of RR sets: a unit is a set met by the picks; value = |scope| × units / sets.</summary>
internal sealed class RrCoverage : CoverageObjective
{
    private readonly int[] _rowOffsets;
    private readonly int[] _setIds;
    private readonly bool[] _covered;

    public RrCoverage(RrSetStore store, int nodeCount, int scopeSize)
    {
        int[] nodes = store.Nodes, offsets = store.Offsets;
        int count = store.Count, entries = offsets[count];
        _rowOffsets = new int[nodeCount + 1];
        for (int e = 0; e < entries; e++) _rowOffsets[nodes[e] + 1]++;
        for (int v = 0; v < nodeCount; v++) _rowOffsets[v + 1] += _rowOffsets[v];
        _setIds = new int[entries];
        var next = _rowOffsets[..nodeCount];
        for (int s = 0; s < count; s++)
            for (int e = offsets[s]; e < offsets[s + 1]; e++) _setIds[next[nodes[e]]++] = s;
        _covered = new bool[count];
        Scale = count == 0 ? 0 : (double)scopeSize / count;
    }

    public override double Scale { get; }

    public override long Gain(int node)
    {
        long g = 0;
        for (int i = _rowOffsets[node]; i < _rowOffsets[node + 1]; i++) if (!_covered[_setIds[i]]) g++;
        return g;
    }

    public override long Add(int node)
    {
        long g = 0;
        for (int i = _rowOffsets[node]; i < _rowOffsets[node + 1]; i++)
        {
            ref bool c = ref _covered[_setIds[i]];
            if (!c) { c = true; g++; }
        }
        return g;
    }

    public override void Reset() => Array.Clear(_covered);
}
