using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>One account a structural check looked at, with the figures that made it a candidate and the model's verdict.</summary>
public sealed record StructuralCandidate(string Account, int Followers, double FollowedBackRate, int Community, int RankInCommunity, string Role);

/// <summary>What a structural check expects and how many candidates the model labelled that way.</summary>
public sealed record StructuralCheck(string Expectation, IReadOnlyList<StructuralCandidate> Candidates, int Agreeing)
{
    /// <summary>Agreeing / candidates; null when there is no candidate.</summary>
    public double? Agreement => Candidates.Count == 0 ? null : Agreeing / (double)Candidates.Count;
}

/// <summary>
/// Truth-free checks of roles on real graphs (docs/validation.md): what the roles mean, seen in the follow
/// structure alone. One-way: large audience (top 10 % by followers, at least 10) followed back at most 5 %
/// → celebrity. Builders: among the three most-followed of their community, following back at least half
/// of their audience → micro- or macro-influencer. Pure: reads an analysis result.
/// </summary>
public static class StructuralChecks
{
    public const double OneWayMaxFollowedBack = 0.05;
    public const double LargeAudiencePercentile = 0.90;
    public const int LargeAudienceMinFollowers = 10;
    public const double BuilderMinFollowedBack = 0.5;
    public const int BuilderTopInCommunity = 3;
    public const int BuilderMinFollowers = 5;

    public static (StructuralCheck OneWay, StructuralCheck Builders) Run(InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        AccountMetrics[] a = result.Accounts;
        int n = a.Length;
        var followers = new int[n];
        for (int v = 0; v < n; v++) followers[v] = a[v].Followers;
        Array.Sort(followers);
        int large = n == 0 ? int.MaxValue : Math.Max(LargeAudienceMinFollowers, followers[(int)Math.Min(n - 1, Math.Floor(LargeAudiencePercentile * n))]);

        // Rank by followers inside each community (1 = most followed; ties by id).
        var rank = new int[n];
        foreach (var members in Enumerable.Range(0, n).GroupBy(v => a[v].Community))
        {
            int r = 0;
            foreach (int v in members.OrderByDescending(v => a[v].Followers).ThenBy(v => v)) rank[v] = ++r;
        }
        StructuralCandidate Candidate(int v) => new(result.AccountIds[v], a[v].Followers, a[v].FollowedBackRate, a[v].Community, rank[v], RoleNames.Name(a[v].Role));

        var oneWay = Enumerable.Range(0, n)
            .Where(v => a[v].Followers >= large && a[v].FollowedBackRate <= OneWayMaxFollowedBack)
            .OrderByDescending(v => a[v].Followers).Select(Candidate).ToList();
        var builders = Enumerable.Range(0, n)
            .Where(v => rank[v] <= BuilderTopInCommunity && a[v].Followers >= BuilderMinFollowers && a[v].FollowedBackRate >= BuilderMinFollowedBack)
            .OrderByDescending(v => a[v].Followers).Select(Candidate).ToList();
        string celebrity = RoleNames.Name(AccountRole.Celebrity);
        string micro = RoleNames.Name(AccountRole.MicroInfluencer), macro = RoleNames.Name(AccountRole.MacroInfluencer);
        return (
            new StructuralCheck($"one-way (followers ≥ {large}, followed back ≤ {OneWayMaxFollowedBack:P0}) → celebrity",
                oneWay, oneWay.Count(c => c.Role == celebrity)),
            new StructuralCheck($"builders (top {BuilderTopInCommunity} of their community by followers, ≥ {BuilderMinFollowers} followers, followed back ≥ {BuilderMinFollowedBack:P0}) → micro- or macro-influencer",
                builders, builders.Count(c => c.Role == micro || c.Role == macro)));
    }
}
