using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Influencer lists for campaigns: thin adapters from the model's queries to API shapes.</summary>
public static class InfluencerQueries
{
    // TEMPORARY until the model's InfluencerLists lands: same rule (top-k by influence inside the community).
    public static CommunityInfluencersDto ForCommunity(AnalysisSnapshot snap, int community, InfluencerFilterSpec filter)
    {
        AccountMetrics[] accounts = snap.Result.Accounts;
        var members = new List<int>();
        for (int i = 0; i < accounts.Length; i++)
        {
            ref readonly AccountMetrics m = ref accounts[i];
            if (m.Community != community) continue;
            if (!filter.IncludeCelebrities && m.Role == AccountRole.Celebrity) continue;
            if (filter.Role is { } r && m.Role != r) continue;
            if (filter.MinFollowers is { } min && m.Followers < min) continue;
            if (filter.MaxFollowers is { } max && m.Followers > max) continue;
            members.Add(i);
        }
        members.Sort((a, b) => accounts[b].Influence.CompareTo(accounts[a].Influence));
        var items = new List<CommunityInfluencerDto>(Math.Min(filter.K, members.Count));
        for (int i = 0; i < members.Count && i < filter.K; i++)
        {
            int a = members[i];
            ref readonly AccountMetrics m = ref accounts[a];
            items.Add(new CommunityInfluencerDto(snap.Result.AccountIds[a], i + 1, AccountViews.Finite(m.Influence), AccountViews.Finite(m.Influence),
                m.Followers, AccountViews.RoleName(m.Role), AccountViews.StageName(m.Stage), m.CommunityRank, AccountViews.Finite(m.InCommunityEngagementShare)));
        }
        return new CommunityInfluencersDto(community, items);
    }

    public static SegmentInfluencersDto ForSegment(AnalysisSnapshot snap, IReadOnlyList<int> seeds, InfluencerFilterSpec filter) =>
        throw new NotImplementedException("waiting for InfluencerLists.ForSegment");
}
