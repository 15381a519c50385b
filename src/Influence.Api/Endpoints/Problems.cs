using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>The ProblemDetails answers shared by the endpoints (RFC 7807).</summary>
internal static class Problems
{
    public static ProblemHttpResult NoRun() => Problem(StatusCodes.Status404NotFound, "No analysis yet",
        "No completed analysis run is available yet. Ingest data and start a run (POST /api/v1/runs), or wait for the run in progress.");

    public static ProblemHttpResult UnknownAccount(string id) =>
        Problem(StatusCodes.Status404NotFound, "Unknown account", $"Account '{id}' is not in the latest completed run.");

    public static ProblemHttpResult UnknownCommunity(int id) =>
        Problem(StatusCodes.Status404NotFound, "Unknown community", $"Community {id} is not in the latest completed run.");

    public static ProblemHttpResult GraphUnavailable() => Problem(StatusCodes.Status503ServiceUnavailable, "Graph not loaded",
        "This query needs the graph of the latest run, which is not loaded (yet); retry once the store is reachable.");

    public static ProblemHttpResult UnknownRun(long id) =>
        Problem(StatusCodes.Status404NotFound, "Unknown run", $"Run {id} does not exist; GET /api/v1/runs lists the runs.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static ProblemHttpResult RunNotServed(long id, long served) => TypedResults.Problem(
        title: "Run not served",
        detail: $"Run {id} is not the run being served (run {served}, the latest completed one); only the served run's tables can be downloaded.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>409 naming the run that holds the store's one run slot and the process holding it (also as <c>runId</c>, <c>owner</c>).</summary>
    public static ProblemHttpResult RunInProgress(QueryFailure.RunInProgress run) => TypedResults.Problem(
        title: "A run is already in progress",
        detail: run.Id > 0
            ? $"Run {run.Id} is queued or running, held by {run.Owner ?? "another process"}{(run.LeaseExpiresAt is { } lease ? $" (lease until {lease.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, renewed while it runs)" : "")}; " +
              $"one run at a time per store. Follow it at /api/v1/runs/{run.Id} and start a new one when it ends."
            : "A run is being registered by this process; retry in a moment.",
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["runId"] = run.Id, ["owner"] = run.Owner });

    /// <summary>The HTTP answer of a query: 200 with its value, or the problem its failure stands for.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this QueryResult<T> result) where T : class =>
        result.Failure switch
        {
            null => TypedResults.Ok(result.Value!),
            QueryFailure.Invalid invalid => Invalid(invalid.Errors, invalid.Detail),
            { } failure => For(failure),
        };

    /// <summary>The HTTP answer of a lookup by id, which has no parameters to reject (so no 400 in its OpenAPI).</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToHttpLookup<T>(this QueryResult<T> result) where T : class =>
        result.Failure is { } failure ? For(failure) : TypedResults.Ok(result.Value!);

    /// <summary>The one HTTP answer of each kind of query failure (a rejected request is better served by <see cref="Invalid(Dictionary{string, string[]}, string?)"/>).</summary>
    public static ProblemHttpResult For(QueryFailure failure) => failure switch
    {
        QueryFailure.NoRun => NoRun(),
        QueryFailure.UnknownAccount a => UnknownAccount(a.Id),
        QueryFailure.UnknownCommunity c => UnknownCommunity(c.Id),
        QueryFailure.UnknownRun r => UnknownRun(r.Id),
        QueryFailure.RunNotServed r => RunNotServed(r.Id, r.Served),
        QueryFailure.GraphUnavailable => GraphUnavailable(),
        QueryFailure.RunInProgress r => RunInProgress(r),
        QueryFailure.RunNotStarted r => Problem(StatusCodes.Status503ServiceUnavailable, "The run could not be started", r.Reason),
        QueryFailure.Invalid invalid => Problem(StatusCodes.Status400BadRequest, "Invalid request", invalid.Detail ?? FirstError(invalid.Errors)),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "A query failure without an HTTP answer."),
    };

    public static ValidationProblem Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] },
            title: "Invalid request", detail: $"{field}: {reason}");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, title: "Invalid request", detail: detail ?? FirstError(errors));

    private static string FirstError(Dictionary<string, string[]> errors)
    {
        foreach (var (field, reasons) in errors)
            return errors.Count == 1 ? $"{field}: {reasons[0]}" : $"{errors.Count} invalid fields; first {field}: {reasons[0]}";
        return "Invalid request.";
    }
}
