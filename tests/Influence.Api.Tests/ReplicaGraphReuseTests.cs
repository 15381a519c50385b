using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Hosting;
using Influence.Api.Serving;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// A replica picking up a run another process completed re-reads the graph only when the store's graph stamp moved
/// since the graph it holds was read (docs/scaling.md): on an unchanged store it keeps its graph (the same object, and
/// its segment graph) and reads only the run's results; after rows were ingested it reads the graph again.
/// </summary>
public sealed class ReplicaGraphReuseTests
{
    [Fact]
    public async Task A_run_completed_elsewhere_on_an_unchanged_store_is_served_on_the_graph_held_and_after_ingest_the_graph_is_read_again()
    {
        string dir = TestPaths.NewTempDirectory("influence-api-reuse");
        await using var a = new InfluenceApiFactory(demoAccounts: 250, settings: InfluenceApiFactory.ReplicaSettings(true), dataDirectory: dir);
        long first = (await a.WaitForFirstRunAsync()).Run.Id;
        await using var b = new InfluenceApiFactory(demoAccounts: 0, settings: InfluenceApiFactory.ReplicaSettings(false), dataDirectory: dir);
        using HttpClient clientA = a.CreateClient(), clientB = b.CreateClient();
        await InfluenceApiFactory.WaitForServedRunAsync(clientB, first, withGraph: true);
        // A served its own run (the graph its analysis read), B read the graph on start.
        var replicas = new[] { (Factory: a, Client: clientA), (Factory: b, Client: clientB) };
        AnalysisSnapshot[] held = replicas.Select(r => Served(r.Factory)).ToArray();
        int[] readsBefore = replicas.Select(r => Loader(r.Factory).GraphReads).ToArray();
        Assert.Equal([0, 1], readsBefore);
        Assert.All(held, s => Assert.NotNull(s.GraphVersion));

        // 1. Another process analyses the unchanged store.
        long second = await AnalyseElsewhereAsync(dir);
        for (int i = 0; i < replicas.Length; i++)
        {
            await InfluenceApiFactory.WaitForServedRunAsync(replicas[i].Client, second, withGraph: true);
            StoredRunLoader loader = Loader(replicas[i].Factory);
            AnalysisSnapshot now = Served(replicas[i].Factory);
            Assert.Equal((readsBefore[i], 1), (loader.GraphReads, loader.GraphsReused));
            Assert.Same(held[i].Graph, now.Graph);
            Assert.True(now.SegmentGraphBuilt, "the segment graph of the graph held was not carried over");
            await AssertSegmentsAnswerAsync(replicas[i].Client);
        }

        // 2. Rows arrive (through another process's store), then a run: the graph held is stale, both read it again.
        await using (var writer = SqliteInfluenceStore.InDataDirectory(dir))
        {
            await writer.InitializeAsync();
            await writer.IngestAsync(new IngestBatch([new("@newcomer", "u1")], [], []));
        }
        long third = await AnalyseElsewhereAsync(dir);
        for (int i = 0; i < replicas.Length; i++)
        {
            await InfluenceApiFactory.WaitForServedRunAsync(replicas[i].Client, third, withGraph: true);
            StoredRunLoader loader = Loader(replicas[i].Factory);
            AnalysisSnapshot now = Served(replicas[i].Factory);
            Assert.Equal((readsBefore[i] + 1, 1), (loader.GraphReads, loader.GraphsReused));
            Assert.NotSame(held[i].Graph, now.Graph);
            Assert.True(now.Graph!.Ids.TryGetNode("@newcomer", out _), "the re-read graph lacks the ingested account");
            Assert.True(now.GraphVersion > held[i].GraphVersion, $"graph version {held[i].GraphVersion} -> {now.GraphVersion}");
            var profile = (await replicas[i].Client.GetFromJsonAsync<AccountProfileDto>("/api/v1/accounts/%40newcomer"))!;
            Assert.Equal(1, profile.Following);
            await AssertSegmentsAnswerAsync(replicas[i].Client);
        }
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private static async Task<long> AnalyseElsewhereAsync(string dir)
    {
        await using var other = SqliteInfluenceStore.InDataDirectory(dir);
        await other.InitializeAsync();
        return (await new AnalysisRunner(other).RunAsync()).Run.Id;
    }

    private static StoredRunLoader Loader(InfluenceApiFactory factory) => factory.Services.GetRequiredService<StoredRunLoader>();

    private static AnalysisSnapshot Served(InfluenceApiFactory factory) =>
        factory.Services.GetRequiredService<SnapshotHolder>().Current ?? throw new InvalidOperationException("no run served");

    private static async Task AssertSegmentsAnswerAsync(HttpClient client)
    {
        var top = (await client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=2"))!.Items;
        using var segment = await client.PostAsJsonAsync("/api/v1/segments/influencers", new { seeds = new[] { top[0].Id, top[1].Id }, k = 5 });
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
    }
}
