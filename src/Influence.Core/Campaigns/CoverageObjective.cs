namespace Influence.Core.Campaigns;

/// <summary>
/// A monotone submodular coverage function over accounts, counted in whole units (people for reach,
/// reverse-reachable sets for spread) so that greedy ties compare exactly. Value = units × <see cref="Scale"/>.
/// </summary>
internal abstract class CoverageObjective
{
    /// <summary>Units that <paramref name="node"/> would add to the current picks.</summary>
    public abstract long Gain(int node);

    /// <summary>Adds <paramref name="node"/> to the picks; returns the units it added.</summary>
    public abstract long Add(int node);

    /// <summary>Forgets every pick.</summary>
    public abstract void Reset();

    /// <summary>Value of one unit.</summary>
    public abstract double Scale { get; }
}

/// <summary>
/// Reach: units are scope members in the union of the picks' engaged audiences. A byte marker per account
/// (1 = in scope, 2 = in scope and reached) makes a gain one pass over the pick's audience, no allocation.
/// </summary>
internal sealed class ReachCoverage : CoverageObjective
{
    private const byte InScope = 1, Reached = 2;
    private readonly EngagedAudienceIndex _index;
    private readonly byte[] _state;

    /// <param name="inScope">Per account: 1 when a scope member, else 0. Owned by this object from now on.</param>
    public ReachCoverage(EngagedAudienceIndex index, byte[] inScope)
    {
        _index = index;
        _state = inScope;
    }

    public override double Scale => 1.0;

    /// <summary>Scope members in <paramref name="node"/>'s engaged audience.</summary>
    public int AudienceInScope(int node)
    {
        int count = 0;
        foreach (int e in _index.Audience(node)) if (_state[e] != 0) count++;
        return count;
    }

    public override long Gain(int node)
    {
        long gain = 0;
        foreach (int e in _index.Audience(node)) if (_state[e] == InScope) gain++;
        return gain;
    }

    public override long Add(int node)
    {
        long gain = 0;
        foreach (int e in _index.Audience(node))
            if (_state[e] == InScope) { _state[e] = Reached; gain++; }
        return gain;
    }

    public override void Reset()
    {
        for (int i = 0; i < _state.Length; i++) if (_state[i] == Reached) _state[i] = InScope;
    }
}
