namespace Influence.Core.Synthetic;

/// <summary>One world of the validation family: a name, what it varies and why, and how to make it.</summary>
/// <param name="Name">Short stable name (table rows, JSON keys).</param>
/// <param name="Generator">"synthetic" (<see cref="SyntheticWorldGenerator"/>) or "block-cascade" (<see cref="BlockCascadeWorldGenerator"/>).</param>
/// <param name="Varies">What this member changes against its generator's defaults, and why it matters.</param>
/// <param name="Accounts">World size.</param>
public sealed record ValidationWorld(string Name, string Generator, string Varies, int Accounts,
    Func<CancellationToken, SyntheticWorld> Generate);

/// <summary>
/// The validation family (docs/validation.md): worlds of both generators that differ in what the
/// verdicts depend on — community sizes and mixing, share of micro-influencers, follow-back rates,
/// engagement intensity, time span, stance coverage, bots, bought followers, engaged broadcasters.
/// </summary>
public static class ValidationFamily
{
    /// <summary>
    /// The family; <paramref name="scale"/> multiplies every world's size (quick runs, unit tests), at least 1,000
    /// accounts each. <paramref name="seedOffset"/> adds to every generator seed: the same settings, other worlds —
    /// tune on offset 0, confirm on another (held-out worlds), so rules do not fit these 17 worlds' noise.
    /// </summary>
    public static IReadOnlyList<ValidationWorld> Members(double scale = 1.0, int seedOffset = 0)
    {
        if (!(scale > 0) || scale > 10) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be in (0, 10].");
        if (seedOffset < 0 || seedOffset > 1_000_000) throw new ArgumentOutOfRangeException(nameof(seedOffset), seedOffset, "seedOffset must be in [0, 1000000].");
        int Size(int accounts) => Math.Max(1000, (int)Math.Round(accounts * scale));
        var list = new List<ValidationWorld>();

        void Synthetic(string name, string varies, SyntheticWorldConfig config)
        {
            config = config with { Accounts = Size(config.Accounts), Communities = ScaledCommunities(config.Communities, scale), Seed = config.Seed + seedOffset };
            list.Add(new ValidationWorld(name, "synthetic", varies, config.Accounts, ct => SyntheticWorldGenerator.Generate(config, ct)));
        }
        void Block(string name, string varies, BlockCascadeWorldConfig config)
        {
            config = config with
            {
                Accounts = Size(config.Accounts), Communities = ScaledCommunities(config.Communities, scale), Seed = config.Seed + seedOffset,
                BoughtFollowerCohortSize = Math.Max(10, (int)Math.Round(config.BoughtFollowerCohortSize * Math.Min(1, scale))),
            };
            list.Add(new ValidationWorld(name, "block-cascade", varies, config.Accounts, ct => BlockCascadeWorldGenerator.Generate(config, ct)));
        }

        // The generator the model was tuned on, pushed along the axes it exposes.
        Synthetic("syn-default", "defaults: 2 weeks, micro 2 %, stance on", new() { Accounts = 10_000, Seed = 21 });
        Synthetic("syn-sparse", "engagement ×0.3: fewer interactions per follow", new() { Accounts = 10_000, Seed = 22, EngagementScale = 0.3 });
        Synthetic("syn-dense", "engagement ×1.5 (its ceiling), 40 communities", new() { Accounts = 12_000, Seed = 23, EngagementScale = 1.5, Communities = 40 });
        Synthetic("syn-micro5-52w", "micro 5 %, 52-week window (364 days)", new() { Accounts = 10_000, Seed = 24, MicroShare = 0.05, Days = 364 });
        Synthetic("syn-micro1-1w-nostance", "micro 1 %, one week, no stance", new() { Accounts = 10_000, Seed = 25, MicroShare = 0.01, Days = 7, WithStance = false });

        // The independent generator, one axis (or one kind of noise) at a time, then several at once.
        Block("bc-default", "26 weeks, micro 3 %, μ 0.2, stance 50 %, bots 1 %, 3 bought cohorts, 30 % engaged broadcasters", new() { Accounts = 10_000, Seed = 31 });
        Block("bc-1w-x0.3", "one week, engagement ×0.3", new() { Accounts = 10_000, Seed = 32, Weeks = 1, EngagementIntensity = 0.3 });
        Block("bc-52w-x3", "52 weeks, engagement ×3", new() { Accounts = 10_000, Seed = 33, Weeks = 52, EngagementIntensity = 3 });
        Block("bc-micro1-even", "micro 1 %, near-equal community sizes, μ 0.1", new() { Accounts = 10_000, Seed = 34, MicroShare = 0.01, CommunitySizeExponent = 8, Mixing = 0.1 });
        Block("bc-micro5-uneven", "micro 5 %, very uneven community sizes, μ 0.4", new() { Accounts = 10_000, Seed = 35, MicroShare = 0.05, CommunitySizeExponent = 1.6, Mixing = 0.4 });
        Block("bc-small-communities", "100 communities from 12 accounts up, sparser follows: micro audiences below global cuts", new()
        {
            Accounts = 10_000, Seed = 42, Communities = 100, MinCommunitySize = 12, CommunitySizeExponent = 1.8, FollowsMean = 7,
        });
        Block("bc-stance0", "no stance at all (critics only by behaviour)", new() { Accounts = 8_000, Seed = 36, StanceShare = 0 });
        Block("bc-stance100", "stance on every interaction, every defended account criticised", new() { Accounts = 8_000, Seed = 37, StanceShare = 1, CriticisedShare = 1 });
        Block("bc-followback-low", "macro follow-back 15–30 %, micro 40–65 %, regular 15 %", new()
        {
            Accounts = 10_000, Seed = 38, MacroFollowBackMin = 0.15, MacroFollowBackMax = 0.3, MicroFollowBackMin = 0.4, MicroFollowBackMax = 0.65, RegularFollowBack = 0.15,
        });
        Block("bc-followback-high", "macro follow-back 50–80 %, micro 85–100 %, regular 50 %", new()
        {
            Accounts = 10_000, Seed = 39, MacroFollowBackMin = 0.5, MacroFollowBackMax = 0.8, MicroFollowBackMin = 0.85, MicroFollowBackMax = 1, RegularFollowBack = 0.5,
        });
        Block("bc-noisy", "bots 4 %, 12 bought cohorts, 70 % engaged broadcasters", new()
        {
            Accounts = 12_000, Seed = 40, BotShare = 0.04, BoughtFollowerCohorts = 12, BoughtFollowerCohortSize = 150, EngagedBroadcasterShare = 0.7,
        });
        Block("bc-20k-mixed", "20k accounts, 60 communities, μ 0.3, 8 weeks, stance 20 %, engagement ×0.6", new()
        {
            Accounts = 20_000, Seed = 41, Communities = 60, Mixing = 0.3, Weeks = 8, StanceShare = 0.2, EngagementIntensity = 0.6,
        });
        return list;
    }

    private static int ScaledCommunities(int communities, double scale) =>
        communities == 0 ? 0 : Math.Max(3, (int)Math.Round(communities * Math.Min(1, scale)));
}
