using Influence.Api.Contracts;
using Influence.Api.Serving;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>The serving snapshot's indexes agree with the run they index.</summary>
public sealed class SnapshotTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private AnalysisSnapshot Snapshot => service.Factory.Services.GetRequiredService<SnapshotHolder>().Current!;

    [Fact]
    public void Community_slices_give_the_same_influencer_lists_as_the_full_run()
    {
        AnalysisSnapshot snap = Snapshot;
        InfluencerFilterSpec[] filters =
        [
            new(20, null, null, null, false),
            new(500, null, null, null, true),
            new(10, AccountRole.Regular, 2, 50, false),
            new(5, AccountRole.Celebrity, null, null, false),
        ];
        foreach (var community in snap.CommunitiesBySize)
        {
            foreach (InfluencerFilterSpec filter in filters)
            {
                var sliced = InfluencerQueries.ForCommunity(snap, community.Id, filter).Items;
                var full = InfluencerQueries.ForCommunityOnFullRun(snap, community.Id, filter);
                Assert.Equal(full.Select(e => (e.Account, e.Rank, e.Score)), sliced.Select(e => (e.Id, e.Rank, e.Score)));
            }
            Assert.True(snap.TryGetCommunityView(community.Id, out CommunityView view));
            Assert.Equal(community.Size, view.Members.Length);
            Assert.Equal(view.Members.Order(), view.Members);
        }
    }

    [Fact]
    public void A_next_run_keeps_the_graph_only_when_the_store_stamp_is_unchanged_and_the_accounts_are_the_same()
    {
        AnalysisSnapshot snap = Snapshot;
        var held = AnalysisSnapshot.Create(snap.Run, snap.Result, snap.Graph, graphVersion: 41);
        var next = snap.Run with { Id = snap.Run.Id + 1 };

        AnalysisSnapshot? same = held.OnSameGraph(next, snap.Result, storeGraphVersion: 41);

        Assert.NotNull(same);
        Assert.Same(held.Graph, same.Graph);
        Assert.Equal((next.Id, 41L), (same.Run.Id, same.GraphVersion!.Value));
        Assert.Null(held.OnSameGraph(next, snap.Result, storeGraphVersion: 42));      // rows arrived since the graph was read
        Assert.Null(held.OnSameGraph(next, snap.Result, storeGraphVersion: null));    // a store without stamps
        Assert.Null(AnalysisSnapshot.Create(snap.Run, snap.Result, snap.Graph).OnSameGraph(next, snap.Result, 41));   // stamp unknown
        string[] reordered = [.. snap.Result.AccountIds.Reverse()];
        InfluenceAnalysisResult r = snap.Result;
        var otherOrder = new InfluenceAnalysisResult
        {
            AccountIds = reordered, Accounts = r.Accounts, ReceivedByKind = r.ReceivedByKind, GivenByKind = r.GivenByKind,
            Thresholds = r.Thresholds, Defenders = r.Defenders, Critics = r.Critics, Communities = r.Communities, Summary = r.Summary,
        };
        Assert.Null(held.OnSameGraph(next, otherOrder, 41));   // other accounts or another order: re-read
    }

    [Fact]
    public void Sorted_orders_ranks_and_percentiles_agree_with_the_metrics()
    {
        AnalysisSnapshot snap = Snapshot;
        AccountMetrics[] accounts = snap.Result.Accounts;
        ReadOnlySpan<int> byFollowers = snap.DescendingOrder(AccountSort.Followers);
        Assert.Equal(accounts.Length, byFollowers.Length);
        for (int i = 1; i < byFollowers.Length; i++)
        {
            int a = byFollowers[i - 1], b = byFollowers[i];
            Assert.True(accounts[a].Followers > accounts[b].Followers || (accounts[a].Followers == accounts[b].Followers && a < b));
        }
        for (int a = 0; a < accounts.Length; a += 7)
        {
            int higher = accounts.Count(m => m.Followers > accounts[a].Followers);
            int lower = accounts.Count(m => m.Followers < accounts[a].Followers);
            Assert.Equal(higher + 1, snap.FollowersRank(a));
            Assert.Equal(100.0 * lower / accounts.Length, snap.FollowersPercentile(a), 9);
        }
    }

    [Fact]
    public void Graph_alignment_restricts_a_newer_graph_to_the_run_ids()
    {
        AnalysisSnapshot snap = Snapshot;
        InfluenceInput graph = snap.Graph!;
        // A graph with one account more (ingested after the run) and the run's ids in another order.
        var ids = new Influence.Core.Graph.IdMap();
        ids.GetOrAdd("@after-the-run");
        for (int i = graph.Ids.Count - 1; i >= 0; i--) ids.GetOrAdd(graph.Ids[i]);
        var builder = new Influence.Core.Graph.GraphBuilder(ids);
        for (int u = 0; u < graph.Follows.NodeCount; u++)
            foreach (int v in graph.Follows.OutNeighbors(u)) builder.AddEdge(ids.GetOrAdd(graph.Ids[u]), ids.GetOrAdd(graph.Ids[v]));
        builder.AddEdge(0, 1);
        var log = new InteractionLog();
        for (int i = 0; i < graph.Interactions.Count; i++)
            log.Add(ids.GetOrAdd(graph.Ids[graph.Interactions.Source[i]]), ids.GetOrAdd(graph.Ids[graph.Interactions.Target[i]]), graph.Interactions.Kind[i]);
        var newer = new InfluenceInput(ids, builder.Build(), log);

        InfluenceInput aligned = GraphAlignment.Align(newer, snap.Result.AccountIds);
        Assert.Equal(snap.Result.AccountIds, aligned.Ids.Ids);
        Assert.Equal(graph.Follows.EdgeCount, aligned.Follows.EdgeCount);
        Assert.Equal(graph.Interactions.Count, aligned.Interactions.Count);
        for (int u = 0; u < graph.Follows.NodeCount; u++)
            Assert.Equal(graph.Follows.OutNeighbors(u).ToArray(), aligned.Follows.OutNeighbors(u).ToArray());
        Assert.Same(graph, GraphAlignment.Align(graph, snap.Result.AccountIds));
    }
}
