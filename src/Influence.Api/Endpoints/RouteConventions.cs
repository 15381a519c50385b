using Influence.Api.Security;

namespace Influence.Api.Endpoints;

/// <summary>
/// How every capability maps its routes, written once: one route group per capability (path prefix, OpenAPI tag,
/// the API key it needs), and each endpoint named after its handler method (the OpenAPI operation id), so a
/// renamed handler cannot leave a stale name behind.
/// </summary>
public static class RouteConventions
{
    public static RouteGroupBuilder MapCapability(this IEndpointRouteBuilder app, string prefix, string tag, AccessLevel access) =>
        app.MapGroup(prefix).WithTags(tag).RequireApiKey(access);

    /// <summary>GET <paramref name="pattern"/> handled by the method <paramref name="handler"/>, named after it.</summary>
    public static RouteHandlerBuilder Get(this IEndpointRouteBuilder group, string pattern, Delegate handler, string summary) =>
        group.MapGet(pattern, handler).WithName(handler.Method.Name).WithSummary(summary);

    /// <summary>POST <paramref name="pattern"/> handled by the method <paramref name="handler"/>, named after it.</summary>
    public static RouteHandlerBuilder Post(this IEndpointRouteBuilder group, string pattern, Delegate handler, string summary) =>
        group.MapPost(pattern, handler).WithName(handler.Method.Name).WithSummary(summary);

    /// <summary>
    /// The answers a query on the served run's graph can give besides 200: 400 (a rejected parameter), 404 (no run
    /// yet, or an unknown account or community), 503 (the run's graph is not loaded yet); see <see cref="Problems.For"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesGraphQueryProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
