namespace Influence.Core.Model;

internal static class InfluenceConfigValidation
{
    public static void Validate(InfluenceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.KindWeights is null) throw new ArgumentException("InfluenceConfig.KindWeights must not be null.", nameof(config));
        double total = 0;
        foreach (InteractionKind kind in InteractionKinds.All)
        {
            double w = config.KindWeights[kind];
            // Bounded like row weights (≤ 1e6, docs/reliability.md) so that weight × kind weight summed over any log stays finite.
            if (!double.IsFinite(w) || w < 0 || w > 1e6)
                throw new ArgumentException($"InfluenceConfig.KindWeights.{kind} = {w}: a kind weight must be a non-negative finite number, at most 1,000,000 (so engagement sums stay finite).", nameof(config));
            total += w;
        }
        if (total <= 0) throw new ArgumentException("InfluenceConfig.KindWeights are all 0: at least one interaction kind must count.", nameof(config));
        if (config.PageRank is null) throw new ArgumentException("InfluenceConfig.PageRank must not be null.", nameof(config));
        if (config.PageRank.Personalization is not null || config.PageRank.Seeds is not null)
            throw new ArgumentException("InfluenceConfig.PageRank must not be personalised (Personalization/Seeds set): reach and influence use a uniform teleport; use InfluencerLists.ForSegment for seeded rankings.", nameof(config));
        if (!(config.PageRank.Damping >= 0 && config.PageRank.Damping < 1))
            throw new ArgumentException($"InfluenceConfig.PageRank.Damping = {config.PageRank.Damping}: must be in [0, 1).", nameof(config));
        if (!(config.PageRank.Tolerance > 0) || !double.IsFinite(config.PageRank.Tolerance))
            throw new ArgumentException($"InfluenceConfig.PageRank.Tolerance = {config.PageRank.Tolerance}: must be finite and > 0.", nameof(config));
        if (config.PageRank.MaxIterations < 1)
            throw new ArgumentException($"InfluenceConfig.PageRank.MaxIterations = {config.PageRank.MaxIterations}: must be ≥ 1.", nameof(config));
        if (config.Community is null) throw new ArgumentException("InfluenceConfig.Community must not be null.", nameof(config));
        config.Community.Validate();
        if (config.Audience is null) throw new ArgumentException("InfluenceConfig.Audience must not be null.", nameof(config));
        config.Audience.Validate();
        if (config.DefenderPeriodSeconds <= 0)
            throw new ArgumentException($"InfluenceConfig.DefenderPeriodSeconds = {config.DefenderPeriodSeconds}: a time period must be at least 1 second.", nameof(config));
        if (!(config.InfluencePriorAudience >= 0 && config.InfluencePriorAudience <= 1_000_000))
            throw new ArgumentException($"InfluenceConfig.InfluencePriorAudience = {config.InfluencePriorAudience}: must be in [0, 1,000,000].", nameof(config));
        if (!Enum.IsDefined(config.CommunityGraph))
            throw new ArgumentException($"InfluenceConfig.CommunityGraph = {(int)config.CommunityGraph} is not a known value.", nameof(config));
        if (config.ThresholdOverrides is null) throw new ArgumentException("InfluenceConfig.ThresholdOverrides must not be null (use an empty dictionary).", nameof(config));
        string? problem = ThresholdCatalog.ValidateOverrides(config.ThresholdOverrides);
        if (problem is not null) throw new ArgumentException($"InfluenceConfig.ThresholdOverrides: {problem}.", nameof(config));
    }
}
