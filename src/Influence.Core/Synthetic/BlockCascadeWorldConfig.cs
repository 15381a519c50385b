namespace Influence.Core.Synthetic;

/// <summary>
/// Parameters of <see cref="BlockCascadeWorldGenerator"/>: a stochastic-block world whose communities
/// have power-law sizes, whose follows grow by preferential attachment, and whose interactions are
/// cascades of posts. Written independently of <see cref="SyntheticWorldConfig"/> so the model is
/// judged on a world it was not tuned on (docs/validation.md).
/// </summary>
/// <remarks>Shares are of all accounts unless said otherwise. Same config (and seed), same world.</remarks>
public sealed record BlockCascadeWorldConfig
{
    /// <summary>Number of accounts, in [200, 2,000,000]. Default 10,000.</summary>
    public int Accounts { get; init; } = 10_000;
    public int Seed { get; init; } = 1;

    /// <summary>Number of communities; 0 = one per 300 accounts (at least 3). Default 0.</summary>
    public int Communities { get; init; }
    /// <summary>Power-law exponent of community sizes (Pareto tail): 1.5 very uneven … 6 nearly equal. Default 2.2.</summary>
    public double CommunitySizeExponent { get; init; } = 2.2;
    /// <summary>Smallest community, in accounts. Default 30.</summary>
    public int MinCommunitySize { get; init; } = 30;
    /// <summary>Mixing parameter μ: share of ordinary follows that leave the own community. Default 0.2.</summary>
    public double Mixing { get; init; } = 0.2;

    /// <summary>One-way accounts with the largest audiences. Default 0.3 %.</summary>
    public double CelebrityShare { get; init; } = 0.003;
    /// <summary>Share of celebrities that are engaged broadcasters (follow almost nobody, converse a lot). Default 0.3.</summary>
    public double EngagedBroadcasterShare { get; init; } = 0.3;
    /// <summary>Large audience, followed back in part, conversational. Default 0.5 %.</summary>
    public double MacroShare { get; init; } = 0.005;
    /// <summary>Stand out in their own community; reciprocal, conversational. In [0.01, 0.05] for the family; default 3 %.</summary>
    public double MicroShare { get; init; } = 0.03;
    /// <summary>Mostly share others' content. Default 2.5 %.</summary>
    public double AmplifierShare { get; init; } = 0.025;
    /// <summary>Follow a little, almost never engage. Default 30 %.</summary>
    public double LurkerShare { get; init; } = 0.30;
    /// <summary>Spam accounts: follow many at random, mention many, never followed back (truth: regular). Default 1 %.</summary>
    public double BotShare { get; init; } = 0.01;

    /// <summary>Cohorts of bought (fake, inactive) followers. Default 3.</summary>
    public int BoughtFollowerCohorts { get; init; } = 3;
    /// <summary>Fake accounts per cohort. Default 120.</summary>
    public int BoughtFollowerCohortSize { get; init; } = 120;

    /// <summary>Mean ordinary follows per account (lognormal spread). Default 10.</summary>
    public double FollowsMean { get; init; } = 10;
    /// <summary>Mean follows of stars (celebrities and macro-influencers) per account. Default 4.</summary>
    public double StarFollowsMean { get; init; } = 4;

    /// <summary>Range of the rate at which a macro-influencer follows back its followers. Default 0.15–0.8.</summary>
    public double MacroFollowBackMin { get; init; } = 0.15;
    public double MacroFollowBackMax { get; init; } = 0.8;
    /// <summary>Range of the rate at which a micro-influencer follows back in-community followers. Default 0.6–0.95.</summary>
    public double MicroFollowBackMin { get; init; } = 0.6;
    public double MicroFollowBackMax { get; init; } = 0.95;
    /// <summary>Highest follow-back rate of a celebrity (each draws its own in [0, this]). At most 0.05. Default 0.04.</summary>
    public double CelebrityFollowBackMax { get; init; } = 0.04;
    /// <summary>Follow-back rate of ordinary accounts. Default 0.3.</summary>
    public double RegularFollowBack { get; init; } = 0.3;

    /// <summary>Multiplies every engagement probability of a cascade, in [0.1, 5]. Family: ×0.3 … ×3. Default 1.</summary>
    public double EngagementIntensity { get; init; } = 1.0;
    /// <summary>Observed span in weeks, in [1, 104]. Default 26.</summary>
    public int Weeks { get; init; } = 26;
    /// <summary>Share of interactions that carry a stance, in [0, 1]. Default 0.5.</summary>
    public double StanceShare { get; init; } = 0.5;

    /// <summary>Share of micro- and macro-influencers with a defender group (celebrities: half of it). Default 0.5.</summary>
    public double DefendedShare { get; init; } = 0.5;
    public int DefendersMin { get; init; } = 3;
    public int DefendersMax { get; init; } = 10;
    /// <summary>Fewest / most backing interactions of one defender over the span. Default 5–20.</summary>
    public int DefenderInteractionsMin { get; init; } = 5;
    public int DefenderInteractionsMax { get; init; } = 20;
    /// <summary>Share of defended accounts that also draw critics. Default 0.5.</summary>
    public double CriticisedShare { get; init; } = 0.5;

