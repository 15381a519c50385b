using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>
/// The weighted interaction graph: edge s→t when s acted on t, weight Σ interaction weight × kind
/// weight over all their interactions. Self-interactions (an account replying to itself) are dropped:
/// they say nothing about influence over others.
/// </summary>
public static class InteractionGraph
{
    /// <summary>Builds the interaction graph over all ids of <paramref name="input"/>, after checking every interaction.</summary>
    /// <exception cref="ArgumentException">An interaction refers to an unknown node, or has a bad kind, weight or stance.</exception>
    public static DirectedGraph Build(InfluenceInput input, KindWeights? kindWeights = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        kindWeights ??= new KindWeights();
        ValidateLog(input.Interactions, input.Ids.Count);
        return BuildUnchecked(input.Interactions, input.Ids, input.Ids.Count, kindWeights);
    }

    /// <summary>
    /// Checks every interaction: endpoints inside <c>0..nodeCount-1</c>, a defined kind, a positive
    /// weight ≤ <see cref="IO.RowRules.MaxWeight"/>, a stance in [-1, 1] or NaN. The message names the interaction (0-based index), field and value.
    /// </summary>
    public static void ValidateLog(InteractionLog log, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(log);
        ReadOnlySpan<int> src = log.Source, dst = log.Target;
        ReadOnlySpan<InteractionKind> kind = log.Kind;
        ReadOnlySpan<double> weight = log.Weight, stance = log.Stance;
        for (int i = 0; i < src.Length; i++)
        {
            if ((uint)src[i] >= (uint)nodeCount)
                throw new ArgumentException($"Interaction #{i}: field 'source' = node {src[i]} is not in the id map ({nodeCount} accounts).", nameof(log));
            if ((uint)dst[i] >= (uint)nodeCount)
                throw new ArgumentException($"Interaction #{i}: field 'target' = node {dst[i]} is not in the id map ({nodeCount} accounts).", nameof(log));
            if ((uint)kind[i] >= InteractionKinds.Count)
                throw new ArgumentException($"Interaction #{i}: field 'kind' = {(int)kind[i]} is not an interaction kind.", nameof(log));
            double w = weight[i];
            // Bounded as every entry point bounds it (RowRules), so the weighted sums stay finite; a row
            // stored before the bound is named here and can be deleted (influence remove --weight-above).
            if (!(w > 0) || !(w <= IO.RowRules.MaxWeight))
                throw new ArgumentException($"Interaction #{i}: field 'weight' = {w}: must be a positive count ≤ {IO.RowRules.MaxWeight:0} " +
                    $"(remove such rows: influence remove --weight-above {IO.RowRules.MaxWeight:0}).", nameof(log));
            double s = stance[i];
            if (!double.IsNaN(s) && !(s >= -1 && s <= 1))
                throw new ArgumentException($"Interaction #{i}: field 'stance' = {s}: must be in [-1, 1] or unknown (NaN).", nameof(log));
        }
    }

    /// <summary>One pass over the log: builds the graph. Assumes a validated log.</summary>
    internal static DirectedGraph BuildUnchecked(InteractionLog log, IdMap ids, int nodeCount, KindWeights kindWeights)
    {
        Span<double> kw = stackalloc double[InteractionKinds.Count];
        foreach (InteractionKind k in InteractionKinds.All) kw[(int)k] = kindWeights[k];
        ReadOnlySpan<int> src = log.Source, dst = log.Target;
        ReadOnlySpan<InteractionKind> kind = log.Kind;
        ReadOnlySpan<double> weight = log.Weight;
        var builder = new GraphBuilder(ids, weighted: true, edgeCapacity: Math.Max(16, src.Length));
        for (int i = 0; i < src.Length; i++)
        {
            int s = src[i], t = dst[i];
            int k = (int)kind[i];
            double w = weight[i] * kw[k];
            if (w == 0) continue; // a kind weighted 0 does not count at all (no zero-weight edges for PageRank)
            builder.AddEdge(s, t, w);
        }
        return builder.Build(nodeCount);
    }

    /// <summary>
    /// Per-kind received/given sums (flattened [node × kinds + kind]) of the weighted interactions that
    /// <see cref="BuildUnchecked"/> turns into edges, self-interactions left out. A separate pass so the
    /// analysis can allocate these arrays after its most memory-hungry stage. Assumes a validated log.
    /// </summary>
    internal static void SumByKindUnchecked(InteractionLog log, KindWeights kindWeights, double[] receivedByKind, double[] givenByKind)
    {
        Span<double> kw = stackalloc double[InteractionKinds.Count];
        foreach (InteractionKind k in InteractionKinds.All) kw[(int)k] = kindWeights[k];
        ReadOnlySpan<int> src = log.Source, dst = log.Target;
        ReadOnlySpan<InteractionKind> kind = log.Kind;
        ReadOnlySpan<double> weight = log.Weight;
        for (int i = 0; i < src.Length; i++)
        {
            int s = src[i], t = dst[i];
            if (s == t) continue;
            int k = (int)kind[i];
            double w = weight[i] * kw[k];
            if (w == 0) continue;
            receivedByKind[t * InteractionKinds.Count + k] += w;
            givenByKind[s * InteractionKinds.Count + k] += w;
        }
    }
}
