using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

public enum CommunityAlgorithm { Leiden, Louvain }

/// <summary>How the directed graph becomes the undirected graph communities are found on.</summary>
public enum CommunityProjection
{
    /// <summary>Weight of {u,v} = w(u→v) + w(v→u) (a mutual pair weighs double).</summary>
    Weighted,
    /// <summary>Each connected pair once, weight 1.</summary>
    Simple,
}

public sealed record CommunityConfig
{
    public CommunityAlgorithm Algorithm { get; init; } = CommunityAlgorithm.Leiden;
    public CommunityProjection Projection { get; init; } = CommunityProjection.Weighted;
    /// <summary>Modularity resolution γ &gt; 0. Default 1.</summary>
    public double Resolution { get; init; } = 1.0;
    /// <summary>Random seed: same seed, same graph → same partition.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Maximum aggregation levels, ≥ 1.</summary>
    public int MaxLevels { get; init; } = 20;
    /// <summary>Maximum local-moving sweeps per level, ≥ 1.</summary>
    public int MaxSweeps { get; init; } = 50;
    public void Validate() => throw new NotImplementedException();
}

/// <param name="Community">Per node: community id, consecutive from 0 (largest community first).</param>
/// <param name="Count">Number of communities.</param>
/// <param name="Modularity">Modularity of the final partition on the projected graph (at the configured resolution).</param>
/// <param name="ModularityPerLevel">Modularity after each aggregation level.</param>
public sealed record CommunityResult(int[] Community, int Count, double Modularity, double[] ModularityPerLevel, TimeSpan Elapsed);

public static class CommunityDetection
{
    public static CommunityResult Compute(DirectedGraph graph, CommunityConfig? config = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Modularity of a given partition on the projection of <paramref name="graph"/>.</summary>
    public static double Modularity(DirectedGraph graph, ReadOnlySpan<int> community,
        CommunityProjection projection = CommunityProjection.Weighted, double resolution = 1.0) =>
        throw new NotImplementedException();
}
