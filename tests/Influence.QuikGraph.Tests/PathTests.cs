using Influence.Core.Model;

namespace Influence.QuikGraph.Tests;

public sealed class PathTests
{
    private static readonly AccountTies s_ties = AccountTies.Build(SmallWorld.Input());

    [Fact]
    public void Direct_tie_lists_every_kind_both_ways()
    {
        AccountPath p = s_ties.FindPath("ben", "ana");
        Assert.True(p.Found);
        Assert.Equal(1, p.Ties);
        PathStep step = Assert.Single(p.Steps);
        Assert.Equal(["follows", "reply", "share"], step.Forward.Select(t => t.Kind));
        Assert.Equal(3, step.Forward.Single(t => t.Kind == "reply").Count);
        Assert.Equal(["follows", "reply"], step.Backward.Select(t => t.Kind));
        Assert.Equal("ben follows ana; ben replied to ana ×3; ben shared ana ×2; ana follows ben; ana replied to ben", step.Text);
    }

    [Fact]
    public void Any_direction_finds_the_fewest_ties_through_the_bridge()
    {
        AccountPath p = s_ties.FindPath("star", "cid");
        Assert.True(p.Found, $"explored {p.Explored}");
        Assert.Equal(["star", "fan1", "dan", "ana", "cid"], p.Accounts);
        Assert.Equal("fan1 follows star; fan1 liked star", p.Steps[0].Text);
    }

    [Fact]
    public void Reach_follows_only_accounts_that_follow_or_engaged_with_the_previous_one()
    {
        // ana reaches dan (dan follows and shared ana), and fan1 (who follows dan); never the star (it follows nobody).
        AccountPath reach = s_ties.FindPath("ana", "fan1", new AccountPathConfig { Direction = PathDirection.Reach });
        Assert.Equal(["ana", "dan", "fan1"], reach.Accounts);
        AccountPath none = s_ties.FindPath("ana", "star", new AccountPathConfig { Direction = PathDirection.Reach });
        Assert.False(none.Found);
        Assert.Equal(-1, none.Ties);
        Assert.Empty(none.Accounts);
        // The other way round the star does reach ana: fan1 follows the star, dan is followed by fan1 … no: dan does not follow fan1.
        Assert.False(s_ties.FindPath("star", "ana", new AccountPathConfig { Direction = PathDirection.Reach }).Found);
        Assert.True(s_ties.FindPath("star", "fan2", new AccountPathConfig { Direction = PathDirection.Reach }).Found);
    }

    [Fact]
    public void Tie_limit_and_unreachable_accounts_give_no_path()
    {
        Assert.False(s_ties.FindPath("star", "cid", new AccountPathConfig { MaxTies = 3 }).Found);
        Assert.True(s_ties.FindPath("star", "cid", new AccountPathConfig { MaxTies = 4 }).Found);
        Assert.False(s_ties.FindPath("ana", "ola").Found); // ola only replied to itself
        AccountPath self = s_ties.FindPath("ana", "ana");
        Assert.True(self.Found);
        Assert.Equal(0, self.Ties);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => s_ties.FindPath("ana", "nobody"));
        Assert.Contains("'nobody' (to)", ex.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => s_ties.FindPath("ana", "ben", new AccountPathConfig { MaxTies = 0 }));
        Assert.Contains("between 1 and 10", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => s_ties.FindPath("ana", "ben", new AccountPathConfig { Direction = (PathDirection)7 }));
        var log = new InteractionLog();
        log.Add(0, 5, InteractionKind.Reply);
        var ids = new Influence.Core.Graph.IdMap();
        ids.GetOrAdd("a");
        var bad = new InfluenceInput(ids, new Influence.Core.Graph.GraphBuilder(ids).Build(), log);
        Assert.Throws<ArgumentException>(() => AccountTies.Build(bad));
    }

    [Fact]
    public void Every_kind_has_words()
    {
        foreach (string kind in PathText.Kinds)
            Assert.DoesNotContain($" {kind} ", PathText.Describe("a", "b", [new TieCount(kind, 1)], []).Replace("follows", "f", StringComparison.Ordinal) + " ");
    }
}
