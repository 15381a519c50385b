using Influence.Core.Model;

namespace Influence.Core.Campaigns;

/// <summary>Scope members, candidates and tiers of a plan: one place for who is reached and who may be picked.</summary>
internal static class CampaignScopes
{
    /// <summary>Members of the scope, ascending, and a marker per account (1 = member).</summary>
    /// <exception cref="ArgumentException">Unknown community, empty segment or a segment account out of range.</exception>
    public static int[] Resolve(InfluenceAnalysisResult result, CampaignScope scope, out byte[] inScope)
    {
        int n = result.Accounts.Length;
        inScope = new byte[n];
        var members = new List<int>();
        switch (scope.Kind)
        {
            case CampaignScopeKind.Graph:
                Array.Fill(inScope, (byte)1);
                return Enumerable.Range(0, n).ToArray();
            case CampaignScopeKind.Community:
                if (!Array.Exists(result.Communities, c => c.Id == scope.Community))
                    throw new ArgumentException($"Community {scope.Community} does not exist in this analysis ({result.Communities.Length} communities).", nameof(scope));
                for (int v = 0; v < n; v++)
                    if (result.Accounts[v].Community == scope.Community) { inScope[v] = 1; members.Add(v); }
                return members.ToArray();
            case CampaignScopeKind.Segment:
                var segment = scope.Segment;
                if (segment is null || segment.Count == 0) throw new ArgumentException("A segment needs at least one account.", nameof(scope));
                for (int i = 0; i < segment.Count; i++)
                {
                    int v = segment[i];
                    if ((uint)v >= (uint)n) throw new ArgumentException($"Segment[{i}] = {v} is not an account (0 to {n - 1}).", nameof(scope));
                    if (inScope[v] == 0) { inScope[v] = 1; members.Add(v); }
                }
                members.Sort();
                return members.ToArray();
            default:
                throw new ArgumentException($"Scope kind {(int)scope.Kind} is not graph, community or segment.", nameof(scope));
        }
    }

    /// <summary>
    /// Accounts the plan may pick, ascending: community members for a community, every account otherwise; minus
    /// excluded roles and accounts, accounts above the follower ceiling, in no tier, or below the audience quality bound.
    /// </summary>
    public static int[] Candidates(InfluenceAnalysisResult result, CampaignScope scope, byte[] inScope, CampaignPlanConfig config,
        double[]? audienceQuality)
    {
        int n = result.Accounts.Length;
        var excluded = new HashSet<int>(config.Exclude);
        var roles = new bool[Enum.GetValues<AccountRole>().Length];
        foreach (AccountRole r in config.ExcludeRoles) roles[(int)r] = true;
        var list = new List<int>();
        for (int v = 0; v < n; v++)
        {
            if (scope.Kind == CampaignScopeKind.Community && inScope[v] == 0) continue;
            ref readonly AccountMetrics m = ref result.Accounts[v];
            if (roles[(int)m.Role]) continue;
            if (config.MaxFollowers is int max && m.Followers > max) continue;
            if (config.Tiers is not null && Tier(config.Tiers, m.Followers) < 0) continue;
            if (config.MinAudienceQuality is double q && audienceQuality is not null && !(audienceQuality[v] >= q)) continue;
            if (excluded.Contains(v)) continue;
            list.Add(v);
        }
        return list.ToArray();
    }

    /// <summary>Tier index per account (−1 = in no tier), or null without tiers.</summary>
    public static int[]? TierOf(InfluenceAnalysisResult result, CampaignPlanConfig config)
    {
        if (config.Tiers is null) return null;
        var tierOf = new int[result.Accounts.Length];
        for (int v = 0; v < tierOf.Length; v++) tierOf[v] = Tier(config.Tiers, result.Accounts[v].Followers);
        return tierOf;
    }

    private static int Tier(IReadOnlyList<FollowerTier> tiers, int followers)
    {
        for (int t = 0; t < tiers.Count; t++)
            if (tiers[t].MaxFollowers is not int max || followers <= max) return t;
        return -1;
    }
}

/// <summary>Reports a sub-task's 0–1 progress as a slice [from, to] of the whole.</summary>
internal sealed class ScaledProgress(IProgress<double> inner, double from, double to) : IProgress<double>
{
    public void Report(double value) => inner.Report(from + (to - from) * Math.Clamp(value, 0, 1));
}
