using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Tests.Shared;

namespace Influence.Api.Tests;

/// <summary>The built service as a real process (<c>dotnet Influence.Api.dll</c>) called over a socket.</summary>
public sealed class ProcessTests
{
    internal static string? FindServiceDll()
    {
        // Artifacts layout: <artifacts>/bin/Influence.Api.Tests/<config>/ beside <artifacts>/bin/Influence.Api/<config>/.
        string baseDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string config = Path.GetFileName(baseDir);
        string beside = Path.GetFullPath(Path.Combine(baseDir, "..", "..", "Influence.Api", config, "Influence.Api.dll"));
        if (File.Exists(beside)) return beside;
        string local = Path.Combine(baseDir, "Influence.Api.dll");
        return File.Exists(local) && File.Exists(Path.Combine(baseDir, "Influence.Api.runtimeconfig.json")) ? local : null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <remarks>Started from another working directory (an empty temporary one), as an operator's service manager would:
    /// the service must still read its own appsettings.json (content root = its folder) and log no request.</remarks>
    [SkippableFact]
    public async Task The_built_service_starts_generates_a_key_analyses_the_demo_world_and_answers_over_http()
    {
        string? dll = FindServiceDll();
        Skip.If(dll is null, "Built Influence.Api.dll not found beside the test output; build src/Influence.Api first.");
        string data = TestPaths.NewTempDirectory("influence-api-process");
        string elsewhere = TestPaths.NewTempDirectory("influence-api-cwd");
        int port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll!, "--urls", $"http://127.0.0.1:{port}", $"--Influence:DataDirectory={data}",
                     "--Influence:DemoAccounts=300", "--Influence:ApiKey=", "--Neo4j:Uri=" })
            psi.ArgumentList.Add(arg);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(process.HasExited, $"The service exited early:\n{output}");
                try
                {
                    using var live = await client.GetAsync("health/live");
                    if (live.StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, $"The service did not answer /health/live within 60 s:\n{output}");
                await Task.Delay(200);
            }

            SummaryDto summary = await InfluenceApiFactory.WaitForSummaryAsync(client, TimeSpan.FromSeconds(120));
            Assert.True(summary.Summary.Nodes > 100);
            var accounts = await client.GetFromJsonAsync<AccountPageDto>("api/v1/accounts?pageSize=5");
            Assert.Equal(5, accounts!.Items.Count);
            using (var ready = await client.GetAsync("health/ready"))
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            // The start-up banner points at the API, the reference and the dashboard, and the generated key.
            string key = File.ReadAllText(Path.Combine(data, "api-key")).Trim();
            string printed;
            lock (output) printed = output.ToString();
            Assert.Contains($"http://127.0.0.1:{port}/docs", printed);
            Assert.Contains($"http://127.0.0.1:{port}/api/v1/summary", printed);
            Assert.Contains(key, printed);

            using (var dashboard = await client.GetAsync(""))
            {
                Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
                Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
            }

            // Its own folder is the content root (appsettings.json read from there), and requests are not logged.
            Assert.Contains($"Content root path: {Path.GetDirectoryName(dll)}", printed);
            Assert.Contains($"Settings   {Path.Combine(Path.GetDirectoryName(dll)!, "appsettings.json")}", printed);
            Assert.DoesNotContain("Request starting", printed);
            Assert.DoesNotContain("/api/v1/accounts", printed);
            // The store and the key are the user's alone.
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "influence.db")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "api-key")));
            }

            using (var refused = await client.PostAsync("api/v1/runs", null))
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/runs");
            request.Headers.Add("X-Api-Key", key);
            using var accepted = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.NotNull(accepted.Headers.Location);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            try { Directory.Delete(data, true); } catch (IOException) { }
            try { Directory.Delete(elsewhere, true); } catch (IOException) { }
        }
    }
}
