using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Audience;

/// <summary>Kred's two axes within one community: the engagement an account received from its members and gave to them.</summary>
/// <param name="Received">Kind-weighted engagement received from the community's members (influence received).</param>
/// <param name="Given">Kind-weighted engagement given to the community's members (outreach given).</param>
public readonly record struct CommunityAxes(int Community, double Received, double Given);

/// <summary>
/// Kred's two axes — influence received vs outreach given — split by community, for one account. Overall they are the
/// columns <c>engagement_received</c> and <c>engagement_given</c>; the own-community shares are
/// <c>in_community_engagement_share</c> and <c>in_community_outreach_share</c>. Reads the account's own interaction ties
/// only: O(its engagers + the accounts it engaged).
/// </summary>
public static class KredAxes
{
    /// <summary>Communities listed per account by the report (API, CLI): the largest; the count says how many there are.</summary>
    public const int Listed = 20;

    /// <summary>The account's totals over all communities (the denominators of each community's shares).</summary>
    public static (double Received, double Given) Totals(ReadOnlySpan<CommunityAxes> axes)
    {
        double received = 0, given = 0;
        foreach (CommunityAxes a in axes) { received += a.Received; given += a.Given; }
        return (received, given);
    }

    /// <summary>
    /// Per community the account received engagement from or gave engagement to: both sums over the kind-weighted
    /// interaction graph (self-interactions are not in it), largest received + given first, then by community id.
    /// </summary>
    /// <param name="interactions">The kind-weighted interaction graph of the run (<see cref="AudienceContext.Interactions"/>).</param>
    /// <param name="accounts">The run's metrics (their <see cref="AccountMetrics.Community"/>), one per node of the graph.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="account"/> is not a node of the graph.</exception>
    /// <exception cref="ArgumentException">The metrics do not cover the graph's nodes.</exception>
    public static CommunityAxes[] ByCommunity(DirectedGraph interactions, ReadOnlySpan<AccountMetrics> accounts, int account)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (accounts.Length != interactions.NodeCount)
            throw new ArgumentException($"{accounts.Length} accounts' metrics for an interaction graph of {interactions.NodeCount} accounts.", nameof(accounts));
        if ((uint)account >= (uint)interactions.NodeCount)
            throw new ArgumentOutOfRangeException(nameof(account), account, $"No account {account} in a graph of {interactions.NodeCount}.");
        var sums = new Dictionary<int, (double Received, double Given)>();
        ReadOnlySpan<int> engagers = interactions.InNeighbors(account);
        ReadOnlySpan<double> received = interactions.InWeights(account);
        for (int i = 0; i < engagers.Length; i++)
        {
            int c = accounts[engagers[i]].Community;
            sums[c] = sums.TryGetValue(c, out var s) ? (s.Received + received[i], s.Given) : (received[i], 0);
        }
        ReadOnlySpan<int> engaged = interactions.OutNeighbors(account);
        ReadOnlySpan<double> given = interactions.OutWeights(account);
        for (int i = 0; i < engaged.Length; i++)
        {
            int c = accounts[engaged[i]].Community;
            sums[c] = sums.TryGetValue(c, out var s) ? (s.Received, s.Given + given[i]) : (0, given[i]);
        }
        var result = new CommunityAxes[sums.Count];
        int k = 0;
        foreach (var (c, s) in sums) result[k++] = new CommunityAxes(c, s.Received, s.Given);
        Array.Sort(result, static (a, b) =>
        {
            int byVolume = (b.Received + b.Given).CompareTo(a.Received + a.Given);
            return byVolume != 0 ? byVolume : a.Community.CompareTo(b.Community);
        });
        return result;
    }
}
