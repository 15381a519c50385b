using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Defender network of one account in API shape.</summary>
public static class DefenderViews
{
    // TEMPORARY until the model's DefenderNetworkView lands.
    public static DefenderNetworkDto Describe(AnalysisSnapshot snap, int account)
    {
        InfluenceAnalysisResult r = snap.Result;
        List<DefenderDto> defenders = Links(snap, r.Defenders, account);
        List<DefenderDto> critics = Links(snap, r.Critics, account);
        ref readonly AccountMetrics m = ref r.Accounts[account];
        return new DefenderNetworkDto(r.AccountIds[account], defenders.Count, AccountViews.Finite(m.DefenderDensity),
            AccountViews.Finite(m.DefenderEngagementShare), [], defenders, critics, []);
    }

    private static List<DefenderDto> Links(AnalysisSnapshot snap, DefenderLink[] links, int target)
    {
        var list = new List<DefenderDto>();
        foreach (DefenderLink l in links)
        {
            if (l.Target != target) continue;
            ref readonly AccountMetrics d = ref snap.Result.Accounts[l.Defender];
            list.Add(new DefenderDto(snap.Result.AccountIds[l.Defender], l.Strength, l.Interactions, l.ActivePeriods, l.TargetFollowsBack,
                l.TargetEngagesBack, AccountViews.FiniteOrNull(l.MeanStance), d.Community, AccountViews.RoleName(d.Role)));
        }
        return list;
    }
}
