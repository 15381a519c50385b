using Influence.Core.Audience;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Tests.Audience;

/// <summary>Kred's two axes per community: influence received from and outreach given to each community.</summary>
public sealed class KredAxesTests
{
    /// <summary>a (community 0) is engaged by b (0) and c (1), engages b, d (1) and e (2); kind weights reply 3, like 1, share 4, mention 2.</summary>
    private static (DirectedGraph Graph, AccountMetrics[] Accounts, int A) Tiny()
    {
        var ids = new IdMap();
        int a = ids.GetOrAdd("a"), b = ids.GetOrAdd("b"), c = ids.GetOrAdd("c"), d = ids.GetOrAdd("d"), e = ids.GetOrAdd("e");
        var log = new InteractionLog();
        log.Add(b, a, InteractionKind.Reply);                // 3 received from community 0
        log.Add(c, a, InteractionKind.Like, weight: 2);       // 2 received from community 1
        log.Add(a, b, InteractionKind.Share);                 // 4 given to community 0
        log.Add(a, d, InteractionKind.Mention);               // 2 given to community 1
        log.Add(a, e, InteractionKind.Like);                  // 1 given to community 2
        log.Add(a, a, InteractionKind.Reply);                 // itself: not outreach
        DirectedGraph graph = InteractionGraph.Build(new InfluenceInput(ids, new GraphBuilder(ids).Build(ids.Count), log));
        var accounts = new AccountMetrics[ids.Count];
        int[] community = [0, 0, 1, 1, 2];
        for (int v = 0; v < accounts.Length; v++) accounts[v].Community = community[v];
        return (graph, accounts, a);
    }

    [Fact]
    public void Each_community_gets_what_the_account_received_from_and_gave_to_its_members_largest_first()
    {
        var (graph, accounts, a) = Tiny();
        CommunityAxes[] axes = KredAxes.ByCommunity(graph, accounts, a);
        Assert.Equal([new CommunityAxes(0, 3, 4), new CommunityAxes(1, 2, 2), new CommunityAxes(2, 0, 1)], axes);
        Assert.Equal((5.0, 7.0), KredAxes.Totals(axes));
    }

    [Fact]
    public void An_account_that_only_received_has_only_the_received_axis()
    {
        var (graph, accounts, _) = Tiny();
        Assert.Equal([new CommunityAxes(0, 1, 0)], KredAxes.ByCommunity(graph, accounts, 4));  // e only received a's like
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_account_or_the_sizes()
    {
        var (graph, accounts, _) = Tiny();
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => KredAxes.ByCommunity(graph, accounts, 5));
        Assert.Contains("No account 5 in a graph of 5", outOfRange.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => KredAxes.ByCommunity(graph, accounts, -1));
        var sizes = Assert.Throws<ArgumentException>(() => KredAxes.ByCommunity(graph, accounts.AsSpan(0, 3), 0));
        Assert.Contains("3 accounts' metrics for an interaction graph of 5", sizes.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => KredAxes.ByCommunity(null!, accounts, 0));
    }

    [Fact]
    public void The_runs_in_community_outreach_share_is_the_own_communitys_share_of_outreach()
    {
        InfluenceInput input = AudienceWorld.Build();
        InfluenceAnalysisResult run = InfluenceAnalyzer.Run(input);
        AudienceContext context = AudienceContext.Build(input);
        int giving = 0;
        for (int v = 0; v < run.Accounts.Length; v++)
        {
            CommunityAxes[] axes = KredAxes.ByCommunity(context.Interactions, run.Accounts, v);
            var (received, given) = KredAxes.Totals(axes);
            Assert.Equal(run.Accounts[v].EngagementGiven, given, 6);
            Assert.Equal(run.Accounts[v].EngagementReceived, received, 6);
            double own = axes.Where(x => x.Community == run.Accounts[v].Community).Sum(x => x.Given);
            Assert.Equal(given > 0 ? own / given : 0, run.Accounts[v].InCommunityOutreachShare, 9);
            if (given > 0) giving++;
        }
        Assert.True(giving > 50, $"{giving} accounts gave engagement");
    }
}
