namespace Influence.Core.Synthetic;

/// <summary>
/// Parameters of the synthetic influence world. Defaults give a world of 10,000 accounts in which
/// every role and defender group is present; <see cref="ForBenchmark"/> scales it.
/// </summary>
/// <remarks>
/// Shares are of all accounts. Follow means are per following account (lurkers follow at half the
/// rate). Engagement probabilities are per follow. All randomness comes from <see cref="Seed"/>:
/// same config, same world, byte for byte.
/// </remarks>
public sealed record SyntheticWorldConfig
{
    /// <summary>Number of accounts, ≥ 10.</summary>
    public int Accounts { get; init; } = 10_000;
    /// <summary>Number of communities; 0 = one per 500 accounts (at least 2).</summary>
    public int Communities { get; init; }
    public int Seed { get; init; } = 1;

    /// <summary>One-way broadcasters: huge global audience, follow nobody, engage with nobody. Default 0.4%.</summary>
    public double CelebrityShare { get; init; } = 0.004;
    /// <summary>Large cross-community audience, follow back and reply to part of it. Default 0.6% (celebrities + macros ≈ the top 1% by followers).</summary>
    public double MacroShare { get; init; } = 0.006;
    /// <summary>Mid-size in-community audience, reciprocal and conversational. Default 2%.</summary>
    public double MicroShare { get; init; } = 0.02;
    /// <summary>Mostly share others' content. Default 3%.</summary>
    public double AmplifierShare { get; init; } = 0.03;
    /// <summary>Follow a few accounts, almost never interact. Default 35%.</summary>
    public double LurkerShare { get; init; } = 0.35;

    /// <summary>Celebrities followed per account (mean). Default 3.</summary>
    public double CelebrityFollowsMean { get; init; } = 3;
    /// <summary>Macro-influencers followed per account (mean). Default 2.</summary>
    public double MacroFollowsMean { get; init; } = 2;
    /// <summary>Micro-influencers followed per account (mean), 90% in its own community. Default 1.5.</summary>
    public double MicroFollowsMean { get; init; } = 1.5;
    /// <summary>Ordinary accounts followed per account (mean), 85% in its own community. Default 5.</summary>
    public double FriendFollowsMean { get; init; } = 5;
    /// <summary>Multiplies every engagement probability (1 = defaults below). Lower it for a sparser interaction log.</summary>
    public double EngagementScale { get; init; } = 1.0;
    /// <summary>Random follows added as noise, per account. Default 0.3.</summary>
    public double NoiseFollowsPerAccount { get; init; } = 0.3;
    /// <summary>Random one-off interactions added as noise, per account. Default 0.2.</summary>
    public double NoiseInteractionsPerAccount { get; init; } = 0.2;

    /// <summary>Share of micro- and macro-influencers that have a defender group. Default 0.5.</summary>
    public double DefendedShare { get; init; } = 0.5;
    /// <summary>Smallest defender group. Default 4.</summary>
    public int DefendersMin { get; init; } = 4;
    /// <summary>Largest defender group. Default 8.</summary>
    public int DefendersMax { get; init; } = 8;
    /// <summary>Give interactions a stance in [-1, 1] and add critics. Default true.</summary>
    public bool WithStance { get; init; } = true;
    /// <summary>Share of defended accounts that also draw critics (when <see cref="WithStance"/>). Default 0.5.</summary>
    public double CriticisedShare { get; init; } = 0.5;

    /// <summary>Length of the observed window in days, ≥ 3. Default 14.</summary>
    public int Days { get; init; } = 14;
    /// <summary>Start of the window, Unix seconds. Default 2024-01-01T00:00:00Z.</summary>
    public long StartUnixSeconds { get; init; } = 1_704_067_200;
    /// <summary>Account id prefix; ids are prefix + index. Default "u".</summary>
    public string IdPrefix { get; init; } = "u";

