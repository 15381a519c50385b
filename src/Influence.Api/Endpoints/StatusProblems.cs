using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;

namespace Influence.Api.Endpoints;

/// <summary>
/// Completes the ProblemDetails of answers no handler wrote a sentence for (unknown route 404, 405, bare status codes
/// from the framework), so every 4xx says what to do. Registered as <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.
/// </summary>
public static class StatusProblems
{
    /// <summary>Where a caller finds the API reference.</summary>
    public const string ReferenceHint = "The API lives under /api/v1; its reference is at /docs (OpenAPI: /openapi/v1.json).";

    public static void Complete(ProblemDetailsContext context)
    {
        if (!string.IsNullOrEmpty(context.ProblemDetails.Detail)) return;
        HttpContext http = context.HttpContext;
        HttpRequest request = http.Request;
        int status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        string target = $"{request.Method} {request.Path}";
        context.ProblemDetails.Detail = status switch
        {
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"Nothing answers {target}: no such route (check the path and the type of ids in it). {ReferenceHint}",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}" +
                (http.Response.Headers.Allow is { Count: > 0 } allow ? $"; it answers {string.Join(", ", allow.ToArray())}." : ".") + $" {ReferenceHint}",
            StatusCodes.Status413PayloadTooLarge =>
                $"The body of {target} is larger than the service accepts" +
                (http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit ? $" ({limit:N0} bytes)" : "") +
                "; send a smaller body, or raise Influence:MaxRequestBytes.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{target} does not take a body of type '{request.ContentType}'" +
                (AcceptedTypes(http) is { Count: > 0 } accepted ? $"; send Content-Type: {string.Join(" or ", accepted)}." : ".") + $" {ReferenceHint}",
            _ => $"{target} answered {status} {ReasonPhrases.GetReasonPhrase(status)}. {ReferenceHint}",
        };
    }

    /// <summary>The body types the endpoints of this path and method accept. Routing answers 415 with a stand-in endpoint
    /// that carries no metadata, so the real ones are looked up by path.</summary>
    private static List<string> AcceptedTypes(HttpContext http)
    {
        var types = new List<string>();
        EndpointDataSource? source = http.RequestServices.GetService<EndpointDataSource>();
        if (source is null) return types;
        foreach (Endpoint endpoint in source.Endpoints)
        {
            if (endpoint is not RouteEndpoint route || route.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts) continue;
            if (route.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && !methods.HttpMethods.Contains(http.Request.Method)) continue;
            if (!new TemplateMatcher(new RouteTemplate(route.RoutePattern), []).TryMatch(http.Request.Path, [])) continue;
            foreach (string type in accepts.ContentTypes)
                if (!types.Contains(type)) types.Add(type);
        }
        return types;
    }
}
