using Microsoft.AspNetCore.Mvc;
using Influence.Api.Options;
using Microsoft.Extensions.Options;

namespace Influence.Api.Security;

/// <summary>What an endpoint group needs from the caller.</summary>
public enum AccessLevel
{
    /// <summary>Reads: open unless <see cref="InfluenceOptions.RequireKeyForReads"/>.</summary>
    Read,
    /// <summary>Writes and runs: always need the key.</summary>
    Write,
}

/// <summary>Checks <c>X-Api-Key</c>; answers 401 ProblemDetails when it is missing or wrong.</summary>
public sealed class ApiKeyFilter(AccessLevel level, ApiKeyProvider keys, IOptions<InfluenceOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (level == AccessLevel.Read && !options.Value.RequireKeyForReads) return next(context);
        HttpContext http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(ApiKeyProvider.HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return ValueTask.FromResult<object?>(Unauthorized("Missing API key",
                $"This endpoint needs the API key in the '{ApiKeyProvider.HeaderName}' header."));
        if (!keys.IsValid(values[0]))
            return ValueTask.FromResult<object?>(Unauthorized("Wrong API key",
                $"The key in the '{ApiKeyProvider.HeaderName}' header does not match the service's key."));
        return next(context);
    }

    private static IResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: title);
}

/// <summary>Adds the API key check to endpoints.</summary>
public static class ApiKeyEndpointExtensions
{
    /// <summary>Protects <paramref name="builder"/> with the key at <paramref name="level"/> and documents the 401.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, AccessLevel level) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new ApiKeyFilter(level,
                factory.ApplicationServices.GetRequiredService<ApiKeyProvider>(),
                factory.ApplicationServices.GetRequiredService<IOptions<InfluenceOptions>>());
            return ctx => filter.InvokeAsync(ctx, next);
        });
        // Every key-protected endpoint can answer 401 ProblemDetails: document it here, once.
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails),
            ["application/problem+json"]));
        return builder;
    }
}
