using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <param name="Component">Per node: component id, consecutive from 0 (largest first).</param>
public sealed record ComponentsResult(int[] Component, int Count, int LargestSize);

public static class WeaklyConnectedComponents
{
    public static ComponentsResult Compute(DirectedGraph graph, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
