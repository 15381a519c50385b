using Influence.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Influence.Api.Endpoints;

/// <summary>
/// Turns exceptions into ProblemDetails. Bad input the framework detects while binding (malformed JSON,
/// a number that is not a number, a missing body, an oversized body) becomes 400/413/415 with a sentence naming
/// the field and what is expected (<see cref="BindingProblems"/>), never a 500; an unreachable store becomes 503.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException bad => BindingProblems.Describe(bad, httpContext),
            StoreValidationException invalid => Problem(StatusCodes.Status400BadRequest, "Invalid records", invalid.Message),
            StoreUnavailableException down => Problem(StatusCodes.Status503ServiceUnavailable, "Store unavailable", down.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request", "The client went away."),
            _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The service failed to answer; the error is in its log."),
        };
        int status = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (status >= 500) logger.LogError(exception, "Request {Method} {Path} failed.", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
