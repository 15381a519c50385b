using Influence.Core.Graph;

namespace Influence.Core.Tests.Graph;

public sealed class GraphBuilderTests
{
    // Construction ---------------------------------------------------------------------------

    [Fact]
    public void ParallelEdgesAreCollapsedWithCountAndSummedWeight()
    {
        var b = new GraphBuilder(weighted: true) { KeepMultiplicities = true };
        b.AddEdge("a", "b", 1.5);
        b.AddEdge("a", "c", 1.0);
        b.AddEdge("a", "b", 2.0);   // parallel to the first
        b.AddEdge("a", "b", 0.5);   // and again
        var g = b.Build();

        Assert.Equal(2, g.EdgeCount);
        Assert.Equal(4, g.InputEdges);
        Assert.Equal(2, g.ParallelEdgesCollapsed);
        int a = g.Ids.TryGetNode("a", out int x) ? x : -1, bb = g.Ids.TryGetNode("b", out int y) ? y : -1;
        Assert.Equal([bb, 2], g.OutNeighbors(a).ToArray());
        Assert.Equal([4.0, 1.0], g.OutWeights(a).ToArray());
        Assert.Equal([3, 1], g.OutMultiplicity(a).ToArray());
        Assert.Equal([4.0], g.InWeights(bb).ToArray());
        Assert.Equal(5.0, g.OutStrength(a));
    }

    [Fact]
    public void UnweightedGraphSeesEachCollapsedEdgeOnceWithWeightOne()
    {
        var b = new GraphBuilder { KeepMultiplicities = true };
        b.AddEdge("a", "b");
        b.AddEdge("a", "b");
        var g = b.Build();
        Assert.False(g.IsWeighted);
        Assert.Equal(1, g.EdgeCount);
        Assert.Equal([1.0], g.OutWeights(0).ToArray());
        Assert.Equal([2], g.OutMultiplicity(0).ToArray());
        Assert.True(g.AllOutWeights.IsEmpty);
    }

    [Fact]
    public void MultiplicitiesAreOnlyKeptWhenAskedFor()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        b.AddEdge("a", "b");
        b.AddEdge("b", "c");
        var g = b.Build();
        Assert.Equal(1, g.ParallelEdgesCollapsed);
        Assert.Equal(8L * 2 + 4L * (4 + 4), g.MemoryBytes); // out + in rows and offsets, no multiplicity column
        Assert.Throws<InvalidOperationException>(() => g.OutMultiplicity(0).ToArray());

