using Influence.Core.Graph;
using QuikGraph.Algorithms;

namespace Influence.QuikGraph;

/// <summary>The reciprocal core of a group of accounts: its largest strongly connected component in the follow graph.</summary>
/// <param name="Members">Accounts in the group.</param>
/// <param name="Components">Strongly connected components of the group's follow subgraph (a lone account is one).</param>
/// <param name="Core">Accounts of the largest component, in dense-id order: each reaches every other through follows inside the group.</param>
/// <param name="CoreShare">Core size / members (0 for an empty group).</param>
public sealed record ReciprocalCore(int Members, int Components, IReadOnlyList<string> Core, double CoreShare);

/// <summary>
/// Strongly connected components (QuikGraph's Tarjan) over the kernel's follow graph restricted to a group — a community,
/// a segment — without building the subgraph: the core where attention circulates rather than flowing one way to a star.
/// </summary>
public static class ReciprocalCores
{
    /// <summary>The reciprocal core of the accounts <paramref name="members"/> (dense ids of <paramref name="follows"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A member is not a node of the follow graph's id map.</exception>
    public static ReciprocalCore Of(DirectedGraph follows, IReadOnlyCollection<int> members)
    {
        ArgumentNullException.ThrowIfNull(follows);
        ArgumentNullException.ThrowIfNull(members);
        int n = Math.Max(follows.NodeCount, follows.Ids.Count);
        var inside = new bool[n];
        foreach (int m in members)
        {
            if ((uint)m >= (uint)n) throw new ArgumentOutOfRangeException(nameof(members), m, $"Member {m} is not a node (0..{n - 1}).");
            inside[m] = true;
        }
        var view = new KernelGraphView(n, [new ArcLayer(follows, Forward: true, Backward: false)], inside);
        var component = new Dictionary<int, int>(members.Count);
        int count = view.StronglyConnectedComponents(component);
        if (count == 0) return new ReciprocalCore(0, 0, [], 0);
        var sizes = new int[count];
        foreach (int c in component.Values) sizes[c]++;
        int largest = 0;
        for (int c = 1; c < count; c++) if (sizes[c] > sizes[largest]) largest = c;
        var core = new List<string>(sizes[largest]);
        for (int v = 0; v < n; v++)
            if (inside[v] && component[v] == largest) core.Add(follows.Ids[v]);
        return new ReciprocalCore(component.Count, count, core, (double)core.Count / component.Count);
    }
}
