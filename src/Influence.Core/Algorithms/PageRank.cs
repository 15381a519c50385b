using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <summary>PageRank parameters. Defaults follow NetworkX/igraph.</summary>
public sealed record PageRankConfig
{
    /// <summary>Damping factor α in [0, 1). Default 0.85.</summary>
    public double Damping { get; init; } = 0.85;
    /// <summary>Stop when the L1 change of the score vector is below this. Default 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;
    /// <summary>Iteration cap, ≥ 1. Default 200.</summary>
    public int MaxIterations { get; init; } = 200;
    /// <summary>Use edge weights (weighted graphs only).</summary>
    public bool Weighted { get; init; }
    /// <summary>
    /// Personalisation: teleport (and dangling) mass per node; null = uniform. Need not be
    /// normalised; non-negative, finite, not all zero, length = node count.
    /// </summary>
    public double[]? Personalization { get; init; }

    /// <summary>Teleport uniformly to these seed nodes (alternative to <see cref="Personalization"/>).</summary>
    public IReadOnlyList<int>? Seeds { get; init; }

    public void Validate(int nodeCount) => throw new NotImplementedException();
}

/// <summary>Scores sum to 1.</summary>
public sealed record PageRankResult(double[] Scores, int Iterations, bool DidConverge, double FinalDelta, TimeSpan Elapsed);

/// <summary>Pull-based power iteration over the in-adjacency; parallel over node ranges.</summary>
public static class PageRank
{
    public static PageRankResult Compute(DirectedGraph graph, PageRankConfig? config = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
