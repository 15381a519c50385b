namespace Influence.Core.Model;

/// <summary>One defender (or critic) of an account, with the figures behind the verdict and who it is.</summary>
public sealed record DefenderEntry(string Account, int Node, double Strength, double Interactions, int ActivePeriods,
    bool TargetFollowsBack, bool TargetEngagesBack, double MeanStance, int Community, int Followers, double Influence, AccountRole Role);

/// <summary>A tie between two defenders, for drawing the network.</summary>
/// <param name="Follow">One follows the other (either way).</param>
/// <param name="Interaction">One interacted with the other (either way).</param>
public sealed record DefenderTie(string A, string B, bool Follow, bool Interaction);

/// <summary>The defender network of one account.</summary>
/// <param name="Size">Number of defenders.</param>
/// <param name="Density">Share of defender pairs joined by a follow or an interaction (0 with fewer than two defenders).</param>
/// <param name="EngagementShare">Share of the account's received engagement that comes from its defenders.</param>
/// <param name="Communities">Community id → number of defenders in it.</param>
/// <param name="TiesKnown">False when described without the input graphs: <paramref name="Ties"/> is then empty and
/// <paramref name="Density"/> is the figure stored with the analysis.</param>
public sealed record DefenderNetwork(string Account, int Node, int Community, int Size, double Density, double EngagementShare,
    IReadOnlyDictionary<int, int> Communities, IReadOnlyList<DefenderEntry> Defenders, IReadOnlyList<DefenderEntry> Critics,
    IReadOnlyList<DefenderTie> Ties, bool TiesKnown);

/// <summary>Pure query over an analysis: the defender network of one account (used by the CLI <c>defenders</c> command and the API).</summary>
public static class DefenderNetworkView
{
    /// <summary>Describes the defenders and critics of <paramref name="account"/> (external id).</summary>
    /// <param name="input">The analysed input, for the ties among defenders; null when only the stored result is at hand.</param>
    /// <exception cref="KeyNotFoundException">The account is not part of the analysis.</exception>
    public static DefenderNetwork Describe(InfluenceAnalysisResult result, InfluenceInput? input, string account)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(account);
        int node = FindNode(result, input, account);
        return Describe(result, input, node);
    }

    /// <summary>Describes the defenders and critics of dense node <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">The node is not part of the analysis.</exception>
    public static DefenderNetwork Describe(InfluenceAnalysisResult result, InfluenceInput? input, int node)
    {
        ArgumentNullException.ThrowIfNull(result);
        if ((uint)node >= (uint)result.Accounts.Length)
            throw new KeyNotFoundException($"Node {node} is not in this analysis ({result.Accounts.Length} accounts).");
        if (input is not null && input.Ids.Count != result.Accounts.Length)
            throw new ArgumentException($"The input has {input.Ids.Count} accounts but the analysis {result.Accounts.Length}: pass the input the analysis was run on.", nameof(input));

        DefenderEntry[] defenders = Entries(result, result.Defenders, node);
        DefenderEntry[] critics = Entries(result, result.Critics, node);
        var communities = new SortedDictionary<int, int>();
        foreach (DefenderEntry d in defenders) communities[d.Community] = communities.GetValueOrDefault(d.Community) + 1;

        ref readonly AccountMetrics m = ref result.Accounts[node];
        var ties = new List<DefenderTie>();
        double density = m.DefenderDensity;
        if (input is not null)
        {
            ties = Ties(input, defenders);
            long k = defenders.Length;
            density = k > 1 ? ties.Count / (k * (k - 1) / 2.0) : 0;
        }
        return new DefenderNetwork(result.AccountIds[node], node, m.Community, defenders.Length, density, m.DefenderEngagementShare,
            communities, defenders, critics, ties, input is not null);
    }

    private static int FindNode(InfluenceAnalysisResult result, InfluenceInput? input, string account)
    {
        int node = result.NodeOf(account, input);
        if (node >= 0) return node;
        throw new KeyNotFoundException($"Account '{account}' is not in this analysis ({result.Accounts.Length} accounts).");
    }

    private static DefenderEntry[] Entries(InfluenceAnalysisResult result, DefenderLink[] links, int target)
    {
        // Links are sorted by target: binary search the first one of this target.
        int lo = 0, hi = links.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (links[mid].Target < target) lo = mid + 1; else hi = mid;
        }
        var entries = new List<DefenderEntry>();
        for (int i = lo; i < links.Length && links[i].Target == target; i++)
        {
            DefenderLink l = links[i];
            ref readonly AccountMetrics d = ref result.Accounts[l.Defender];
            entries.Add(new DefenderEntry(result.AccountIds[l.Defender], l.Defender, l.Strength, l.Interactions, l.ActivePeriods,
                l.TargetFollowsBack, l.TargetEngagesBack, l.MeanStance, d.Community, d.Followers, d.Influence, d.Role));
        }
        return entries.ToArray();
    }

    private static List<DefenderTie> Ties(InfluenceInput input, DefenderEntry[] defenders)
    {
        var ties = new List<DefenderTie>();
        if (defenders.Length < 2) return ties;
        var index = new Dictionary<int, int>(defenders.Length);
        for (int i = 0; i < defenders.Length; i++) index[defenders[i].Node] = i;
        var follow = new HashSet<long>();
        var interaction = new HashSet<long>();
        int followNodes = input.Follows.NodeCount;
        foreach (DefenderEntry d in defenders)
        {
            if (d.Node >= followNodes) continue;
            foreach (int other in input.Follows.OutNeighbors(d.Node))
                if (index.ContainsKey(other)) follow.Add(Key(d.Node, other));
        }
        ReadOnlySpan<int> src = input.Interactions.Source, dst = input.Interactions.Target;
        for (int i = 0; i < src.Length; i++)
            if (src[i] != dst[i] && index.ContainsKey(src[i]) && index.ContainsKey(dst[i])) interaction.Add(Key(src[i], dst[i]));
        var all = new SortedSet<long>(follow);
        all.UnionWith(interaction);
        foreach (long key in all)
        {
            int a = (int)(key >> 32), b = (int)(key & 0xFFFFFFFF);
            ties.Add(new DefenderTie(defenders[index[a]].Account, defenders[index[b]].Account, follow.Contains(key), interaction.Contains(key)));
        }
        return ties;
    }

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
