using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>Defender and critic rules on a hand-drawn neighbourhood of one account X.</summary>
public sealed class DefenderTests
{
    private const long Day0 = 1_700_006_400; // a UTC midnight (19676 × 86400)
    private const long Day = 86_400;

    // X follows D1 and S, likes D1 once and replies to D2 once; D1 follows D2.
    // D1 → X: reply d0, reply d1, share d1, mention d2, like d2, stance 0.8 → 5 supportive, 3 periods, X follows + engages back.
    // D2 → X: 3 replies and 2 shares on d0, d0, d3, d3, d4, stance unknown → 5, 3 periods, X engages back; endorses (2 of 5 shares).
    // A  → X: 5 replies over d0..d2, stance unknown, X answers but does not follow → could be an argument: not a defender.
    // S  → X: 6 replies all on d5                                     → one period: not repeated over time.
    // U  → X: 6 replies over d0..d2, X neither follows nor engages U → not reciprocated.
    // C  → X: 4 replies over d1, d2, stance −0.5                      → critic.
    // E1..E9 → X: one like each                                       → casual engagers (median support 0.25).
    private static (TinyWorld, InfluenceAnalysisResult) Analyse()
    {
        var names = new List<string> { "X", "D1", "D2", "S", "U", "C", "A" };
        for (int i = 1; i <= 9; i++) names.Add($"E{i}");
        var w = new TinyWorld(names.ToArray()).Follow("X>D1", "X>S", "D1>D2", "U>X");
        w.Act("X", "D1", InteractionKind.Like, Day0).Act("X", "D2", InteractionKind.Reply, Day0 + 2 * Day).Act("X", "A", InteractionKind.Reply, Day0 + Day);
        foreach (var (kind, day) in new[] { (InteractionKind.Reply, 0), (InteractionKind.Reply, 1), (InteractionKind.Share, 1), (InteractionKind.Mention, 2), (InteractionKind.Like, 2) })
            w.Act("D1", "X", kind, Day0 + day * Day + 3600, stance: 0.8);
        foreach (var (kind, day) in new[] { (InteractionKind.Reply, 0), (InteractionKind.Share, 0), (InteractionKind.Reply, 3), (InteractionKind.Share, 3), (InteractionKind.Reply, 4) })
            w.Act("D2", "X", kind, Day0 + day * Day + 7200);
        for (int i = 0; i < 5; i++) w.Act("A", "X", InteractionKind.Reply, Day0 + (i % 3) * Day + 600);
        for (int i = 0; i < 6; i++) w.Act("S", "X", InteractionKind.Reply, Day0 + 5 * Day + i * 60);
        for (int i = 0; i < 6; i++) w.Act("U", "X", InteractionKind.Reply, Day0 + (i % 3) * Day);
        foreach (int day in new[] { 1, 1, 2, 2 }) w.Act("C", "X", InteractionKind.Reply, Day0 + day * Day, stance: -0.5);
        for (int i = 1; i <= 9; i++) w.Act($"E{i}", "X", InteractionKind.Like, Day0 + i * 600);
        return (w, InfluenceAnalyzer.Run(w.Input()));
    }

    [Fact]
    public void Finds_exactly_the_repeated_reciprocated_supporters_with_their_figures()
    {
        var (w, r) = Analyse();
        int X = w["X"];
        var links = r.Defenders.Where(l => l.Target == X).ToArray();
        Assert.Equal([w["D1"], w["D2"]], links.Select(l => l.Defender)); // strength descending; A (replies only) is out

        DefenderLink d1 = links[0], d2 = links[1];
        Assert.Equal(5, d1.Interactions, 12);
        Assert.Equal(3, d1.ActivePeriods);
        Assert.True(d1.TargetFollowsBack);
        Assert.True(d1.TargetEngagesBack);
        Assert.Equal(0.8, d1.MeanStance, 12);
        Assert.Equal(5 * (1 + Math.Log(3)) * 1.0 * (0.5 + 0.5 * 0.8), d1.Strength, 9);

        Assert.Equal(5, d2.Interactions, 12);
        Assert.Equal(3, d2.ActivePeriods);
        Assert.False(d2.TargetFollowsBack);
        Assert.True(d2.TargetEngagesBack);
        Assert.True(double.IsNaN(d2.MeanStance));
        Assert.Equal(5 * (1 + Math.Log(3)) * 0.75, d2.Strength, 9);
    }

