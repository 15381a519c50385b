using System.Diagnostics;
using System.Globalization;
using System.Text;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Influence.Cli.Tests;

/// <summary>
/// The crash drill: the real <c>influence</c> executable is killed (SIGKILL, no chance to clean up) at random
/// moments of <c>import</c> and <c>analyze --store</c> (read, analysis, write-back), and after each kill the
/// store is checked as the next process finds it: file integrity, no acknowledged row lost, no partial
/// batch, no run left <c>running</c> past its lease once someone looks, the previous completed run still
/// served whole, no half-written output file. A short version runs in CI; more rounds with
/// <c>INFLUENCE_CRASH_DRILL_ROUNDS</c>, a fixed schedule with <c>INFLUENCE_CRASH_DRILL_SEED</c>.
/// </summary>
public sealed class CrashDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int Batch = 20_000;
    private const int FollowsPerRound = 120_000;
    private const int InteractionsPerRound = 60_000;
    private readonly string _dir = TestPaths.NewTempDirectory("influence-crash-drill");
    private readonly int _rounds = CrashDrillSettings.Rounds(ciDefault: 3);
    private readonly int _seed = CrashDrillSettings.Seed;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [SkippableFact]
    public void Import_killed_at_random_keeps_whole_batches_only_and_acknowledged_rows()
    {
        string exe = CliRunner.ExecutablePath;
        var random = new Random(_seed);
        string store = Path.Combine(_dir, "import.db");
        var figures = new List<string>();
        int fullMs = 2_500; // a first guess; then the longest re-run after a kill, so kills spread over an import (5–80 % of it)
        for (int round = 0; round < _rounds; round++)
        {
            var (followsFile, interactionsFile) = WriteRoundFiles(round);
            string[] args = ["import", "--follows", followsFile, "--interactions", interactionsFile, "--store", store, "--batch-size", Batch.ToString(CultureInfo.InvariantCulture)];
            var before = Counts(store, round);
            int delay = random.Next(fullMs / 20, fullMs * 4 / 5);
            var killed = Child.Start(exe, _dir, args).KillAfter(delay);

            // What the next process finds.
            AssertIntact(store);
            for (int acknowledged = 0; acknowledged < round; acknowledged++)
                Assert.Equal((FollowsPerRound, InteractionsPerRound), Counts(store, acknowledged));
            var (follows, interactions) = Counts(store, round);
            Assert.True(follows % Batch == 0 || follows == FollowsPerRound, $"round {round}: {follows} follows stored: not whole batches of {Batch}");
            Assert.True(interactions % Batch == 0 || interactions == InteractionsPerRound, $"round {round}: {interactions} interactions stored: not whole batches");
            Assert.True(interactions == 0 || follows == FollowsPerRound, "interactions are written after every follow batch");
            AssertPrefix(store, round, follows);
            Assert.True(follows >= before.Follows);
            figures.Add($"import round {round}: killed after {delay} ms ({killed.LastLine}), exit {killed.ExitCode}; stored {follows:N0}/{FollowsPerRound:N0} follows, {interactions:N0}/{InteractionsPerRound:N0} interactions");

            // Re-running the same import converges to the whole file (and acknowledges it).
            var clock = Stopwatch.StartNew();
            var rerun = Child.Start(exe, _dir, args).WaitForExit();
            Assert.True(rerun.ExitCode == 0, rerun.Describe());
            if (killed.ExitCode != 0) fullMs = Math.Max(fullMs, (int)clock.ElapsedMilliseconds); // a re-run after a kill redoes most of the file
            Assert.Equal((FollowsPerRound, InteractionsPerRound), Counts(store, round));
        }
        AssertIntact(store);
        Report(figures);
    }

    [SkippableFact]
    public void Analyze_killed_at_random_leaves_the_previous_run_served_and_no_run_running_past_its_lease()
    {
        string exe = CliRunner.ExecutablePath;
        var random = new Random(_seed + 1);
        string store = Path.Combine(_dir, "analyze.db");
        var lease = new Dictionary<string, string> { [RunLeases.EnvironmentVariable] = "1" };
        Assert.Equal(0, Child.Start(exe, _dir, ["demo", "--out", "world", "--accounts", "12000", "--seed", "7"]).WaitForExit().ExitCode);
        Assert.Equal(0, Child.Start(exe, _dir, ["import", "--follows", "world/follows.csv", "--interactions", "world/interactions.csv", "--store", store]).WaitForExit().ExitCode);
        var clock = Stopwatch.StartNew();
        var first = Child.Start(exe, _dir, ["analyze", "--store", store, "--out", "out-0"], lease).WaitForExit();
        Assert.True(first.ExitCode == 0, first.Describe());
        // Kills land anywhere in an analyze (start-up, read, analysis, write-back, files): 5–80 % of a full one (later runs are faster than the first).
        int fullMs = (int)clock.ElapsedMilliseconds;
        var (served, n) = LatestRun(store);
        var figures = new List<string>();

        for (int round = 1; round <= _rounds + 1; round++)
        {
            string outDir = $"out-{round}";
            long newestBefore = RunStates(store)[0].Id;
            int delay = random.Next(fullMs / 20, fullMs * 4 / 5);
            var killed = Child.Start(exe, _dir, ["analyze", "--store", store, "--out", outDir], lease).KillAfter(delay);

            AssertIntact(store);
            var (latest, accounts) = LatestRun(store);
            // The previous run is served, unless the killed process had committed its own run before the kill.
            if (latest != served)
            {
                Assert.True(latest > newestBefore, $"run {latest} is served instead of {served}");
                Assert.Equal("completed", RunStates(store).Single(x => x.Id == latest).State);
                served = latest;
            }
            Assert.Equal(n, accounts);
            // Output files appear whole or not at all.
            string accountsCsv = Path.Combine(_dir, outDir, "accounts.csv");
            if (File.Exists(accountsCsv)) Assert.Equal(n + 1, File.ReadLines(accountsCsv).Count());
            else Assert.False(killed.ExitCode == 0, "a completed analyze wrote no accounts.csv");

            // Whoever looks after the lease ended fails the killed run; nothing stays "running".
            Thread.Sleep(1_300);
            var runs = Child.Start(exe, _dir, ["runs", "--store", store]).WaitForExit();
            Assert.True(runs.ExitCode == 0, runs.Describe());
            var states = RunStates(store);
            Assert.DoesNotContain(states, x => x.State == "running");
            var abandoned = states.Where(x => x.State == "failed" && x.Error!.StartsWith("abandoned:", StringComparison.Ordinal)).Select(x => x.Id).ToHashSet();
            figures.Add($"analyze round {round}: killed after {delay} ms ({killed.LastLine}), exit {killed.ExitCode}; served run {latest} ({accounts:N0} accounts); runs: {states.Count(x => x.State == "completed")} completed, {abandoned.Count} abandoned and failed");
        }

        // A run a live process is doing is never failed by another process looking meanwhile.
        var live = Child.Start(exe, _dir, ["analyze", "--store", store, "--out", "out-live"], new() { [RunLeases.EnvironmentVariable] = "2" });
        int looks = 0;
        while (!live.HasExited)
        {
            Assert.Equal(0, Child.Start(exe, _dir, ["runs", "--store", store]).WaitForExit().ExitCode);
            looks++;
        }
        var done = live.WaitForExit();
        Assert.True(done.ExitCode == 0, done.Describe());
        Assert.Equal("completed", RunStates(store).First().State);
        figures.Add($"live analyze (lease 2 s) while 'influence runs' looked {looks} times: exit 0, run completed in {RunSeconds(store):0.0} s");
        Report(figures);
    }

    private void Report(List<string> figures)
    {
        output.WriteLine(CrashDrillSettings.Describe("crash drill", _rounds));
        foreach (string line in figures) output.WriteLine(line);
    }

    /// <summary>Round <paramref name="round"/>'s files: ids prefixed <c>r{round}</c>, every follow pair and interaction key distinct.</summary>
    private (string Follows, string Interactions) WriteRoundFiles(int round)
    {
        string follows = Path.Combine(_dir, $"follows-{round}.csv"), interactions = Path.Combine(_dir, $"interactions-{round}.csv");
        var text = new StringBuilder("source,target,since\n");
        for (int i = 0; i < FollowsPerRound; i++)
            text.Append(CultureInfo.InvariantCulture, $"r{round}s{i},r{round}t{i % 997},{1_600_000_000 + i}\n");
        File.WriteAllText(follows, text.ToString());
        text.Clear().Append("source,target,kind,timestamp,weight\n");
        for (int i = 0; i < InteractionsPerRound; i++)
            text.Append(CultureInfo.InvariantCulture, $"r{round}s{i % 5000},r{round}t{i % 997},reply,{1_700_000_000 + i},1\n");
        File.WriteAllText(interactions, text.ToString());
        return (follows, interactions);
    }

    private static SqliteConnection Open(string store)
    {
        var c = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void AssertIntact(string store)
    {
        if (!File.Exists(store)) return;
        using var c = Open(store);
        Assert.Equal("ok", Scalar(c, "PRAGMA integrity_check;"));
    }

    /// <summary>Follows and interactions of one round's files held by the store (their sources carry the round's prefix).</summary>
    private static (long Follows, long Interactions) Counts(string store, int round)
    {
        if (!File.Exists(store)) return (0, 0);
        using var c = Open(store);
        if (Convert.ToInt64(Scalar(c, "SELECT count(*) FROM sqlite_master WHERE name = 'follows';"), CultureInfo.InvariantCulture) == 0) return (0, 0);
        string range = $"a.external_id >= 'r{round}s' AND a.external_id < 'r{round}t'";
        long follows = Convert.ToInt64(Scalar(c, $"SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.source WHERE {range};"), CultureInfo.InvariantCulture);
        long interactions = Convert.ToInt64(Scalar(c, $"SELECT count(*) FROM interactions x JOIN accounts a ON a.id = x.source WHERE {range};"), CultureInfo.InvariantCulture);
        return (follows, interactions);
    }

    /// <summary>The stored follows of a round are the first rows of its file: row <c>stored - 1</c> is in, row <c>stored</c> is not.</summary>
    private static void AssertPrefix(string store, int round, long stored)
    {
        if (stored == 0 || stored == FollowsPerRound) return;
        using var c = Open(store);
        long Has(long i) => Convert.ToInt64(Scalar(c, $"SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.source WHERE a.external_id = 'r{round}s{i}';"), CultureInfo.InvariantCulture);
        Assert.Equal(1, Has(stored - 1));
        Assert.Equal(0, Has(stored));
    }

    private static (long RunId, int Accounts) LatestRun(string store)
    {
        var s = new SqliteInfluenceStore(store);
        try
        {
            s.InitializeAsync().GetAwaiter().GetResult();
            var latest = s.LoadLatestRunAsync().GetAwaiter().GetResult() ?? throw new InvalidOperationException("no completed run is served");
            return (latest.Run.Id, latest.Result.Accounts.Length);
        }
        finally
        {
            s.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static double RunSeconds(string store)
    {
        using var c = Open(store);
        return Convert.ToDouble(Scalar(c, "SELECT (julianday(completed_at) - julianday(started_at)) * 86400 FROM runs ORDER BY id DESC LIMIT 1;"), CultureInfo.InvariantCulture);
    }

    private static List<(long Id, string State, string? Error)> RunStates(string store)
    {
        using var c = Open(store);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, state, error FROM runs ORDER BY id DESC;";
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string, string?)>();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return list;
    }

    /// <summary>A child <c>influence</c> process whose stderr (plain progress lines) is followed line by line.</summary>
    private sealed class Child
    {
        private readonly Process _process;
        private readonly StringBuilder _stderr = new();
        private readonly Task<string> _stdout;
        private readonly Lock _gate = new();
        private readonly string _command;

        private Child(Process process, string command)
        {
            _process = process;
            _command = command;
            _stdout = process.StandardOutput.ReadToEndAsync();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_gate) _stderr.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
        }

        public static Child Start(string exe, string directory, string[] args, Dictionary<string, string>? environment = null)
        {
            var psi = new ProcessStartInfo(exe)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args) psi.ArgumentList.Add(a);
            psi.Environment.Remove("NEO4J_URI");
            psi.Environment.Remove("Neo4j__Uri");
            foreach (var (name, value) in environment ?? []) psi.Environment[name] = value;
            return new Child(Process.Start(psi)!, "influence " + string.Join(' ', args));
        }

        public bool HasExited => _process.HasExited;

        public int ExitCode { get; private set; }

        /// <summary>The last progress line before the end (where the kill landed).</summary>
        public string LastLine
        {
            get
            {
                lock (_gate)
                {
                    string[] lines = _stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return lines.Length == 0 ? "before any progress" : lines[^1];
                }
            }
        }

        /// <summary>SIGKILL after <paramref name="milliseconds"/> unless it ended before.</summary>
        public Child KillAfter(int milliseconds)
        {
            if (!_process.WaitForExit(milliseconds)) _process.Kill(); // SIGKILL on Unix: no handler runs
            return WaitForExit();
        }

        public Child WaitForExit()
        {
            if (!_process.WaitForExit(120_000))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{_command} did not finish in 2 minutes");
            }
            _process.WaitForExit();
            ExitCode = _process.ExitCode;
            return this;
        }

        public string Describe()
        {
            lock (_gate) return $"{_command}: exit {ExitCode}\n{_stdout.Result}\n{_stderr}";
        }
    }
}
