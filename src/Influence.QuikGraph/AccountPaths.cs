using Influence.Core.Graph;
using Influence.Core.Model;
using QuikGraph;
using QuikGraph.Algorithms.Search;

namespace Influence.QuikGraph;

/// <summary>How a path may walk the ties between accounts.</summary>
public enum PathDirection
{
    /// <summary>Any tie, either way: follows and interactions in both directions ("how are these two tied").</summary>
    Any,
    /// <summary>Along reach: each next account follows, or engaged with, the one before it ("how does this account reach that one").</summary>
    Reach,
}

/// <summary>Settings of <see cref="AccountTies.FindPath"/>.</summary>
public sealed record AccountPathConfig
{
    /// <summary>Upper bound of <see cref="MaxTies"/>: beyond it almost every pair of accounts is joined and the path explains nothing.</summary>
    public const int MaxTiesLimit = 10;

    public PathDirection Direction { get; init; } = PathDirection.Any;

    /// <summary>Longest path looked for, in ties (hops); 1..<see cref="MaxTiesLimit"/>.</summary>
    public int MaxTies { get; init; } = 6;

    public void Validate()
    {
        if (!Enum.IsDefined(Direction))
            throw new ArgumentOutOfRangeException(nameof(Direction), Direction, "Direction must be 'any' or 'reach'.");
        if (MaxTies is < 1 or > MaxTiesLimit)
            throw new ArgumentOutOfRangeException(nameof(MaxTies), MaxTies, $"MaxTies must be between 1 and {MaxTiesLimit}.");
    }
}

/// <summary>One kind of tie in one direction between two consecutive accounts of a path.</summary>
/// <param name="Kind"><c>follows</c> or an interaction kind (<c>reply</c>, <c>share</c>, …).</param>
/// <param name="Count">1 for a follow; the summed interaction weight (a count) otherwise.</param>
public sealed record TieCount(string Kind, double Count);

/// <summary>One hop of a path with every tie between its two accounts.</summary>
/// <param name="Forward">Ties from <paramref name="From"/> to <paramref name="To"/> (From follows To, From replied to To, …).</param>
/// <param name="Backward">Ties from <paramref name="To"/> back to <paramref name="From"/>.</param>
/// <param name="Text">The ties in words, e.g. "b follows a; b shared a ×3".</param>
public sealed record PathStep(string From, string To, IReadOnlyList<TieCount> Forward, IReadOnlyList<TieCount> Backward, string Text);

/// <summary>The shortest path (fewest ties) between two accounts, or why there is none.</summary>
/// <param name="Accounts">The accounts along the path, <paramref name="From"/> first; empty when not found.</param>
/// <param name="Explored">Accounts the breadth-first search examined.</param>
public sealed record AccountPath(string From, string To, PathDirection Direction, int MaxTies, bool Found,
    IReadOnlyList<string> Accounts, IReadOnlyList<PathStep> Steps, int Explored)
{
    /// <summary>Number of ties (hops) on the path; -1 when not found.</summary>
    public int Ties => Found ? Steps.Count : -1;
}

/// <summary>
/// The ties of an analysis input (follows and interactions, on the same dense ids) indexed for path questions:
/// "how does this campaign pick reach this account", "how is this defender tied to the target". Build once per input
/// (one pass over the interactions), then ask many paths; the search is QuikGraph's breadth-first search over a
/// <see cref="KernelGraphView"/> of the CSR arrays, stopped as soon as the target is found or the tie limit is passed.
/// </summary>
public sealed class AccountTies
{
    private readonly InfluenceInput _input;
    private readonly DirectedGraph _interactions;

    private AccountTies(InfluenceInput input, DirectedGraph interactions)
    {
        _input = input;
        _interactions = interactions;
    }

    /// <summary>Indexes the interactions of <paramref name="input"/> (unweighted arcs s → t: s acted on t).</summary>
    public static AccountTies Build(InfluenceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        InteractionGraph.ValidateLog(input.Interactions, input.Ids.Count);
        var builder = new GraphBuilder(input.Ids, weighted: false, edgeCapacity: Math.Max(16, input.Interactions.Count));
        ReadOnlySpan<int> src = input.Interactions.Source, dst = input.Interactions.Target;
        for (int i = 0; i < src.Length; i++) builder.AddEdge(src[i], dst[i]);
        return new AccountTies(input, builder.Build(input.Ids.Count));
    }

    /// <summary>Number of accounts.</summary>
    public int Count => _input.Ids.Count;

