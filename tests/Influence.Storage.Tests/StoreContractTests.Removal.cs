using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage.Tests;

// The removal part of the store contract: delete by filter, audited, one transaction.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Removal_by_weight_kind_time_and_account_deletes_exactly_the_matching_rows_and_is_audited()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        await store.IngestAsync(new IngestBatch([], [],
        [
            new("erin", "alice", InteractionKind.Like, 1_700_000_000, 900_000),
            new("erin", "bob", InteractionKind.Like, 1_700_000_500, 2),
        ]));
        Assert.Equal(5, (await store.GetStatsAsync()).Interactions);

        RemovalRecord heavy = await store.RemoveAsync(new RemovalFilter { WeightAbove = 1000 }, "test:heavy");
        Assert.Equal((0L, 1L), (heavy.FollowsRemoved, heavy.InteractionsRemoved));

        // Replies of bob in [1_700_000_000, 1_700_000_060): only the first of his two replies.
        RemovalRecord window = await store.RemoveAsync(new RemovalFilter
        {
            Source = "bob", Kind = InteractionKind.Reply, From = 1_700_000_000, To = 1_700_000_060,
        }, "test:window");
        Assert.Equal(1, window.InteractionsRemoved);

        // Everything of carol, follows and interactions; the account stays.
        RemovalRecord carol = await store.RemoveAsync(new RemovalFilter { What = RemovalTarget.Both, Account = "carol" }, "test:carol");
        Assert.Equal((1L, 1L), (carol.FollowsRemoved, carol.InteractionsRemoved));

        StoreStats stats = await store.GetStatsAsync();
        Assert.Equal((5L, 3L, 2L), (stats.Accounts, stats.ActiveFollows, stats.Interactions));
        InfluenceInput graph = await store.ReadGraphAsync();
        Assert.Equal(2, graph.Interactions.Count);
        Assert.DoesNotContain(900_000, graph.Interactions.Weight.ToArray());

        IReadOnlyList<RemovalRecord> audit = await store.ListRemovalsAsync();
        Assert.Equal(["test:carol", "test:window", "test:heavy"], audit.Select(a => a.Actor));
        Assert.Contains("\"weightAbove\":1000", audit[2].FilterJson);
        Assert.True(audit[0].Id > audit[1].Id);
        Assert.Equal((1L, 1L), (audit[0].FollowsRemoved, audit[0].InteractionsRemoved));
    }

    [SkippableFact]
    public async Task A_removal_without_conditions_or_with_a_bad_one_is_refused_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(new RemovalFilter { What = RemovalTarget.Both }, "test"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(new RemovalFilter { From = 10, To = 5 }, "test"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(new RemovalFilter { What = RemovalTarget.Follows, Kind = InteractionKind.Like }, "test"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(new RemovalFilter { Account = "a\0" }, "test"));
        Assert.Equal(new StoreStats(4, 4, 3, 0), await store.GetStatsAsync());
        Assert.Empty(await store.ListRemovalsAsync());

        RemovalRecord nothing = await store.RemoveAsync(new RemovalFilter { Account = "nobody" }, "test");
        Assert.Equal((0L, 0L), (nothing.FollowsRemoved, nothing.InteractionsRemoved));
        Assert.Single(await store.ListRemovalsAsync());
    }
}
