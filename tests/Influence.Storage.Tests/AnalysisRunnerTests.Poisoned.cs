using Influence.Core.IO;
using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Tests;

// A store holding a row stored before weights were bounded: the run fails clearly, a removal makes the next run complete.
public sealed partial class AnalysisRunnerTests
{
    [Fact]
    public async Task A_1e308_weight_stored_earlier_fails_the_run_by_name_and_a_removal_lets_the_next_run_complete()
    {
        await _store.IngestAsync(new IngestBatch(
            [new("u1", "u2"), new("u2", "u1"), new("u3", "u1")], [],
            [new("u1", "u2", InteractionKind.Reply, 1_700_000_000), new("u3", "u1", InteractionKind.Like, 1_700_000_100, 5)]));
        // The rules refuse such a row at every entry point now; an older store may still hold one.
        await Assert.ThrowsAsync<StoreValidationException>(() => _store.IngestAsync(new IngestBatch([], [],
            [new("u1", "u2", InteractionKind.Reply, 1_700_000_200, 1e308)])));
        await using (var raw = new SqliteConnection($"Data Source={_store.DatabasePath}"))
        {
            await raw.OpenAsync();
            using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO interactions(source, target, kind, timestamp, weight) VALUES (1, 2, 0, 1700000200, 1e308);";
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        var runner = new AnalysisRunner(_store);
        var failure = await Assert.ThrowsAnyAsync<ArgumentException>(() => runner.RunAsync());
        Assert.Contains("weight", failure.Message);
        Assert.Contains("influence remove", failure.Message);
        Assert.Equal("failed", (await _store.ListRunsAsync())[0].State);

        RemovalRecord removed = await _store.RemoveAsync(new RemovalFilter { WeightAbove = RowRules.MaxWeight }, "test");
        Assert.Equal(1, removed.InteractionsRemoved);
        AnalysisRunOutcome outcome = await runner.RunAsync();
        Assert.Equal("completed", outcome.Run.State);
        Assert.Equal(2, outcome.Result.Summary.Interactions);
    }
}
