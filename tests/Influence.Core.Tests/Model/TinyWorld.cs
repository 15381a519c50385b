using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>Builds small hand-drawn inputs: accounts by name, follows "A>B" (A follows B), interactions added by name.</summary>
internal sealed class TinyWorld
{
    public IdMap Ids { get; } = new();
    public InteractionLog Log { get; } = new();
    private readonly List<(int, int)> _follows = new();

    public TinyWorld(params string[] accounts)
    {
        foreach (string a in accounts) Ids.GetOrAdd(a);
    }

    public int this[string name] => Ids.TryGetNode(name, out int v) ? v : throw new KeyNotFoundException(name);

    public TinyWorld Follow(params string[] edges)
    {
        foreach (string e in edges)
        {
            var parts = e.Split('>');
            _follows.Add((Ids.GetOrAdd(parts[0]), Ids.GetOrAdd(parts[1])));
        }
        return this;
    }

    public TinyWorld Act(string source, string target, InteractionKind kind, long timestamp = InteractionLog.NoTimestamp,
        double weight = 1, double stance = double.NaN)
    {
        Log.Add(Ids.GetOrAdd(source), Ids.GetOrAdd(target), kind, timestamp, weight, stance);
        return this;
    }

    public InfluenceInput Input()
    {
        var b = new GraphBuilder(Ids);
        foreach (var (u, v) in _follows) b.AddEdge(u, v);
        return new InfluenceInput(Ids, b.Build(Ids.Count), Log);
    }
}
