using System.Net;
using System.Net.Http.Json;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Jobs;
using Influence.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>Holds a run after its graph was read until the test opens the gate.</summary>
public sealed class GatedJobHooks : AnalysisJobHooks
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _reached = new(0);

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    /// <summary>Waits until a run has read its graph and is held at the gate.</summary>
    public Task<bool> WaitUntilHeldAsync(TimeSpan timeout) => _reached.WaitAsync(timeout);

    public override void AfterGraphRead(long runId, CancellationToken cancellationToken)
    {
        if (_open.IsSet) return;
        _reached.Release();
        _open.Wait(cancellationToken);
    }
}

/// <summary>Job lifecycle, one run at a time, and what readers and writers see while a run computes.</summary>
public sealed class RunJobTests : IAsyncLifetime
{
    private readonly GatedJobHooks _hooks = new();
    private readonly InfluenceApiFactory _factory;

    public RunJobTests()
    {
        _factory = new InfluenceApiFactory(demoAccounts: 300,
            configureServices: s => s.AddSingleton<AnalysisJobHooks>(_hooks));
    }

    public Task InitializeAsync() => _factory.WaitForFirstRunAsync();

    public async Task DisposeAsync()
    {
        _hooks.Open();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Run_lifecycle_one_at_a_time_reads_serve_the_previous_run_and_ingest_lands_in_the_next()
    {
        using var keyed = _factory.CreateKeyedClient();
        using var reader = _factory.CreateClient();
        var before = await reader.GetFromJsonAsync<SummaryDto>("/api/v1/summary");

        _hooks.Close();
        using var start = await keyed.PostAsync("/api/v1/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = await start.Content.ReadFromJsonAsync<JobDto>();
        Assert.True(job!.Id > before!.Run.Id);
        Assert.Equal($"/api/v1/runs/{job.Id}", start.Headers.Location?.OriginalString);
        Assert.Contains(job.State, new[] { "queued", "running" });
        Assert.True(await _hooks.WaitUntilHeldAsync(TimeSpan.FromSeconds(60)), "the run never reached the gate");

        // While it runs: progress is visible, a second run is refused, reads serve the previous run.
        var running = await reader.GetFromJsonAsync<JobDto>($"/api/v1/runs/{job.Id}");
        Assert.Equal("running", running!.State);
        Assert.InRange(running.Percent, 1, 99.9);
        Assert.Null(running.CompletedAt);
        using (var busy = await keyed.PostAsync("/api/v1/runs", null))
        {
            var problem = await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict);
            Assert.Contains(job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
        }
        var during = await reader.GetFromJsonAsync<SummaryDto>("/api/v1/summary");
        Assert.Equal(before.Run.Id, during!.Run.Id);

        // Ingest during the run is accepted (it was read before this batch, so it belongs to the next run).
        using (var ingest = await keyed.PostAsync("/api/v1/ingest/follows",
                   new StringContent("[{\"source\":\"@late-comer\",\"target\":\"u1\"}]", Encoding.UTF8, "application/json")))
            Assert.Equal(1, (await HttpAssert.OkAsync<IngestResultDto>(ingest)).FollowsAdded);

        _hooks.Open();
        JobDto done = await InfluenceApiFactory.WaitForRunStateAsync(reader, job.Id, "completed");
        Assert.Equal(100, done.Percent);
        Assert.NotNull(done.Summary);
        Assert.NotNull(done.CompletedAt);
        Assert.Null(done.Error);
        var after = await reader.GetFromJsonAsync<SummaryDto>("/api/v1/summary");
        Assert.Equal(job.Id, after!.Run.Id);
        using (var absent = await reader.GetAsync("/api/v1/accounts/%40late-comer"))
            await HttpAssert.ProblemAsync(absent, HttpStatusCode.NotFound);

        // The next run includes it.
        using var next = await keyed.PostAsync("/api/v1/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        var nextJob = await next.Content.ReadFromJsonAsync<JobDto>();
        await InfluenceApiFactory.WaitForRunStateAsync(reader, nextJob!.Id, "completed");
        var profile = await reader.GetFromJsonAsync<AccountProfileDto>("/api/v1/accounts/%40late-comer");
        Assert.Equal(1, profile!.Following);
        Assert.Equal(before.Summary.Nodes + 1, (await reader.GetFromJsonAsync<SummaryDto>("/api/v1/summary"))!.Summary.Nodes);

        // History: newest first, all completed.
        List<JobDto> history = (await reader.GetFromJsonAsync<List<JobDto>>("/api/v1/runs"))!;
        Assert.Equal(history.Select(r => r.Id).OrderByDescending(id => id), history.Select(r => r.Id));
        Assert.Equal(nextJob.Id, history[0].Id);
        Assert.Contains(history, r => r.Id == before.Run.Id && r.State == "completed" && r.Percent == 100);
    }

    [Fact]
    public async Task Unknown_run_is_404_and_bad_id_is_400_or_404()
    {
        using var client = _factory.CreateClient();
        using (var unknown = await client.GetAsync("/api/v1/runs/987654"))
        {
            var problem = await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
            Assert.Contains("987654", problem.GetProperty("detail").GetString());
        }
        using var bad = await client.GetAsync("/api/v1/runs/abc");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode); // route constraint: not a run id
    }
}
