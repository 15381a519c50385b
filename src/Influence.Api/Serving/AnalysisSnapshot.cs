using Influence.Api.Contracts;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Storage;

namespace Influence.Api.Serving;

/// <summary>
/// One completed run, held immutable in memory with the indexes the endpoints need: requests read the
/// current snapshot reference and never see half a run. Built once per completed run (O(n log n)).
/// </summary>
public sealed class AnalysisSnapshot
{
    private readonly RunIndexes _indexes;

    /// <summary>The indexes of one run, built once by <see cref="Create"/> and shared with the snapshot <see cref="WithGraph"/> makes.</summary>
    /// <param name="Ids">Dense id of each external account id.</param>
    /// <param name="DescendingOrders">Per <see cref="AccountSort"/>: accounts highest first, ties by dense id.</param>
    /// <param name="FollowersBelow">Per account: accounts with strictly fewer followers (likewise InfluenceBelow).</param>
    /// <param name="CommunityPosition">Community id → position in CommunitiesBySize.</param>
    /// <param name="Members">Members of each community (by position), ascending dense id: Members[MemberOffsets[p]..MemberOffsets[p+1]).</param>
    /// <param name="CommunityViews">Row p's <see cref="CommunityView"/>, built on first use.</param>
    private sealed record RunIndexes(Dictionary<string, int> Ids, int[][] DescendingOrders,
        int[] FollowersRank, int[] FollowersBelow, int[] InfluenceRank, int[] InfluenceBelow,
        CommunitySummary[] CommunitiesBySize, Dictionary<int, int> CommunityPosition,
        int[] MemberOffsets, int[] Members, Lazy<CommunityView>[] CommunityViews);

    private AnalysisSnapshot(RunInfo run, InfluenceAnalysisResult result, InfluenceInput? graph, long? graphVersion, RunIndexes indexes)
    {
        Run = run;
        Result = result;
        Graph = graph;
        GraphVersion = graph is null ? null : graphVersion;
        _indexes = indexes;
    }

    /// <summary>The run this snapshot serves.</summary>
    public RunInfo Run { get; }

    /// <summary>Everything the run computed.</summary>
    public InfluenceAnalysisResult Result { get; }

    /// <summary>The graph the run was computed on (dense ids equal to the result's), or null when it could not be
    /// loaded; segment lists and defender ties need it.</summary>
    public InfluenceInput? Graph { get; }

    /// <summary>
    /// The store's graph stamp (<see cref="IInfluenceStore.GraphVersionAsync"/>) taken before <see cref="Graph"/> was
    /// read: while the store still says this, the graph is current, and a newer run is served on it without a re-read.
    /// Null when unknown (no graph, or a store without stamps).
    /// </summary>
    public long? GraphVersion { get; }

    /// <summary>Number of accounts in the run.</summary>
    public int Count => Result.Accounts.Length;

    /// <summary>Communities, largest first (ties by id).</summary>
    public CommunitySummary[] CommunitiesBySize => _indexes.CommunitiesBySize;

    /// <summary>Per-snapshot cache of rendered responses (e.g. community influencer lists); dies with the snapshot.</summary>
    public ResponseCache Cache { get; } = new(capacity: 20_000);

    /// <summary>
    /// The weighted interaction graph segment lists run on, built once per snapshot (about a second at a million
    /// accounts; <see cref="BuildSegmentGraph"/> builds it before the snapshot is served); null without <see cref="Graph"/>.
    /// </summary>
    public DirectedGraph? SegmentGraph(KindWeights kindWeights)
    {
        if (Graph is not { } graph) return null;
        // One build per snapshot, whoever asks first (the service has one set of kind weights).
        if (_segmentGraph is null)
            Interlocked.CompareExchange(ref _segmentGraph, new Lazy<DirectedGraph>(() => InteractionGraph.Build(graph, kindWeights)), null);
        return _segmentGraph.Value;
    }

    private Lazy<DirectedGraph>? _segmentGraph;

    /// <summary>
    /// Builds <see cref="SegmentGraph"/> now (call it before the snapshot is published, off the request threads): the
    /// first segment request then does not wait for the build, which at 1M accounts took longer than the list itself.
    /// </summary>
    public void BuildSegmentGraph(KindWeights kindWeights) => SegmentGraph(kindWeights);

    /// <summary>The segment graph is built (<see cref="BuildSegmentGraph"/> ran, or a request built it).</summary>
    public bool SegmentGraphBuilt => _segmentGraph is { IsValueCreated: true };

