using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <summary>Per-account reciprocity figures.</summary>
/// <param name="Mutual">Per node: accounts it follows that follow it back.</param>
/// <param name="FollowBackRate">Mutual / following (0 when following = 0).</param>
/// <param name="FollowedBackRate">Mutual / followers (0 when followers = 0).</param>
/// <param name="Global">Fraction of edges whose reverse edge exists (igraph default mode); NaN for an edgeless graph.</param>
/// <param name="MutualPairs">Unordered pairs connected both ways.</param>
public sealed record ReciprocityResult(int[] Mutual, double[] FollowBackRate, double[] FollowedBackRate, double Global, long MutualPairs);

public static class Reciprocity
{
    public static ReciprocityResult Compute(DirectedGraph graph, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
