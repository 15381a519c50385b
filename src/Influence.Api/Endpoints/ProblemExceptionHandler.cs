using Influence.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Influence.Api.Endpoints;

/// <summary>
/// Turns exceptions into ProblemDetails. Bad input the framework detects while binding (malformed JSON,
/// a number that is not a number, an oversized body) becomes 400/413 with the framework's precise
/// message, never a 500; an unreachable store becomes 503.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title, string detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                Describe(bad)),
            StoreValidationException invalid => (StatusCodes.Status400BadRequest, "Invalid records", invalid.Message),
            StoreUnavailableException down => (StatusCodes.Status503ServiceUnavailable, "Store unavailable", down.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The client went away."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The service failed to answer; the error is in its log."),
        };
        if (status >= 500) logger.LogError(exception, "Request {Method} {Path} failed.", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException bad)
    {
        // Body JSON errors carry the position in the inner JsonException.
        if (bad.InnerException is System.Text.Json.JsonException json)
            return $"{bad.Message} {json.Message}";
        return bad.Message;
    }
}
