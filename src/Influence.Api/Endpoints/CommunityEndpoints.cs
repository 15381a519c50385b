using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Communities and their influencers.</summary>
public static class CommunityEndpoints
{
    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1/communities", "Communities", AccessLevel.Read);

        group.Get("/", ListCommunities, "List communities, largest first, with their top accounts")
            .WithDescription("Example: /api/v1/communities?page=1&pageSize=20")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/{id:int}", GetCommunity, "One community")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/{id:int}/influencers", GetCommunityInfluencers, "Top influencers of a community (campaign list)")
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
        CommunityQueries communities) => communities.List(page, pageSize).ToHttp();

    public static Results<Ok<CommunityDto>, ProblemHttpResult> GetCommunity(int id, CommunityQueries communities) =>
        communities.Get(id).ToHttpLookup();

    public static Results<Ok<CommunityInfluencersDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult> GetCommunityInfluencers(
        int id, [AsParameters] CommunityInfluencersQuery query, HttpRequest request, CommunityQueries communities)
    {
        QueryResult<InfluencerListResponse> result = communities.Influencers(id, query, AcceptsCsv(request));
        if (result.Failure is QueryFailure.Invalid invalid) return Problems.Invalid(invalid.Errors, invalid.Detail);
        if (result.Failure is { } failure) return Problems.For(failure);
        InfluencerListResponse response = result.Value!;
        return response.Csv is { } csv ? TypedResults.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8) : TypedResults.Ok(response.List);
    }

    private static bool AcceptsCsv(HttpRequest request)
    {
        foreach (string? accept in request.Headers.Accept)
            if (accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
