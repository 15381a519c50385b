using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// The service on a REAL Kestrel listener on 127.0.0.1 (free port) with a small demo world, already analysed,
/// for browser tests and socket-level tests. Use as an xunit class fixture:
/// <code>public sealed class MyTests(DemoServiceFixture service) : IClassFixture&lt;DemoServiceFixture&gt;</code>
/// then open <see cref="BaseUrl"/> in the browser; send <see cref="ApiKey"/> as <c>X-Api-Key</c> for runs and writes.
/// Each fixture owns a fresh temporary data directory (SQLite file), deleted on dispose.
/// </summary>
public class DemoServiceFixture : IAsyncLifetime
{
    /// <summary>Accounts in the demo world (small enough for a fast first analysis).</summary>
    public const int DemoAccounts = 600;

    private readonly InfluenceApiFactory _factory;

    public DemoServiceFixture() : this(null) { }

    /// <param name="settings">Extra service configuration (e.g. <c>Influence:DemoAudiencePlants</c>).</param>
    protected DemoServiceFixture(IReadOnlyDictionary<string, string?>? settings) => _factory = new(DemoAccounts, settings);

    /// <summary>Base URL of the real listener, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary><see cref="BaseUrl"/> as a Uri (with trailing slash).</summary>
    public Uri BaseAddress => new(BaseUrl + "/");

    /// <summary>The service's API key (send as <c>X-Api-Key</c>).</summary>
    public string ApiKey => InfluenceApiFactory.TestApiKey;

    /// <summary>The data directory of this service (SQLite file).</summary>
    public string DataDirectory => _factory.DataDirectory;

    /// <summary>Summary of the first completed run.</summary>
    public SummaryDto Summary { get; private set; } = null!;

    /// <summary>A plain HTTP client on the real socket; <paramref name="withKey"/> adds <c>X-Api-Key</c>.</summary>
    public HttpClient CreateClient(bool withKey = false)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey) client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>An account id that has at least one defender (for profile/defender views), or null.</summary>
    public async Task<string?> FindAccountWithDefendersAsync()
    {
        using HttpClient client = CreateClient();
        var page = await client.GetFromJsonAsync<AccountPageDto>("api/v1/accounts?sort=influence&pageSize=500");
        foreach (AccountSummaryDto a in page!.Items)
            if (a.Defenders > 0) return a.Id;
        return null;
    }

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        using HttpClient client = CreateClient();
        Summary = await InfluenceApiFactory.WaitForSummaryAsync(client, TimeSpan.FromSeconds(180));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
    }
}

/// <summary>The demo service with follower purchases and organic viral spikes planted on its world (<c>Influence:DemoAudiencePlants</c>).</summary>
public sealed class AudienceDemoServiceFixture() : DemoServiceFixture(new Dictionary<string, string?> { ["Influence:DemoAudiencePlants"] = "true" });
