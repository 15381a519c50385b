using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Synthetic;

/// <summary>The independent generator is deterministic, refuses bad settings by name, and plants what it says.</summary>
public sealed class BlockCascadeGeneratorTests
{
    private static readonly BlockCascadeWorldConfig Small = new() { Accounts = 3000, Seed = 4, Weeks = 12, BoughtFollowerCohorts = 2, BoughtFollowerCohortSize = 60 };
    private static readonly Lazy<SyntheticWorld> s_world = new(() => BlockCascadeWorldGenerator.Generate(Small));

    [Fact]
    public void Same_seed_same_world_and_another_seed_another()
    {
        var small = Small with { Accounts = 800 };
        var a = BlockCascadeWorldGenerator.Generate(small);
        var b = BlockCascadeWorldGenerator.Generate(small);
        var c = BlockCascadeWorldGenerator.Generate(small with { Seed = 5 });
        Assert.Equal(a.FollowSource, b.FollowSource);
        Assert.Equal(a.FollowTarget, b.FollowTarget);
        Assert.Equal(a.Interactions.Timestamp.ToArray(), b.Interactions.Timestamp.ToArray());
        Assert.Equal(a.Interactions.Stance.ToArray(), b.Interactions.Stance.ToArray());
        Assert.Equal(a.TrueDefenders, b.TrueDefenders);
        Assert.Equal(a.Personas, b.Personas);
        Assert.NotEqual(a.FollowTarget, c.FollowTarget);
        Assert.Equal("block-cascade", a.Generator);
    }

