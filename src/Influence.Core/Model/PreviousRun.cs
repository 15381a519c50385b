namespace Influence.Core.Model;

/// <summary>
/// What the next run takes from an earlier completed run: per account its community id and both PageRank
/// vectors, and the size of the graph it was computed on. The next run matches its community ids to these
/// (<see cref="StableCommunityIds"/>) and, when the graph changed little, starts PageRank and Leiden from them
/// (<see cref="InfluenceConfig.WarmStart"/>).
/// </summary>
/// <param name="AccountIds">External ids, one per entry of the arrays.</param>
/// <param name="Community">Community id per account (ids ≥ 0; need not be consecutive).</param>
/// <param name="PageRank">Reach per account (<see cref="AccountMetrics.PageRank"/>).</param>
/// <param name="Attention">Attention per account (<see cref="AccountMetrics.Attention"/>).</param>
/// <param name="Edges">Follow ties + interaction ties of that run (distinct directed pairs), to judge how much changed.</param>
public sealed record PreviousRun(IReadOnlyList<string> AccountIds, int[] Community, double[] PageRank, double[] Attention, long Edges)
{
    /// <summary>The figures of <paramref name="result"/> a next run needs (copies; the result may be released).</summary>
    public static PreviousRun From(InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int n = result.Accounts.Length;
        var community = new int[n];
        var pageRank = new double[n];
        var attention = new double[n];
        for (int v = 0; v < n; v++)
        {
            community[v] = result.Accounts[v].Community;
            pageRank[v] = result.Accounts[v].PageRank;
            attention[v] = result.Accounts[v].Attention;
        }
        return new PreviousRun(result.AccountIds, community, pageRank, attention,
            result.Summary.FollowEdges + result.Summary.InteractionEdges);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent part.</summary>
    public void Validate()
    {
        int n = AccountIds?.Count ?? throw new ArgumentException("PreviousRun.AccountIds is null.");
        if (Community is null || Community.Length != n)
            throw new ArgumentException($"PreviousRun.Community has {Community?.Length} entries for {n} accounts.");
        if (PageRank is null || PageRank.Length != n)
            throw new ArgumentException($"PreviousRun.PageRank has {PageRank?.Length} entries for {n} accounts.");
        if (Attention is null || Attention.Length != n)
            throw new ArgumentException($"PreviousRun.Attention has {Attention?.Length} entries for {n} accounts.");
        for (int i = 0; i < n; i++)
        {
            if (Community[i] < 0)
                throw new ArgumentException($"PreviousRun.Community[{i}] (account '{AccountIds[i]}') is {Community[i]}; community ids are >= 0.");
            if (!double.IsFinite(PageRank[i]) || PageRank[i] < 0 || !double.IsFinite(Attention[i]) || Attention[i] < 0)
                throw new ArgumentException($"PreviousRun scores of account '{AccountIds[i]}' (pagerank {PageRank[i]}, attention {Attention[i]}) must be finite and >= 0.");
        }
        if (Edges < 0) throw new ArgumentException($"PreviousRun.Edges is {Edges}; must be >= 0.");
    }
}
