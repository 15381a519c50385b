using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>
/// Makes a graph read from the store use the dense ids of a stored run. On start the service reads the
/// graph as it is now, which may hold accounts and edges ingested after the run; queries that combine the
/// run with the graph (segments, defender ties) need both on the same ids, restricted to the run's accounts.
/// </summary>
public static class GraphAlignment
{
    /// <summary>Returns <paramref name="graph"/> itself when its ids already equal <paramref name="accountIds"/>
    /// (the usual case), otherwise a copy restricted to those accounts, in their order.</summary>
    public static InfluenceInput Align(InfluenceInput graph, IReadOnlyList<string> accountIds)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(accountIds);
        if (IsAlignedTo(graph, accountIds)) return graph;

        int n = accountIds.Count;
        var ids = new IdMap(n);
        for (int i = 0; i < n; i++) ids.GetOrAdd(accountIds[i]);

        // Old dense id -> new dense id (-1 when the account is not in the run).
        var remap = new int[graph.Ids.Count];
        for (int old = 0; old < remap.Length; old++)
            remap[old] = ids.TryGetNode(graph.Ids[old], out int now) ? now : -1;

        DirectedGraph follows = graph.Follows;
        var builder = new GraphBuilder(ids, weighted: false, edgeCapacity: follows.EdgeCount);
        for (int u = 0; u < follows.NodeCount; u++)
        {
            int su = remap[u];
            if (su < 0) continue;
            foreach (int v in follows.OutNeighbors(u))
            {
                int tv = remap[v];
                if (tv >= 0) builder.AddEdge(su, tv);
            }
        }

        InteractionLog source = graph.Interactions;
        var log = new InteractionLog(source.Count);
        ReadOnlySpan<int> from = source.Source, to = source.Target;
        ReadOnlySpan<InteractionKind> kind = source.Kind;
        ReadOnlySpan<long> time = source.Timestamp;
        ReadOnlySpan<double> weight = source.Weight, stance = source.Stance;
        for (int i = 0; i < from.Length; i++)
        {
            int s = remap[from[i]], t = remap[to[i]];
            if (s >= 0 && t >= 0) log.Add(s, t, kind[i], time[i], weight[i], stance[i]);
        }
        return new InfluenceInput(ids, builder.Build(n), log);
    }

    /// <summary>The graph's dense ids are exactly <paramref name="accountIds"/>, in that order.</summary>
    public static bool IsAlignedTo(InfluenceInput graph, IReadOnlyList<string> accountIds)
    {
        IdMap ids = graph.Ids;
        if (ids.Count != accountIds.Count) return false;
        for (int i = 0; i < accountIds.Count; i++)
            if (!string.Equals(ids[i], accountIds[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
