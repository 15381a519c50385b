using Influence.Core.Graph;
using Influence.Core.Synthetic;

namespace Influence.Core.Campaigns;

/// <summary>
/// Independent-cascade model estimated from the interaction log. An account u that posts activates each
/// engager v of u once, independently, with probability
/// <c>p(u→v) = c(v,u) / (c(v) + 1)</c>: c(v,u) the interactions v made on u, c(v) all interactions v made
/// (over the engaged-audience index). It is the weighted-cascade model of Kempe et al. (p = 1/in-degree) with
/// v's attention split by how often it engaged each account instead of evenly, and one pseudo-interaction of
/// prior so that an account seen once is not certain to relay. Σ_u p(u→v) = c(v)/(c(v)+1) &lt; 1, so cascades
/// stay finite and reverse-reachable sets small.
/// </summary>
public sealed class CascadeModel
{
    // Forward rows (u → engagers) share the index's offsets and items; reverse rows (v → accounts it engaged) are built here.
    private readonly CsrRows<float> _forward, _reverse;

    private CascadeModel(int nodeCount, CsrRows<float> forward, CsrRows<float> reverse)
    {
        NodeCount = nodeCount;
        _forward = forward;
        _reverse = reverse;
    }

    public int NodeCount { get; }

    /// <summary>Pseudo-interactions added to each engager's total (the estimator's prior).</summary>
    public const double Prior = 1.0;

    /// <summary>Engagers of <paramref name="account"/> (whom it may activate), ascending.</summary>
    public ReadOnlySpan<int> Activates(int account) => _forward.Row(account);

    /// <summary>Activation probabilities aligned with <see cref="Activates"/>.</summary>
    public ReadOnlySpan<float> ActivationProbabilities(int account) => _forward.RowValues(account);

    /// <summary>Accounts that may activate <paramref name="account"/> (those it engaged with), ascending.</summary>
    internal ReadOnlySpan<int> ActivatedBy(int account) => _reverse.Row(account);

    internal ReadOnlySpan<float> ActivatedByProbabilities(int account) => _reverse.RowValues(account);

    /// <summary>Estimates the model from an engaged-audience index. O(pairs); 16 bytes per pair.</summary>
    public static CascadeModel FromAudience(EngagedAudienceIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int n = index.NodeCount;
        CsrRows<double> audiences = index.Audiences;
        int[] offsets = audiences.Offsets, engagers = audiences.Items;
        double[] counts = audiences.Values;
        var given = new double[n];
        var revOffsets = new int[n + 1];
        for (int e = 0; e < engagers.Length; e++)
        {
            given[engagers[e]] += counts[e];
            revOffsets[engagers[e] + 1]++;
        }
        for (int v = 0; v < n; v++) revOffsets[v + 1] += revOffsets[v];
        var fwdProb = new float[engagers.Length];
        var revSources = new int[engagers.Length];
        var revProb = new float[engagers.Length];
        var next = revOffsets[..n];
        // Walking accounts in ascending order fills each reverse row ascending too.
        for (int u = 0; u < n; u++)
        {
            for (int e = offsets[u]; e < offsets[u + 1]; e++)
            {
                int v = engagers[e];
                float p = (float)(counts[e] / (given[v] + Prior));
                fwdProb[e] = p;
                int slot = next[v]++;
                revSources[slot] = u;
                revProb[slot] = p;
            }
        }
        return new CascadeModel(n, new CsrRows<float>(offsets, engagers, fwdProb), new CsrRows<float>(revOffsets, revSources, revProb));
    }

    /// <summary>
    /// Monte Carlo estimate of the expected number of <paramref name="inScope"/> accounts (1 = member; null = all)
    /// a cascade from <paramref name="seeds"/> activates, seeds included. Mean and standard error over <paramref name="runs"/> cascades.
    /// </summary>
    public (double Mean, double StandardError) Simulate(IReadOnlyList<int> seeds, int runs, int seed, byte[]? inScope = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "runs must be ≥ 1.");
        foreach (int s in seeds)
            if ((uint)s >= (uint)NodeCount) throw new ArgumentOutOfRangeException(nameof(seeds), s, $"Seed {s} is not an account (0 to {NodeCount - 1}).");
        var rng = new FastRandom((ulong)seed);
        var stamp = new int[NodeCount];
        var queue = new int[NodeCount];
        double sum = 0, sumSq = 0;
        for (int run = 1; run <= runs; run++)
        {
            if ((run & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            int head = 0, tail = 0, reached = 0;
            foreach (int s in seeds)
                if (stamp[s] != run) { stamp[s] = run; queue[tail++] = s; }
            while (head < tail)
            {
                int u = queue[head++];
                if (inScope is null || inScope[u] != 0) reached++;
                ReadOnlySpan<int> targets = Activates(u);
                ReadOnlySpan<float> probs = ActivationProbabilities(u);
                for (int i = 0; i < targets.Length; i++)
                {
                    int v = targets[i];
                    if (stamp[v] != run && rng.NextDouble() < probs[i]) { stamp[v] = run; queue[tail++] = v; }
                }
            }
            sum += reached;
            sumSq += (double)reached * reached;
        }
        double mean = sum / runs;
        double variance = Math.Max(0, sumSq / runs - mean * mean);
        return (mean, Math.Sqrt(variance / runs));
    }
}
