using System.Globalization;
using System.Text;
using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Communities and their influencer lists in API shapes (JSON and CSV).</summary>
public static class CommunityViews
{
    public static CommunityDto Summary(AnalysisSnapshot snap, CommunitySummary c)
    {
        var top = new CommunityTopAccountDto[c.TopAccounts.Length];
        for (int i = 0; i < top.Length; i++)
        {
            int a = c.TopAccounts[i];
            ref readonly AccountMetrics m = ref snap.Result.Accounts[a];
            top[i] = new CommunityTopAccountDto(snap.Result.AccountIds[a], AccountViews.Finite(m.Influence), AccountViews.RoleName(m.Role));
        }
        return new CommunityDto(c.Id, c.Size, AccountViews.Finite(c.Density), AccountViews.Finite(c.Reciprocity), c.InternalFollows,
            AccountViews.Finite(c.EngagementInside), top);
    }

    /// <summary>The influencer CSV layout shared with the CLI (<see cref="InfluencerCsv"/>); figures from the run's accounts.</summary>
    public static string ToCsv(AnalysisSnapshot snap, CommunityInfluencersDto list)
    {
        var writer = new StringWriter(new StringBuilder(64 + list.Items.Count * 128), CultureInfo.InvariantCulture);
        writer.Write(InfluencerCsv.Header);
        writer.Write('\n');
        foreach (CommunityInfluencerDto x in list.Items)
            if (snap.TryGetAccount(x.Id, out int account))
                InfluencerCsv.WriteRow(writer, x.Id, x.Rank, x.Score, snap.Result.Accounts[account]);
        return writer.ToString();
    }
}
