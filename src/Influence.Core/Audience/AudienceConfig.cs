namespace Influence.Core.Audience;

/// <summary>
/// Settings of the audience-quality analysis (docs/audience-quality.md): who counts as a mass follower, what a growth spike
/// is, when a spike's cohort is suspicious, and the published weights of the 0–100 score. Every default follows from what
/// a follower purchase is (new, inactive accounts that follow the buyer and many of the same other accounts within days),
/// not from one generated world.
/// </summary>
public sealed record AudienceConfig
{
    /// <summary>HypeAuditor's fixed mass-follower cut (accounts following more than 1,500), quoted as the reference point.</summary>
    public const int HypeAuditorMassFollowing = 1500;

    /// <summary>Mass follower: follows at least this percentile of the out-degrees of accounts that follow anyone. Default 0.99.</summary>
    public double MassFollowingPercentile { get; init; } = 0.99;

    /// <summary>Floor of the mass-follower threshold (a small world's 99th percentile can be a few dozen follows). Default 200.</summary>
    public int MassFollowingFloor { get; init; } = 200;

    /// <summary>Days of history a day's new followers are compared with (median and MAD of the daily counts). Default 28.</summary>
    public int TrailingDays { get; init; } = 28;

    /// <summary>Robust z-score a day needs to be a spike day: (count − median) ÷ max(1.4826 × MAD, 1). Default 5.</summary>
    public double SpikeZ { get; init; } = 5;

    /// <summary>Length of the second scale: a stretch of this many days whose new followers stand out (a purchase delivered over days). Default 7.</summary>
    public int BurstDays { get; init; } = 7;

    /// <summary>New followers a spike day needs at least (the z-score of a quiet account jumps at 2). Default 3.</summary>
    public int MinSpikeDayFollowers { get; init; } = 3;

    /// <summary>New followers a spike (adjacent spike days, one quiet day between allowed) needs in all. Default 10.</summary>
    public int MinSpikeFollowers { get; init; } = 10;

    /// <summary>A follower is a very new account when its first follow is at most this many days before it followed. Default 14.</summary>
    public int NewAccountDays { get; init; } = 14;

    /// <summary>A cohort is inactive when at least this share of it never engaged with anyone. Default 0.6.</summary>
    public double SuspiciousInactiveShare { get; init; } = 0.6;

    /// <summary>A cohort is very new when at least this share of it are very new accounts. Default 0.6.</summary>
    public double SuspiciousNewShare { get; init; } = 0.6;

    /// <summary>A cohort is mass-following when at least this share of it are mass followers. Default 0.5.</summary>
    public double SuspiciousMassShare { get; init; } = 0.5;

    /// <summary>A cohort engages (a viral moment, never suspicious) when at least this share of it engaged with the account. Default 0.3.</summary>
    public double OrganicEngagedShare { get; init; } = 0.3;

    /// <summary>Lockstep by followee sets: mean pairwise Jaccard (target left out) at least this. Default 0.2.</summary>
    public double LockstepJaccard { get; init; } = 0.2;

    /// <summary>Lockstep by time (CopyCatch): of the cohort's follows of its common followees (accounts half of it follows), the
    /// share made within <see cref="LockstepWindowDays"/> of following the account, at least this. Default 0.5.</summary>
    public double LockstepTimeShare { get; init; } = 0.5;

    /// <summary>Time window of the CopyCatch check, days either side. Default 3.</summary>
    public int LockstepWindowDays { get; init; } = 3;

    /// <summary>Cohort members sampled (evenly) for the pairwise checks; bounds the cost of a huge spike. Default 64.</summary>
    public int CohortSample { get; init; } = 64;

    /// <summary>
    /// Leave suspected fakes' follows out of the follow graph before followers, reach, communities, influence and roles
    /// are computed. Default true: bought followers must not make an account look large or reach across communities
    /// (the popularity contest the model exists to see through); <c>suspected_fake_followers</c> still counts them, and
    /// the role reasons say how many were left out. False describes the follow graph exactly as stored.
    /// </summary>
    public bool ExcludeSuspectedFakes { get; init; } = true;

    /// <summary>Published weights of the score (they sum to 1): reachable, active, authentic growth, engagement for size.</summary>
    public AudienceWeights Weights { get; init; } = new();

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the field, its value and the legal range.</summary>
    public void Validate()
    {
        ConfigRules.InRange<AudienceConfig>(MassFollowingPercentile, 0.5, 1);
        ConfigRules.InRange<AudienceConfig>(MassFollowingFloor, 1, 1_000_000);
        ConfigRules.InRange<AudienceConfig>(TrailingDays, 3, 365);
        ConfigRules.InRange<AudienceConfig>(SpikeZ, 1, 1000);
        ConfigRules.InRange<AudienceConfig>(BurstDays, 1, 60);
        ConfigRules.InRange<AudienceConfig>(MinSpikeDayFollowers, 1, 1_000_000);
        ConfigRules.InRange<AudienceConfig>(MinSpikeFollowers, 2, 1_000_000);
        ConfigRules.InRange<AudienceConfig>(NewAccountDays, 0, 3650);
        ConfigRules.InRange<AudienceConfig>(SuspiciousInactiveShare, 0, 1);
        ConfigRules.InRange<AudienceConfig>(SuspiciousNewShare, 0, 1);
        ConfigRules.InRange<AudienceConfig>(SuspiciousMassShare, 0, 1);
        ConfigRules.InRange<AudienceConfig>(OrganicEngagedShare, 0, 1);
        ConfigRules.InRange<AudienceConfig>(LockstepJaccard, 0, 1);
        ConfigRules.InRange<AudienceConfig>(LockstepTimeShare, 0, 1);
        ConfigRules.InRange<AudienceConfig>(LockstepWindowDays, 0, 365);
        ConfigRules.InRange<AudienceConfig>(CohortSample, 2, 1024);
        ArgumentNullException.ThrowIfNull(Weights, nameof(Weights));
        Weights.Validate();
    }
}

/// <summary>Weights of the audience-quality score's components (each non-negative; together 1).</summary>
public sealed record AudienceWeights
{
    /// <summary>Reachable audience: 1 − mass-follower share. Default 0.2.</summary>
    public double Reachable { get; init; } = 0.2;
    /// <summary>Active audience: 1 − inactive-follower share. Default 0.25.</summary>
    public double Active { get; init; } = 0.25;
    /// <summary>Authentic growth: 1 − share of followers that arrived in suspicious spikes. Default 0.4.</summary>
    public double AuthenticGrowth { get; init; } = 0.4;
    /// <summary>Engagement for its size: engagement-rate percentile within the account's audience tier. Default 0.15.</summary>
    public double EngagementForSize { get; init; } = 0.15;

    public void Validate()
    {
        double sum = Reachable + Active + AuthenticGrowth + EngagementForSize;
        foreach (var (name, value) in new[] { (nameof(Reachable), Reachable), (nameof(Active), Active), (nameof(AuthenticGrowth), AuthenticGrowth), (nameof(EngagementForSize), EngagementForSize) })
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentException($"AudienceWeights.{name} = {value}: must be a non-negative number.", name);
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"AudienceWeights sum to {sum}: the weights of reachable, active, authentic growth and engagement for size must sum to 1.", nameof(AudienceWeights));
    }
}
