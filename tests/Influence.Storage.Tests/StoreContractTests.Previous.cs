using Influence.Core.Model;

namespace Influence.Storage.Tests;

// What a next run continues from: the latest completed run's community ids and PageRank vectors (issues 12, 14).
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task The_previous_run_is_the_latest_completed_one_with_its_communities_and_scores()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.LoadPreviousRunAsync());

        await store.IngestAsync(SmallWorld());
        string[] ids = ["alice", "bob", "carol", "dave"];
        var completed = SampleResult(ids, 0.25);
        var runA = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(runA.Id, completed);
        var running = await store.BeginRunAsync(null);   // neither a running nor a failed run is "previous"
        var failed = await store.BeginRunAsync(null);
        await store.FailRunAsync(failed.Id, "cancelled");

        PreviousRun previous = (await store.LoadPreviousRunAsync())!;
        Assert.Equal(ids, previous.AccountIds);
        Assert.Equal(completed.Accounts.Select(m => m.Community), previous.Community);
        Assert.Equal(completed.Accounts.Select(m => m.PageRank), previous.PageRank);
        Assert.Equal(completed.Accounts.Select(m => m.Attention), previous.Attention);
        Assert.Equal(completed.Summary.FollowEdges + completed.Summary.InteractionEdges, previous.Edges);
        GC.KeepAlive(running);
    }

    [SkippableFact]
    public async Task The_latest_completed_run_is_the_one_LoadLatestRun_loads_without_its_results()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.LatestCompletedRunAsync());

        await store.IngestAsync(SmallWorld());
        string[] ids = ["alice", "bob", "carol", "dave"];
        var first = await store.BeginRunAsync(null);
        var second = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(second.Id, SampleResult(ids, 0.25));
        Assert.Equal(second.Id, (await store.LatestCompletedRunAsync())!.Id);

        // Runs completing out of order (SQLite takes the newest completion, Neo4j the highest id): whichever the store
        // loads is the one it names; a failed run never is.
        await store.CompleteRunAsync(first.Id, SampleResult(ids, 0.5));
        var failed = await store.BeginRunAsync(null);
        await store.FailRunAsync(failed.Id, "cancelled");

        RunInfo latest = (await store.LatestCompletedRunAsync())!;
        Assert.Equal("completed", latest.State);
        Assert.Contains(latest.Id, new[] { first.Id, second.Id });
        Assert.Equal((await store.LoadLatestRunAsync())!.Value.Run.Id, latest.Id);
    }
}
