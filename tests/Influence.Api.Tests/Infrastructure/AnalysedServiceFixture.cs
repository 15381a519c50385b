using Influence.Api.Contracts;

namespace Influence.Api.Tests.Infrastructure;

/// <summary>In-memory test server (WebApplicationFactory) over a real SQLite file with a small analysed demo world.
/// Shared by the read-only tests of one class.</summary>
public sealed class AnalysedServiceFixture : IAsyncLifetime
{
    public InfluenceApiFactory Factory { get; } = new(demoAccounts: 500);

    public SummaryDto Summary { get; private set; } = null!;

    public HttpClient CreateClient() => Factory.CreateClient();

    public HttpClient CreateKeyedClient() => Factory.CreateKeyedClient();

    public async Task InitializeAsync() => Summary = await Factory.WaitForFirstRunAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
