using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Tests;

/// <summary>
/// Run ownership on a real SQLite file, with two store instances standing for two processes: the owner's
/// (short lease) and another's that looks at the runs (service start, <c>influence runs</c>).
/// </summary>
public sealed class RunLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(600);
    private readonly string _dir = TestPaths.NewTempDirectory("influence-lease");
    private SqliteInfluenceStore _owner = null!;
    private SqliteInfluenceStore _other = null!;

    private string DbPath => Path.Combine(_dir, SqliteInfluenceStore.DefaultFileName);

    public async Task InitializeAsync()
    {
        _owner = new SqliteInfluenceStore(DbPath) { RunLease = ShortLease };
        await _owner.InitializeAsync();
        _other = new SqliteInfluenceStore(DbPath);
        await _other.InitializeAsync();
        var follows = new List<FollowRecord>();
        for (int i = 0; i < 40; i++) follows.Add(new($"u{i}", $"u{(i * 7 + 1) % 40}"));
        await _owner.IngestAsync(new IngestBatch(follows, [], [new("u1", "u2", InteractionKind.Reply, 1_700_000_000)]));
    }

    public async Task DisposeAsync()
    {
        await _owner.DisposeAsync();
        await _other.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_run_nobody_renews_is_failed_by_the_next_look_after_its_lease_and_not_before()
    {
        var run = await _owner.BeginRunAsync(null);
        Assert.Empty(await _other.FailExpiredRunsAsync());
        await Task.Delay(ShortLease + TimeSpan.FromMilliseconds(300));

        var failed = Assert.Single(await _other.FailExpiredRunsAsync());
        Assert.Equal(run.Id, failed.Id);
        Assert.Equal("failed", failed.State);
        Assert.Contains($"abandoned: its owner {RunLeases.CurrentOwner} stopped renewing its lease (expired ", failed.Error);
        Assert.Contains("marked failed by", failed.Error);
        Assert.Empty(await _other.FailExpiredRunsAsync()); // once

        // The owner finds out: its results are refused and its heartbeat learns the lease is lost.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _owner.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["a", "b", "c"], 0)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _owner.RenewRunLeaseAsync(run.Id));
    }

    [Fact]
    public async Task A_running_run_stored_before_leases_existed_counts_as_expired_and_completed_runs_are_never_touched()
    {
        var completed = await _owner.BeginRunAsync(null);
        await _owner.CompleteRunAsync(completed.Id, StoreContractTests.SampleResult(["a", "b", "c"], 0));
        Sql("UPDATE runs SET lease_expires_at = '2000-01-01T00:00:00.0000000Z' WHERE state = 'completed';");
        Sql("INSERT INTO runs(started_at, state) VALUES ('2024-05-01T00:00:00.0000000Z', 'running');");

        var failed = Assert.Single(await _other.FailExpiredRunsAsync());
        Assert.Null(failed.Owner);
        Assert.StartsWith("abandoned: its owner (not recorded) stopped renewing its lease, marked failed by", failed.Error);
        Assert.Equal("completed", (await _other.ListRunsAsync()).Single(r => r.Id == completed.Id).State);
        Assert.Equal(completed.Id, (await _other.LoadLatestRunAsync())!.Value.Run.Id);
    }

    [Fact]
    public async Task The_heartbeat_keeps_a_long_run_alive_while_another_process_keeps_looking()
    {
        // A lease of 5 s renewed every 1.7 s: room for the thread-pool delays of a test process while two other test
        // assemblies load both cores (2.5 s failed once that way).
        await using var owner = new SqliteInfluenceStore(DbPath) { RunLease = TimeSpan.FromSeconds(5) };
        await owner.InitializeAsync();
        int looks = 0, runningSeen = 0;
        using var looked = new ManualResetEventSlim();
        Exception? lookerError = null;
        // The other process looks every 150 ms on its own thread for two leases, while the owner's read waits for it.
        var looker = new Thread(() =>
        {
            try
            {
                var until = DateTime.UtcNow + 2 * owner.RunLease;
                while (DateTime.UtcNow < until)
                {
                    looks++;
                    Assert.Empty(_other.FailExpiredRunsAsync().GetAwaiter().GetResult());
                    if (_other.ListRunsAsync().GetAwaiter().GetResult().Any(r => r.State == "running")) runningSeen++;
                    Thread.Sleep(150);
                }
            }
            catch (Exception ex)
            {
                lookerError = ex;
            }
            finally
            {
                looked.Set();
            }
        });
        var progress = new SyncProgress<RunProgress>(p =>
        {
            if (p.Stage != "read" || looker.IsAlive || looked.IsSet) return;
            looker.Start();
            looked.Wait();
        });

        var outcome = await new AnalysisRunner(owner).RunAsync(progress: progress);

        Assert.Null(lookerError);
        Assert.Equal("completed", outcome.Run.State);
        Assert.True(looks >= 10 && runningSeen == looks, $"looked {looks} times, saw the run running {runningSeen} times");
        Assert.Equal(outcome.Run.Id, (await _other.LoadLatestRunAsync())!.Value.Run.Id);
    }

    [Fact]
    public async Task A_runner_whose_lease_was_lost_stops_and_keeps_the_abandonment_as_the_reason()
    {
        bool judged = false;
        var progress = new SyncProgress<RunProgress>(p =>
        {
            if (p.Stage != "read" || judged) return;
            judged = true;
            // As if the owner had stalled past its lease: another process judges it abandoned.
            Sql("UPDATE runs SET lease_expires_at = '2000-01-01T00:00:00.0000000Z' WHERE state = 'running';");
            Assert.Single(_other.FailExpiredRunsAsync().GetAwaiter().GetResult());
            Thread.Sleep(ShortLease * 2); // the next heartbeat finds out
        });

        var error = await Assert.ThrowsAsync<RunLeaseLostException>(() => new AnalysisRunner(_owner).RunAsync(progress: progress));

        Assert.Contains("lost its lease", error.Message);
        var run = Assert.Single(await _other.ListRunsAsync());
        Assert.Equal("failed", run.State);
        Assert.StartsWith("abandoned: its owner", run.Error);
        Assert.Null(await _other.LoadLatestRunAsync());
    }

    [Fact]
    public async Task A_claim_whose_owner_stopped_renewing_is_taken_over_after_its_lease_and_not_before()
    {
        // Its owner never renews (as if it crashed); a lease of 3 s leaves room for a loaded machine before the refusal.
        await using var owner = new SqliteInfluenceStore(DbPath) { RunLease = TimeSpan.FromSeconds(3) };
        await owner.InitializeAsync();
        var stalled = await owner.BeginRunAsync(null);

        var refused = await Assert.ThrowsAsync<RunInProgressException>(() => _other.BeginRunAsync(null));
        Assert.Equal(stalled.Id, refused.Holder.Id);
        await Task.Delay(stalled.LeaseExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        var taken = await _other.BeginRunAsync(null);
        var runs = await _other.ListRunsAsync();
        Assert.Equal([(taken.Id, "running"), (stalled.Id, "failed")], runs.Select(r => (r.Id, r.State)).ToArray());
        Assert.StartsWith($"abandoned: its owner {RunLeases.CurrentOwner} stopped renewing its lease (expired ", runs[1].Error);
        // The stalled owner, if it wakes up, finds it lost the run: its results are refused, its heartbeat stops it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => owner.CompleteRunAsync(stalled.Id, StoreContractTests.SampleResult(["a"], 0)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => owner.RenewRunLeaseAsync(stalled.Id));
        await _other.CompleteRunAsync(taken.Id, StoreContractTests.SampleResult(["a"], 0));
        Assert.Equal(taken.Id, (await _owner.LoadLatestRunAsync())!.Value.Run.Id);
    }

    [Fact]
    public async Task Processes_racing_for_the_claim_on_one_file_register_exactly_one_run()
    {
        // Four store instances stand for four processes (each its own writer connection to the file, the default 30 s
        // lease so no claim expires during the race), eight claims at once.
        var stores = new List<SqliteInfluenceStore>();
        for (int i = 0; i < 4; i++)
        {
            var store = new SqliteInfluenceStore(DbPath);
            await store.InitializeAsync();
            stores.Add(store);
        }
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try { return (Run: await stores[i % stores.Count].BeginRunAsync(null), Refused: (RunInProgressException?)null); }
            catch (RunInProgressException e) { return (Run: (RunInfo?)null, Refused: e); }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(claims);
        foreach (var store in stores) await store.DisposeAsync();

        RunInfo winner = Assert.Single(outcomes, o => o.Run is not null).Run!;
        Assert.All(outcomes.Where(o => o.Run is null), o => Assert.Equal(winner.Id, o.Refused!.Holder.Id));
        Assert.Equal(winner.Id, Assert.Single(await _other.ListRunsAsync()).Id);
    }

    [Fact]
    public void A_lease_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteInfluenceStore(DbPath) { RunLease = TimeSpan.Zero });
        Assert.Equal(TimeSpan.FromSeconds(10), RunLeases.RenewalInterval(TimeSpan.FromSeconds(30)));
    }
}
