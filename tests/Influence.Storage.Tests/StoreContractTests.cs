// The store contract suite: every IInfluenceStore must pass it.
//   - SqliteStoreContractTests (this folder) runs it on a real SQLite file in a temp directory.
//   - The neo4j engineer subclasses it as Neo4jStoreContractTests (tests/Influence.Storage.Tests/Neo4j/):
//     override CreateStoreAsync (a store over an EMPTY database) and SkipReason (non-null when NEO4J_URI is
//     not set: every test is then reported SKIPPED with that message), and DeleteStoreAsync to clean up.
// Store-agnostic by design: only the IInfluenceStore contract, no SQL. Error types asserted here are part of
// the contract: invalid records → StoreValidationException (nothing written); unknown run id →
// KeyNotFoundException; completing/failing a run that is not running → InvalidOperationException; an
// inconsistent result → ArgumentException (RunResultShape.Validate) before anything is written.
using System.Reflection;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage.Tests;

public abstract partial class StoreContractTests : IAsyncLifetime
{
    private readonly List<IInfluenceStore> _stores = [];

    /// <summary>A new store over an empty database (not yet initialized; the suite calls InitializeAsync).</summary>
    protected abstract Task<IInfluenceStore> CreateStoreAsync();

    /// <summary>Non-null: every test of the suite is skipped with this message (e.g. no server configured).</summary>
    protected virtual string? SkipReason => null;

    /// <summary>Removes what <see cref="CreateStoreAsync"/> created, after the store was disposed.</summary>
    protected virtual Task DeleteStoreAsync(IInfluenceStore store) => Task.CompletedTask;