    /// <summary>Dense id of an external account id.</summary>
    public bool TryGetAccount(string externalId, out int account) => _indexes.Ids.TryGetValue(externalId, out account);

    /// <summary>Accounts sorted by <paramref name="sort"/>, highest value first; ties by dense id.</summary>
    public ReadOnlySpan<int> DescendingOrder(AccountSort sort) => _indexes.DescendingOrders[(int)sort];

    /// <summary>Share of accounts with strictly fewer followers, 0..100.</summary>
    public double FollowersPercentile(int account) => Count == 0 ? 0 : 100.0 * _indexes.FollowersBelow[account] / Count;

    /// <summary>Share of accounts with strictly less influence, 0..100.</summary>
    public double InfluencePercentile(int account) => Count == 0 ? 0 : 100.0 * _indexes.InfluenceBelow[account] / Count;

    /// <summary>1 = most followed; accounts with equal followers share the best rank.</summary>
    public int FollowersRank(int account) => _indexes.FollowersRank[account];

    /// <summary>1 = most influential; equal values share the best rank.</summary>
    public int InfluenceRank(int account) => _indexes.InfluenceRank[account];

    /// <summary>The community summary with id <paramref name="community"/>.</summary>
    public bool TryGetCommunity(int community, out CommunitySummary summary)
    {
        if (_indexes.CommunityPosition.TryGetValue(community, out int i)) { summary = CommunitiesBySize[i]; return true; }
        summary = null!;
        return false;
    }

    /// <summary>
    /// The run restricted to one community's members (ascending dense id, so ties break as in the full run), built
    /// once per community on first use. The model's per-community queries then scan the community, not every account.
    /// </summary>
    public bool TryGetCommunityView(int community, out CommunityView view)
    {
        if (!_indexes.CommunityPosition.TryGetValue(community, out int p)) { view = null!; return false; }
        view = _indexes.CommunityViews[p].Value;
        return true;
    }

    private static CommunityView BuildCommunityView(InfluenceAnalysisResult result, int[] memberOffsets, int[] allMembers, int position)
    {
        int[] members = allMembers[memberOffsets[position]..memberOffsets[position + 1]];
        var ids = new string[members.Length];
        var metrics = new AccountMetrics[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            ids[i] = result.AccountIds[members[i]];
            metrics[i] = result.Accounts[members[i]];
        }
        var subset = new InfluenceAnalysisResult
        {
            AccountIds = ids,
            Accounts = metrics,
            ReceivedByKind = [],
            GivenByKind = [],
            Thresholds = result.Thresholds,
            Defenders = [],
            Critics = [],
            Communities = result.Communities,
            Summary = result.Summary,
        };
        return new CommunityView(subset, members);
    }

    /// <summary>Members of each community by its position in <paramref name="communityPosition"/>, ascending dense id (CSR).</summary>
    private static (int[] Offsets, int[] Members) IndexMembers(AccountMetrics[] accounts, Dictionary<int, int> communityPosition)
    {
        int c = communityPosition.Count;
        var offsets = new int[c + 1];
        var position = new int[accounts.Length];
        for (int a = 0; a < accounts.Length; a++)
        {
            position[a] = communityPosition.TryGetValue(accounts[a].Community, out int p) ? p : -1;
            if (position[a] >= 0) offsets[position[a] + 1]++;
        }
        for (int p = 0; p < c; p++) offsets[p + 1] += offsets[p];
        var cursor = offsets[..c];
        var members = new int[offsets[c]];
        for (int a = 0; a < accounts.Length; a++)
            if (position[a] >= 0) members[cursor[position[a]]++] = a;
        return (offsets, members);
    }

