using System.Collections.Concurrent;
using Influence.Api.Tests.Infrastructure;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Influence.Api.Tests;

/// <summary>Operations: request logging off by default and sampled when on; the service's files are its user's alone.</summary>
public sealed class OperationsTests
{
    /// <summary>Keeps every log line the service writes (category and text).</summary>
    private sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collecting(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collecting(LogCollector owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue((category, formatter(state, exception)));
        }
    }

    private static async Task<LogCollector> SendRequestsAsync(int count, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var logs = new LogCollector();
        await using var factory = new InfluenceApiFactory(demoAccounts: 0, settings: settings,
            configureServices: s => s.AddSingleton<ILoggerProvider>(logs));
        using HttpClient client = factory.CreateClient();
        for (int i = 0; i < count; i++)
            using (await client.GetAsync("/health/live")) { }
        return logs;
    }

    [Fact]
    public async Task Requests_are_not_logged_by_default()
    {
        LogCollector logs = await SendRequestsAsync(20);
        Assert.DoesNotContain(logs.Lines, l => l.Category == "Influence.Api.Requests");
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("Request starting", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("/health/live", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sample_rate_logs_one_request_in_every_1_over_rate()
    {
        LogCollector logs = await SendRequestsAsync(20, new Dictionary<string, string?> { ["Influence:RequestLogSampleRate"] = "0.25" });
        var lines = logs.Lines.Where(l => l.Category == "Influence.Api.Requests").Select(l => l.Message).ToList();
        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.Contains("GET /health/live answered 200", l));
    }

    [SkippableFact]
    public async Task The_store_file_is_created_readable_by_its_user_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes only.");
        string parent = TestPaths.NewTempDirectory("influence-api-modes");
        string data = Path.Combine(parent, "data");
        try
        {
            await using (var factory = new InfluenceApiFactory(demoAccounts: 0, dataDirectory: data,
                             settings: new Dictionary<string, string?> { ["Influence:ApiKey"] = "" }))
            {
                using HttpClient client = factory.CreateClient();
                using (await client.GetAsync("/health/ready")) { }
                using (await client.PostAsync("/api/v1/runs", null)) { } // touches the key provider: the key file is generated
            }
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(data, "influence.db")));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(data, "api-key")));
            Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        }
        finally
        {
            try { Directory.Delete(parent, true); } catch (IOException) { }
        }
    }
}