        var noDuplicates = new GraphBuilder();
        noDuplicates.AddEdge("a", "b");
        Assert.Equal([1], noDuplicates.Build().OutMultiplicity(0).ToArray());
    }

    [Fact]
    public void SelfLoopsAreDroppedAndCounted()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "a");
        b.AddEdge("a", "b");
        b.AddEdge("b", "b");
        var g = b.Build();
        Assert.Equal(2, g.SelfLoopsDropped);
        Assert.Equal(1, g.EdgeCount);
        Assert.Equal(3, g.InputEdges);
        Assert.False(g.HasEdge(0, 0));
        Assert.Equal(2, g.NodeCount);   // the loop-only node still exists
    }

    [Fact]
    public void NodesWithoutEdgesAreKept()
    {
        var b = new GraphBuilder();
        b.AddNode("lonely");
        b.AddEdge("a", "b");
        var g = b.Build();
        Assert.Equal(3, g.NodeCount);
        int lonely = g.Ids.TryGetNode("lonely", out int n) ? n : -1;
        Assert.Equal(0, g.OutDegree(lonely));
        Assert.Equal(0, g.InDegree(lonely));
        Assert.True(g.OutNeighbors(lonely).IsEmpty);
    }

    [Fact]
    public void BuildWithMoreNodesThanIdsAddsIsolatedNodes()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        var g = b.Build(5);
        Assert.Equal(5, g.NodeCount);
        Assert.Equal(0, g.InDegree(4));
    }

    [Fact]
    public void EmptyBuilderBuildsEmptyGraph()
    {
        var g = new GraphBuilder().Build();
        Assert.Equal(0, g.NodeCount);
        Assert.Equal(0, g.EdgeCount);
    }

    // Behaviour --------------------------------------------------------------------------------

    [Fact]
    public void RowsAreSortedAndInAdjacencyMirrorsOutAdjacency()
    {
        // Random edges in random order, with duplicates and weights: every out-edge appears exactly
        // once as an in-edge with the same weight, and every row is strictly ascending.
        var rng = new Random(5);
        var b = new GraphBuilder(weighted: true, edgeCapacity: 4);   // forces growth
        var expected = new Dictionary<(int, int), double>();
        for (int i = 0; i < 200; i++) b.AddNode(i.ToString());
        for (int i = 0; i < 5000; i++)
        {
            int u = rng.Next(200), v = rng.Next(200);
            double w = rng.Next(1, 10);
            b.AddEdge(u, v, w);
            if (u != v) expected[(u, v)] = expected.GetValueOrDefault((u, v)) + w;
        }
        var g = b.Build();

        Assert.Equal(expected.Count, g.EdgeCount);
        long inTotal = 0;
        for (int u = 0; u < g.NodeCount; u++)
        {
            ReadOnlySpan<int> outs = g.OutNeighbors(u), ins = g.InNeighbors(u);
            for (int i = 1; i < outs.Length; i++) Assert.True(outs[i - 1] < outs[i], $"out-row {u} not strictly ascending");
            for (int i = 1; i < ins.Length; i++) Assert.True(ins[i - 1] < ins[i], $"in-row {u} not strictly ascending");
            for (int i = 0; i < outs.Length; i++)
            {
                Assert.Equal(expected[(u, outs[i])], g.OutWeights(u)[i]);
                int v = outs[i];
                int pos = g.InNeighbors(v).BinarySearch(u);
                Assert.True(pos >= 0, $"edge {u}->{v} missing from in-row of {v}");
                Assert.Equal(g.OutWeights(u)[i], g.InWeights(v)[pos]);
            }
            inTotal += ins.Length;
        }
        Assert.Equal(g.EdgeCount, inTotal);
        Assert.Equal(g.InputEdges - g.SelfLoopsDropped - g.ParallelEdgesCollapsed, g.EdgeCount);
    }

    [Fact]
    public void HasEdgeFollowsDirection()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        var g = b.Build();
        Assert.True(g.HasEdge(0, 1));
        Assert.False(g.HasEdge(1, 0));
    }

    [Fact]
    public void MemoryBytesCountsCsrArrays()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        b.AddEdge("b", "c");
        var g = b.Build();
        // offsets 2 × (3+1) ints + targets/sources 2 × 2 ints, no weights, no multiplicity.
        Assert.Equal(4L * (4 + 4 + 2 + 2), g.MemoryBytes);
    }

    [Fact]
    public void IdMapAssignsDenseIdsInFirstSeenOrder()
    {
        var ids = new IdMap();
        Assert.Equal(0, ids.GetOrAdd("x"));
        Assert.Equal(1, ids.GetOrAdd("y".AsSpan()));
        Assert.Equal(0, ids.GetOrAdd("x".AsSpan()));
        Assert.True(ids.TryGetNode("y".AsSpan(), out int y));
        Assert.Equal(1, y);
        Assert.False(ids.TryGetNode("z", out _));
        Assert.Equal("y", ids[1]);
    }

    // Throws -----------------------------------------------------------------------------------

    [Fact]
    public void NegativeCapacityIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GraphBuilder(edgeCapacity: -1));

    [Fact]
    public void NegativeNodeCountIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GraphBuilder().Build(-1));

    [Fact]
    public void EdgeOutsideNodeRangeIsRejectedWithItsIndex()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        b.AddEdge(0, 7);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.Build());
        Assert.Contains("Edge 1 refers to node 7", ex.Message);
        Assert.Contains("[0, 2)", ex.Message);
    }

    [Fact]
    public void NegativeNodeIdIsRejected()
    {
        var b = new GraphBuilder();
        b.AddEdge(-1, 0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.Build(3));
        Assert.Contains("refers to node -1", ex.Message);
    }
}

public sealed class FollowTimeTests
{
    [Fact]
    public void Follow_times_ride_along_the_in_edges_and_parallel_edges_keep_the_earliest()
    {
        var b = new GraphBuilder();
        int a = b.AddNode("a"), c = b.AddNode("c"), d = b.AddNode("d");
        b.AddEdge(a, c);                        // before any time: unknown
        b.AddTimedEdge(d, c, 1_700_000_000);
        b.AddTimedEdge(d, c, 1_600_000_000);    // parallel: the earlier one stands
        b.AddTimedEdge(a, d, null);
        b.AddTimedEdge(a, a, 5);                // self-loop: dropped, no time kept
        var g = b.Build();
        Assert.True(g.HasFollowTimes);
        Assert.Equal(FollowTimes.Unknown, g.SinceOf(a, c));
        Assert.Equal(1_600_000_000 / 60, g.SinceOf(d, c));
        Assert.Equal(FollowTimes.Unknown, g.SinceOf(a, d));
        Assert.Equal(FollowTimes.Unknown, g.SinceOf(c, a));   // no such edge
        Assert.Equal([FollowTimes.Unknown, 1_600_000_000 / 60], g.InSince(c).ToArray());
        Assert.Equal(3, g.EdgeCount);
    }

    [Fact]
    public void A_graph_without_times_keeps_none_and_minutes_floor_before_1970()
    {
        var b = new GraphBuilder();
        b.AddEdge("a", "b");
        Assert.False(b.Build().HasFollowTimes);
        Assert.True(b.Build().InSince(0).IsEmpty);
        Assert.Equal(-1, FollowTimes.ToMinutes(-1));
        Assert.Equal(-1, FollowTimes.Day(-1));
        Assert.Equal(0, FollowTimes.Day(1439));
    }

    [Fact]
    public void The_follow_reader_keeps_the_since_column()
    {
        var b = new GraphBuilder();
        using var csv = new MemoryStream("source,target,since\na,b,2024-01-01T00:00:00Z\nb,a,\n"u8.ToArray());
        Influence.Core.IO.FollowReader.LoadInto(b, csv, "follows.csv");
        var g = b.Build();
        Assert.Equal(1_704_067_200 / 60, g.SinceOf(0, 1));
        Assert.Equal(FollowTimes.Unknown, g.SinceOf(1, 0));
    }
}
