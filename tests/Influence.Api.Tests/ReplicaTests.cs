using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Serving;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// Several service processes on one store (docs/scaling.md): a run another process completes (here an
/// <see cref="AnalysisRunner"/> on its own store connection, as <c>influence analyze --store</c> does) is served by
/// every replica after its next poll, with its graph, and the replicas answer throughout.
/// </summary>
public sealed class ReplicaTests
{
    private static readonly Dictionary<string, string?> s_fastPoll = new() { ["Influence:RunPollSeconds"] = "0.2" };

    [Fact]
    public async Task Two_replicas_serve_a_run_completed_by_a_third_process_with_its_graph()
    {
        string dir = TestPaths.NewTempDirectory("influence-api-replicas");
        await using var first = new InfluenceApiFactory(demoAccounts: 250, settings: s_fastPoll, dataDirectory: dir);
        long before = (await first.WaitForFirstRunAsync()).Run.Id;
        await using var second = new InfluenceApiFactory(demoAccounts: 0,
            settings: new Dictionary<string, string?>(s_fastPoll) { ["Influence:AnalyzeOnStartWhenNoRun"] = "false" }, dataDirectory: dir);
        using HttpClient a = first.CreateClient(), b = second.CreateClient();
        Assert.Equal(before, (await InfluenceApiFactory.WaitForSummaryAsync(b, TimeSpan.FromSeconds(60))).Run.Id);
        // The first replica published its own run with the segment graph built; the second, once its graph is loaded.
        Assert.True(Served(first).SegmentGraphBuilt, "the run was published before its segment graph was built");
        await InfluenceApiFactory.WaitForServedRunAsync(b, before, withGraph: true);
        Assert.True(Served(second).SegmentGraphBuilt, "'graphLoaded' before the segment graph was built");

        long after;
        await using (var other = SqliteInfluenceStore.InDataDirectory(dir))
        {
            await other.InitializeAsync();
            after = (await new AnalysisRunner(other).RunAsync()).Run.Id;
        }

        Assert.True(after > before);
        foreach (HttpClient replica in new[] { a, b })
        {
            SummaryDto summary = await InfluenceApiFactory.WaitForServedRunAsync(replica, after);
            // Swapped in whole: the first answer naming the new run already has its graph (segments work at once).
            Assert.True(summary.GraphLoaded, "the new run was served before its graph was read");
            Assert.True(Served(replica == a ? first : second).SegmentGraphBuilt);
            var top = (await replica.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=2"))!.Items;
            using var segment = await replica.PostAsJsonAsync("/api/v1/segments/influencers", new { seeds = new[] { top[0].Id, top[1].Id }, k = 5 });
            Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        }
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public void A_negative_poll_interval_is_refused_on_start()
    {
        using var factory = new InfluenceApiFactory(demoAccounts: 0, settings: new Dictionary<string, string?> { ["Influence:RunPollSeconds"] = "-1" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("RunPollSeconds", error.ToString());
    }

    private static AnalysisSnapshot Served(InfluenceApiFactory factory) =>
        factory.Services.GetRequiredService<SnapshotHolder>().Current ?? throw new InvalidOperationException("no run served");
}
