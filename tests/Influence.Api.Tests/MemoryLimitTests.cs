using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary><c>Influence:MemoryLimitBytes</c>: a run whose estimate exceeds it fails before it reads the graph, with the figures.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public async Task A_run_over_the_memory_limit_fails_with_the_estimate_instead_of_running()
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 200,
            settings: new Dictionary<string, string?> { ["Influence:MemoryLimitBytes"] = "1048576" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WaitForFirstRunAsync());
        Assert.Contains("Run refused before it started", error.Message);
        Assert.Matches(@"for [0-9,]+ accounts, [0-9,]+ follows( with their start times)? and [0-9,]+ interactions", error.Message);
        Assert.Contains("Influence:MemoryLimitBytes", error.Message);
    }
}
