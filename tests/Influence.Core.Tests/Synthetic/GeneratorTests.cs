using System.Globalization;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Synthetic;

public sealed class GeneratorTests
{
    private static readonly SyntheticWorldConfig Small = new() { Accounts = 600, Seed = 5 };

    [Fact]
    public void Same_seed_same_world_and_another_seed_another()
    {
        var a = SyntheticWorldGenerator.Generate(Small);
        var b = SyntheticWorldGenerator.Generate(Small);
        var c = SyntheticWorldGenerator.Generate(Small with { Seed = 6 });
        Assert.Equal(a.FollowSource, b.FollowSource);
        Assert.Equal(a.FollowTarget, b.FollowTarget);
        Assert.Equal(a.Interactions.Timestamp.ToArray(), b.Interactions.Timestamp.ToArray());
        Assert.Equal(a.TrueDefenders, b.TrueDefenders);
        Assert.NotEqual(a.FollowTarget, c.FollowTarget);
    }

    [Fact]
    public void Planted_personas_behave_as_specified()
    {
        var w = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 3000, Seed = 2 });
        var followers = new int[w.AccountCount];
        var following = new int[w.AccountCount];
        for (int i = 0; i < w.FollowCount; i++) { followers[w.FollowTarget[i]]++; following[w.FollowSource[i]]++; }
        var given = new int[w.AccountCount];
        foreach (int s in w.Interactions.Source) given[s]++;
        var pairs = new HashSet<(int, int)>();
        for (int i = 0; i < w.FollowCount; i++)
        {
            Assert.NotEqual(w.FollowSource[i], w.FollowTarget[i]);
            Assert.True(pairs.Add((w.FollowSource[i], w.FollowTarget[i])), "duplicate follow");
        }
        double meanFollowers = followers.Average();
        for (int v = 0; v < w.AccountCount; v++)
        {
            if (w.Personas[v] != Persona.Celebrity) continue;
            Assert.Equal(0, following[v]); // follows nobody
            Assert.Equal(0, given[v]);     // engages with nobody
            Assert.True(followers[v] > 10 * meanFollowers, $"celebrity audience {followers[v]} vs mean {meanFollowers:0.0}");
        }
        // Defender pairs: repeated over at least 3 distinct days, followed back.
        var (d, x) = w.TrueDefenders[0];
        var days = new HashSet<long>();
        for (int i = 0; i < w.Interactions.Count; i++)
            if (w.Interactions.Source[i] == d && w.Interactions.Target[i] == x) days.Add(w.Interactions.Timestamp[i] / 86_400);
        Assert.True(days.Count >= 3);
        Assert.Contains((x, d), pairs);
        Assert.NotEmpty(w.TrueCritics);
        foreach (double s in w.Interactions.Stance) Assert.InRange(s, -1, 1);
    }

    [Fact]
    public void Benchmark_preset_has_about_ten_follows_and_five_interactions_per_account()
    {
        var w = SyntheticWorldGenerator.Generate(SyntheticWorldConfig.ForBenchmark(20_000));
        Assert.InRange(w.FollowCount / 20_000.0, 8.5, 11.5);
        Assert.InRange(w.Interactions.Count / 20_000.0, 4, 6);
    }

    [Fact]
    public void Writer_emits_the_documented_columns_and_one_row_per_record()
    {
        var w = SyntheticWorldGenerator.Generate(Small);
        var follows = new StringWriter();
        var interactions = new StringWriter();
        var truth = new StringWriter();
        SyntheticWorldWriter.WriteFollows(w, follows);
        SyntheticWorldWriter.WriteInteractions(w, interactions);
        SyntheticWorldWriter.WriteTruth(w, truth);

        string[] f = follows.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,target,since", f[0]);
        Assert.Equal(w.FollowCount + 1, f.Length);
        string[] first = f[1].Split(',');
        Assert.Equal(w.Ids[w.FollowSource[0]], first[0]);
        Assert.Equal(w.FollowSince(0), long.Parse(first[2], CultureInfo.InvariantCulture));
        Assert.True(w.FollowSince(0) < w.Config.StartUnixSeconds);

        string[] it = interactions.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,target,kind,timestamp,weight,stance", it[0]);
        Assert.Equal(w.Interactions.Count + 1, it.Length);
        string[] row = it[1].Split(',');
        Assert.Equal(6, row.Length);
        Assert.True(InteractionKinds.TryParse(row[2], out var kind));
        Assert.Equal(w.Interactions.Kind[0], kind);
        Assert.Equal(w.Interactions.Timestamp[0], long.Parse(row[3], CultureInfo.InvariantCulture));
        Assert.Equal("1", row[4]);
        Assert.Equal(w.Interactions.Stance[0], double.Parse(row[5], CultureInfo.InvariantCulture), 3);

        string[] t = truth.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kind,account,target,value", t[0]);
        Assert.Equal(1 + 2 * w.AccountCount + w.TrueDefenders.Length + w.TrueCritics.Length, t.Length);
        Assert.Contains("role,u0,,", t[1]);
        Assert.Contains(t, line => line.StartsWith("defender,", StringComparison.Ordinal) && line.Split(',')[2].Length > 0);
        Assert.Contains(t, line => line == "role," + w.Ids[Array.IndexOf(w.Personas, Persona.Celebrity)] + ",,celebrity");
    }

    [Fact]
    public void Without_stance_the_stance_column_is_empty_and_records_match_the_log()
    {
        var w = SyntheticWorldGenerator.Generate(Small with { WithStance = false });
        var interactions = new StringWriter();
        SyntheticWorldWriter.WriteInteractions(w, interactions);
        Assert.EndsWith(",", interactions.ToString().Split('\n')[1]);
        Assert.False(w.Interactions.HasStance);
        Assert.Equal(w.Interactions.Count, w.InteractionRecords().Count());
        Assert.Equal(w.FollowCount, w.FollowRecords().Count());
        Assert.All(w.InteractionRecords().Take(50), r => Assert.Null(r.Stance));
        Assert.Equal(2 * w.AccountCount + w.TrueDefenders.Length, w.TruthRecords().Count());
    }

    [Theory]
    [InlineData(nameof(SyntheticWorldConfig.Accounts), "need at least 10")]
    [InlineData(nameof(SyntheticWorldConfig.LurkerShare), "LurkerShare = 2")]
    [InlineData(nameof(SyntheticWorldConfig.Days), "Days = 1")]
    [InlineData(nameof(SyntheticWorldConfig.IdPrefix), "IdPrefix = 'a,b'")]
    [InlineData(nameof(SyntheticWorldConfig.DefendersMin), "DefendersMin/DefendersMax = 9/3")]
    public void Bad_generator_config_names_the_field(string field, string expected)
    {
        SyntheticWorldConfig bad = field switch
        {
            nameof(SyntheticWorldConfig.Accounts) => Small with { Accounts = 3 },
            nameof(SyntheticWorldConfig.LurkerShare) => Small with { LurkerShare = 2 },
            nameof(SyntheticWorldConfig.Days) => Small with { Days = 1 },
            nameof(SyntheticWorldConfig.IdPrefix) => Small with { IdPrefix = "a,b" },
            _ => Small with { DefendersMin = 9, DefendersMax = 3 },
        };
        var e = Assert.Throws<ArgumentException>(() => SyntheticWorldGenerator.Generate(bad));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Writer_rejects_nulls()
    {
        var w = SyntheticWorldGenerator.Generate(Small);
        Assert.Throws<ArgumentNullException>(() => SyntheticWorldWriter.WriteFollows(w, null!));
        Assert.Throws<ArgumentNullException>(() => SyntheticWorldWriter.WriteTruth(null!, new StringWriter()));
    }
}
