using Influence.Core.Algorithms;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Tests;

/// <summary>Store → graph → model → store, on a real SQLite file.</summary>
public sealed partial class AnalysisRunnerTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-runner");
    private SqliteInfluenceStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteInfluenceStore.InDataDirectory(_dir);
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Two triangles of friends joined by one follow, a celebrity everybody follows who follows nobody, and conversations.</summary>
    private Task SeedAsync()
    {
        string[] left = ["a1", "a2", "a3"], right = ["b1", "b2", "b3"];
        var follows = new List<FollowRecord>();
        foreach (var group in new[] { left, right })
            foreach (string u in group)
                foreach (string v in group)
                    if (u != v) follows.Add(new(u, v));
        follows.Add(new("a1", "b1"));
        foreach (string u in left.Concat(right)) follows.Add(new(u, "star"));
        var interactions = new List<InteractionRecord>();
        long t = 1_700_000_000;
        foreach (string u in new[] { "a2", "a3" })
            for (int day = 0; day < 3; day++)
                interactions.Add(new(u, "a1", InteractionKind.Reply, t + day * 86_400, 1, 0.8));
        interactions.Add(new("a1", "a2", InteractionKind.Share, t));
        interactions.Add(new("b2", "b1", InteractionKind.Mention, t, 2));
        return _store.IngestAsync(new IngestBatch(follows, [], interactions));
    }

    [Fact]
    public async Task A_run_is_stored_completed_and_reloads_identically()
    {
        await SeedAsync();
        var reports = new List<RunProgress>();

        var outcome = await new AnalysisRunner(_store).RunAsync(progress: new SyncProgress<RunProgress>(reports.Add));

        Assert.Equal("completed", outcome.Run.State);
        Assert.Equal(7, outcome.Result.Accounts.Length);
        Assert.Equal(7, outcome.Input.Follows.NodeCount);
        var (run, stored) = (await _store.LoadLatestRunAsync())!.Value;
        Assert.Equal(outcome.Run.Id, run.Id);
        StoreContractTests.AssertSameResult(outcome.Result, stored);
        Assert.NotNull(run.ParametersJson);
        Assert.Contains("\"Damping\":0.85", run.ParametersJson);
        Assert.Equal(["read", "analyse", "write"], outcome.TimingsMs.Keys.ToArray());

        Assert.Equal(reports.Select(r => r.Percent).Order().ToArray(), reports.Select(r => r.Percent).ToArray());
        Assert.Equal(100, reports[^1].Percent);
        Assert.Equal("completed", reports[^1].Stage);
        Assert.Contains(reports, r => r.Stage == "read");
        Assert.Contains(reports, r => r.Stage.StartsWith("analyse:", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Stage == "write");
        Assert.All(reports, r => Assert.Equal(run.Id, r.RunId));
    }

    [Fact]
    public async Task The_stored_run_matches_the_model_run_on_the_stored_graph()
    {
        await SeedAsync();
        var config = new InfluenceConfig { Community = new CommunityConfig { Seed = 7 } };

        var outcome = await new AnalysisRunner(_store).RunAsync(config);
        var direct = InfluenceAnalyzer.Run(await _store.ReadGraphAsync(), config);

        Assert.Equal(direct.AccountIds, outcome.Result.AccountIds);
        for (int i = 0; i < direct.Accounts.Length; i++)
        {
            Assert.Equal(direct.Accounts[i].Followers, outcome.Result.Accounts[i].Followers);
            Assert.Equal(direct.Accounts[i].Role, outcome.Result.Accounts[i].Role);
            Assert.Equal(direct.Accounts[i].Influence, outcome.Result.Accounts[i].Influence, 12);
        }
        int star = direct.AccountIds.ToList().IndexOf("star");
        Assert.Equal(6, outcome.Result.Accounts[star].Followers);
        Assert.Equal(0, outcome.Result.Accounts[star].Following);
    }

    [Fact]
    public async Task A_run_continues_the_previous_completed_run_with_matched_ids_and_a_warm_start()
    {
        await SeedAsync();
        var runner = new AnalysisRunner(_store);
        var first = await runner.RunAsync();
        Assert.Null(first.Result.Summary.AccountsCarried);   // nothing to continue from

        var again = await runner.RunAsync();
        Assert.True(again.Result.Summary.WarmStart);
        Assert.Equal(7, again.Result.Summary.AccountsCarried);
        Assert.Equal(0, again.Result.Summary.AccountsChangedCommunity);
        Assert.Equal(first.Result.Accounts.Select(m => m.Community), again.Result.Accounts.Select(m => m.Community));
        // The figures reach the stored run record (the API's run list reads it).
        var stored = (await _store.ListRunsAsync())[0];
        Assert.Equal((again.Run.Id, 0), (stored.Id, stored.Summary!.AccountsChangedCommunity));

        // Half the graph new: ids are still matched, but the run starts cold.
        var newcomers = Enumerable.Range(0, 8).Select(i => new FollowRecord($"n{i}", $"n{(i + 1) % 8}")).ToArray();
        await _store.IngestAsync(new IngestBatch(newcomers, [], []));
        var grown = await runner.RunAsync();
        Assert.False(grown.Result.Summary.WarmStart);
        Assert.Equal(7, grown.Result.Summary.AccountsCarried);
        int Community(AnalysisRunOutcome o, string account) => o.Result.Accounts[o.Result.AccountIds.ToList().IndexOf(account)].Community;
        Assert.Equal(Community(first, "a2"), Community(grown, "a2"));
        Assert.Equal(Community(first, "b2"), Community(grown, "b2"));
        Assert.True(Community(grown, "n0") > first.Result.Accounts.Max(m => m.Community), "the new ring gets a new id");
    }

    [Fact]
    public async Task Cancelling_marks_the_run_failed_and_keeps_the_previous_run_latest()
    {
        await SeedAsync();
        var runner = new AnalysisRunner(_store);
        var first = await runner.RunAsync();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(
            progress: new SyncProgress<RunProgress>(p => { if (p.Stage.StartsWith("analyse", StringComparison.Ordinal)) cts.Cancel(); }),
            cancellationToken: cts.Token));

        var runs = await _store.ListRunsAsync();
        Assert.Equal(("failed", "cancelled"), (runs[0].State, runs[0].Error));
        Assert.Equal(first.Run.Id, (await _store.LoadLatestRunAsync())!.Value.Run.Id);
    }

    [Fact]
    public async Task A_run_over_the_memory_limit_is_refused_before_reading_and_recorded_failed()
    {
        await SeedAsync();
        var first = await new AnalysisRunner(_store) { MemoryLimitBytes = 4L << 30 }.RunAsync();   // fits
        var stages = new List<string>();
        var runner = new AnalysisRunner(_store) { MemoryLimitBytes = 1 << 20, MemoryLimitSource = "Influence:MemoryLimit" };

        var error = await Assert.ThrowsAsync<RunTooLargeException>(() => runner.RunAsync(progress: new SyncProgress<RunProgress>(p => stages.Add(p.Stage))));

        Assert.Contains("7 accounts", error.Message);
        Assert.Contains("Influence:MemoryLimit", error.Message);
        Assert.DoesNotContain(stages, s => s.StartsWith("analyse", StringComparison.Ordinal));
        var failed = (await _store.ListRunsAsync())[0];
        Assert.Equal("failed", failed.State);
        Assert.Contains("Run refused before it started", failed.Error);
        Assert.Equal(first.Run.Id, (await _store.LoadLatestRunAsync())!.Value.Run.Id);
    }

    [Fact]
    public async Task A_model_failure_is_recorded_with_its_reason_and_rethrown()
    {
        // Interactions referring to accounts outside the graph make the model refuse its input.
        await SeedAsync();
        var runner = new AnalysisRunner(new BrokenGraphStore(_store));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => runner.RunAsync());

        var failed = (await _store.ListRunsAsync())[0];
        Assert.Equal("failed", failed.State);
        Assert.Contains(error.Message, failed.Error);
        Assert.Null(await _store.LoadLatestRunAsync());
    }

    [Fact]
    public async Task An_invalid_configuration_is_refused_before_a_run_is_registered()
    {
        var bad = new InfluenceConfig { PageRank = new PageRankConfig { Damping = 1.5 } };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => new AnalysisRunner(_store).RunAsync(bad));

        Assert.Empty(await _store.ListRunsAsync());
        Assert.Throws<ArgumentNullException>(() => new AnalysisRunner(null!));
    }

    [SkippableFact]
    public async Task Real_senate_follow_graph_imports_and_analyses_with_the_manifest_counts()
    {
        string path = TestPaths.RequireSharedFile("qss-senate-twitter-follows/twitter-following.csv");
        var import = await new Importer(_store).ImportAsync(new ImportRequest
        {
            FollowsPath = path,
            FollowOptions = new ReadOptions { SourceColumn = "following", TargetColumn = "followed" },
        });

        var outcome = await new AnalysisRunner(_store).RunAsync();

        // MANIFEST.md: 91 senators, 3,859 edges, reciprocity 0.57.
        Assert.Equal(3_859, import.FollowsAdded);
        Assert.Equal(91, outcome.Result.Summary.Nodes);
        Assert.Equal(3_859, outcome.Result.Summary.FollowEdges);
        Assert.Equal(0.57, outcome.Result.Summary.GlobalReciprocity, 2);
        StoreContractTests.AssertSameResult(outcome.Result, (await _store.LoadLatestRunAsync())!.Value.Result);
    }

    /// <summary>Delegates to a real store but hands the model a graph whose interactions point outside it.</summary>
    private sealed class BrokenGraphStore(IInfluenceStore inner) : IInfluenceStore
    {
        public string Kind => inner.Kind;
        public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);
        public Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken = default) => inner.IngestAsync(batch, cancellationToken);

        public async Task<InfluenceInput> ReadGraphAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
        {
            var input = await inner.ReadGraphAsync(progress, cancellationToken);
            var log = new InteractionLog();
            log.Add(0, input.Ids.Count + 5, InteractionKind.Like);
            return input with { Interactions = log };
        }

        public Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default) => inner.BeginRunAsync(parametersJson, cancellationToken);
        public Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            inner.CompleteRunAsync(runId, result, progress, cancellationToken);
        public Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default) => inner.FailRunAsync(runId, error, cancellationToken);
        public TimeSpan RunLease => inner.RunLease;
        public Task RenewRunLeaseAsync(long runId, CancellationToken cancellationToken = default) => inner.RenewRunLeaseAsync(runId, cancellationToken);
        public Task<IReadOnlyList<RunInfo>> FailExpiredRunsAsync(CancellationToken cancellationToken = default) => inner.FailExpiredRunsAsync(cancellationToken);
        public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default) => inner.ListRunsAsync(cancellationToken);
        public Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default) => inner.LoadLatestRunAsync(cancellationToken);
        public Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);
        public Task<RemovalRecord> RemoveAsync(RemovalFilter filter, string actor, CancellationToken cancellationToken = default) => inner.RemoveAsync(filter, actor, cancellationToken);
        public Task<IReadOnlyList<RemovalRecord>> ListRemovalsAsync(int limit = 100, CancellationToken cancellationToken = default) => inner.ListRemovalsAsync(limit, cancellationToken);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