    /// <summary>
    /// The benchmark world: about 10 follows and 5 interactions per account
    /// (1M accounts → ≈10M follows, ≈5M interactions).
    /// </summary>
    public static SyntheticWorldConfig ForBenchmark(int accounts, int seed = 1) => new()
    {
        Accounts = accounts,
        Seed = seed,
        CelebrityFollowsMean = 2,
        MacroFollowsMean = 1.5,
        MicroFollowsMean = 1.2,
        FriendFollowsMean = 4.8,
        EngagementScale = 1.0,
        NoiseFollowsPerAccount = 0.2,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field, its value and the legal range.</summary>
    public void Validate()
    {
        if (Accounts < 10) throw new ArgumentException($"SyntheticWorldConfig.Accounts = {Accounts}: need at least 10 accounts.", nameof(Accounts));
        if (Communities < 0 || Communities > Accounts / 5)
            throw new ArgumentException($"SyntheticWorldConfig.Communities = {Communities}: must be 0 (auto) or between 1 and Accounts/5 = {Accounts / 5}.", nameof(Communities));
        ConfigRules.InRange<SyntheticWorldConfig>(CelebrityShare, 0, 0.2);
        ConfigRules.InRange<SyntheticWorldConfig>(MacroShare, 0, 0.2);
        ConfigRules.InRange<SyntheticWorldConfig>(MicroShare, 0, 0.3);
        ConfigRules.InRange<SyntheticWorldConfig>(AmplifierShare, 0, 0.5);
        ConfigRules.InRange<SyntheticWorldConfig>(LurkerShare, 0, 0.9);
        if (CelebrityShare + MacroShare + MicroShare + AmplifierShare + LurkerShare > 0.95)
            throw new ArgumentException("SyntheticWorldConfig: role shares add up to more than 0.95; leave room for regular accounts.", nameof(LurkerShare));
        ConfigRules.InRange<SyntheticWorldConfig>(CelebrityFollowsMean, 0, 100);
        ConfigRules.InRange<SyntheticWorldConfig>(MacroFollowsMean, 0, 100);
        ConfigRules.InRange<SyntheticWorldConfig>(MicroFollowsMean, 0, 100);
        ConfigRules.InRange<SyntheticWorldConfig>(FriendFollowsMean, 0, 1000);
        ConfigRules.InRange<SyntheticWorldConfig>(EngagementScale, 0, 1.5);
        ConfigRules.InRange<SyntheticWorldConfig>(NoiseFollowsPerAccount, 0, 100);
        ConfigRules.InRange<SyntheticWorldConfig>(NoiseInteractionsPerAccount, 0, 100);
        ConfigRules.InRange<SyntheticWorldConfig>(DefendedShare, 0, 1);
        ConfigRules.InRange<SyntheticWorldConfig>(CriticisedShare, 0, 1);
        if (DefendersMin < 2 || DefendersMax < DefendersMin || DefendersMax > 100)
            throw new ArgumentException($"SyntheticWorldConfig.DefendersMin/DefendersMax = {DefendersMin}/{DefendersMax}: need 2 ≤ min ≤ max ≤ 100.", nameof(DefendersMin));
        if (Days < 3 || Days > 3650) throw new ArgumentException($"SyntheticWorldConfig.Days = {Days}: must be in [3, 3650].", nameof(Days));
        if (StartUnixSeconds < 0) throw new ArgumentException($"SyntheticWorldConfig.StartUnixSeconds = {StartUnixSeconds}: must be ≥ 0.", nameof(StartUnixSeconds));
        if (string.IsNullOrWhiteSpace(IdPrefix) || IdPrefix.Contains(',') || IdPrefix.Contains('"') || IdPrefix.Any(char.IsWhiteSpace))
            throw new ArgumentException($"SyntheticWorldConfig.IdPrefix = '{IdPrefix}': must be non-empty, without commas, quotes or spaces.", nameof(IdPrefix));
    }

    /// <summary>Communities actually used (resolves 0 = auto).</summary>
    public int ResolvedCommunities => Communities > 0 ? Communities : Math.Max(2, Accounts / 500);
}
