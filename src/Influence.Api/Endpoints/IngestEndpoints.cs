using Influence.Api.Contracts;
using Influence.Api.Ingest;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Core.IO;
using Influence.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>Ingest of follows, unfollows and interactions (all-or-nothing batches), and removal of stored rows by filter (audited).</summary>
public static class IngestEndpoints
{
    private static readonly string[] s_bodyTypes = ["application/json", "application/x-ndjson", "text/csv", IngestParser.ParquetMediaType, "application/octet-stream"];

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1/ingest", "Ingest", AccessLevel.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        RouteHandlerBuilder Ingest(IngestKind kind, string summary, string description) =>
            group.MapPost("/" + kind.ToString().ToLowerInvariant(),
                    (HttpContext http, IInfluenceStore store, IOptions<InfluenceOptions> options, CancellationToken ct) => IngestAsync(kind, http, store, options.Value, ct))
                .WithName($"Ingest{kind}")
                .WithSummary(summary)
                .WithDescription(description);

        Ingest(IngestKind.Follows, "Add follows (needs the API key)",
                "Body: JSON array [{\"source\":\"@a\",\"target\":\"@b\",\"since\":1700000000}], CSV (text/csv) with header source,target[,since], " +
                "JSON Lines (application/x-ndjson) or a Parquet file (application/vnd.apache.parquet; columns by the CSV names). source follows target. All-or-nothing: any bad row → 400 listing every bad row, nothing stored. Idempotent.")
            .Accepts<FollowRowDto[]>(s_bodyTypes[0], s_bodyTypes[1..]);
        Ingest(IngestKind.Unfollows, "End follows (needs the API key)",
                "Body: JSON array [{\"source\":\"@a\",\"target\":\"@b\",\"at\":1700000000}], CSV with header source,target[,at], JSON Lines or Parquet.")
            .Accepts<UnfollowRowDto[]>(s_bodyTypes[0], s_bodyTypes[1..]);
        Ingest(IngestKind.Interactions, "Add interactions (needs the API key)",
                "Body: JSON array [{\"source\":\"@fan\",\"target\":\"@star\",\"kind\":\"reply\",\"timestamp\":1700000000,\"weight\":1,\"stance\":0.8}], " +
                "CSV with header source,target,kind[,timestamp,weight,stance], JSON Lines or Parquet. kind: reply, mention, share (retweet/repost), quote, comment, like; " +
                "weight > 0 and ≤ 1,000,000 (default 1); stance in [-1, 1] (optional); times Unix seconds or ISO-8601 (numbers above 1e11 are refused as milliseconds). Rules: docs/cli.md \"Row rules\".")
            .Accepts<InteractionRowDto[]>(s_bodyTypes[0], s_bodyTypes[1..]);

        // The operator's way out of bad data: delete stored rows by filter, audited in the store (no body limits of their own).
        RouteGroupBuilder removals = app.MapCapability("/api/v1/ingest", "Ingest", AccessLevel.Write);
        removals.Post("/remove", RemoveRows, "Delete stored interactions and/or follows by filter (needs the API key)")
            .WithDescription("Body: {\"what\":\"interactions\",\"weightAbove\":1000000} — conditions account, source, target, kind, from, to (Unix seconds), " +
                             "weightAbove; all must hold, at least one is required. One transaction; recorded in the removal audit (GET /api/v1/ingest/removals). " +
                             "Accounts stay; the next run analyses the graph without the rows.")
            .ProducesValidationProblem();

        removals.Get("/removals", ListRemovals, "The removal audit, newest first (at most 100; needs the API key)");
        return app;
    }

    /// <summary>Reads the body (bounded), parses every row, stores the batch in one transaction.</summary>
    public static async Task<Results<Ok<IngestResultDto>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        IngestKind kind, HttpContext http, IInfluenceStore store, InfluenceOptions options, CancellationToken cancellationToken)
    {

        long limit = options.MaxRequestBytes;
        if (http.Request.ContentLength > limit) return TooLarge($"The body has {http.Request.ContentLength:N0} bytes; the limit is {limit:N0} (Influence:MaxRequestBytes).");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit;
        byte[]? body = await ReadBoundedAsync(http.Request.Body, limit, cancellationToken);
        if (body is null) return TooLarge($"The body exceeds the limit of {limit:N0} bytes (Influence:MaxRequestBytes).");
        if (body.Length == 0) return Problems.Invalid("body", "empty body: send at least one row.");
        // A Parquet body is known by its magic bytes whatever its Content-Type says, so the type is judged after reading.
        if (IngestParser.FormatOf(http.Request.ContentType, body) is not { } format) return UnsupportedType(http);

        IngestParseResult parsed = IngestParser.Parse(body, kind, format, options.MaxIngestRows);
        if (parsed.TooManyRows)
            return TooLarge($"The body holds more than {options.MaxIngestRows:N0} rows (Influence:MaxIngestRows); split it into smaller batches.");
        if (parsed.Errors.Count > 0) return RowErrors(parsed.Errors, parsed.MoreErrors);
        if (parsed.Rows == 0) return Problems.Invalid("body", "no rows in the body.");

        // The readers applied the store's rules (RowRules), so the store refuses nothing of this batch.
        IngestResult r = await store.IngestAsync(new IngestBatch(parsed.Follows, parsed.Unfollows, parsed.Interactions), cancellationToken);
        return TypedResults.Ok(new IngestResultDto(r.FollowsAdded, r.Unfollowed, r.InteractionsAdded, r.Unchanged));
    }

    private static ProblemHttpResult UnsupportedType(HttpContext http) =>
        TypedResults.Problem(title: "Unsupported body type",
            detail: $"Content-Type '{http.Request.ContentType}' is not accepted; send application/json (array), application/x-ndjson (JSON Lines), " +
                    $"text/csv or {IngestParser.ParquetMediaType} (a Parquet file).",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    private static ValidationProblem RowErrors(List<IngestError> errors, int more)
    {
        var dict = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (IngestError e in errors)
            dict[e.Key] = dict.TryGetValue(e.Key, out string[]? existing) ? [.. existing, e.Reason] : [e.Reason];
        int total = errors.Count + more;
        string detail = $"{total} invalid row field(s); nothing from this batch was stored. First: {errors[0].Key}: {errors[0].Reason}" +
                        (more > 0 ? $" ({more} more not listed)" : "");
        return Problems.Invalid(dict, detail);
    }

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(title: "Request too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        while (true)
        {
            int read;
            try
            {
                read = await body.ReadAsync(chunk, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }
            if (read == 0) break;
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
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
