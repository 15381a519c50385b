using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Influencers of an audience segment defined by seed accounts.</summary>
public static class SegmentEndpoints
{
    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST, but a read: it changes nothing, so it follows the read policy.
        app.MapCapability("/api/v1/segments", "Segments", AccessLevel.Read)
            .Post("/influencers", GetSegmentInfluencers, "Influencers of a segment: personalised PageRank from seed accounts")
            .WithDescription("Body: { \"seeds\": [\"@a\", \"@b\"], \"k\": 20, \"role\": null, \"minFollowers\": null, \"maxFollowers\": null, \"includeCelebrities\": false }. " +
                             "Unknown seeds give 400 listing them; more than 1000 seeds give 400.")
            .Accepts<SegmentRequestDto>("application/json")
            .ProducesGraphQueryProblems();
        return app;
    }

    public static Results<Ok<SegmentInfluencersDto>, ValidationProblem, ProblemHttpResult> GetSegmentInfluencers(
        SegmentRequestDto request, SegmentQueries segments, CancellationToken cancellationToken) =>
        segments.Influencers(request, cancellationToken).ToHttp();
}
