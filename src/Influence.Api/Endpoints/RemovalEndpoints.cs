using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Storage;

namespace Influence.Api.Endpoints;

/// <summary>The operator's way out of bad data: delete stored rows by filter (key required), audited in the store.</summary>
public static class RemovalEndpoints
{
    public static IEndpointRouteBuilder MapRemovalEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1/ingest", "Ingest", AccessLevel.Write);

        group.Post("/remove", RemoveRows, "Delete stored interactions and/or follows by filter (needs the API key)")
            .WithDescription("Body: {\"what\":\"interactions\",\"weightAbove\":1000000} — conditions account, source, target, kind, from, to (Unix seconds), " +
                             "weightAbove; all must hold, at least one is required. One transaction; recorded in the removal audit (GET /api/v1/ingest/removals). " +
                             "Accounts stay; the next run analyses the graph without the rows.")
            .ProducesValidationProblem();

        group.Get("/removals", ListRemovals, "The removal audit, newest first (at most 100; needs the API key)");
        return app;
    }

    public static async Task<Ok<List<RemovalDto>>> ListRemovals(IInfluenceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListRemovalsAsync(100, cancellationToken)).Select(ToDto).ToList());

    public static async Task<Results<Ok<RemovalDto>, ValidationProblem>> RemoveRows(
        RemovalRequestDto body, IInfluenceStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var conditions = new RemovalFilter
        {
            Account = body.Account, Source = body.Source, Target = body.Target, From = body.From, To = body.To, WeightAbove = body.WeightAbove,
        };
        if (RemovalFilter.TryParse(body.What, body.Kind, conditions, out RemovalFilter filter) is { } problem)
            return Problems.Invalid(problem.Field, problem.Reason);
        string actor = $"api:{http.Connection.RemoteIpAddress?.ToString() ?? "local"}";
        return TypedResults.Ok(ToDto(await store.RemoveAsync(filter, actor, cancellationToken)));
    }

    private static RemovalDto ToDto(RemovalRecord r) =>
        new(r.Id, r.At, r.Actor, r.FilterJson, r.FollowsRemoved, r.InteractionsRemoved);
}
