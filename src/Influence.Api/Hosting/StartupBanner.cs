using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>What a new user needs on start: where the API, its reference and the dashboard are, and the key.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        string baseUrl = addresses?.FirstOrDefault()?.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost") ?? "http://localhost:5080";
        baseUrl = baseUrl.TrimEnd('/');
        ApiKeyProvider keys = app.Services.GetRequiredService<ApiKeyProvider>();
        InfluenceOptions o = app.Services.GetRequiredService<IOptions<InfluenceOptions>>().Value;
        IInfluenceStore store = app.Services.GetRequiredService<IInfluenceStore>();
        string keyLine = keys.Generated
            ? $"API key (generated, saved in {keys.KeyFile}):\n    {keys.Key}"
            : keys.KeyFile is not null ? $"API key: in {keys.KeyFile} (cat it)" : "API key: from configuration (Influence:ApiKey)";
        string storeLine = store is SqliteInfluenceStore sqlite ? $"embedded SQLite {sqlite.DatabasePath}" : $"{store.Kind}";
        Console.WriteLine($"""

            Influence service
              API        {baseUrl}/api/v1/summary
              Reference  {baseUrl}/docs   (OpenAPI: {baseUrl}/openapi/v1.json)
              Dashboard  {baseUrl}/
              Store      {storeLine}
              Settings   {Path.Combine(app.Environment.ContentRootPath, "appsettings.json")} (then environment, command line)
              {keyLine}
              Send it as the X-Api-Key header for writes and runs, e.g.
                curl -X POST -H "X-Api-Key: <key>" {baseUrl}/api/v1/runs
              Change it: set Influence__ApiKey (or Influence:ApiKey in appsettings.json), or replace the key file and restart.
              Reads need the key too when Influence:RequireKeyForReads=true (now {o.RequireKeyForReads.ToString().ToLowerInvariant()}).
              {(o.DemoAccounts > 0 ? $"An empty store is filled with a {o.DemoAccounts:N0}-account demo world (seed {o.Seed}) and analysed on start." : "")}

            """);
    }
}
