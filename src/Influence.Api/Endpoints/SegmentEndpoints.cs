using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Api.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>Influencers of an audience segment defined by seed accounts.</summary>
public static class SegmentEndpoints
{
    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST, but a read: it changes nothing, so it follows the read policy.
        app.MapGroup("/api/v1/segments")
            .WithTags("Segments")
            .RequireApiKey(AccessLevel.Read)
            .MapPost("/influencers", GetSegmentInfluencers)
            .WithName("GetSegmentInfluencers")
            .WithSummary("Influencers of a segment: personalised PageRank from seed accounts")
            .WithDescription("Body: { \"seeds\": [\"@a\", \"@b\"], \"k\": 20, \"role\": null, \"minFollowers\": null, \"maxFollowers\": null, \"includeCelebrities\": false }. " +
                             "Unknown seeds give 400 listing them; more than 1000 seeds give 400.")
            .Accepts<SegmentRequestDto>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Results<Ok<SegmentInfluencersDto>, ValidationProblem, ProblemHttpResult> GetSegmentInfluencers(
        SegmentRequestDto request, SnapshotHolder snapshots, IOptions<InfluenceOptions> options, CancellationToken cancellationToken)
    {
        var v = new Validation();
        int maxSeeds = options.Value.MaxSeeds;
        if (request.Seeds is null || request.Seeds.Count == 0) v.Add("seeds", "give at least one seed account id.");
        else if (request.Seeds.Count > maxSeeds) v.Add("seeds", $"at most {maxSeeds} seeds; got {request.Seeds.Count}.");
        v.Range("k", request.K, 1, CommunityEndpoints.MaxK);
        InfluencerFilterSpec filter = InfluencerFilterSpec.Parse(v, request.K, request.Role, request.MinFollowers, request.MaxFollowers, request.IncludeCelebrities);
        if (!v.IsValid) return Problems.Invalid(v.Errors);

        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();

        var seeds = new List<string>(request.Seeds!.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (string? seed in request.Seeds!)
        {
            if (seed is not null && snap.TryGetAccount(seed, out _)) { if (seen.Add(seed)) seeds.Add(seed); }
            else unknown.Add(seed ?? "(null)");
        }
        if (unknown.Count > 0)
        {
            const int shown = 50;
            string list = string.Join(", ", unknown.Take(shown)) + (unknown.Count > shown ? $", … ({unknown.Count - shown} more)" : "");
            return Problems.Invalid(new Dictionary<string, string[]> { ["seeds"] = [.. unknown.Take(1000).Select(u => $"unknown account '{u}'")] },
                $"{unknown.Count} seed(s) not in the latest run: {list}.");
        }
        if (snap.Graph is null) return Problems.GraphUnavailable();
        return TypedResults.Ok(InfluencerQueries.ForSegment(snap, seeds, filter, cancellationToken));
    }
}
