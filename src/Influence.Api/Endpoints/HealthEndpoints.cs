using Influence.Storage;
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

/// <summary><c>/health/live</c> (process up) and <c>/health/ready</c> (store reachable), in every environment.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live)
            .WithName("Live")
            .WithSummary("Liveness: 200 Healthy while the process runs")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness: 200 when the store is reachable, 503 otherwise")
            .WithDescription("The body is Healthy, or Unhealthy with the reason (e.g. the store cannot be reached).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");
        return app;
    }

    public static ContentHttpResult Live() => TypedResults.Text("Healthy", "text/plain");

    public static async Task<ContentHttpResult> ReadyAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        HealthReport report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken);
        if (report.Status == HealthStatus.Healthy) return TypedResults.Text("Healthy", "text/plain");
        string reasons = string.Join("; ", report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description));
        return TypedResults.Text($"Unhealthy: {reasons}", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
