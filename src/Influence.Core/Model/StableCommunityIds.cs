using Influence.Core.Graph;

namespace Influence.Core.Model;

/// <summary>How a run's communities relate to the previous run's (summary figures).</summary>
/// <param name="AccountsCarried">Accounts present in both runs.</param>
/// <param name="AccountsChanged">Of those, accounts whose community id differs from the previous run's.</param>
/// <param name="Matched">Communities that kept a previous id.</param>
/// <param name="New">Communities that got a new id.</param>
public readonly record struct CommunityContinuity(int AccountsCarried, int AccountsChanged, int Matched, int New);

/// <summary>
/// Continuity between a run and the previous completed run: which previous account each node was, the warm
/// start vectors, and community ids matched to the previous run's so that an id keeps meaning the same group.
/// </summary>
/// <remarks>
/// Matching (greedy by overlap): count, for every pair (new community c, previous community p), the accounts in
/// both. Take pairs by overlap count, largest first (ties: lower new id, then lower previous id); a pair matches
/// when neither side is taken yet and the overlap is more than half of the smaller of the two communities (c's
/// members including new accounts, p's members in the previous run) — so a community that splits keeps its id
/// on the part holding most of it, one that merges into another lends its id to the merged group only if it was
/// the larger share, and a handful of accounts drifting off never carries an id away. Communities left unmatched
/// get new ids above every previous id, in the order of the run's own numbering (largest first). Ids therefore
/// need not be consecutive: an id that disappears is not reused by the next run.
/// </remarks>
internal sealed class StableCommunityIds
{
    /// <summary>Warm start only when new accounts and the change in ties are each at most this share.</summary>
    public const double WarmStartMaxChange = 0.10;

    private readonly PreviousRun _previous;
    /// <summary>Per node of this run: its index in the previous run, or −1 for a new account.</summary>
    private readonly int[] _previousOf;
    private readonly int _carried;

    private StableCommunityIds(PreviousRun previous, int[] previousOf, int carried)
    {
        _previous = previous;
        _previousOf = previousOf;
        _carried = carried;
    }

    /// <summary>Aligns <paramref name="previous"/> with the <paramref name="n"/> accounts of <paramref name="ids"/>; null without a previous run.</summary>
    public static StableCommunityIds? Align(PreviousRun? previous, IdMap ids, int n)
    {
        if (previous is null) return null;
        previous.Validate();
        var previousOf = new int[n];
        Array.Fill(previousOf, -1);
        int carried = 0;
        for (int i = 0; i < previous.AccountIds.Count; i++)
        {
            if (ids.TryGetNode(previous.AccountIds[i], out int v) && v < n && previousOf[v] < 0)
            {
                previousOf[v] = i;
                carried++;
            }
        }
        return new StableCommunityIds(previous, previousOf, carried);
    }

    /// <summary>True when the graph changed little since the previous run: new accounts and the change in ties each ≤ <see cref="WarmStartMaxChange"/>.</summary>
    public bool ChangedLittle(long edges)
    {
        int n = _previousOf.Length;
        double newShare = n == 0 ? 0 : (double)(n - _carried) / n;
        double edgeChange = Math.Abs(edges - _previous.Edges) / (double)Math.Max(1, _previous.Edges);
        return _carried > 0 && newShare <= WarmStartMaxChange && edgeChange <= WarmStartMaxChange;
    }

    /// <summary>PageRank start: the previous score of each carried account, 1/n for a new one; null when that is all zero.</summary>
    public double[]? StartScores(bool attention)
    {
        double[] previous = attention ? _previous.Attention : _previous.PageRank;
        int n = _previousOf.Length;
        var start = new double[n];
        double sum = 0;
        for (int v = 0; v < n; v++)
        {
            int i = _previousOf[v];
            start[v] = i < 0 ? 1.0 / n : previous[i];
            sum += start[v];
        }
        return sum > 0 ? start : null;
    }

    /// <summary>Leiden start: previous communities relabelled into [0, n), each new account alone.</summary>
    public int[] StartPartition()
    {
        int n = _previousOf.Length;
        var partition = new int[n];
        var compact = new Dictionary<int, int>();
        for (int v = 0; v < n; v++)
        {
            int i = _previousOf[v];
            if (i < 0) continue;
            int c = _previous.Community[i];
            if (!compact.TryGetValue(c, out int label)) compact[c] = label = compact.Count;
            partition[v] = label;
        }
        int next = compact.Count;
        for (int v = 0; v < n; v++) if (_previousOf[v] < 0) partition[v] = next++;
        return partition;
    }

    /// <summary>
    /// Replaces the run's community labels (0..<paramref name="count"/>−1) by ids matched to the previous run's
    /// (see the remarks of the class), in place; returns how the communities and accounts moved.
    /// </summary>
    public CommunityContinuity Relabel(int[] community, int count)
    {
        int n = community.Length;
        var currentSize = new int[count];
        foreach (int c in community) currentSize[c]++;
        var previousSize = new Dictionary<int, int>();
        int maxPrevious = -1;
        foreach (int p in _previous.Community)
        {
            previousSize[p] = previousSize.GetValueOrDefault(p) + 1;
            if (p > maxPrevious) maxPrevious = p;
        }

        // (new, previous) pairs of the carried accounts, sorted so equal pairs are adjacent.
        var pairs = new long[_carried];
        int k = 0;
        for (int v = 0; v < n; v++)
        {
            int i = _previousOf[v];
            if (i >= 0) pairs[k++] = ((long)community[v] << 32) | (uint)_previous.Community[i];
        }
        Array.Sort(pairs);
        var candidates = new List<(int Overlap, int Current, int Previous)>();
        for (int start = 0; start < pairs.Length;)
        {
            int end = start + 1;
            while (end < pairs.Length && pairs[end] == pairs[start]) end++;
            candidates.Add((end - start, (int)(pairs[start] >> 32), (int)(uint)pairs[start]));
            start = end;
        }
        candidates.Sort(static (a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap)
            : a.Current != b.Current ? a.Current.CompareTo(b.Current) : a.Previous.CompareTo(b.Previous));

        var idOf = new int[count];
        Array.Fill(idOf, -1);
        var taken = new HashSet<int>();
        int matched = 0;
        foreach (var (overlap, c, p) in candidates)
        {
            if (idOf[c] >= 0 || taken.Contains(p)) continue;
            if (2L * overlap <= Math.Min(currentSize[c], previousSize[p])) continue;
            idOf[c] = p;
            taken.Add(p);
            matched++;
        }
        int nextId = maxPrevious + 1;
        for (int c = 0; c < count; c++) if (idOf[c] < 0) idOf[c] = nextId++;

        int changed = 0;
        for (int v = 0; v < n; v++)
        {
            community[v] = idOf[community[v]];
            int i = _previousOf[v];
            if (i >= 0 && community[v] != _previous.Community[i]) changed++;
        }
        return new CommunityContinuity(_carried, changed, matched, count - matched);
    }
}