    [Fact]
    public void Critic_is_listed_apart_with_its_stance()
    {
        var (w, r) = Analyse();
        var critic = Assert.Single(r.Critics);
        Assert.Equal((w["X"], w["C"]), (critic.Target, critic.Defender));
        Assert.Equal(-0.5, critic.MeanStance, 12);
        Assert.Equal(2, critic.ActivePeriods);
        Assert.Equal(4 * (1 + Math.Log(2)) * 0.5, critic.Strength, 9);
        Assert.Equal(1, r.Summary.CriticLinks);
    }

    [Fact]
    public void Per_account_defender_figures()
    {
        var (w, r) = Analyse();
        AccountMetrics x = r.Accounts[w["X"]];
        Assert.Equal(2, x.Defenders);
        Assert.Equal(1, x.Critics);
        // Received: D1 3+3+4+2+1 = 13, D2 3+4+3+4+3 = 17, A 15, S 18, U 18, C 12, nine likes 9 → 102; defenders give 30.
        Assert.Equal(102, x.EngagementReceived, 9);
        Assert.Equal(30.0 / 102, x.DefenderEngagementShare, 9);
        Assert.Equal(1.0, x.DefenderDensity, 12); // the one pair D1–D2 is tied (D1 follows D2)
        Assert.Equal(2, r.Summary.DefenderLinks);
    }

    [Fact]
    public void Without_timestamps_repetition_is_by_count()
    {
        var w = new TinyWorld("X", "A", "B").Follow("X>A", "X>B");
        for (int i = 0; i < 5; i++) w.Act("A", "X", InteractionKind.Reply);
        for (int i = 0; i < 4; i++) w.Act("B", "X", InteractionKind.Reply);
        var r = InfluenceAnalyzer.Run(w.Input());
        var link = Assert.Single(r.Defenders);
        Assert.Equal(w["A"], link.Defender);
        Assert.Equal(1, link.ActivePeriods);
        Assert.Equal(5 * 1.0 * 0.75, link.Strength, 9); // 1 + ln 1 = 1; followed back only
    }

    [Fact]
    public void A_defender_engages_more_than_the_typical_audience_member_and_the_stand_out_rule_can_raise_the_bar()
    {
        // 12 engagers with 3 to 5 replies over two days (with L, R and S: median 4, MAD 1). By default a defender engages
        // at least 5 times and more than the median member: L (12 likes), R (6 replies) and S (11 replies). Asking for
        // 2 robust deviations (bar ≈ 4 + 2 × 1.4826 ≈ 7.0) leaves L and S; counting a like as half leaves S alone.
        var w = new TinyWorld("X", "L", "R", "S");
        w.Follow("X>L", "X>R", "X>S");
        for (int i = 0; i < 12; i++)
            for (int k = 0; k < 3 + new[] { 0, 1, 2, 1 }[i % 4]; k++) w.Act($"P{i}", "X", InteractionKind.Reply, Day0 + (k % 2) * Day);
        for (int i = 0; i < 12; i++) w.Act("L", "X", InteractionKind.Like, Day0 + (i % 4) * Day);
        for (int i = 0; i < 6; i++) w.Act("R", "X", InteractionKind.Reply, Day0 + (i % 3) * Day);
        for (int i = 0; i < 11; i++) w.Act("S", "X", InteractionKind.Reply, Day0 + (i % 3) * Day);
        int[] Defenders(Dictionary<string, double> overrides) => InfluenceAnalyzer.Run(w.Input(), new InfluenceConfig { ThresholdOverrides = overrides })
            .Defenders.Select(d => d.Defender).Order().ToArray();
        Assert.Equal(new[] { w["L"], w["R"], w["S"] }, Defenders(new()));
        Assert.Equal(new[] { w["L"], w["S"] }, Defenders(new() { [ThresholdCatalog.DefenderOutlierMads] = 2 }));
        Assert.Equal(new[] { w["S"] }, Defenders(new() { [ThresholdCatalog.DefenderOutlierMads] = 2, [ThresholdCatalog.DefenderLikeFactor] = 0.5 }));
    }