    [Theory]
    [InlineData("Accounts", "Accounts = 50")]
    [InlineData("MicroShare", "MicroShare = 0.5")]
    [InlineData("CelebrityFollowBackMax", "CelebrityFollowBackMax = 0.2")]
    [InlineData("Weeks", "Weeks = 0")]
    [InlineData("EngagementIntensity", "EngagementIntensity = 0")]
    [InlineData("StanceShare", "StanceShare = 1.5")]
    [InlineData("Defenders", "DefendersMin/DefendersMax = 8/4")]
    [InlineData("Shares", "leave at least 10 % regular")]
    [InlineData("MinCommunitySize", "MinCommunitySize 500 exceed Accounts")]
    [InlineData("IdPrefix", "IdPrefix = 'a,b'")]
    public void Bad_settings_are_refused_with_the_field_and_value(string field, string expected)
    {
        var bad = field switch
        {
            "Accounts" => Small with { Accounts = 50 },
            "MicroShare" => Small with { MicroShare = 0.5 },
            "CelebrityFollowBackMax" => Small with { CelebrityFollowBackMax = 0.2 },
            "Weeks" => Small with { Weeks = 0 },
            "EngagementIntensity" => Small with { EngagementIntensity = 0 },
            "StanceShare" => Small with { StanceShare = 1.5 },
            "Defenders" => Small with { DefendersMin = 8, DefendersMax = 4 },
            "Shares" => Small with { LurkerShare = 0.8, AmplifierShare = 0.1 },
            "MinCommunitySize" => Small with { MinCommunitySize = 500 },
            _ => Small with { IdPrefix = "a,b" },
        };
        var ex = Assert.Throws<ArgumentException>(() => BlockCascadeWorldGenerator.Generate(bad));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Celebrities_have_the_largest_audiences_and_follow_back_at_most_five_percent()
    {
        var w = s_world.Value;
        var (followers, mutual, _) = Degrees(w);
        var sorted = followers.Order().ToArray();
        double p97 = sorted[(int)(0.97 * sorted.Length)];
        int celebrities = 0;
        for (int v = 0; v < w.AccountCount; v++)
        {
            if (w.Personas[v] != Persona.Celebrity) continue;
            celebrities++;
            Assert.True(followers[v] > p97, $"celebrity {v} has {followers[v]} followers, not above the 97th percentile {p97}");
            Assert.True(mutual[v] <= 0.05 * followers[v], $"celebrity {v} follows back {mutual[v]} of {followers[v]}");
        }
        Assert.True(celebrities >= 5);
    }

    [Fact]
    public void Macro_and_micro_influencers_follow_back_and_micro_audiences_are_in_community()
    {
        var w = s_world.Value;
        var (followers, mutual, _) = Degrees(w);
        var inCommunity = new int[w.AccountCount];
        for (int i = 0; i < w.FollowCount; i++)
            if (w.TrueCommunity[w.FollowSource[i]] == w.TrueCommunity[w.FollowTarget[i]]) inCommunity[w.FollowTarget[i]]++;
        var microFollowers = new List<int>();
        for (int v = 0; v < w.AccountCount; v++)
        {
            double back = mutual[v] / (double)Math.Max(1, followers[v]);
            if (w.Personas[v] == Persona.MacroInfluencer) Assert.InRange(back, 0.08, 0.9);
            // Bought followers dilute their target's figures on purpose; the trait is checked elsewhere.
            if (w.Personas[v] != Persona.MicroInfluencer || (w.Traits[v] & AccountTraits.BoughtFollowersTarget) != 0) continue;
            microFollowers.Add(followers[v]);
            Assert.True(back >= 0.35, $"micro {v} follows back {back:P0}");
            Assert.True(inCommunity[v] >= 0.5 * followers[v], $"micro {v}: {inCommunity[v]} of {followers[v]} followers in its community");
        }
        // Audiences vary with community size: the largest micro audience is several times the smallest.
        Assert.True(microFollowers.Max() >= 3 * Math.Max(1, microFollowers.Min()), $"micro audiences {microFollowers.Min()}–{microFollowers.Max()}");
    }

    [Fact]
    public void Defenders_back_repeatedly_over_weeks_and_are_reciprocated_and_never_bots()
    {
        var w = s_world.Value;
        var follows = Follows(w);
        var weeks = new Dictionary<(int, int), HashSet<long>>();
        var counts = new Dictionary<(int, int), int>();
        var engaged = new HashSet<(int, int)>();
        for (int i = 0; i < w.Interactions.Count; i++)
        {
            var pair = (w.Interactions.Source[i], w.Interactions.Target[i]);
            engaged.Add(pair);
            counts[pair] = counts.GetValueOrDefault(pair) + 1;
            if (!weeks.TryGetValue(pair, out var set)) weeks[pair] = set = new HashSet<long>();
            set.Add((w.Interactions.Timestamp[i] - w.Config.StartUnixSeconds) / (7 * 86_400));
        }
        Assert.NotEmpty(w.TrueDefenders);
        foreach (var (d, x) in w.TrueDefenders)
        {
            Assert.True(counts[(d, x)] >= 5, $"defender {d} of {x}: {counts[(d, x)]} interactions");
            Assert.True(weeks[(d, x)].Count >= 2, $"defender {d} of {x} active in {weeks[(d, x)].Count} week(s)");
            Assert.True(follows.Contains((x, d)) || engaged.Contains((x, d)), $"{x} does not reciprocate defender {d}");
            Assert.Equal(AccountTraits.None, w.Traits[d] & (AccountTraits.Bot | AccountTraits.BoughtFollower));
            Assert.Contains(w.Personas[x], new[] { Persona.Celebrity, Persona.MacroInfluencer, Persona.MicroInfluencer });
        }
        var defenders = w.TrueDefenders.ToHashSet();
        Assert.NotEmpty(w.TrueCritics);
        foreach (var (c, x) in w.TrueCritics)
        {
            Assert.DoesNotContain((c, x), defenders);
            Assert.DoesNotContain((x, c), follows);
        }
    }

    [Fact]
    public void Noise_is_planted_bots_spam_bought_followers_are_inactive_and_arrive_together()
    {
        var w = s_world.Value;
        var (followers, _, following) = Degrees(w);
        var given = new int[w.AccountCount];
        foreach (int s in w.Interactions.Source) given[s]++;
        int bots = 0, fakes = 0, broadcasters = 0;
        var followed = Follows(w);
        for (int v = 0; v < w.AccountCount; v++)
        {
            if ((w.Traits[v] & AccountTraits.Bot) != 0)
            {
                bots++;
                Assert.True(following[v] >= 80 && given[v] >= 30, $"bot {v}: follows {following[v]}, {given[v]} mentions");
                Assert.Equal(Persona.Regular, w.Personas[v]);
            }
            if ((w.Traits[v] & AccountTraits.BoughtFollower) != 0)
            {
                fakes++;
                Assert.Equal(0, given[v]);
            }
            if ((w.Traits[v] & AccountTraits.EngagedBroadcaster) != 0)
            {
                broadcasters++;
                Assert.Equal(Persona.Celebrity, w.Personas[v]);
                Assert.True(following[v] <= 0.02 * followers[v] + 3, $"broadcaster {v} follows {following[v]} of {followers[v]}");
            }
        }
        Assert.True(bots > 0 && fakes == 120 && broadcasters > 0, $"bots {bots}, fakes {fakes}, broadcasters {broadcasters}");
        // No one follows a bot back.
        for (int i = 0; i < w.FollowCount; i++)
            if ((w.Traits[w.FollowSource[i]] & AccountTraits.Bot) != 0)
                Assert.DoesNotContain((w.FollowTarget[i], w.FollowSource[i]), followed);
        // Each bought-follower target gained its cohort within three days.
        for (int t = 0; t < w.AccountCount; t++)
        {
            if ((w.Traits[t] & AccountTraits.BoughtFollowersTarget) == 0) continue;
            var since = Enumerable.Range(0, w.FollowCount)
                .Where(i => w.FollowTarget[i] == t && (w.Traits[w.FollowSource[i]] & AccountTraits.BoughtFollower) != 0)
                .Select(w.FollowSince).Order().ToArray();
            Assert.True(since.Length >= 30, $"account {t} has {since.Length} bought followers");
            // Each cohort arrives within three days: the follows fall into at most one burst per cohort.
            int bursts = 1;
            for (int i = 1; i < since.Length; i++) if (since[i] - since[i - 1] > 3 * 86_400) bursts++;
            Assert.InRange(bursts, 1, Small.BoughtFollowerCohorts);
            Assert.True(since[^1] - since[0] <= 3 * 86_400 || bursts > 1);
        }
    }

    [Fact]
    public void One_week_span_spreads_defenders_over_days_and_stance_share_is_honoured()
    {
        var w = BlockCascadeWorldGenerator.Generate(Small with { Accounts = 1200, Weeks = 1, StanceShare = 0 });
        Assert.False(w.Interactions.HasStance);
        long end = w.Config.StartUnixSeconds + 7 * 86_400;
        foreach (long ts in w.Interactions.Timestamp) Assert.InRange(ts, w.Config.StartUnixSeconds, end - 1);
        foreach (var (d, x) in w.TrueDefenders.Take(50))
        {
            var days = new HashSet<long>();
            for (int i = 0; i < w.Interactions.Count; i++)
                if (w.Interactions.Source[i] == d && w.Interactions.Target[i] == x) days.Add(w.Interactions.Timestamp[i] / 86_400);
            Assert.True(days.Count >= 2, $"defender {d} of {x} active on {days.Count} day(s)");
        }
        var full = BlockCascadeWorldGenerator.Generate(Small with { Accounts = 600, StanceShare = 1 });
        foreach (double s in full.Interactions.Stance) Assert.False(double.IsNaN(s));
    }

    private static (int[] Followers, int[] Mutual, int[] Following) Degrees(SyntheticWorld w)
    {
        var followers = new int[w.AccountCount];
        var following = new int[w.AccountCount];
        var mutual = new int[w.AccountCount];
        var set = Follows(w);
        for (int i = 0; i < w.FollowCount; i++)
        {
            followers[w.FollowTarget[i]]++;
            following[w.FollowSource[i]]++;
            if (set.Contains((w.FollowTarget[i], w.FollowSource[i]))) mutual[w.FollowTarget[i]]++;
        }
        return (followers, mutual, following);
    }

    private static HashSet<(int, int)> Follows(SyntheticWorld w)
    {
        var set = new HashSet<(int, int)>();
        for (int i = 0; i < w.FollowCount; i++) set.Add((w.FollowSource[i], w.FollowTarget[i]));
        return set;
    }
}