    /// <summary>Start of the span, Unix seconds. Default 2024-01-01T00:00:00Z.</summary>
    public long StartUnixSeconds { get; init; } = 1_704_067_200;
    /// <summary>Account id prefix; ids are prefix + index. Default "b".</summary>
    public string IdPrefix { get; init; } = "b";

    /// <summary>Communities actually used (resolves 0 = auto).</summary>
    public int ResolvedCommunities => Communities > 0 ? Communities : Math.Max(3, Accounts / 300);

    /// <summary>Accounts taken by bought-follower cohorts.</summary>
    public long BoughtFollowerAccounts => (long)BoughtFollowerCohorts * BoughtFollowerCohortSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field, its value and the legal range.</summary>
    public void Validate()
    {
        ConfigRules.InRange<BlockCascadeWorldConfig>(Accounts, 200, 2_000_000);
        ConfigRules.InRange<BlockCascadeWorldConfig>(Communities, 0, Accounts / 20.0);
        ConfigRules.InRange<BlockCascadeWorldConfig>(CommunitySizeExponent, 1.2, 10);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MinCommunitySize, 5, 10_000);
        if ((long)ResolvedCommunities * MinCommunitySize > Accounts)
            throw new ArgumentException($"BlockCascadeWorldConfig: {ResolvedCommunities} communities × MinCommunitySize {MinCommunitySize} exceed Accounts = {Accounts}.", nameof(MinCommunitySize));
        ConfigRules.InRange<BlockCascadeWorldConfig>(Mixing, 0, 0.9);
        ConfigRules.InRange<BlockCascadeWorldConfig>(CelebrityShare, 0, 0.05);
        ConfigRules.InRange<BlockCascadeWorldConfig>(EngagedBroadcasterShare, 0, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MacroShare, 0, 0.05);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MicroShare, 0, 0.1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(AmplifierShare, 0, 0.2);
        ConfigRules.InRange<BlockCascadeWorldConfig>(LurkerShare, 0, 0.8);
        ConfigRules.InRange<BlockCascadeWorldConfig>(BotShare, 0, 0.1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(BoughtFollowerCohorts, 0, 1000);
        ConfigRules.InRange<BlockCascadeWorldConfig>(BoughtFollowerCohortSize, 1, 100_000);
        double taken = CelebrityShare + MacroShare + MicroShare + AmplifierShare + LurkerShare + BotShare
            + (double)BoughtFollowerAccounts / Accounts;
        if (taken > 0.9)
            throw new ArgumentException($"BlockCascadeWorldConfig: personas, bots and bought followers take {taken:P0} of the accounts; leave at least 10 % regular.", nameof(LurkerShare));
        ConfigRules.InRange<BlockCascadeWorldConfig>(FollowsMean, 1, 200);
        ConfigRules.InRange<BlockCascadeWorldConfig>(StarFollowsMean, 0, 50);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MacroFollowBackMin, 0.1, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MacroFollowBackMax, MacroFollowBackMin, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MicroFollowBackMin, 0.3, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(MicroFollowBackMax, MicroFollowBackMin, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(CelebrityFollowBackMax, 0, 0.05);
        ConfigRules.InRange<BlockCascadeWorldConfig>(RegularFollowBack, 0, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(EngagementIntensity, 0.1, 5);
        ConfigRules.InRange<BlockCascadeWorldConfig>(Weeks, 1, 104);
        ConfigRules.InRange<BlockCascadeWorldConfig>(StanceShare, 0, 1);
        ConfigRules.InRange<BlockCascadeWorldConfig>(DefendedShare, 0, 1);
        if (DefendersMin < 1 || DefendersMax < DefendersMin || DefendersMax > 100)
            throw new ArgumentException($"BlockCascadeWorldConfig.DefendersMin/DefendersMax = {DefendersMin}/{DefendersMax}: need 1 ≤ min ≤ max ≤ 100.", nameof(DefendersMin));
        if (DefenderInteractionsMin < 2 || DefenderInteractionsMax < DefenderInteractionsMin || DefenderInteractionsMax > 500)
            throw new ArgumentException($"BlockCascadeWorldConfig.DefenderInteractionsMin/Max = {DefenderInteractionsMin}/{DefenderInteractionsMax}: need 2 ≤ min ≤ max ≤ 500 (a defender backs repeatedly).", nameof(DefenderInteractionsMin));
        ConfigRules.InRange<BlockCascadeWorldConfig>(CriticisedShare, 0, 1);
        if (StartUnixSeconds < 0) throw new ArgumentException($"BlockCascadeWorldConfig.StartUnixSeconds = {StartUnixSeconds}: must be ≥ 0.", nameof(StartUnixSeconds));
        if (string.IsNullOrWhiteSpace(IdPrefix) || IdPrefix.Contains(',') || IdPrefix.Contains('"') || IdPrefix.Any(char.IsWhiteSpace))
            throw new ArgumentException($"BlockCascadeWorldConfig.IdPrefix = '{IdPrefix}': must be non-empty, without commas, quotes or spaces.", nameof(IdPrefix));
    }
}
