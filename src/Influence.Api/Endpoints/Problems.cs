using Microsoft.AspNetCore.Http.HttpResults;

namespace Influence.Api.Endpoints;

/// <summary>The ProblemDetails answers shared by the endpoints (RFC 7807).</summary>
internal static class Problems
{
    public static ProblemHttpResult NoRun() => TypedResults.Problem(
        title: "No analysis yet",
        detail: "No completed analysis run is available yet. Ingest data and start a run (POST /api/v1/runs), or wait for the run in progress.",
        statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UnknownAccount(string id) => TypedResults.Problem(
        title: "Unknown account",
        detail: $"Account '{id}' is not in the latest completed run.",
        statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UnknownCommunity(int id) => TypedResults.Problem(
        title: "Unknown community",
        detail: $"Community {id} is not in the latest completed run.",
        statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult GraphUnavailable() => TypedResults.Problem(
        title: "Graph not loaded",
        detail: "This query needs the graph of the latest run, which is not loaded (yet); retry once the store is reachable.",
        statusCode: StatusCodes.Status503ServiceUnavailable);

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

/// <summary>Collects validation errors keyed by field.</summary>
internal sealed class Validation
{
    private Dictionary<string, string[]>? _errors;

    public bool IsValid => _errors is null;

    public Dictionary<string, string[]> Errors => _errors ?? [];

    public void Add(string field, string reason)
    {
        _errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        _errors[field] = _errors.TryGetValue(field, out string[]? existing) ? [.. existing, reason] : [reason];
    }

    /// <summary>Checks <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max)) Add(field, $"must be between {min} and {max}; got {v}.");
    }
}
