using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Jobs;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// The one-run rule across service replicas on one store (docs/scaling.md): two real service instances on one SQLite
/// file, each with its own store connection and job queue, as two processes would have. The claim lives in the store,
/// so whichever replica is asked, one run runs; the other answers 409 naming it; a claim left by a crashed process is
/// taken over once its lease expires.
/// </summary>
public sealed class ReplicaRunClaimTests
{
    [Fact]
    public async Task Two_replicas_racing_POST_runs_start_exactly_one_run_and_the_other_answers_409_naming_it_and_its_holder()
    {
        string dir = TestPaths.NewTempDirectory("influence-api-claim");
        GatedJobHooks hooksA = new(), hooksB = new();
        await using var a = new InfluenceApiFactory(demoAccounts: 250, settings: InfluenceApiFactory.ReplicaSettings(true), dataDirectory: dir,
            configureServices: s => s.AddSingleton<AnalysisJobHooks>(hooksA));
        long first = (await a.WaitForFirstRunAsync()).Run.Id;
        await using var b = new InfluenceApiFactory(demoAccounts: 0, settings: InfluenceApiFactory.ReplicaSettings(false), dataDirectory: dir,
            configureServices: s => s.AddSingleton<AnalysisJobHooks>(hooksB));
        using HttpClient keyedA = a.CreateKeyedClient(), keyedB = b.CreateKeyedClient();
        Assert.Equal(first, (await InfluenceApiFactory.WaitForSummaryAsync(keyedB, TimeSpan.FromSeconds(60))).Run.Id);

        // Whichever replica wins holds its run after the graph read, so the other's claim meets a running run.
        hooksA.Close();
        hooksB.Close();
        JobDto started;
        HttpClient winner, loser;
        try
        {
            HttpResponseMessage[] posts = await Task.WhenAll(keyedA.PostAsync("/api/v1/runs", null), keyedB.PostAsync("/api/v1/runs", null));
            string statuses = string.Join(", ", posts.Select(p => (int)p.StatusCode));
            HttpResponseMessage accepted = Assert.Single(posts, p => p.StatusCode == HttpStatusCode.Accepted);
            HttpResponseMessage refused = Assert.Single(posts, p => p.StatusCode != HttpStatusCode.Accepted);
            (winner, loser) = accepted == posts[0] ? (keyedA, keyedB) : (keyedB, keyedA);
            started = (await accepted.Content.ReadFromJsonAsync<JobDto>())!;

            JsonElement problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.True(started.Id > first, statuses);
            Assert.Equal("A run is already in progress", problem.GetProperty("title").GetString());
            Assert.Equal(started.Id, problem.GetProperty("runId").GetInt64());
            Assert.Equal(RunLeases.CurrentOwner, problem.GetProperty("owner").GetString());
            Assert.Contains($"Run {started.Id} is queued or running, held by {RunLeases.CurrentOwner} (lease until ", problem.GetProperty("detail").GetString());

            // The losing replica shows the run from the store: running, whose, until when its lease holds.
            JobDto seen = (await loser.GetFromJsonAsync<JobDto>($"/api/v1/runs/{started.Id}"))!;
            Assert.Equal(("running", RunLeases.CurrentOwner), (seen.State, seen.Owner));
            Assert.True(seen.LeaseExpiresAt > DateTimeOffset.UtcNow, $"lease {seen.LeaseExpiresAt:O}");
            List<JobDto> history = (await loser.GetFromJsonAsync<List<JobDto>>("/api/v1/runs"))!;
            Assert.Equal([started.Id, first], history.Select(r => r.Id).ToArray());   // the refused claim registered nothing
            // A second try on the winner is refused by its own slot, naming the same run.
            using var again = await winner.PostAsync("/api/v1/runs", null);
            Assert.Equal(started.Id, (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("runId").GetInt64());
            // Bad input stays clear next to the new answers.
            using var unknown = await loser.GetAsync("/api/v1/runs/987654");
            Assert.Contains("Run 987654 does not exist", (await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
            using var unkeyed = await b.CreateClient().PostAsync("/api/v1/runs", null);
            Assert.True(unkeyed.StatusCode is HttpStatusCode.Unauthorized, $"POST without the key answered {(int)unkeyed.StatusCode}");
        }
        finally
        {
            hooksA.Open();
            hooksB.Open();
        }

        await InfluenceApiFactory.WaitForRunStateAsync(winner, started.Id, "completed");
        // Both serve it (the loser after its next poll), and the slot is free for the replica that was refused.
        foreach (HttpClient replica in new[] { winner, loser })
            await InfluenceApiFactory.WaitForServedRunAsync(replica, started.Id, withGraph: true);
        using var next = await loser.PostAsync("/api/v1/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        await InfluenceApiFactory.WaitForRunStateAsync(loser, (await next.Content.ReadFromJsonAsync<JobDto>())!.Id, "completed");
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_process_blocks_runs_until_its_lease_expires_then_is_taken_over()
    {
        await using var service = new InfluenceApiFactory(demoAccounts: 200, settings: InfluenceApiFactory.ReplicaSettings(true));
        await service.WaitForFirstRunAsync();
        RunInfo stale;
        // Another process registers a run and dies: nobody renews its lease of 4 s.
        await using (var crashed = new SqliteInfluenceStore(Path.Combine(service.DataDirectory, SqliteInfluenceStore.DefaultFileName)) { RunLease = TimeSpan.FromSeconds(4) })
        {
            await crashed.InitializeAsync();
            stale = await crashed.BeginRunAsync("{}");
        }
        using var keyed = service.CreateKeyedClient();

        using (var busy = await keyed.PostAsync("/api/v1/runs", null))
            Assert.Equal(stale.Id, (await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict)).GetProperty("runId").GetInt64());
        await Task.Delay(stale.LeaseExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        using var start = await keyed.PostAsync("/api/v1/runs", null);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        JobDto job = (await start.Content.ReadFromJsonAsync<JobDto>())!;
        JobDto abandoned = (await keyed.GetFromJsonAsync<JobDto>($"/api/v1/runs/{stale.Id}"))!;
        Assert.Equal("failed", abandoned.State);
        Assert.Contains($"abandoned: its owner {RunLeases.CurrentOwner} stopped renewing its lease", abandoned.Error);
        Assert.Null(abandoned.LeaseExpiresAt);   // shown only while a run runs
        await InfluenceApiFactory.WaitForRunStateAsync(keyed, job.Id, "completed");
    }
}
