using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests.Infrastructure;

/// <summary>
/// The real service (Program) on a REAL SQLite file in its own temporary data directory, with a known API key
/// and a small demo world. One factory per test class keeps tests independent.
/// </summary>
public class InfluenceApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The key every factory configures (tests send it as X-Api-Key).</summary>
    public const string TestApiKey = "test-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly bool _ownsDirectory;

    /// <param name="demoAccounts">Size of the demo world generated on start (0 = empty store).</param>
    /// <param name="settings">Extra configuration (keys like <c>Influence:RequireKeyForReads</c>).</param>
    /// <param name="configureServices">Service replacements (e.g. job hooks).</param>
    /// <param name="dataDirectory">Reuse this data directory (a restart); a fresh temporary one when null.</param>
    public InfluenceApiFactory(int demoAccounts = 400, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? TestPaths.NewTempDirectory("influence-api");
        _ownsDirectory = dataDirectory is null;
        _settings = new Dictionary<string, string?>
        {
            ["Influence:DataDirectory"] = DataDirectory,
            ["Influence:ApiKey"] = TestApiKey,
            ["Influence:DemoAccounts"] = demoAccounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Influence:Seed"] = "7",
            // Tests never reach a Neo4j server configured in the environment.
            ["Neo4j:Uri"] = "",
        };
        if (settings is not null)
            foreach (var (k, v) in settings) _settings[k] = v;
        _configureServices = configureServices;
    }

    /// <summary>Temporary data directory holding influence.db.</summary>
    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        if (_configureServices is not null) builder.ConfigureTestServices(_configureServices);
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateKeyedClient()
    {
        HttpClient client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApiKey);
        return client;
    }

    /// <summary>Waits until a completed run is served (the demo world's first analysis).</summary>
    public async Task<SummaryDto> WaitForFirstRunAsync(TimeSpan? timeout = null) =>
        await WaitForSummaryAsync(CreateClient(), timeout ?? TimeSpan.FromSeconds(120));

    /// <summary>Polls <c>/api/v1/summary</c> until it answers 200.</summary>
    /// <summary>Settings of one service replica in the multi-replica tests: polls the store for runs completed elsewhere
    /// every 0.2 s; only the first replica analyses on start when the store has no run.</summary>
    public static Dictionary<string, string?> ReplicaSettings(bool analyzeOnStart) => new()
    {
        ["Influence:RunPollSeconds"] = "0.2",
        ["Influence:AnalyzeOnStartWhenNoRun"] = analyzeOnStart ? "true" : "false",
    };

    public static async Task<SummaryDto> WaitForSummaryAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/api/v1/summary");
            if (response.StatusCode == HttpStatusCode.OK)
                return (await response.Content.ReadFromJsonAsync<SummaryDto>())!;
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            // A failed first run will never produce a summary: say why at once.
            using var runs = await client.GetAsync("/api/v1/runs");
            if (runs.IsSuccessStatusCode)
            {
                var list = await runs.Content.ReadFromJsonAsync<List<JobDto>>();
                if (list is { Count: > 0 } && list[0].State == "failed") throw new InvalidOperationException($"The first run failed: {list[0].Error}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No completed run within {timeout.TotalSeconds:F0} s; last answer {last}");
    }

    /// <summary>
    /// Polls the summary until it names <paramref name="runId"/> (and has its graph, when <paramref name="withGraph"/>):
    /// a replica serves another process's run after its next poll. Every answer meanwhile must be 200 (the previous run).
    /// </summary>
    public static async Task<SummaryDto> WaitForServedRunAsync(HttpClient client, long runId, bool withGraph = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        SummaryDto? summary = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/api/v1/summary");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            summary = (await response.Content.ReadFromJsonAsync<SummaryDto>())!;
            if (summary.Run.Id == runId && (summary.GraphLoaded || !withGraph)) return summary;
            await Task.Delay(50);
        }
        throw new TimeoutException($"run {runId} was not served within 60 s; still serving run {summary?.Run.Id}");
    }

    /// <summary>Polls <c>/api/v1/runs/{id}</c> until the run is in <paramref name="state"/>; a failed run fails the test at once.</summary>
    public static async Task<JobDto> WaitForRunStateAsync(HttpClient client, long id, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JobDto? job = null;
        while (DateTime.UtcNow < deadline)
        {
            job = (await client.GetFromJsonAsync<JobDto>($"/api/v1/runs/{id}"))!;
            if (job.State == state) return job;
            Assert.NotEqual("failed", job.State);
            await Task.Delay(50);
        }
        throw new TimeoutException($"Run {id} did not reach {state}; last {job}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            try { Directory.Delete(DataDirectory, recursive: true); }
            catch (IOException) { /* SQLite may still hold the file briefly; the temp cleaner removes it. */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
