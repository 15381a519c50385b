using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>The model's <see cref="DefenderNetworkView"/> mapped to the API shape.</summary>
public static class DefenderViews
{
    public static DefenderNetworkDto Describe(AnalysisSnapshot snap, int account)
    {
        DefenderNetwork n = DefenderNetworkView.Describe(snap.Result, snap.Graph, account);
        var communities = new List<CommunityCountDto>(n.Communities.Count);
        foreach (var (community, count) in n.Communities) communities.Add(new CommunityCountDto(community, count));
        communities.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Community.CompareTo(b.Community));
        var ties = new TieDto[n.Ties.Count];
        for (int i = 0; i < ties.Length; i++) ties[i] = new TieDto(n.Ties[i].A, n.Ties[i].B);
        return new DefenderNetworkDto(n.Account, n.Size, AccountViews.Finite(n.Density), AccountViews.Finite(n.EngagementShare),
            communities, Entries(n.Defenders), Entries(n.Critics), ties);
    }

    private static DefenderDto[] Entries(IReadOnlyList<DefenderEntry> entries)
    {
        var list = new DefenderDto[entries.Count];
        for (int i = 0; i < list.Length; i++)
        {
            DefenderEntry e = entries[i];
            list[i] = new DefenderDto(e.Account, AccountViews.Finite(e.Strength), AccountViews.Finite(e.Interactions), e.ActivePeriods,
                e.TargetFollowsBack, e.TargetEngagesBack, AccountViews.FiniteOrNull(e.MeanStance), e.Community, AccountViews.RoleName(e.Role));
        }
        return list;
    }
}
