using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>
/// Writes ProblemDetails as JSON also when the request's Accept header names no JSON type (a browser asks for
/// text/html): the framework's writer declines those, and the answer would be a bare status line. Registered after
/// the framework's writer, so it only takes what that one declines.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        HttpResponse response = context.HttpContext.Response;
        ProblemDetails problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        JsonSerializerOptions options = jsonOptions.Value.SerializerOptions;
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), options, "application/problem+json"));
    }
}
