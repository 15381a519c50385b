using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Influence.Api.Endpoints;

/// <summary>The operator's way out of bad data: delete stored rows by filter (key required), audited in the store.</summary>
public static class RemovalEndpoints
{
    public static IEndpointRouteBuilder MapRemovalEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1/ingest")
            .WithTags("Ingest")
            .RequireApiKey(AccessLevel.Write);

        group.MapPost("/remove", RemoveAsync)
            .WithName("RemoveRows")
            .WithSummary("Delete stored interactions and/or follows by filter (needs the API key)")
            .WithDescription("Body: {\"what\":\"interactions\",\"weightAbove\":1000000} — conditions account, source, target, kind, from, to (Unix seconds), " +
                             "weightAbove; all must hold, at least one is required. One transaction; recorded in the removal audit (GET /api/v1/ingest/removals). " +
                             "Accounts stay; the next run analyses the graph without the rows.")
            .ProducesValidationProblem();

        group.MapGet("/removals", async (IInfluenceStore store, CancellationToken ct) =>
                TypedResults.Ok((await store.ListRemovalsAsync(100, ct)).Select(ToDto).ToList()))
            .WithName("ListRemovals")
            .WithSummary("The removal audit, newest first (at most 100; needs the API key)");
        return app;
    }

    public static async Task<Results<Ok<RemovalDto>, ValidationProblem>> RemoveAsync(
        RemovalRequestDto body, IInfluenceStore store, HttpContext http, CancellationToken cancellationToken)
    {
        RemovalTarget what = body.What?.ToLowerInvariant() switch
        {
            null or "interactions" => RemovalTarget.Interactions,
            "follows" => RemovalTarget.Follows,
            "both" => RemovalTarget.Both,
            _ => (RemovalTarget)(-1),
        };
        if (!Enum.IsDefined(what))
            return Problems.Invalid("what", $"unknown target {RowRules.Quote(body.What)}; use interactions, follows or both.");
        InteractionKind? kind = null;
        if (body.Kind is { } kindText)
        {
            if (RowRules.ParseKind(kindText, out InteractionKind k) is { } reason) return Problems.Invalid("kind", reason);
            kind = k;
        }
        var filter = new RemovalFilter
        {
            What = what, Account = body.Account, Source = body.Source, Target = body.Target, Kind = kind,
            From = body.From, To = body.To, WeightAbove = body.WeightAbove,
        };
        if (filter.Problem() is { } problem) return Problems.Invalid("filter", problem);
        string actor = $"api:{http.Connection.RemoteIpAddress?.ToString() ?? "local"}";
        return TypedResults.Ok(ToDto(await store.RemoveAsync(filter, actor, cancellationToken)));
    }

    private static RemovalDto ToDto(RemovalRecord r) =>
        new(r.Id, r.At, r.Actor, r.FilterJson, r.FollowsRemoved, r.InteractionsRemoved);
}
