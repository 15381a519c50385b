using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Model;

public sealed class InfluencerListsTests
{
    private static readonly Lazy<(SyntheticWorld World, InfluenceInput Input, InfluenceAnalysisResult Result)> s_world = new(() =>
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 3000, Seed = 21 });
        var input = world.ToInput();
        return (world, input, InfluenceAnalyzer.Run(input));
    });

    [Fact]
    public void Community_list_ranks_by_community_standout_without_celebrities()
    {
        var (_, _, r) = s_world.Value;
        var list = InfluencerLists.ForCommunity(r, 0, new InfluencerFilter { Top = 15 });
        Assert.Equal(15, list.Count);
        Assert.All(list, e => Assert.Equal(0, e.Community));
        Assert.DoesNotContain(list, e => e.Role == AccountRole.Celebrity);
        for (int i = 1; i < list.Count; i++) Assert.True(list[i - 1].Score >= list[i].Score);
        Assert.All(list, e => Assert.Equal(r.Accounts[e.Node].CommunityStandout, e.Score, 15));
        Assert.Equal(Enumerable.Range(1, 15), list.Select(e => e.Rank));
        // The community's micro-influencers lead its list.
        Assert.True(list.Take(5).Count(e => e.Role == AccountRole.MicroInfluencer) >= 3,
            string.Join(", ", list.Take(5).Select(e => RoleNames.Name(e.Role))));
    }

    [Fact]
    public void Community_list_filters_by_role_and_audience()
    {
        var (_, _, r) = s_world.Value;
        var micros = InfluencerLists.ForCommunity(r, 1, new InfluencerFilter { Roles = [AccountRole.MicroInfluencer], Top = 100 });
        Assert.NotEmpty(micros);
        Assert.All(micros, e => Assert.Equal(AccountRole.MicroInfluencer, e.Role));
        var bounded = InfluencerLists.ForCommunity(r, 1, new InfluencerFilter { MinFollowers = 5, MaxFollowers = 20, Top = 100 });
        Assert.All(bounded, e => Assert.InRange(e.Followers, 5, 20));
        var withCelebs = InfluencerLists.ForCommunity(r, 0, new InfluencerFilter { IncludeCelebrities = true, Top = 10_000 });
        Assert.Equal(r.Accounts.Count(m => m.Community == 0), withCelebs.Count);
    }

    [Fact]
    public void Segment_list_follows_the_seeds_engagement()
    {
        var (world, input, r) = s_world.Value;
        // Seeds: ten ordinary members of true community 2.
        var seeds = Enumerable.Range(0, world.AccountCount)
            .Where(v => world.TrueCommunity[v] == 2 && world.Personas[v] == Persona.Regular).Take(10)
            .Select(v => world.Ids[v]).ToArray();
        var list = InfluencerLists.ForSegment(input, r, seeds, new InfluencerFilter { Top = 10 });
        Assert.Equal(10, list.Count);
        Assert.DoesNotContain(list, e => seeds.Contains(e.Account));
        Assert.DoesNotContain(list, e => e.Role == AccountRole.Celebrity);
        int sameCommunity = list.Count(e => world.TrueCommunity[e.Node] == 2);
        Assert.True(sameCommunity >= 6, $"only {sameCommunity} of 10 from the seeds' community");
        for (int i = 1; i < list.Count; i++) Assert.True(list[i - 1].Score >= list[i].Score);

        var withSeeds = InfluencerLists.ForSegment(input, r, seeds, new InfluencerFilter { Top = 10_000, IncludeSeeds = true, IncludeCelebrities = true });
        Assert.Contains(withSeeds, e => e.Account == seeds[0]); // a seed keeps its teleport mass
        Assert.Equal(1.0, withSeeds.Sum(e => e.Score), 6);       // personalised PageRank sums to 1 over accounts it reaches
    }

    [Fact]
    public void Bad_queries_fail_clearly()
    {
        var (_, input, r) = s_world.Value;
        var unknown = Assert.Throws<ArgumentException>(() => InfluencerLists.ForSegment(input, r, ["u1", "ghost", "nobody"]));
        Assert.Contains("'ghost', 'nobody'", unknown.Message);
        Assert.Throws<ArgumentException>(() => InfluencerLists.ForSegment(input, r, Array.Empty<string>()));
        var community = Assert.Throws<ArgumentOutOfRangeException>(() => InfluencerLists.ForCommunity(r, 9999));
        Assert.Contains("does not exist", community.Message);
        Assert.Throws<ArgumentException>(() => InfluencerLists.ForCommunity(r, 0, new InfluencerFilter { Top = 0 }));
        Assert.Throws<ArgumentException>(() => InfluencerLists.ForCommunity(r, 0, new InfluencerFilter { MinFollowers = 10, MaxFollowers = 5 }));
        Assert.Throws<ArgumentException>(() => InfluencerLists.ForCommunity(r, 0, new InfluencerFilter { Roles = [(AccountRole)42] }));
    }
}