    /// <summary>The shortest path from <paramref name="from"/> to <paramref name="to"/> (external ids) within the tie limit.</summary>
    /// <exception cref="KeyNotFoundException">An account is not in the input (the message names it).</exception>
    public AccountPath FindPath(string from, string to, AccountPathConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        config ??= new AccountPathConfig();
        config.Validate();
        int source = Node(from, "from"), target = Node(to, "to");
        (int[]? nodes, int explored) = Search(source, target, config);
        if (nodes is null) return new AccountPath(from, to, config.Direction, config.MaxTies, false, [], [], explored);
        var accounts = new string[nodes.Length];
        for (int i = 0; i < nodes.Length; i++) accounts[i] = _input.Ids[nodes[i]];
        return new AccountPath(from, to, config.Direction, config.MaxTies, true, accounts, Describe(nodes), explored);
    }

    private int Node(string account, string field) => _input.Ids.TryGetNode(account, out int node)
        ? node
        : throw new KeyNotFoundException($"Account '{account}' ({field}) is not in this analysis ({_input.Ids.Count} accounts).");

    /// <summary>QuikGraph's breadth-first search from <paramref name="source"/>; the node path, or null beyond the limit.</summary>
    private (int[]? Nodes, int Explored) Search(int source, int target, AccountPathConfig config)
    {
        if (source == target) return ([source], 0);
        bool any = config.Direction == PathDirection.Any;
        // Reach walks against the arcs: the next account follows (or acted on) the current one.
        var view = new KernelGraphView(Count,
        [
            new ArcLayer(_input.Follows, Forward: any, Backward: true),
            new ArcLayer(_interactions, Forward: any, Backward: true),
        ]);
        var bfs = new BreadthFirstSearchAlgorithm<int, SEdge<int>>(view);
        var parent = new Dictionary<int, int>();
        var depth = new Dictionary<int, int> { [source] = 0 };
        int explored = 0;
        bool found = false;
        bfs.ExamineVertex += v =>
        {
            explored++;
            // Vertices leave the queue in order of depth: past this one, every path would be too long.
            if (depth[v] >= config.MaxTies) bfs.Abort();
        };
        bfs.TreeEdge += e =>
        {
            // The search still expands the vertex it was aborted on: arcs past the limit are not path arcs.
            if (found || depth[e.Source] >= config.MaxTies) return;
            parent[e.Target] = e.Source;
            depth[e.Target] = depth[e.Source] + 1;
            if (e.Target == target)
            {
                found = true;
                bfs.Abort();
            }
        };
        try { bfs.Compute(source); }
        catch (OperationCanceledException) { /* stopped on purpose: found, or past the tie limit */ }
        if (!found) return (null, explored);
        var path = new List<int> { target };
        for (int v = target; v != source;) path.Add(v = parent[v]);
        path.Reverse();
        return ([.. path], explored);
    }

    /// <summary>Every tie between consecutive accounts: the follows, and the interactions by kind (one pass over the log).</summary>
    private PathStep[] Describe(int[] nodes)
    {
        int hops = nodes.Length - 1;
        // Index of each ordered pair on the path: 2*hop for (a → b), 2*hop+1 for (b → a).
        var pairs = new Dictionary<long, int>(2 * hops);
        for (int h = 0; h < hops; h++)
        {
            pairs[Key(nodes[h], nodes[h + 1])] = 2 * h;
            pairs[Key(nodes[h + 1], nodes[h])] = 2 * h + 1;
        }
        var sums = new double[2 * hops, InteractionKinds.Count];
        InteractionLog log = _input.Interactions;
        ReadOnlySpan<int> src = log.Source, dst = log.Target;
        ReadOnlySpan<InteractionKind> kind = log.Kind;
        ReadOnlySpan<double> weight = log.Weight;
        for (int i = 0; i < src.Length; i++)
            if (src[i] != dst[i] && pairs.TryGetValue(Key(src[i], dst[i]), out int p)) sums[p, (int)kind[i]] += weight[i];

        var steps = new PathStep[hops];
        for (int h = 0; h < hops; h++)
        {
            int a = nodes[h], b = nodes[h + 1];
            TieCount[] forward = Ties(a, b, sums, 2 * h), backward = Ties(b, a, sums, 2 * h + 1);
            string from = _input.Ids[a], to = _input.Ids[b];
            steps[h] = new PathStep(from, to, forward, backward, PathText.Describe(from, to, forward, backward));
        }
        return steps;
    }

    private TieCount[] Ties(int a, int b, double[,] sums, int pair)
    {
        var ties = new List<TieCount>();
        if (a < _input.Follows.NodeCount && _input.Follows.HasEdge(a, b)) ties.Add(new TieCount(PathText.Follows, 1));
        foreach (InteractionKind k in InteractionKinds.All)
            if (sums[pair, (int)k] > 0) ties.Add(new TieCount(InteractionKinds.Name(k), sums[pair, (int)k]));
        return [.. ties];
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}
