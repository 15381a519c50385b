using Influence.Core.IO;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>influence runs</c>: the runs with owner and lease; looking fails the abandoned ones.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-runs");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Runs_lists_owner_and_lease_and_fails_a_run_whose_lease_expired_but_not_a_live_one()
    {
        string store = Path.Combine(_dir, "s.db");
        string world = DemoWorld(accounts: 200, seed: 3);
        Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--store", store);
        Ok("analyze", "--store", store, "--out", Path.Combine(_dir, "out"));
        long abandoned, live;
        await using (var killed = new SqliteInfluenceStore(store) { RunLease = TimeSpan.FromMilliseconds(100) })
        {
            await killed.InitializeAsync();
            abandoned = (await killed.BeginRunAsync(null)).Id;
        }
        await Task.Delay(300);
        CliResult looked = Ok("runs", "--store", store);
        Assert.Contains($"run {abandoned}: marked failed (abandoned: its owner", looked.Stderr);
        await using (var alive = new SqliteInfluenceStore(store))
        {
            await alive.InitializeAsync();
            live = (await alive.BeginRunAsync(null)).Id;
        }

        CliResult result = Ok("runs", "--store", store);

        string[] lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("id,state,started_at,completed_at,owner,lease_expires_at,error", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{live},running,", lines[1]);
        Assert.Contains($",{Csv.Escape(RunLeases.CurrentOwner)},", lines[1]);
        Assert.StartsWith($"{abandoned},failed,", lines[2]);
        Assert.Contains("abandoned: its owner", lines[2]);
        Assert.StartsWith("1,completed,", lines[3]);
        Assert.DoesNotContain("marked failed", result.Stderr);   // the live run keeps its lease

        // One run at a time per store: an analysis while the live run holds the claim stops at once, naming it.
        CliResult refused = Run("analyze", "--store", store, "--out", Path.Combine(_dir, "out2"));
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains($"error: Run {live} is in progress in this store, held by {RunLeases.CurrentOwner}", refused.Stderr);
        Assert.Equal(4, Ok("runs", "--store", store).Stdout.TrimEnd('\n').Split('\n').Length);   // nothing registered
    }

    [Fact]
    public void A_lost_lease_is_one_line_with_exit_code_1_not_an_internal_error()
    {
        var (code, message) = CliApp.ToExitCode(new RunLeaseLostException("Run 7 lost its lease and was stopped: …"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("Run 7 lost its lease", message);
    }

    [Fact]
    public void Out_of_memory_on_one_or_several_threads_is_exit_code_3_not_a_bug()
    {
        foreach (Exception ex in new Exception[] { new OutOfMemoryException(), new AggregateException(new OutOfMemoryException(), new OutOfMemoryException()) })
        {
            var (code, message) = CliApp.ToExitCode(ex);
            Assert.Equal(ExitCodes.OutOfMemory, code);
            Assert.Contains("influence estimate", message);
            Assert.Contains("--memory-limit", message);
        }
        Assert.Equal(ExitCodes.Internal, CliApp.ToExitCode(new AggregateException(new OutOfMemoryException(), new InvalidOperationException("x"))).Code);
    }
}