    /// <summary>A fresh, initialized store owned by the running test.</summary>
    protected async Task<IInfluenceStore> NewStoreAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var store = await CreateStoreAsync();
        _stores.Add(store);
        await store.InitializeAsync();
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
            await DeleteStoreAsync(store);
        }
    }

    // ------------------------------------------------------------------ fixtures

    /// <summary>alice ⇄ bob, carol → alice, dave → alice; bob replies to alice twice (timed), carol shares alice (untimed, weight 3, supportive).</summary>
    protected static IngestBatch SmallWorld() => new(
        [new("alice", "bob", 1_600_000_000), new("bob", "alice"), new("carol", "alice"), new("dave", "alice", 1_600_000_100)],
        [],
        [
            new("bob", "alice", InteractionKind.Reply, 1_700_000_000),
            new("bob", "alice", InteractionKind.Reply, 1_700_000_060, 1, -0.5),
            new("carol", "alice", InteractionKind.Share, null, 3, 0.75),
        ]);

    protected static IngestBatch Follows(params (string Source, string Target)[] pairs) =>
        new(pairs.Select(p => new FollowRecord(p.Source, p.Target)).ToArray(), [], []);

    protected static IngestBatch Unfollows(params (string Source, string Target)[] pairs) =>
        new([], pairs.Select(p => new UnfollowRecord(p.Source, p.Target)).ToArray(), []);

    private static HashSet<(string, string)> FollowPairs(InfluenceInput input)
    {
        var pairs = new HashSet<(string, string)>();
        for (int u = 0; u < input.Follows.NodeCount; u++)
            foreach (int v in input.Follows.OutNeighbors(u))
                pairs.Add((input.Ids[u], input.Ids[v]));
        return pairs;
    }

    // ------------------------------------------------------------------ ingest

    [SkippableFact]
    public async Task Ingest_creates_accounts_follows_and_interactions()
    {
        var store = await NewStoreAsync();

        var result = await store.IngestAsync(SmallWorld());

        Assert.Equal(new IngestResult(4, 0, 3, 0), result);
        Assert.Equal(new StoreStats(4, 4, 3, 0), await store.GetStatsAsync());
    }

    [SkippableFact]
    public async Task Ingest_of_the_same_batch_twice_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        var before = await store.ReadGraphAsync();

        var again = await store.IngestAsync(SmallWorld());

        Assert.Equal(new IngestResult(0, 0, 0, SmallWorld().Count), again);
        Assert.Equal(new StoreStats(4, 4, 3, 0), await store.GetStatsAsync());
        var after = await store.ReadGraphAsync();
        Assert.Equal(FollowPairs(before), FollowPairs(after));
        Assert.Equal(before.Interactions.Count, after.Interactions.Count);
    }

    [SkippableFact]
    public async Task Ingest_of_an_empty_batch_adds_nothing()
    {
        var store = await NewStoreAsync();

        Assert.Equal(new IngestResult(0, 0, 0, 0), await store.IngestAsync(IngestBatch.Empty));
        Assert.Equal(new StoreStats(0, 0, 0, 0), await store.GetStatsAsync());
    }

    [SkippableFact]
    public async Task Ingest_rejects_a_null_batch()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.IngestAsync(null!));
    }

    [SkippableFact]
    public async Task Interactions_with_the_same_natural_key_are_one_interaction()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(new([], [], [new("a", "b", InteractionKind.Like, 100)]));

        var result = await store.IngestAsync(new([], [],
        [
            new("a", "b", InteractionKind.Like, 100),          // same key: unchanged
            new("a", "b", InteractionKind.Like, 101),          // other time: new
            new("a", "b", InteractionKind.Reply, 100),         // other kind: new
            new("b", "a", InteractionKind.Like, 100),          // other direction: new
        ]));

        Assert.Equal(new IngestResult(0, 0, 3, 1), result);
        Assert.Equal(4, (await store.GetStatsAsync()).Interactions);
    }

    [SkippableFact]
    public async Task Unfollow_ends_a_follow_and_a_new_follow_reactivates_it()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(Follows(("a", "b"), ("b", "a")));

        var ended = await store.IngestAsync(Unfollows(("a", "b")));
        Assert.Equal(new IngestResult(0, 1, 0, 0), ended);
        Assert.Equal(1, (await store.GetStatsAsync()).ActiveFollows);
        Assert.Equal([("b", "a")], FollowPairs(await store.ReadGraphAsync()));

        var endedAgain = await store.IngestAsync(Unfollows(("a", "b")));
        Assert.Equal(new IngestResult(0, 0, 0, 1), endedAgain);

        var refollowed = await store.IngestAsync(Follows(("a", "b")));
        Assert.Equal(new IngestResult(1, 0, 0, 0), refollowed);
        Assert.Equal(new HashSet<(string, string)> { ("a", "b"), ("b", "a") }, FollowPairs(await store.ReadGraphAsync()));
    }

    [SkippableFact]
    public async Task Unfollow_of_a_pair_that_never_followed_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(Follows(("a", "b")));

        var result = await store.IngestAsync(Unfollows(("b", "a"), ("x", "y")));

        Assert.Equal(new IngestResult(0, 0, 0, 2), result);
        Assert.Equal(new StoreStats(2, 1, 0, 0), await store.GetStatsAsync());
    }

    [SkippableFact]
    public async Task Timed_unfollow_and_refollow_replayed_in_order_are_idempotent()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(new([new("a", "b", 100)], [], []));
        await store.IngestAsync(new([], [new("a", "b", 200)], []));

        // Replaying the old follow (since 100, before the unfollow at 200) must not resurrect it.
        var replay = await store.IngestAsync(new([new("a", "b", 100)], [], []));
        Assert.Equal(new IngestResult(0, 0, 0, 1), replay);
        Assert.Equal(0, (await store.GetStatsAsync()).ActiveFollows);

        // A follow after the unfollow does.
        var refollow = await store.IngestAsync(new([new("a", "b", 300)], [], []));
        Assert.Equal(new IngestResult(1, 0, 0, 0), refollow);
        Assert.Equal(1, (await store.GetStatsAsync()).ActiveFollows);
    }

    [SkippableFact]
    public async Task Invalid_records_are_all_listed_and_nothing_of_the_batch_is_written()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        var before = await store.ReadGraphAsync();

        var bad = new IngestBatch(
            [new("erin", "frank"), new("", "alice"), new("gina", " ")],
            [new("alice", "")],
            [
                new("erin", "alice", InteractionKind.Like),
                new("erin", "alice", InteractionKind.Like, null, 0),
                new("erin", "alice", InteractionKind.Like, null, double.NaN),
                new("erin", "alice", InteractionKind.Like, null, 1, 1.5),
                new("erin", "alice", (InteractionKind)42),
            ]);
        var error = await Assert.ThrowsAsync<StoreValidationException>(() => store.IngestAsync(bad));

        Assert.Equal(
        [
            ("follows", 2L, "source"), ("follows", 3L, "target"), ("unfollows", 1L, "target"),
            ("interactions", 2L, "weight"), ("interactions", 3L, "weight"), ("interactions", 4L, "stance"),
            ("interactions", 5L, "kind"),
        ], error.Errors.Select(e => (e.File, e.Line, e.Field!)).ToArray());
        Assert.All(error.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(new StoreStats(4, 4, 3, 0), await store.GetStatsAsync());
        var after = await store.ReadGraphAsync();
        Assert.Equal(before.Ids.Ids, after.Ids.Ids);
        Assert.Equal(FollowPairs(before), FollowPairs(after));
    }

    // ------------------------------------------------------------------ graph

    [SkippableFact]
    public async Task ReadGraph_returns_accounts_active_follows_and_every_interaction_field()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        await store.IngestAsync(Follows(("erin", "erin")));  // self-follow: stored, dropped by the graph builder
        var reports = new List<double>();

        var input = await store.ReadGraphAsync(new SyncProgress<double>(reports.Add));

        Assert.Equal(new[] { "alice", "bob", "carol", "dave", "erin" }.Order(), input.Ids.Ids.Order());
        Assert.Equal(5, input.Follows.NodeCount);
        Assert.Equal(new HashSet<(string, string)> { ("alice", "bob"), ("bob", "alice"), ("carol", "alice"), ("dave", "alice") },
            FollowPairs(input));
        Assert.Equal(1, input.Follows.SelfLoopsDropped);

        var interactions = new List<(string, string, InteractionKind, long, double, double)>();
        for (int i = 0; i < input.Interactions.Count; i++)
            interactions.Add((input.Ids[input.Interactions.Source[i]], input.Ids[input.Interactions.Target[i]],
                input.Interactions.Kind[i], input.Interactions.Timestamp[i], input.Interactions.Weight[i], input.Interactions.Stance[i]));
        Assert.Equal(
            new[]
            {
                ("bob", "alice", InteractionKind.Reply, 1_700_000_000L, 1.0, double.NaN),
                ("bob", "alice", InteractionKind.Reply, 1_700_000_060L, 1.0, -0.5),
                ("carol", "alice", InteractionKind.Share, InteractionLog.NoTimestamp, 3.0, 0.75),
            }.OrderBy(x => x.Item1).ThenBy(x => x.Item4),
            interactions.OrderBy(x => x.Item1).ThenBy(x => x.Item4));
        Assert.True(input.Interactions.HasStance);
        Assert.NotEmpty(reports);
        Assert.Equal(1.0, reports[^1]);
        Assert.All(reports, r => Assert.InRange(r, 0.0, 1.0));
    }

    [SkippableFact]
    public async Task ReadGraph_of_an_empty_store_is_an_empty_graph()
    {
        var store = await NewStoreAsync();

        var input = await store.ReadGraphAsync();

        Assert.Equal(0, input.Ids.Count);
        Assert.Equal(0, input.Follows.NodeCount);
        Assert.Equal(0, input.Interactions.Count);
    }

    // ------------------------------------------------------------------ runs

    [SkippableFact]
    public async Task A_run_is_owned_by_its_process_with_a_lease_that_renewal_extends_and_only_expiry_fails()
    {
        var store = await NewStoreAsync();
        var before = DateTimeOffset.UtcNow;
        var run = await store.BeginRunAsync(null);
        Assert.Equal(RunLeases.CurrentOwner, run.Owner);
        Assert.NotNull(run.LeaseExpiresAt);
        Assert.InRange(run.LeaseExpiresAt!.Value, before + store.RunLease - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + store.RunLease + TimeSpan.FromSeconds(5));

        // Another process looking at the store leaves a run whose lease holds alone.
        Assert.Empty(await store.FailExpiredRunsAsync());
        await Task.Delay(20);
        await store.RenewRunLeaseAsync(run.Id);
        var renewed = (await store.ListRunsAsync()).Single(r => r.Id == run.Id);
        Assert.Equal("running", renewed.State);
        Assert.True(renewed.LeaseExpiresAt > run.LeaseExpiresAt, $"renewal moved the lease from {run.LeaseExpiresAt:O} to {renewed.LeaseExpiresAt:O}");

        await store.CompleteRunAsync(run.Id, SampleResult(["a", "b", "c"], 0));
        await store.RenewRunLeaseAsync(run.Id); // a late heartbeat after completion changes nothing
        Assert.Equal("completed", (await store.ListRunsAsync()).Single(r => r.Id == run.Id).State);

        var second = await store.BeginRunAsync(null);
        await store.FailRunAsync(second.Id, "cancelled");
        var lost = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RenewRunLeaseAsync(second.Id));
        Assert.Contains("cancelled", lost.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RenewRunLeaseAsync(second.Id + 1000));
        Assert.Empty(await store.FailExpiredRunsAsync());
    }

    [SkippableFact]
    public async Task A_second_run_is_refused_while_one_runs_naming_it_and_its_owner_and_registers_nothing()
    {
        var store = await NewStoreAsync();
        var run = await store.BeginRunAsync("""{"seed":1}""");

        var refused = await Assert.ThrowsAsync<RunInProgressException>(() => store.BeginRunAsync(null));

        Assert.Equal((run.Id, "running", RunLeases.CurrentOwner), (refused.Holder.Id, refused.Holder.State, refused.Holder.Owner));
        Assert.NotNull(refused.Holder.LeaseExpiresAt);
        Assert.Contains($"Run {run.Id} is in progress in this store, held by {RunLeases.CurrentOwner}", refused.Message);
        Assert.Equal([run.Id], (await store.ListRunsAsync()).Select(r => r.Id).ToArray());

        // The slot passes on as soon as the run ends, completed or failed.
        await store.CompleteRunAsync(run.Id, SampleResult(["a"], 0));
        var next = await store.BeginRunAsync(null);
        await store.FailRunAsync(next.Id, "cancelled");
        Assert.Equal("running", (await store.BeginRunAsync(null)).State);
    }

    [SkippableFact]
    public async Task Runs_begin_complete_fail_and_list_newest_first()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ListRunsAsync());
        Assert.Null(await store.LoadLatestRunAsync());

        var first = await store.BeginRunAsync("""{"seed":1}""");
        Assert.Equal("running", first.State);
        Assert.Null(first.CompletedAt);
        Assert.Equal("""{"seed":1}""", first.ParametersJson);

        var completed = await store.CompleteRunAsync(first.Id, SampleResult(["a", "b", "c"], 0));
        Assert.Equal(first.Id, completed.Id);
        Assert.Equal("completed", completed.State);
        Assert.NotNull(completed.CompletedAt);
        Assert.True(completed.CompletedAt >= completed.StartedAt);
        Assert.Equal(3, completed.Summary!.Nodes);

        var second = await store.BeginRunAsync(null);
        await store.FailRunAsync(second.Id, "out of memory while detecting communities");

        var runs = await store.ListRunsAsync();
        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id).ToArray());
        Assert.Equal("failed", runs[0].State);
        Assert.Equal("out of memory while detecting communities", runs[0].Error);
        Assert.Null(runs[0].ParametersJson);
        Assert.Equal("completed", runs[1].State);
        Assert.Null(runs[1].Error);
        Assert.Equal(first.StartedAt, runs[1].StartedAt);
        Assert.Equal(1, (await store.GetStatsAsync()).CompletedRuns);
    }

    [SkippableFact]
    public async Task A_run_cannot_be_completed_or_failed_twice_and_unknown_runs_are_reported()
    {
        var store = await NewStoreAsync();
        var run = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(run.Id, SampleResult(["a"], 0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CompleteRunAsync(run.Id, SampleResult(["a"], 1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.FailRunAsync(run.Id, "late"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.CompleteRunAsync(run.Id + 1000, SampleResult(["a"], 0)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.FailRunAsync(run.Id + 1000, "no such run"));

        var (latest, result) = (await store.LoadLatestRunAsync())!.Value;
        Assert.Equal(run.Id, latest.Id);
        AssertSameResult(SampleResult(["a"], 0), result);
    }

    [SkippableFact]
    public async Task An_inconsistent_result_is_refused_and_the_run_stays_running()
    {
        var store = await NewStoreAsync();
        var run = await store.BeginRunAsync(null);
        var good = SampleResult(["a", "b"], 0);
        var bad = new InfluenceAnalysisResult
        {
            AccountIds = ["a"], Accounts = good.Accounts, ReceivedByKind = good.ReceivedByKind, GivenByKind = good.GivenByKind,
            Thresholds = good.Thresholds, Defenders = good.Defenders, Critics = good.Critics, Communities = good.Communities,
            Summary = good.Summary,
        };

        await Assert.ThrowsAsync<ArgumentException>(() => store.CompleteRunAsync(run.Id, bad));

        Assert.Equal("running", (await store.ListRunsAsync())[0].State);
        Assert.Null(await store.LoadLatestRunAsync());
        await store.CompleteRunAsync(run.Id, good);
        Assert.NotNull(await store.LoadLatestRunAsync());
    }

    [SkippableFact]
    public async Task The_previous_run_stays_readable_until_the_new_one_completes()
    {
        var store = await NewStoreAsync();
        var resultA = SampleResult(["a", "b", "c"], 0);
        var runA = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(runA.Id, resultA);

        var runB = await store.BeginRunAsync(null);
        var whileRunning = (await store.LoadLatestRunAsync())!.Value;
        Assert.Equal(runA.Id, whileRunning.Run.Id);
        AssertSameResult(resultA, whileRunning.Result);

        var resultB = SampleResult(["a", "b", "c", "d"], 7);
        await store.CompleteRunAsync(runB.Id, resultB);
        var afterB = (await store.LoadLatestRunAsync())!.Value;
        Assert.Equal(runB.Id, afterB.Run.Id);
        AssertSameResult(resultB, afterB.Result);

        var runC = await store.BeginRunAsync(null);
        await store.FailRunAsync(runC.Id, "cancelled");
        Assert.Equal(runB.Id, (await store.LoadLatestRunAsync())!.Value.Run.Id);
        Assert.Equal(2, (await store.GetStatsAsync()).CompletedRuns);
    }

    [SkippableFact]
    public async Task A_completed_result_round_trips_every_field()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        string[] ids = ["alice", "bob", "carol", "dave", "not-in-the-graph"];
        var expected = SampleResult(ids, 0.125);
        var run = await store.BeginRunAsync("""{"resolution":1.0}""");

        var progress = new List<double>();
        await store.CompleteRunAsync(run.Id, expected, new SyncProgress<double>(progress.Add));
        var (loadedRun, actual) = (await store.LoadLatestRunAsync())!.Value;

        Assert.Equal(run.Id, loadedRun.Id);
        Assert.Equal("""{"resolution":1.0}""", loadedRun.ParametersJson);
        AssertSameResult(expected, actual);
        Assert.NotEmpty(progress);
        Assert.Equal(1.0, progress[^1]);
    }

    [SkippableFact]
    public async Task An_empty_result_round_trips()
    {
        var store = await NewStoreAsync();
        var run = await store.BeginRunAsync(null);
        var empty = SampleResult([], 0);

        await store.CompleteRunAsync(run.Id, empty);

        AssertSameResult(empty, (await store.LoadLatestRunAsync())!.Value.Result);
    }

    [SkippableFact]
    public async Task Ingest_after_a_run_lands_in_the_store_and_leaves_the_run_intact()
    {
        var store = await NewStoreAsync();
        await store.IngestAsync(SmallWorld());
        var run = await store.BeginRunAsync(null);
        await store.IngestAsync(Follows(("erin", "alice")));
        var result = SampleResult(["alice", "bob", "carol", "dave"], 0);
        await store.CompleteRunAsync(run.Id, result);

        Assert.Equal(new StoreStats(5, 5, 3, 1), await store.GetStatsAsync());
        Assert.Contains(("erin", "alice"), FollowPairs(await store.ReadGraphAsync()));
        AssertSameResult(result, (await store.LoadLatestRunAsync())!.Value.Result);
    }

    // ------------------------------------------------------------------ result helpers

    private static readonly FieldInfo[] MetricFields = typeof(AccountMetrics).GetFields(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>
    /// A result whose every figure is distinct and non-default (filled by reflection, so a field added to
    /// <see cref="AccountMetrics"/> later is covered without touching this suite), plus NaN where the
    /// model may produce NaN.
    /// </summary>
    public static InfluenceAnalysisResult SampleResult(IReadOnlyList<string> ids, double salt)
    {
        int n = ids.Count, k = InteractionKinds.Count;
        var accounts = new AccountMetrics[n];
        for (int i = 0; i < n; i++)
        {
            object boxed = new AccountMetrics();
            for (int f = 0; f < MetricFields.Length; f++)
            {
                var field = MetricFields[f];
                int seed = i * 100 + f + 1;
                object value = field.FieldType switch
                {
                    var t when t == typeof(int) => seed,
                    var t when t == typeof(long) => (long)seed * 1_000_000_007L,
                    var t when t == typeof(double) => seed + 0.5 + salt + 1.0 / 3.0,
                    var t when t == typeof(bool) => true,
                    var t when t.IsEnum => Enum.GetValues(t).GetValue(1 + (i + f) % (Enum.GetValues(t).Length - 1))!,
                    var t => throw new NotSupportedException($"AccountMetrics.{field.Name} has type {t}: teach StoreContractTests.SampleResult about it."),
                };
                field.SetValue(boxed, value);
            }
            accounts[i] = (AccountMetrics)boxed;
        }
        if (n > 0)
        {
            accounts[0].DefenderDensity = double.NaN;
            accounts[0].ReciprocatedEngagementShare = double.NaN;
            accounts[0].Role = AccountRole.Regular;
            accounts[0].Stage = PresenceStage.Present;
        }
        var received = new double[n * k];
        var given = new double[n * k];
        for (int j = 0; j < received.Length; j++)
        {
            received[j] = j * 1.5 + salt;
            given[j] = j * 2.25 + salt + 0.1;
        }
        var defenders = n < 3 ? Array.Empty<DefenderLink>() :
        [
            new(0, 2, 9.5 + salt, 4, 3, true, false, 0.8),
            new(0, 1, 9.5 + salt, 2, 1, false, true, double.NaN),
            new(1, 2, 0.25, 1, 1, true, true, 1.0),
        ];
        var critics = n < 3 ? Array.Empty<DefenderLink>() : [new(2, 0, 3.75 + salt, 5, 2, false, false, -0.6)];
        var communities = n == 0 ? Array.Empty<CommunitySummary>() :
        [
            new(0, n - n / 2, 12, 0.5 + salt, 0.25, 0.875, n > 1 ? [1, 0] : [0]),
            new(1, n / 2, 0, double.NaN, double.NaN, 0, []),
        ];
        var summary = new AnalysisSummary
        {
            Nodes = n, FollowEdges = 17, FollowSelfLoopsDropped = 1, FollowParallelEdgesCollapsed = 2, Interactions = 23,
            InteractionEdges = 19, GlobalReciprocity = 0.4 + salt, Components = 2, LargestComponent = Math.Max(n - 1, 0),
            Communities = communities.Length, CommunityAlgorithm = "louvain", Modularity = 0.41, ModularityPerLevel = [0.3, 0.41],
            PageRankIterations = 31, PageRankConverged = true, InfluenceIterations = 44, FollowersInfluenceSpearman = double.NaN,
            CommunityPasses = 2, WarmStart = true, AccountsCarried = n, AccountsChangedCommunity = n / 2, CommunitiesMatched = 1, CommunitiesNew = 1,
            Top100Overlap = 0.55, RoleCounts = new() { ["regular"] = n, ["celebrity"] = 0 },
            StageCounts = new() { ["present"] = n }, DefenderLinks = defenders.Length, CriticLinks = critics.Length, Seed = 42,
            TimingsMs = new() { ["read"] = 1.5, ["pagerank"] = 12.25 },
        };
        return new InfluenceAnalysisResult
        {
            AccountIds = ids.ToArray(),
            Accounts = accounts,
            ReceivedByKind = received,
            GivenByKind = given,
            Thresholds = new RoleThresholds(new Dictionary<string, double> { ["large_audience_followers"] = 250 + salt, ["micro_min_engagement_rate"] = 0.02 }),
            Defenders = defenders,
            Critics = critics,
            Communities = communities,
            Summary = summary,
        };
    }

    /// <summary>Asserts two results are equal figure by figure (NaN equals NaN).</summary>
    public static void AssertSameResult(InfluenceAnalysisResult expected, InfluenceAnalysisResult actual)
    {
        Assert.Equal(expected.AccountIds, actual.AccountIds);
        Assert.Equal(expected.Accounts.Length, actual.Accounts.Length);
        for (int i = 0; i < expected.Accounts.Length; i++)
        {
            foreach (var field in MetricFields)
            {
                object? e = field.GetValue(expected.Accounts[i]), a = field.GetValue(actual.Accounts[i]);
                Assert.True(Equals(e, a), $"Account {i} ({expected.AccountIds[i]}): {field.Name} expected {e}, got {a}.");
            }
        }
        Assert.Equal(expected.ReceivedByKind, actual.ReceivedByKind);
        Assert.Equal(expected.GivenByKind, actual.GivenByKind);
        Assert.Equal(expected.Thresholds.Values.OrderBy(p => p.Key), actual.Thresholds.Values.OrderBy(p => p.Key));
        Assert.Equal(expected.Defenders, actual.Defenders);
        Assert.Equal(expected.Critics, actual.Critics);
        Assert.Equal(expected.Communities.Length, actual.Communities.Length);
        for (int c = 0; c < expected.Communities.Length; c++)
        {
            var (e, a) = (expected.Communities[c], actual.Communities[c]);
            Assert.Equal((e.Id, e.Size, e.InternalFollows, e.Density, e.Reciprocity, e.EngagementInside),
                (a.Id, a.Size, a.InternalFollows, a.Density, a.Reciprocity, a.EngagementInside));
            Assert.Equal(e.TopAccounts, a.TopAccounts);
        }
        Assert.Equal(StoreJson.SerializeSummary(expected.Summary), StoreJson.SerializeSummary(actual.Summary));
    }
}
