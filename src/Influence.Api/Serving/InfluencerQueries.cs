using Influence.Api.Contracts;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Influencer lists for campaigns: the model's <see cref="InfluencerLists"/> mapped to API shapes.</summary>
public static class InfluencerQueries
{
    /// <summary>Top-k of a community (the model's in-community influence score); the community must exist.</summary>
    /// <remarks>Runs the model's query on the community's slice of the run (<see cref="AnalysisSnapshot.TryGetCommunityView"/>):
    /// same members, same order of ids, so the same list as on the full run, at the cost of the community's size.</remarks>
    public static CommunityInfluencersDto ForCommunity(AnalysisSnapshot snap, int community, InfluencerFilterSpec filter)
    {
        if (!snap.TryGetCommunityView(community, out CommunityView view))
            throw new ArgumentOutOfRangeException(nameof(community), community, $"Community {community} is not in this run.");
        IReadOnlyList<InfluencerEntry> entries = InfluencerLists.ForCommunity(view.Result, community, filter.ToModel());
        var items = new CommunityInfluencerDto[entries.Count];
        for (int i = 0; i < items.Length; i++)
        {
            InfluencerEntry e = entries[i];
            ref readonly AccountMetrics m = ref snap.Result.Accounts[view.Members[e.Node]];
            items[i] = new CommunityInfluencerDto(e.Account, e.Rank, AccountViews.Finite(e.Score), AccountViews.Finite(e.Influence), e.Followers,
                AccountViews.RoleName(e.Role), AccountViews.StageName(m.Stage), e.CommunityRank, AccountViews.Finite(e.InCommunityEngagementShare));
        }
        return new CommunityInfluencersDto(community, items);
    }

    /// <summary>The same list computed by the model on the full run (reference for tests of the community slice).</summary>
    public static IReadOnlyList<InfluencerEntry> ForCommunityOnFullRun(AnalysisSnapshot snap, int community, InfluencerFilterSpec filter) =>
        InfluencerLists.ForCommunity(snap.Result, community, filter.ToModel());

    /// <summary>Personalised PageRank from the seeds (all known to the snapshot); needs the snapshot's graph.</summary>
    /// <param name="config">The analysis configuration of the service's runs: its kind weights weigh the interaction graph.</param>
    public static SegmentInfluencersDto ForSegment(AnalysisSnapshot snap, IReadOnlyList<string> seeds, InfluencerFilterSpec filter,
        InfluenceConfig config, CancellationToken cancellationToken)
    {
        DirectedGraph graph = snap.SegmentGraph(config.KindWeights) ?? throw new InvalidOperationException("The snapshot has no graph.");
        IReadOnlyList<InfluencerEntry> entries = InfluencerLists.ForSegment(graph, snap.Result, seeds.ToArray(), filter.ToModel(),
            config, cancellationToken);
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
}
