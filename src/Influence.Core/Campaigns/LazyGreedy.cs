namespace Influence.Core.Campaigns;

/// <summary>
/// Lazy greedy (CELF, Leskovec et al. 2007) for a monotone submodular coverage: a gain computed in an
/// earlier round is an upper bound of the current one, so only the heap's top is re-evaluated until a
/// top is fresh. Same answer as plain greedy, (1 − 1/e) of the best without budgets (½ with tier budgets,
/// a partition matroid). Ties go to the smaller dense id, so the plan is deterministic.
/// </summary>
internal static class LazyGreedy
{
    /// <summary>
    /// Adds up to <paramref name="picksWanted"/> of <paramref name="candidates"/> to <paramref name="objective"/>,
    /// appending each pick and its gain. A candidate whose tier has no budget left is dropped; the run stops
    /// when no candidate adds anything.
    /// </summary>
    /// <param name="tierOf">Per account: its tier index into <paramref name="tierBudget"/>, or null when there are no tiers.</param>
    /// <returns>Null when all wanted picks were made, else why not.</returns>
    public static string? Select(CoverageObjective objective, ReadOnlySpan<int> candidates, int[]? tierOf, int[]? tierBudget,
        int picksWanted, List<int> picks, List<long> gains, Action<int>? picked, CancellationToken cancellationToken)
    {
        var heap = new PriorityQueue<(int Node, int Round), long>(candidates.Length);
        for (int i = 0; i < candidates.Length; i++)
        {
            if ((i & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            int v = candidates[i];
            long g = objective.Gain(v);
            if (g > 0) heap.Enqueue((v, 0), Key(g, v));
        }
        int made = 0;
        bool budgetSkipped = false;
        while (made < picksWanted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!heap.TryDequeue(out var top, out long key)) break;
            int v = top.Node;
            if (tierOf is not null && tierBudget![tierOf[v]] == 0) { budgetSkipped = true; continue; }
            if (top.Round != made)
            {
                long fresh = objective.Gain(v);
                if (fresh > 0) heap.Enqueue((v, made), Key(fresh, v));
                continue;
            }
            long gain = objective.Add(v);
            picks.Add(v);
            gains.Add(gain);
            if (tierOf is not null) tierBudget![tierOf[v]]--;
            made++;
            picked?.Invoke(made);
        }
        if (made == picksWanted) return null;
        return budgetSkipped
            ? $"stopped after {made} greedy pick(s): the tier budgets are spent or no remaining candidate adds anything"
            : $"stopped after {made} greedy pick(s): no remaining candidate reaches anyone not already reached";
    }

    /// <summary>Min-heap key: larger gain first, then smaller id.</summary>
    private static long Key(long gain, int node) => ((long)(int.MaxValue - Math.Min(gain, int.MaxValue)) << 32) | (uint)node;
}
