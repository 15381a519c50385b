using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Paths between accounts: how one account reaches, or is tied to, another.</summary>
public static class PathEndpoints
{
    public static IEndpointRouteBuilder MapPathEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapCapability("/api/v1/paths", "Paths", AccessLevel.Read)
            .Get("/", FindPath, "Shortest path between two accounts over follow and engagement ties, with the kinds of ties")
            .WithDescription("How a campaign pick reaches an account (direction=reach: each next account follows or engaged with the one before), " +
                             "or how a defender is tied to its target (direction=any). Example: /api/v1/paths?from=u12&to=u40&direction=reach. " +
                             "found=false when no path lies within maxTies; unknown accounts give 404; 503 until the run's graph is loaded.")
            .ProducesGraphQueryProblems();
        return app;
    }

    public static Results<Ok<PathDto>, ValidationProblem, ProblemHttpResult> FindPath([AsParameters] PathQuery query, PathQueries paths) =>
        paths.Find(query).ToHttp();
}
