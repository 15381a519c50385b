using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Tests.Shared;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Influence.Api.Tests;

/// <summary>
/// The crash drill's service part: the built service (a real process) is killed with SIGKILL while clients
/// ingest batches and a run computes, then started again on the same data directory. Checked each time:
/// file integrity, every acknowledged batch (200) stored whole, the batch in flight stored whole or not at
/// all, no run left running past its lease after the restart, a completed run served.
/// <c>INFLUENCE_CRASH_DRILL_ROUNDS</c> sets the rounds (default 2), <c>INFLUENCE_CRASH_DRILL_SEED</c> the schedule.
/// </summary>
public sealed class ServiceCrashDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int BatchRows = 2_000;
    private const string Key = "crash-drill-key-0123456789";
    private readonly string _data = TestPaths.NewTempDirectory("influence-service-drill");
    private readonly int _rounds = CrashDrillSettings.Rounds(ciDefault: 2);

    private string Store => Path.Combine(_data, "influence.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [SkippableFact]
    public async Task The_service_killed_during_ingest_and_a_run_keeps_acknowledged_batches_and_serves_a_completed_run()
    {
        string? dll = ProcessTests.FindServiceDll();
        Skip.If(dll is null, "Built Influence.Api.dll not found beside the test output; build src/Influence.Api first.");
        var random = new Random(CrashDrillSettings.Seed);
        output.WriteLine(CrashDrillSettings.Describe("service crash drill", _rounds));
        for (int round = 0; round < _rounds; round++)
        {
            using var service = await Service.StartAsync(dll!, _data);
            long served = (await InfluenceApiFactory.WaitForSummaryAsync(service.Client, TimeSpan.FromSeconds(120))).Run.Id;
            using (var run = new HttpRequestMessage(HttpMethod.Post, "api/v1/runs"))
            {
                run.Headers.Add("X-Api-Key", Key);
                using var started = await service.Client.SendAsync(run);
                Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"POST /runs: {started.StatusCode}");
            }

            var acknowledged = new List<int>();
            int inFlight = -1;
            using var stop = new CancellationTokenSource();
            var ingest = Task.Run(async () =>
            {
                for (int batch = 0; !stop.IsCancellationRequested; batch++)
                {
                    inFlight = batch;
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/ingest/follows") { Content = Body(round, batch) };
                        request.Headers.Add("X-Api-Key", Key);
                        using var response = await service.Client.SendAsync(request, stop.Token);
                        if (response.StatusCode != HttpStatusCode.OK) return;
                        lock (acknowledged) acknowledged.Add(batch);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            });
            int delay = random.Next(300, 2_500);
            await Task.Delay(delay);
            service.Kill();
            stop.Cancel();
            await ingest;

            AssertIntact();
            int[] acked;
            lock (acknowledged) acked = [.. acknowledged];
            foreach (int batch in acked) Assert.Equal(BatchRows, Stored(round, batch));
            long partial = inFlight >= 0 ? Stored(round, inFlight) : 0;
            if (!acked.Contains(inFlight)) Assert.True(partial is 0 or BatchRows, $"round {round}: batch {inFlight} in flight at the kill stored {partial} of {BatchRows} rows");
            Assert.Equal(0, Stored(round, inFlight + 1));
            output.WriteLine($"round {round}: killed after {delay} ms with {acked.Length} batches acknowledged ({acked.Length * BatchRows:N0} rows, all stored), " +
                $"batch in flight stored {(acked.Contains(inFlight) ? "acknowledged" : partial == 0 ? "not at all" : "whole")}; run {served} was served before");
            // Leases of the killed service's run run out (1 s in this drill) before the next start.
            await Task.Delay(1_300);
        }

        using var last = await Service.StartAsync(dll!, _data);
        SummaryDto summary = await InfluenceApiFactory.WaitForSummaryAsync(last.Client, TimeSpan.FromSeconds(120));
        var runs = (await last.Client.GetFromJsonAsync<List<JobDto>>("api/v1/runs"))!;
        Assert.Equal("completed", Assert.Single(runs, x => x.Id == summary.Run.Id).State);
        last.Kill();
        using var c = new SqliteConnection($"Data Source={Store};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM runs WHERE state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < $now);";
        // A run the last service may have started itself holds a fresh lease; nothing older is left running.
        cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
        cmd.CommandText = "SELECT count(*) FROM runs WHERE state = 'failed' AND error LIKE 'abandoned:%';";
        output.WriteLine($"restart: run {summary.Run.Id} served; {(long)cmd.ExecuteScalar()!} killed run(s) marked failed as abandoned; integrity ok");
        AssertIntact();
    }

    private static StringContent Body(int round, int batch)
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < BatchRows; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $"{{\"source\":\"r{round}b{batch}s{i}\",\"target\":\"r{round}b{batch}t{i % 50}\"}}");
        }
        return new StringContent(json.Append(']').ToString(), Encoding.UTF8, "application/json");
    }

    private void AssertIntact()
    {
        using var c = new SqliteConnection($"Data Source={Store};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", cmd.ExecuteScalar());
    }

    /// <summary>Follows of one batch in the store (its sources are <c>r{round}b{batch}s*</c>).</summary>
    private long Stored(int round, int batch)
    {
        using var c = new SqliteConnection($"Data Source={Store};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.source WHERE a.external_id >= $from AND a.external_id < $to;";
        cmd.Parameters.AddWithValue("$from", $"r{round}b{batch}s");
        cmd.Parameters.AddWithValue("$to", $"r{round}b{batch}t");
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>The service as a child process on a free port, with a 1 s run lease.</summary>
    private sealed class Service : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private Service(Process process, HttpClient client)
        {
            _process = process;
            Client = client;
        }

        public HttpClient Client { get; }

        public static async Task<Service> StartAsync(string dll, string data)
        {
            int port = ProcessTests.FreePort();
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--Influence:DataDirectory={data}",
                         "--Influence:DemoAccounts=2000", $"--Influence:ApiKey={Key}", "--Neo4j:Uri=" })
                psi.ArgumentList.Add(arg);
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment[RunLeases.EnvironmentVariable] = "1";
            var service = new Service(Process.Start(psi)!, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) });
            service._process.OutputDataReceived += (_, e) => { lock (service._log) service._log.AppendLine(e.Data); };
            service._process.ErrorDataReceived += (_, e) => { lock (service._log) service._log.AppendLine(e.Data); };
            service._process.BeginOutputReadLine();
            service._process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                lock (service._log) Assert.False(service._process.HasExited, $"The service exited early:\n{service._log}");
                try
                {
                    using var live = await service.Client.GetAsync("health/live");
                    if (live.StatusCode == HttpStatusCode.OK) return service;
                }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, "The service did not answer /health/live within 60 s");
                await Task.Delay(100);
            }
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            if (_process.HasExited) return;
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            Client.Dispose();
            _process.Dispose();
        }
    }
}
