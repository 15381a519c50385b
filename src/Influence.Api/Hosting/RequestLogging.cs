using System.Diagnostics;
using Influence.Api.Options;
using Microsoft.Extensions.Configuration.Memory;

namespace Influence.Api.Hosting;

/// <summary>
/// Request logging is off by default: the framework's per-request lines (Microsoft.AspNetCore at Information) would
/// write gigabytes under load. <see cref="InfluenceOptions.RequestLogSampleRate"/> turns on one line for every
/// 1/rate-th request (method, path, status, time), so a busy service logs a steady trickle.
/// </summary>
public static class RequestLogging
{
    /// <summary>Lowest-priority configuration: framework request logs at Warning unless appsettings, the environment or
    /// the command line say otherwise. Holds even when no appsettings.json is found.</summary>
    public static void AddQuietFrameworkDefaults(this ConfigurationManager configuration)
    {
        var defaults = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        };
        configuration.Sources.Insert(0, defaults);
    }

    /// <summary>Adds the sampling middleware when the rate is above 0 (nothing at all runs per request otherwise).</summary>
    public static IApplicationBuilder UseSampledRequestLogging(this IApplicationBuilder app, double rate)
    {
        if (rate <= 0) return app;
        long every = Math.Max(1, (long)Math.Round(1 / Math.Min(rate, 1)));
        ILogger logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Influence.Api.Requests");
        long seen = 0;
        return app.Use(async (context, next) =>
        {
            if (Interlocked.Increment(ref seen) % every != 0)
            {
                await next(context);
                return;
            }
            long started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogInformation("{Method} {Path}{Query} answered {Status} in {Milliseconds:F1} ms (1 in {Every} requests is logged)",
                    context.Request.Method, context.Request.Path, context.Request.QueryString, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, every);
            }
        });
    }
}

/// <summary>Whether the caller chose a content root (command line or environment).</summary>
public static class ContentRoot
{
    public static bool IsGiven(string[] args)
    {
        foreach (string arg in args)
            if (arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
                return true;
        return !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
               || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
    }
}
