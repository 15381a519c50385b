using System.Globalization;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Core.Model;
using Microsoft.Extensions.Options;

namespace Influence.Api.Serving;

/// <summary>An influencer list as JSON, or as CSV text when the caller asked for it.</summary>
public sealed record InfluencerListResponse(CommunityInfluencersDto List, string? Csv);

/// <summary>Communities of the served run: the list (largest first), one community, its influencers.</summary>
public sealed class CommunityQueries(SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
{
    public QueryResult<CommunityPageDto> List(int? page, int? pageSize)
    {
        var v = new Validation();
        PageRequest request = QueryRules.Page(v, page, pageSize, options.Value.MaxPageSize);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;

        CommunitySummary[] all = snap.CommunitiesBySize;
        var items = new List<CommunityDto>(Math.Min(request.PageSize, all.Length));
        for (long i = request.Skip; i < all.Length && items.Count < request.PageSize; i++) items.Add(CommunityViews.Summary(snap, all[i]));
        return new CommunityPageDto(items, request.Page, request.PageSize, all.Length);
    }

    public QueryResult<CommunityDto> Get(int id)
    {
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetCommunity(id, out CommunitySummary c)) return new QueryFailure.UnknownCommunity(id);
        return CommunityViews.Summary(snap, c);
    }

    /// <param name="acceptsCsv">The request's Accept header asks for text/csv (used when the query names no format).</param>
    public QueryResult<InfluencerListResponse> Influencers(int id, CommunityInfluencersQuery query, bool acceptsCsv)
    {
        var v = new Validation();
        InfluencerFilterSpec filter = QueryRules.Influencers(v, query.K ?? 20, query.Role, query.MinFollowers, query.MaxFollowers,
            query.IncludeCelebrities ?? false, query.MinAudienceQuality);
        bool csv = QueryRules.Csv(v, query.Format, acceptsCsv);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetCommunity(id, out _)) return new QueryFailure.UnknownCommunity(id);

        string key = string.Create(CultureInfo.InvariantCulture, $"community:{id}:{filter}");
        CommunityInfluencersDto list = snap.Cache.GetOrAdd(key, () => InfluencerQueries.ForCommunity(snap, id, filter));
        return new InfluencerListResponse(list, csv ? snap.Cache.GetOrAdd(key + ":csv", () => CommunityViews.ToCsv(snap, list)) : null);
    }
}
