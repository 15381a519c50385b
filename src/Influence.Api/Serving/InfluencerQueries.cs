using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Influencer lists for campaigns: the model's <see cref="InfluencerLists"/> mapped to API shapes.</summary>
public static class InfluencerQueries
{
    /// <summary>Top-k of a community (the model's in-community influence score); the community must exist.</summary>
    public static CommunityInfluencersDto ForCommunity(AnalysisSnapshot snap, int community, InfluencerFilterSpec filter)
    {
        IReadOnlyList<InfluencerEntry> entries = InfluencerLists.ForCommunity(snap.Result, community, ToModel(filter));
        var items = new CommunityInfluencerDto[entries.Count];
        for (int i = 0; i < items.Length; i++)
        {
            InfluencerEntry e = entries[i];
            ref readonly AccountMetrics m = ref snap.Result.Accounts[e.Node];
            items[i] = new CommunityInfluencerDto(e.Account, e.Rank, AccountViews.Finite(e.Score), AccountViews.Finite(e.Influence), e.Followers,
                AccountViews.RoleName(e.Role), AccountViews.StageName(m.Stage), e.CommunityRank, AccountViews.Finite(e.InCommunityEngagementShare));
        }
        return new CommunityInfluencersDto(community, items);
    }

    /// <summary>Personalised PageRank from the seeds (all known to the snapshot); needs the snapshot's graph.</summary>
    public static SegmentInfluencersDto ForSegment(AnalysisSnapshot snap, IReadOnlyList<string> seeds, InfluencerFilterSpec filter,
        CancellationToken cancellationToken)
    {
        InfluenceInput graph = snap.Graph ?? throw new InvalidOperationException("The snapshot has no graph.");
        IReadOnlyList<InfluencerEntry> entries = InfluencerLists.ForSegment(graph, snap.Result, seeds.ToArray(), ToModel(filter),
            cancellationToken: cancellationToken);
        var items = new SegmentInfluencerDto[entries.Count];
        for (int i = 0; i < items.Length; i++)
        {
            InfluencerEntry e = entries[i];
            ref readonly AccountMetrics m = ref snap.Result.Accounts[e.Node];
            items[i] = new SegmentInfluencerDto(e.Account, e.Rank, AccountViews.Finite(e.Score), AccountViews.Finite(e.Influence), e.Followers,
                AccountViews.RoleName(e.Role), AccountViews.StageName(m.Stage), e.Community);
        }
        return new SegmentInfluencersDto(seeds, items);
    }

    private static InfluencerFilter ToModel(InfluencerFilterSpec f) => new()
    {
        Top = f.K,
        IncludeCelebrities = f.IncludeCelebrities || f.Role == AccountRole.Celebrity,
        Roles = f.Role is { } r ? [r] : null,
        MinFollowers = f.MinFollowers,
        MaxFollowers = f.MaxFollowers,
    };
}
