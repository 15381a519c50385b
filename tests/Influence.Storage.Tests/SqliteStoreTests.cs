using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Tests;

/// <summary>What only the SQLite store has: the file, its schema versions, WAL, concurrent writers and readers.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-sqlite");
    private string DbPath => Path.Combine(_dir, SqliteInfluenceStore.DefaultFileName);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private async Task<SqliteInfluenceStore> OpenAsync()
    {
        var store = new SqliteInfluenceStore(DbPath);
        await store.InitializeAsync();
        return store;
    }

    private SqliteConnection Raw()
    {
        var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        return c;
    }

    /// <summary>Writes the file as a store at schema <paramref name="version"/> left it (its migrations only), plus
    /// <paramref name="rows"/>: what an older build would find on disk.</summary>
    private void WriteFileAtSchema(int version, string rows)
    {
        using var c = Raw();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
            {string.Concat(SqliteSchema.Migrations.Where(m => m.Version <= version).Select(m => m.Sql + "\n"))}
            INSERT INTO schema_version VALUES ({version}, 'v{version}', '2025-01-01T00:00:00.0000000Z');
            {rows}
            """;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public async Task A_new_file_is_created_in_wal_mode_at_the_latest_schema_version()
    {
        await using (var store = await OpenAsync())
        {
            Assert.Equal(SqliteSchema.LatestVersion, store.SchemaVersion);
            Assert.Equal("sqlite", store.Kind);
        }
        using var c = Raw();
        Assert.Equal("wal", Scalar(c, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar(c, "SELECT max(version) FROM schema_version;"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, Scalar(c, "SELECT count(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Initialize_twice_and_reopening_keep_the_data()
    {
        await using (var store = await OpenAsync())
        {
            await store.InitializeAsync();
            await store.IngestAsync(new([new("a", "b")], [], [new("b", "a", InteractionKind.Like, 5)]));
        }
        await using (var reopened = await OpenAsync())
        {
            Assert.Equal(new StoreStats(2, 1, 1, 0), await reopened.GetStatsAsync());
        }
    }

    [Fact]
    public async Task Schema_8_keeps_the_newest_of_several_running_runs_and_the_file_then_refuses_a_second_one()
    {
        WriteFileAtSchema(7, """
            INSERT INTO runs(started_at, state, owner, lease_expires_at) VALUES
                ('2026-01-01T00:00:00.0000000Z', 'running', '1@a', '2999-01-01T00:00:00.0000000Z'),
                ('2026-01-01T00:00:01.0000000Z', 'running', '2@b', '2999-01-01T00:00:00.0000000Z');
            """);

        await using var store = await OpenAsync();

        var runs = await store.ListRunsAsync();
        Assert.Equal([(2L, "running"), (1L, "failed")], runs.Select(r => (r.Id, r.State)).ToArray());
        Assert.StartsWith("superseded: several runs were running when schema 8", runs[1].Error);
        Assert.Equal(2, (await Assert.ThrowsAsync<RunInProgressException>(() => store.BeginRunAsync(null))).Holder.Id);
        // The rule holds in the file itself, for a writer that skips the claim.
        using var raw = Raw();
        var error = Assert.Throws<SqliteException>(() => Scalar(raw, "INSERT INTO runs(started_at, state) VALUES ('2026-01-02T00:00:00.0000000Z', 'running');"));
        Assert.Contains("UNIQUE", error.Message);
    }

    [Fact]
    public async Task The_graph_version_moves_with_every_change_of_follows_or_interactions_and_only_then()
    {
        await using var store = await OpenAsync();
        await using var other = await OpenAsync();   // another process writing the same file
        long? v0 = await store.GraphVersionAsync();
        Assert.NotNull(v0);

        await other.IngestAsync(new([new("a", "b")], [], [new("a", "b", InteractionKind.Reply, 1_700_000_000)]));
        long? v1 = await store.GraphVersionAsync();
        Assert.True(v1 > v0, $"ingest: {v0} -> {v1}");
        await other.IngestAsync(new([new("a", "b")], [], [new("a", "b", InteractionKind.Reply, 1_700_000_000)]));   // nothing new
        Assert.Equal(v1, await store.GraphVersionAsync());
        var run = await other.BeginRunAsync(null);
        await other.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["a", "b"], 0));   // results are not the graph
        Assert.Equal(v1, await store.GraphVersionAsync());

        await other.IngestAsync(new([], [new("a", "b")], []));
        long? v2 = await store.GraphVersionAsync();
        Assert.True(v2 > v1, $"unfollow: {v1} -> {v2}");
        await other.RemoveAsync(new RemovalFilter { Account = "nobody" }, "test");
        Assert.Equal(v2, await store.GraphVersionAsync());
        await other.RemoveAsync(new RemovalFilter { Account = "a" }, "test");
        Assert.True(await store.GraphVersionAsync() > v2, "a removal that deleted rows");
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_on_open_and_its_data_kept()
    {
        WriteFileAtSchema(1, """
            INSERT INTO accounts(id, external_id) VALUES (1, 'old-a'), (2, 'old-b');
            INSERT INTO follows(source, target, since, until, active) VALUES (1, 2, 100, NULL, 1);
            INSERT INTO runs(started_at, state, error) VALUES ('2025-01-01T00:00:00.0000000Z', 'failed', 'old failure');
            """);

        await using var store = await OpenAsync();

        Assert.Equal(SqliteSchema.LatestVersion, store.SchemaVersion);
        var input = await store.ReadGraphAsync();
        Assert.Equal(["old-a", "old-b"], input.Ids.Ids);
        Assert.True(input.Follows.HasEdge(0, 1));
        var runs = await store.ListRunsAsync();
        Assert.Equal("old failure", Assert.Single(runs).Error);
        // The migrated file takes new data and new runs.
        await store.IngestAsync(new([new("old-b", "new-c")], [], []));
        var run = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["old-a", "old-b", "new-c"], 0));
        Assert.Equal(new StoreStats(3, 2, 0, 1), await store.GetStatsAsync());
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_is_refused_with_a_clear_message()
    {
        await using (await OpenAsync()) { }
        using (var c = Raw())
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z');";
            cmd.ExecuteNonQuery();
        }

        await using var store = new SqliteInfluenceStore(DbPath);
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("schema version 99", error.Message);
        Assert.Contains(DbPath, error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_and_left_untouched()
    {
        await File.WriteAllTextAsync(DbPath, "source,target\nalice,bob\n");

        await using var store = new SqliteInfluenceStore(DbPath);
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains(DbPath, error.Message);
        Assert.Equal("source,target\nalice,bob\n", await File.ReadAllTextAsync(DbPath));
    }

    [Fact]
    public async Task Using_the_store_before_InitializeAsync_says_so()
    {
        await using var store = new SqliteInfluenceStore(DbPath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetStatsAsync());
        Assert.Contains("InitializeAsync", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.IngestAsync(IngestBatch.Empty with { Follows = [new("a", "b")] }));
    }

    [Fact]
    public async Task Null_results_and_reasons_are_refused_before_anything_is_written()
    {
        await using var store = await OpenAsync();
        var run = await store.BeginRunAsync(null);

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.CompleteRunAsync(run.Id, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.FailRunAsync(run.Id, null!));

        Assert.Equal("running", (await store.ListRunsAsync())[0].State);
    }

    [Fact]
    public void A_blank_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteInfluenceStore(" "));
    }

    [Fact]
    public async Task Cancelling_CompleteRun_half_way_leaves_no_results_and_the_run_running()
    {
        await using var store = await OpenAsync();
        var run = await store.BeginRunAsync(null);
        var ids = Enumerable.Range(0, 30_000).Select(i => "u" + i).ToArray();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<double>(_ => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(ids, 0), progress, cts.Token));

        Assert.Equal("running", (await store.ListRunsAsync())[0].State);
        Assert.Null(await store.LoadLatestRunAsync());
        using var c = Raw();
        Assert.Equal(0L, Scalar(c, "SELECT count(*) FROM run_accounts;"));
        Assert.Equal(0L, Scalar(c, "SELECT count(*) FROM accounts;"));
        // The account cache forgot the rolled-back accounts: completing again recreates them.
        await store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(ids, 0));
        Assert.Equal(30_000, (await store.GetStatsAsync()).Accounts);
    }

    [Fact]
    public async Task Readers_see_the_previous_run_and_writers_wait_while_CompleteRun_is_writing()
    {
        await using var store = await OpenAsync();
        await store.IngestAsync(new([new("a", "b")], [], []));
        var first = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(first.Id, StoreContractTests.SampleResult(["a", "b", "c"], 0));
        // A second store object on the same file stands for another process (the CLI beside the API).
        await using var other = await OpenAsync();

        var second = await store.BeginRunAsync(null);
        var ids = Enumerable.Range(0, 40_000).Select(i => "u" + i).ToArray();
        (long RunId, int Accounts)? seenDuringWrite = null;
        Task<IngestResult>? sameStoreIngest = null, otherStoreIngest = null;
        var progress = new SyncProgress<double>(_ =>
        {
            if (seenDuringWrite is not null) return;
            // Called on the writer thread, inside the open write transaction: read from another connection now.
            var latest = store.LoadLatestRunAsync().GetAwaiter().GetResult()!.Value;
            seenDuringWrite = (latest.Run.Id, latest.Result.Accounts.Length);
            var stats = other.GetStatsAsync().GetAwaiter().GetResult();
            Assert.Equal(1, stats.CompletedRuns);
            sameStoreIngest = Task.Run(() => store.IngestAsync(new([new("x", "y")], [], [])));
            otherStoreIngest = Task.Run(() => other.IngestAsync(new([new("y", "x")], [], [new("x", "y", InteractionKind.Reply, 9)])));
            Thread.Sleep(200);
            Assert.False(sameStoreIngest.IsCompleted, "An ingest through the same store must wait for the writer.");
            Assert.False(otherStoreIngest.IsCompleted, "An ingest from another connection must wait for the write lock.");
        });

        await store.CompleteRunAsync(second.Id, StoreContractTests.SampleResult(ids, 1), progress);

        Assert.Equal((first.Id, 3), seenDuringWrite);
        Assert.Equal(new IngestResult(1, 0, 0, 0), await sameStoreIngest!);
        Assert.Equal(new IngestResult(1, 0, 1, 0), await otherStoreIngest!);
        var now = (await store.LoadLatestRunAsync())!.Value;
        Assert.Equal(second.Id, now.Run.Id);
        Assert.Equal(40_000, now.Result.Accounts.Length);
        var stats = await other.GetStatsAsync();
        Assert.Equal(3, stats.ActiveFollows);
        Assert.Equal(1, stats.Interactions);
        Assert.Equal(2, stats.CompletedRuns);
    }

    [Fact]
    public async Task Concurrent_ingests_from_many_tasks_all_land()
    {
        await using var store = await OpenAsync();

        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (int b = 0; b < 5; b++)
            {
                var follows = Enumerable.Range(0, 200).Select(i => new FollowRecord($"t{t}-{b}-{i}", "hub")).ToArray();
                await store.IngestAsync(new(follows, [], []));
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var stats = await store.GetStatsAsync();
        Assert.Equal(8 * 5 * 200, stats.ActiveFollows);
        Assert.Equal(8 * 5 * 200 + 1, stats.Accounts);
    }

    [Fact]
    public async Task Accounts_created_in_bulk_keep_dense_keys_also_when_another_writer_created_some_of_them()
    {
        // 1,000 new ids (several 256-row account statements), then a second store with a cold cache that
        // meets 700 existing and 600 new ids, then the first store meeting ids only the second one created.
        var first = Enumerable.Range(0, 1000).Select(i => new FollowRecord($"u{i:D4}", $"u{(i + 1) % 1000:D4}")).ToArray();
        var second = Enumerable.Range(0, 700).Select(i => new FollowRecord($"u{i:D4}", $"v{i:D4}"))
            .Concat(Enumerable.Range(700, 600).Select(i => new FollowRecord($"v{i - 700:D4}", $"w{i:D4}"))).ToArray();
        var third = Enumerable.Range(0, 600).Select(i => new FollowRecord($"w{700 + i:D4}", $"u{i:D4}")).ToArray();
        await using var a = await OpenAsync();
        await using var b = await OpenAsync();
        Assert.Equal(new IngestResult(1000, 0, 0, 0), await a.IngestAsync(new(first, [], [])));
        Assert.Equal(new IngestResult(1300, 0, 0, 0), await b.IngestAsync(new(second, [], [])));
        Assert.Equal(new IngestResult(600, 0, 0, 0), await a.IngestAsync(new(third, [], [])));

        using var c = Raw();
        long accounts = 1000 + 700 + 600;
        Assert.Equal(accounts, Scalar(c, "SELECT count(*) FROM accounts;"));
        Assert.Equal(accounts, Scalar(c, "SELECT max(id) FROM accounts;"));
        var stored = new HashSet<(string, string)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT s.external_id, t.external_id FROM follows f JOIN accounts s ON s.id = f.source JOIN accounts t ON t.id = f.target;";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) stored.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.Equal(first.Concat(second).Concat(third).Select(f => (f.Source, f.Target)).ToHashSet(), stored);
    }

    [Fact]
    public async Task Stored_values_are_readable_with_plain_sql()
    {
        await using (var store = await OpenAsync())
        {
            await store.IngestAsync(new([new("alice", "bob", 100)], [], [new("bob", "alice", InteractionKind.Share, null, 2, -0.25)]));
            var run = await store.BeginRunAsync("{}");
            await store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["alice", "bob", "carol"], 0));
        }
        using var c = Raw();
        Assert.Equal(100L, Scalar(c, "SELECT f.since FROM follows f JOIN accounts s ON s.id = f.source WHERE s.external_id = 'alice';"));
        Assert.Equal(SqliteSchema.UnknownTimestamp, Scalar(c, "SELECT timestamp FROM interactions;"));
        Assert.Equal((long)InteractionKind.Share, Scalar(c, "SELECT kind FROM interactions;"));
        Assert.Equal("completed", Scalar(c, "SELECT state FROM runs;"));
        Assert.Equal("regular", Scalar(c, "SELECT role FROM run_accounts WHERE node = 0;"));
        Assert.Equal(DBNull.Value, Scalar(c, "SELECT defender_density FROM run_accounts WHERE node = 0;"));
        Assert.Equal("carol", Scalar(c, "SELECT a.external_id FROM run_accounts r JOIN accounts a ON a.id = r.account WHERE r.node = 2;"));
    }

    [Fact]
    public async Task Every_metric_of_the_schema_has_its_typed_run_accounts_column()
    {
        await using (var store = await OpenAsync()) { }
        using var c = Raw();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, type FROM pragma_table_info('run_accounts');";
        var columns = new Dictionary<string, string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) columns[r.GetString(0)] = r.GetString(1);
        foreach (AccountMetric metric in AccountMetricSchema.All)
        {
            Assert.True(columns.TryGetValue(metric.Name, out string? type),
                $"run_accounts has no column '{metric.Name}': add a migration to SqliteSchema.Migrations, e.g. new({SqliteSchema.LatestVersion + 1}, \"run_accounts: {metric.Name}\", AddMetricColumns(\"{metric.Name}\")).");
            Assert.StartsWith(metric.Kind switch { MetricKind.Real => "REAL", MetricKind.Integer => "INTEGER", _ => "TEXT" }, type);
        }
    }

    [Fact]
    public void AddMetricColumns_derives_the_column_from_the_descriptor_and_refuses_unknown_names()
    {
        Assert.Equal("ALTER TABLE run_accounts ADD COLUMN pagerank REAL;", SqliteSchema.AddMetricColumns("pagerank"));
        Assert.Equal("ALTER TABLE run_accounts ADD COLUMN defenders INTEGER NOT NULL DEFAULT 0;\nALTER TABLE run_accounts ADD COLUMN role TEXT;",
            SqliteSchema.AddMetricColumns("defenders", "role"));
        Assert.Throws<KeyNotFoundException>(() => SqliteSchema.AddMetricColumns("no_such_metric"));
    }
}
