using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;

namespace Influence.Api.Tests;

/// <summary>A restart serves the stored run (no new demo world, no new run) and reloads its graph.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_serves_the_latest_stored_run_and_loads_its_graph()
    {
        string dir = TestPaths.NewTempDirectory("influence-api-restart");
        SummaryDto first;
        AccountProfileDto profile;
        await using (var before = new InfluenceApiFactory(demoAccounts: 250, dataDirectory: dir))
        {
            first = await before.WaitForFirstRunAsync();
            using var client = before.CreateClient();
            var top = await client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=1");
            profile = (await client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{top!.Items[0].Id}"))!;
        }

        await using (var after = new InfluenceApiFactory(demoAccounts: 250, dataDirectory: dir))
        {
            using var client = after.CreateClient();
            SummaryDto summary = await InfluenceApiFactory.WaitForSummaryAsync(client, TimeSpan.FromSeconds(60));
            Assert.Equal(first.Run.Id, summary.Run.Id);
            Assert.Equal(first.Summary.Nodes, summary.Summary.Nodes);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!summary.GraphLoaded && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                summary = (await client.GetFromJsonAsync<SummaryDto>("/api/v1/summary"))!;
            }
            Assert.True(summary.GraphLoaded, "the graph of the stored run was not loaded after the restart");

            var reloaded = await client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{profile.Id}");
            Assert.Equal(profile.Influence, reloaded!.Influence);
            Assert.Equal(profile.Role, reloaded.Role);
            Assert.Equal(profile.Reasons.Count, reloaded.Reasons.Count);
            var runs = await client.GetFromJsonAsync<List<JobDto>>("/api/v1/runs");
            Assert.Single(runs!);
            Assert.Equal(100, runs![0].Percent);
        }
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task On_start_a_run_whose_lease_expired_is_marked_failed_and_a_live_processs_run_is_left_alone()
    {
        string dir = TestPaths.NewTempDirectory("influence-api-interrupted");
        long completedRun;
        await using (var before = new InfluenceApiFactory(demoAccounts: 200, dataDirectory: dir))
            completedRun = (await before.WaitForFirstRunAsync()).Run.Id;

        // A process that registered a run and died before completing it (its short lease ran out), and a live
        // process (an 'influence analyze --store') whose lease still holds: only the first may be failed.
        long orphan, live;
        await using (var store = new SqliteInfluenceStore(Path.Combine(dir, SqliteInfluenceStore.DefaultFileName)) { RunLease = TimeSpan.FromMilliseconds(200) })
        {
            await store.InitializeAsync();
            orphan = (await store.BeginRunAsync("{}")).Id;
        }
        await Task.Delay(400);
        await using (var store = SqliteInfluenceStore.InDataDirectory(dir))
        {
            await store.InitializeAsync();
            live = (await store.BeginRunAsync("{}")).Id;
        }

        await using var after = new InfluenceApiFactory(demoAccounts: 200, dataDirectory: dir);
        using var client = after.CreateClient();
        SummaryDto summary = await InfluenceApiFactory.WaitForSummaryAsync(client, TimeSpan.FromSeconds(60));
        Assert.Equal(completedRun, summary.Run.Id);
        var runs = (await client.GetFromJsonAsync<List<JobDto>>("/api/v1/runs"))!;
        JobDto interrupted = Assert.Single(runs, r => r.Id == orphan);
        Assert.Equal("failed", interrupted.State);
        Assert.Contains("abandoned: its owner", interrupted.Error);
        Assert.Equal("running", Assert.Single(runs, r => r.Id == live).State);
    }
}