    /// <summary>The same run and indexes with the run's graph attached (segments and defender ties need it), read at
    /// store graph stamp <paramref name="graphVersion"/>.</summary>
    public AnalysisSnapshot WithGraph(InfluenceInput graph, long? graphVersion = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Ids.Count != Count)
            throw new ArgumentException($"Graph has {graph.Ids.Count} accounts, the run {Count}: they must be aligned.", nameof(graph));
        return new AnalysisSnapshot(Run, Result, graph, graphVersion, _indexes);
    }

    /// <summary>
    /// Another run on this snapshot's graph (the same object, stamp and segment graph, nothing re-read or rebuilt), when
    /// the graph is current at <paramref name="storeGraphVersion"/> and holds exactly the run's accounts in its order;
    /// otherwise null (the caller reads the graph).
    /// </summary>
    public AnalysisSnapshot? OnSameGraph(RunInfo run, InfluenceAnalysisResult result, long? storeGraphVersion)
    {
        if (Graph is not { } graph || GraphVersion is not { } held || storeGraphVersion != held || !GraphAlignment.IsAlignedTo(graph, result.AccountIds))
            return null;
        AnalysisSnapshot next = Create(run, result, graph, held);
        next._segmentGraph = _segmentGraph;
        return next;
    }

    /// <summary>Builds the indexes for <paramref name="result"/>; <paramref name="graph"/> must use the same dense ids
    /// (see <see cref="GraphAlignment.Align"/>), read at store graph stamp <paramref name="graphVersion"/> (null: unknown).</summary>
    public static AnalysisSnapshot Create(RunInfo run, InfluenceAnalysisResult result, InfluenceInput? graph, long? graphVersion = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        AccountMetrics[] accounts = result.Accounts;
        int n = accounts.Length;
        if (result.AccountIds.Count != n)
            throw new ArgumentException($"Result has {result.AccountIds.Count} ids but {n} metric rows.", nameof(result));
        if (graph is not null && graph.Ids.Count != n)
            throw new ArgumentException($"Graph has {graph.Ids.Count} accounts, the run {n}: they must be aligned.", nameof(graph));

        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) index[result.AccountIds[i]] = i;

        var orders = new int[5][];
        Parallel.For(0, orders.Length, s => orders[s] = SortDescending(accounts, (AccountSort)s));

        (int[] followersRank, int[] followersBelow) = Ranks(accounts, orders[(int)AccountSort.Followers], AccountSort.Followers);
        (int[] influenceRank, int[] influenceBelow) = Ranks(accounts, orders[(int)AccountSort.Influence], AccountSort.Influence);

        CommunitySummary[] communities = (CommunitySummary[])result.Communities.Clone();
        Array.Sort(communities, static (a, b) => a.Size != b.Size ? b.Size.CompareTo(a.Size) : a.Id.CompareTo(b.Id));
        var position = new Dictionary<int, int>(communities.Length);
        for (int i = 0; i < communities.Length; i++) position[communities[i].Id] = i;

        (int[] memberOffsets, int[] members) = IndexMembers(accounts, position);
        var views = new Lazy<CommunityView>[communities.Length];
        for (int p = 0; p < views.Length; p++)
        {
            int at = p;
            views[p] = new Lazy<CommunityView>(() => BuildCommunityView(result, memberOffsets, members, at), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        var indexes = new RunIndexes(index, orders, followersRank, followersBelow, influenceRank, influenceBelow, communities, position, memberOffsets, members, views);
        return new AnalysisSnapshot(run, result, graph, graphVersion, indexes);
    }

    /// <summary>Competition ranks (1224) and the number of accounts strictly below, from a descending order.</summary>
    private static (int[] Rank, int[] Below) Ranks(AccountMetrics[] accounts, int[] descending, AccountSort sort)
    {
        int n = descending.Length;
        var rank = new int[n];
        var below = new int[n];
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            if (i < n && Value(accounts[descending[i]], sort) == Value(accounts[descending[start]], sort)) continue;
            // descending[start..i) hold equal values.
            for (int j = start; j < i; j++)
            {
                rank[descending[j]] = start + 1;
                below[descending[j]] = n - i;
            }
            start = i;
        }
        return (rank, below);
    }

    private static double Value(in AccountMetrics m, AccountSort sort) => sort switch
    {
        AccountSort.Followers => m.Followers,
        AccountSort.Pagerank => m.PageRank,
        AccountSort.EngagementRate => m.EngagementRate,
        AccountSort.CommunityRank => m.CommunityRank,
        _ => m.Influence,
    };

    private static int[] SortDescending(AccountMetrics[] accounts, AccountSort sort)
    {
        int n = accounts.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            double v = Value(accounts[i], sort);
            // Negated so an ascending sort gives highest first; NaN sorts last.
            keys[i] = double.IsNaN(v) ? double.PositiveInfinity : -v;
        }
        // Array.Sort is not stable: sort by key, then restore id order inside runs of equal keys.
        Array.Sort(keys, order);
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            if (i == n || keys[i] != keys[start])
            {
                if (i - start > 1) Array.Sort(order, start, i - start);
                start = i;
            }
        }
        return order;
    }
}

/// <summary>One community's slice of a run: a result holding only its members, and their dense ids in the full run.</summary>
/// <param name="Result">Members only; other per-account arrays are empty (only metrics-based queries may use it).</param>
/// <param name="Members">Full-run dense id of each local account, ascending.</param>
public sealed record CommunityView(InfluenceAnalysisResult Result, int[] Members);