    [Fact]
    public void Without_stance_replies_alone_need_a_follow_back_to_count_as_support()
    {
        // A and B each reply 6 times over three days with no stance recorded; X answers both. X follows B, not A: A's
        // exchange may be an argument, B's is support. C mixes replies with shares (endorsement) and is not followed.
        var w = new TinyWorld("X", "A", "B", "C").Follow("X>B");
        foreach (string d in new[] { "A", "B" })
        {
            for (int i = 0; i < 6; i++) w.Act(d, "X", InteractionKind.Reply, Day0 + (i % 3) * Day);
            w.Act("X", d, InteractionKind.Reply, Day0 + Day);
        }
        for (int i = 0; i < 6; i++) w.Act("C", "X", i % 2 == 0 ? InteractionKind.Reply : InteractionKind.Share, Day0 + (i % 3) * Day);
        w.Act("X", "C", InteractionKind.Reply, Day0 + Day);
        var r = InfluenceAnalyzer.Run(w.Input());
        Assert.Equal(new[] { w["B"], w["C"] }, r.Defenders.Select(d => d.Defender).Order().ToArray());

        // A log without any follow cannot show a follow-back: there the answered exchange stands.
        var noFollows = new TinyWorld("X", "A");
        for (int i = 0; i < 6; i++) noFollows.Act("A", "X", InteractionKind.Reply, Day0 + (i % 3) * Day);
        noFollows.Act("X", "A", InteractionKind.Reply, Day0 + Day);
        Assert.Equal(noFollows["A"], Assert.Single(InfluenceAnalyzer.Run(noFollows.Input()).Defenders).Defender);
    }

    [Fact]
    public void A_relationship_builders_defenders_count_even_when_they_are_most_of_its_engagers_and_it_engages_back_more()
    {
        // X converses with everyone: it replies to each defender more than they reply to it. Six defenders back X
        // 8 times over four days; four ordinary followers engage once; twenty followers are silent.
        var w = new TinyWorld("X");
        for (int i = 0; i < 6; i++)
        {
            w.Follow($"D{i}>X", $"X>D{i}");
            for (int k = 0; k < 8; k++) w.Act($"D{i}", "X", InteractionKind.Reply, Day0 + (k % 4) * Day, stance: 0.6);
            for (int k = 0; k < 12; k++) w.Act("X", $"D{i}", InteractionKind.Reply, Day0 + (k % 4) * Day);
        }
        for (int i = 0; i < 4; i++) { w.Follow($"F{i}>X"); w.Act($"F{i}", "X", InteractionKind.Like, Day0); }
        for (int i = 0; i < 20; i++) w.Follow($"Q{i}>X");
        var r = InfluenceAnalyzer.Run(w.Input());
        Assert.Equal(Enumerable.Range(0, 6).Select(i => w[$"D{i}"]).Order().ToArray(),
            r.Defenders.Where(d => d.Target == w["X"]).Select(d => d.Defender).Order().ToArray());
    }

    [Fact]
    public void A_longer_period_merges_days_into_one()
    {
        var (w, _) = Analyse();
        var weekly = InfluenceAnalyzer.Run(w.Input(), new InfluenceConfig { DefenderPeriodSeconds = 365 * Day });
        Assert.Empty(weekly.Defenders); // all interactions fall inside one 365-day period: no spread over time
    }

    [Fact]
    public void Network_view_describes_defenders_ties_and_critics()
    {
        var (w, r) = Analyse();
        var input = w.Input();
        DefenderNetwork net = DefenderNetworkView.Describe(r, input, "X");
        Assert.Equal(2, net.Size);
        Assert.Equal(1.0, net.Density, 12);
        Assert.Equal(30.0 / 102, net.EngagementShare, 9);
        var tie = Assert.Single(net.Ties);
        Assert.Equal(("D1", "D2", true, false), (tie.A, tie.B, tie.Follow, tie.Interaction));
        Assert.Equal("C", Assert.Single(net.Critics).Account);
        Assert.Equal(["D1", "D2"], net.Defenders.Select(d => d.Account));
        Assert.Equal(2, net.Communities.Values.Sum());

        DefenderNetwork stored = DefenderNetworkView.Describe(r, null, "X"); // from a stored result, no graphs
        Assert.False(stored.TiesKnown);
        Assert.Empty(stored.Ties);
        Assert.Equal(1.0, stored.Density, 12);

        var none = DefenderNetworkView.Describe(r, input, "E1");
        Assert.Equal(0, none.Size);
        Assert.Equal(0, none.Density);
    }

    [Fact]
    public void Network_view_of_an_unknown_account_says_so()
    {
        var (w, r) = Analyse();
        var e = Assert.Throws<KeyNotFoundException>(() => DefenderNetworkView.Describe(r, w.Input(), "nobody"));
        Assert.Contains("'nobody'", e.Message);
        Assert.Throws<KeyNotFoundException>(() => DefenderNetworkView.Describe(r, null, 999));
    }
}
