using Influence.Core.Algorithms;
using Influence.Core.Audience;

namespace Influence.Core.Model;

/// <summary>Configuration of a full analysis. Sub-configs validated by their own records.</summary>
public sealed record InfluenceConfig
{
    public KindWeights KindWeights { get; init; } = new();
    public PageRankConfig PageRank { get; init; } = new();
    public CommunityConfig Community { get; init; } = new();
    /// <summary>Audience quality: mass followers, growth spikes, suspected fakes, the score's weights (docs/audience-quality.md).</summary>
    public AudienceConfig Audience { get; init; } = new();
    /// <summary>Percentile / fixed threshold overrides by name (see docs/model.md).</summary>
    public IReadOnlyDictionary<string, double> ThresholdOverrides { get; init; } = new Dictionary<string, double>();
    /// <summary>Length of one time period for defender repetition, in seconds. Default 1 day.</summary>
    public long DefenderPeriodSeconds { get; init; } = 86_400;

    /// <summary>
    /// Audience added to every account's own when influence is divided by audience size (a prior, 0 – 1,000,000):
    /// three deeply engaged friends of an account with three followers do not make it the most influential
    /// account of the network. Default 10.
    /// </summary>
    public double InfluencePriorAudience { get; init; } = 10;

    /// <summary>
    /// Which ties the community detection sees. Default <see cref="Model.CommunityGraph.Auto"/>: the follow
    /// graph when it has at least as many distinct ties as the interaction graph (follows carry the
    /// structure, and Leiden stays on the smaller kernel graph), otherwise follows and interactions
    /// together, so data sets without a follow graph (higgs, congress) still get communities.
    /// </summary>
    public CommunityGraph CommunityGraph { get; init; } = CommunityGraph.Auto;

    /// <summary>
    /// With a previous run in the input (<see cref="InfluenceInput.Previous"/>) and a graph that changed little
    /// (new accounts and the change in ties each ≤ 10 %): PageRank starts from the previous vectors and Leiden from
    /// the previous partition, which is several times faster and keeps communities steadier. Default true.
    /// Community ids are matched to the previous run's either way.
    /// </summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>
    /// Checks every field; throws <see cref="ArgumentException"/> naming the field, the value and the
    /// legal range. Node-count-dependent PageRank checks run again in <see cref="InfluenceAnalyzer.Run"/>.
    /// </summary>
    public void Validate() => InfluenceConfigValidation.Validate(this);
}

/// <summary>Graph the communities are detected on (see <see cref="InfluenceConfig.CommunityGraph"/>).</summary>
public enum CommunityGraph
{
    /// <summary>Follows when they have at least as many distinct ties as the interactions, else both.</summary>
    Auto,
    /// <summary>Follows and interaction ties together (each distinct directed tie of either layer weighs 1).</summary>
    FollowsAndInteractions,
    /// <summary>The follow graph alone.</summary>
    Follows,
}
