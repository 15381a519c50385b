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
        var failed = await store.BeginRunAsync(null);   // neither a failed nor a running run is "previous"
        await store.FailRunAsync(failed.Id, "cancelled");
        var running = await store.BeginRunAsync(null);

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
        await store.CompleteRunAsync(first.Id, SampleResult(ids, 0.5));
        Assert.Equal(first.Id, (await store.LatestCompletedRunAsync())!.Id);

        // One run at a time per store, so runs complete in the order they began; a failed or running run is never the latest.
        var second = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(second.Id, SampleResult(ids, 0.25));
        var failed = await store.BeginRunAsync(null);
        await store.FailRunAsync(failed.Id, "cancelled");
        var running = await store.BeginRunAsync(null);

        RunInfo latest = (await store.LatestCompletedRunAsync())!;
        Assert.Equal((second.Id, "completed"), (latest.Id, latest.State));
        Assert.Equal((await store.LoadLatestRunAsync())!.Value.Run.Id, latest.Id);
        Assert.True(running.Id > latest.Id);
    }
}
