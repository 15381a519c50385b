using Influence.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Influence.Api.Endpoints;

/// <summary>Ready when the store answers a cheap query within a few seconds.</summary>
public sealed class StoreHealthCheck(IInfluenceStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            StoreStats stats = await store.GetStatsAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{store.Kind} store: {stats.Accounts} accounts, {stats.CompletedRuns} completed runs.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{store.Kind} store unreachable: {ex.Message}", ex);
        }
    }
}

/// <summary><c>/health/live</c> (process up) and <c>/health/ready</c> (store reachable).</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Health").WithSummary("Liveness: 200 Healthy while the process runs");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .WithTags("Health").WithSummary("Readiness: 200 when the store is reachable, 503 otherwise");
        return app;
    }
}
