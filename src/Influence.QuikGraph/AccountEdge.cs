using QuikGraph;

namespace Influence.QuikGraph;

/// <summary>
/// A weighted arc between two accounts as QuikGraph holds it: <see cref="Source"/> follows (or acted on)
/// <see cref="Target"/>; <see cref="Weight"/> is 1 for an unweighted follow, else the summed weight of the
/// arcs the kernel collapsed into this one. A struct, so a million arcs are not a million objects.
/// </summary>
public readonly record struct AccountEdge(string Source, string Target, double Weight) : IEdge<string>
{
    public override string ToString() => $"{Source} -> {Target} ({Weight})";
}
