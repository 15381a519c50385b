using System.IO.Compression;
using System.Text;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Tests;

/// <summary>The importer on real files into a real SQLite store (one temp directory per test).</summary>
public sealed class ImporterTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-import");
    private SqliteInfluenceStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteInfluenceStore.InDataDirectory(Path.Combine(_dir, "data"));
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string FollowsCsv = "source,target,since\nalice,bob,100\nbob,alice,\ncarol,alice,\ndave,alice,300\n";
    private const string InteractionsCsv = "source,target,kind,timestamp,weight,stance\nbob,alice,reply,1700000000,1,0.5\ncarol,alice,retweet,,3,\n";

    [Fact]
    public async Task Strict_import_stores_follows_and_interactions_and_reports_progress()
    {
        var reports = new List<ImportProgress>();
        var importer = new Importer(_store);

        var result = await importer.ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", FollowsCsv),
            InteractionsPath = Write("interactions.csv", InteractionsCsv),
            BatchSize = 2,
        }, new SyncProgress<ImportProgress>(reports.Add));

        Assert.Equal((6L, 4L, 0L, 2L, 0L, 0L), (result.RowsRead, result.FollowsAdded, result.Unfollowed, result.InteractionsAdded, result.Unchanged, result.Rejected));
        Assert.Equal(new StoreStats(4, 4, 2, 0), await _store.GetStatsAsync());
        var input = await _store.ReadGraphAsync();
        int carol = input.Ids.Ids.ToList().IndexOf("carol");
        int share = Enumerable.Range(0, input.Interactions.Count).Single(i => input.Interactions.Source[i] == carol);
        Assert.Equal((InteractionKind.Share, 3.0, InteractionLog.NoTimestamp), (input.Interactions.Kind[share], input.Interactions.Weight[share], input.Interactions.Timestamp[share]));
        Assert.Contains(reports, r => r.Phase == "validate");
        var writes = reports.Where(r => r.Phase == "write").ToList();
        Assert.NotEmpty(writes);
        Assert.Equal(6, writes[^1].Rows);
        Assert.All(reports, r => Assert.True(r.RowsPerSecond > 0));
    }

    [Fact]
    public async Task Importing_the_same_files_twice_changes_nothing()
    {
        var request = new ImportRequest
        {
            FollowsPath = Write("follows.csv", FollowsCsv),
            InteractionsPath = Write("interactions.csv", InteractionsCsv),
        };
        var importer = new Importer(_store);
        await importer.ImportAsync(request);

        var again = await importer.ImportAsync(request);

        Assert.Equal((0L, 0L, 6L), (again.FollowsAdded, again.InteractionsAdded, again.Unchanged));
        Assert.Equal(new StoreStats(4, 4, 2, 0), await _store.GetStatsAsync());
    }

    [Fact]
    public async Task Strict_import_with_a_bad_row_stores_nothing_and_keeps_earlier_data()
    {
        var importer = new Importer(_store);
        await importer.ImportAsync(new ImportRequest { FollowsPath = Write("earlier.csv", "source,target\nzed,yan\n") });

        // Good follows, then interactions whose 4th line has a weight of zero.
        var error = await Assert.ThrowsAsync<InputFormatException>(() => importer.ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", FollowsCsv),
            InteractionsPath = Write("interactions.csv", InteractionsCsv + "dave,alice,like,,0,\n"),
            BatchSize = 1,
        }));

        Assert.EndsWith("interactions.csv", error.Error.File);
        Assert.Equal(4, error.Error.Line);
        Assert.Equal("weight", error.Error.Field);
        Assert.Equal(new StoreStats(2, 1, 0, 0), await _store.GetStatsAsync());
        Assert.Equal(["yan", "zed"], (await _store.ReadGraphAsync()).Ids.Ids.Order());
    }

    [Fact]
    public async Task Strict_import_refuses_an_id_the_store_would_refuse_before_writing_anything()
    {
        string longId = new('x', RowRules.MaxIdLength + 1);

        var error = await Assert.ThrowsAsync<InputFormatException>(() => new Importer(_store).ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", $"source,target\nalice,bob\n{longId},bob\n"),
        }));

        Assert.Equal("source", error.Error.Field);
        Assert.Equal(3, error.Error.Line);
        Assert.Contains("longer than 512", error.Error.Reason);
        Assert.Equal(new StoreStats(0, 0, 0, 0), await _store.GetStatsAsync());
    }

    [Fact]
    public async Task Skip_mode_stores_the_good_rows_and_writes_the_bad_ones_with_reasons()
    {
        string rejects = Path.Combine(_dir, "out", "rejects.csv");
        string longId = new('y', RowRules.MaxIdLength + 1);

        var result = await new Importer(_store).ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", $"source,target\nalice,bob\n,bob\nbob,alice\n{longId},alice\n"),
            InteractionsPath = Write("interactions.csv", "source,target,kind,stance\nbob,alice,reply,0.5\nbob,alice,wink,\nbob,alice,like,\n"),
            SkipInvalid = true,
            RejectsPath = rejects,
        });

        Assert.Equal((7L, 2L, 2L, 3L), (result.RowsRead, result.FollowsAdded, result.InteractionsAdded, result.Rejected));
        Assert.Equal(3, result.FirstRejects.Count);
        Assert.Equal(new StoreStats(2, 2, 2, 0), await _store.GetStatsAsync());
        string[] lines = await File.ReadAllLinesAsync(rejects);
        Assert.Equal(RecordError.CsvHeader, lines[0]);
        Assert.Equal("file,line,field,reason,raw_line", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("follows.csv,3,source,", lines[1]);
        Assert.Contains("follows.csv,5,source,", lines[2]);
        Assert.Contains("interactions.csv,3,kind,", lines[3]);
        Assert.Contains("wink", lines[3]);
    }

    [Fact]
    public async Task Skip_mode_still_refuses_a_file_without_the_required_columns_before_writing_any_file()
    {
        var error = await Assert.ThrowsAsync<InputFormatException>(() => new Importer(_store).ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", FollowsCsv),
            InteractionsPath = Write("interactions.csv", "source,target,when\nbob,alice,5\n"),
            SkipInvalid = true,
        }));

        Assert.Contains("kind", error.Message);
        Assert.Equal(new StoreStats(0, 0, 0, 0), await _store.GetStatsAsync());
    }

    [Fact]
    public async Task Gzip_files_are_imported()
    {
        string path = Path.Combine(_dir, "follows.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(FollowsCsv));

        var result = await new Importer(_store).ImportAsync(new ImportRequest { FollowsPath = path });

        Assert.Equal(4, result.FollowsAdded);
        Assert.Equal(4, (await _store.GetStatsAsync()).ActiveFollows);
    }

    [Fact]
    public async Task A_SNAP_edge_list_of_interactions_takes_its_kind_from_the_options()
    {
        var result = await new Importer(_store).ImportAsync(new ImportRequest
        {
            InteractionsPath = Write("higgs-reply.edgelist", "# a b weight\n1 2 3\n2 1 1\n"),
            InteractionOptions = new ReadOptions { EdgeListKind = InteractionKind.Reply },
        });

        Assert.Equal(2, result.InteractionsAdded);
        var input = await _store.ReadGraphAsync();
        Assert.Equal([InteractionKind.Reply, InteractionKind.Reply], input.Interactions.Kind.ToArray());
        Assert.Equal(4.0, input.Interactions.Weight.ToArray().Sum());
    }

    [Fact]
    public async Task An_unfollows_file_ends_follows()
    {
        var importer = new Importer(_store);
        await importer.ImportAsync(new ImportRequest { FollowsPath = Write("follows.csv", FollowsCsv) });

        var result = await importer.ImportAsync(new ImportRequest
        {
            UnfollowsPath = Write("unfollows.csv", "source,target,since\ncarol,alice,500\nnobody,alice,500\n"),
        });

        Assert.Equal((1L, 1L), (result.Unfollowed, result.Unchanged));
        Assert.Equal(3, (await _store.GetStatsAsync()).ActiveFollows);
    }

    [Fact]
    public async Task A_missing_file_is_reported_before_anything_is_stored()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new Importer(_store).ImportAsync(new ImportRequest
        {
            FollowsPath = Write("follows.csv", FollowsCsv),
            InteractionsPath = Path.Combine(_dir, "no-such-file.csv"),
        }));

        Assert.Contains("no-such-file.csv", error.Message);
        Assert.Contains("interactions", error.Message);
        Assert.Equal(new StoreStats(0, 0, 0, 0), await _store.GetStatsAsync());
    }

    [Fact]
    public async Task Invalid_requests_are_refused()
    {
        var importer = new Importer(_store);
        string follows = Write("follows.csv", FollowsCsv);

        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(new ImportRequest()));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => importer.ImportAsync(new ImportRequest { FollowsPath = follows, BatchSize = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(new ImportRequest { FollowsPath = follows, RejectsPath = "r.csv" }));
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(new ImportRequest { FollowsPath = " " }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => importer.ImportAsync(null!));
        Assert.Throws<ArgumentNullException>(() => new Importer(null!));
        Assert.Equal(new StoreStats(0, 0, 0, 0), await _store.GetStatsAsync());
    }

    [Fact]
    public async Task Cancellation_stops_the_import_and_a_rerun_completes_it_without_duplicates()
    {
        var sb = new StringBuilder("source,target\n");
        for (int i = 0; i < 5_000; i++) sb.Append("u").Append(i).Append(",hub\n");
        string path = Write("follows.csv", sb.ToString());
        using var cts = new CancellationTokenSource();
        var importer = new Importer(_store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(
            new ImportRequest { FollowsPath = path, BatchSize = 1_000 },
            new SyncProgress<ImportProgress>(p => { if (p.Phase == "write" && p.Rows >= 2_000) cts.Cancel(); }),
            cts.Token));
        long partial = (await _store.GetStatsAsync()).ActiveFollows;
        Assert.InRange(partial, 1, 4_999);

        var rerun = await importer.ImportAsync(new ImportRequest { FollowsPath = path, BatchSize = 1_000 });

        Assert.Equal(5_000 - partial, rerun.FollowsAdded);
        Assert.Equal(5_000, (await _store.GetStatsAsync()).ActiveFollows);
    }
}
