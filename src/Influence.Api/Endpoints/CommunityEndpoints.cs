using System.ComponentModel;
using System.Globalization;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Api.Serving;
using Influence.Core.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>Query of <c>GET /api/v1/communities/{id}/influencers</c>.</summary>
public sealed class CommunityInfluencersQuery
{
    [Description("How many influencers, 1..500.")]
    [DefaultValue(20)]
    [FromQuery(Name = "k")]
    public int? K { get; set; }

    [Description("Only this role.")]
    [FromQuery(Name = "role")]
    public string? Role { get; set; }

    [Description("At least this many followers.")]
    [FromQuery(Name = "minFollowers")]
    public int? MinFollowers { get; set; }

    [Description("At most this many followers.")]
    [FromQuery(Name = "maxFollowers")]
    public int? MaxFollowers { get; set; }

    [Description("Include celebrities (one-way broadcasters). Default false.")]
    [DefaultValue(false)]
    [FromQuery(Name = "includeCelebrities")]
    public bool? IncludeCelebrities { get; set; }

    [Description("json (default) or csv; Accept: text/csv works too.")]
    [FromQuery(Name = "format")]
    public string? Format { get; set; }
}

/// <summary>Communities and their influencers.</summary>
public static class CommunityEndpoints
{
    /// <summary>Largest k of influencer lists.</summary>
    public const int MaxK = 500;

    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1/communities")
            .WithTags("Communities")
            .RequireApiKey(AccessLevel.Read);

        group.MapGet("/", ListCommunities)
            .WithName("ListCommunities")
            .WithSummary("List communities, largest first, with their top accounts")
            .WithDescription("Example: /api/v1/communities?page=1&pageSize=20")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}", GetCommunity)
            .WithName("GetCommunity")
            .WithSummary("One community")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/influencers", GetCommunityInfluencers)
            .WithName("GetCommunityInfluencers")
            .WithSummary("Top influencers of a community (campaign list)")
            .WithDescription("Top-k members by in-community influence; celebrities are left out unless includeCelebrities=true. " +
                             "Filters on role and follower range. CSV with ?format=csv or Accept: text/csv. " +
                             "Example: /api/v1/communities/3/influencers?k=20&role=micro-influencer&maxFollowers=5000")
            .Produces<CommunityInfluencersDto>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Results<Ok<CommunityPageDto>, ValidationProblem, ProblemHttpResult> ListCommunities(
        [Description("1-based page.")][DefaultValue(1)] int? page,
        [Description("Items per page, 1..500.")][DefaultValue(50)] int? pageSize,
        SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
    {
        int p = page ?? 1, size = pageSize ?? 50;
        var v = new Validation();
        v.Range("page", p, 1, int.MaxValue);
        v.Range("pageSize", size, 1, options.Value.MaxPageSize);
        if (!v.IsValid) return Problems.Invalid(v.Errors);
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();

        CommunitySummary[] all = snap.CommunitiesBySize;
        long skip = (long)(p - 1) * size;
        var items = new List<CommunityDto>(Math.Min(size, all.Length));
        for (long i = skip; i < all.Length && items.Count < size; i++) items.Add(ToDto(snap, all[i]));
        return TypedResults.Ok(new CommunityPageDto(items, p, size, all.Length));
    }

    public static Results<Ok<CommunityDto>, ProblemHttpResult> GetCommunity(int id, SnapshotHolder snapshots)
    {
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        if (!snap.TryGetCommunity(id, out CommunitySummary c)) return Problems.UnknownCommunity(id);
        return TypedResults.Ok(ToDto(snap, c));
    }

    public static Results<Ok<CommunityInfluencersDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult> GetCommunityInfluencers(
        int id, [AsParameters] CommunityInfluencersQuery query, HttpRequest request, SnapshotHolder snapshots)
    {
        var v = new Validation();
        int k = query.K ?? 20;
        v.Range("k", k, 1, MaxK);
        InfluencerFilterSpec filter = InfluencerFilterSpec.Parse(v, k, query.Role, query.MinFollowers, query.MaxFollowers, query.IncludeCelebrities ?? false);
        bool csv = false;
        if (query.Format is { Length: > 0 } format)
        {
            if (format.Equals("csv", StringComparison.OrdinalIgnoreCase)) csv = true;
            else if (!format.Equals("json", StringComparison.OrdinalIgnoreCase)) v.Add("format", $"must be json or csv; got '{format}'.");
        }
        else
        {
            csv = AcceptsCsv(request);
        }
        if (!v.IsValid) return Problems.Invalid(v.Errors);

        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        if (!snap.TryGetCommunity(id, out _)) return Problems.UnknownCommunity(id);

        string key = string.Create(CultureInfo.InvariantCulture, $"community:{id}:{filter}");
        CommunityInfluencersDto list = snap.Cache.GetOrAdd(key, () => InfluencerQueries.ForCommunity(snap, id, filter));
        if (!csv) return TypedResults.Ok(list);
        string text = snap.Cache.GetOrAdd(key + ":csv", () => ToCsv(list));
        return TypedResults.Text(text, "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static bool AcceptsCsv(HttpRequest request)
    {
        foreach (string? accept in request.Headers.Accept)
            if (accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static CommunityDto ToDto(AnalysisSnapshot snap, CommunitySummary c)
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
