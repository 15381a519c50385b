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

    /// <summary>CSV with a header; ids are quoted when they hold a comma, quote or line break.</summary>
    public static string ToCsv(CommunityInfluencersDto list)
    {
        var sb = new StringBuilder(64 + list.Items.Count * 96);
        sb.Append("id,rank,score,influence,followers,role,stage,community_rank,in_community_engagement_share\n");
        foreach (CommunityInfluencerDto x in list.Items)
        {
            AppendCsvField(sb, x.Id);
            sb.Append(CultureInfo.InvariantCulture, $",{x.Rank},{x.Score:R},{x.Influence:R},{x.Followers},{x.Role},{x.Stage},{x.CommunityRank},{x.InCommunityEngagementShare:R}\n");
        }
        return sb.ToString();
    }

    private static void AppendCsvField(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) { sb.Append(value); return; }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
