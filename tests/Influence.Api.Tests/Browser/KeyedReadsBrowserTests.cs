using System.Net;
using Influence.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Influence.Api.Tests.Browser;

/// <summary>A service with <c>Influence:RequireKeyForReads=true</c> on a real Kestrel socket (small demo world).</summary>
public sealed class KeyedReadsServiceFixture : IAsyncLifetime
{
    private readonly InfluenceApiFactory _factory = new(demoAccounts: 200,
        settings: new Dictionary<string, string?> { ["Influence:RequireKeyForReads"] = "true" });

    public string BaseUrl { get; private set; } = "";

    public string ApiKey => InfluenceApiFactory.TestApiKey;

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await InfluenceApiFactory.WaitForSummaryAsync(client, TimeSpan.FromSeconds(180));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}

/// <summary>When reads need the key, the dashboard asks for it on the first 401 and then shows the data.</summary>
public sealed class KeyedReadsBrowserTests(KeyedReadsServiceFixture service) : IClassFixture<KeyedReadsServiceFixture>
{
    [SkippableFact]
    public void Dashboard_asks_for_the_key_when_reads_need_it_and_then_loads()
    {
        using BrowserSession browser = BrowserSession.Start(service.BaseUrl, Viewport.Desktop);
        browser.Open("#overview");

        // Without a key the summary answers 401: the error is shown and the key dialog opens.
        browser.WaitFor(d => d.FindElement(By.Id("key-dialog")).Displayed, "key dialog after a 401 on a read");
        Assert.Contains("read", browser.Find("#key-reason").Text, StringComparison.Ordinal);
        browser.WaitFor(d => d.FindElement(By.Id("run-error")).Displayed, "401 shown in the runs panel");
        Assert.Contains("401", browser.Find("#run-error").Text, StringComparison.Ordinal);
        browser.Screenshot("keyed-reads-dialog");

        browser.Find("#key-input").SendKeys(service.ApiKey);
        browser.Find("#key-ok").Click();
        browser.WaitForAttribute("#summary-cards", "data-loaded", v => v == "true", "summary after entering the key");
        Assert.False(browser.Find("#run-error").Displayed);
        Assert.Equal("", browser.GlobalErrorText());
        browser.WaitFor(d => d.FindElements(By.CssSelector("#run-history tr[data-state='completed']")).Count > 0, "run history after entering the key");

        // Other panels read with the stored key too.
        browser.Open("#scatter");
        browser.WaitForAttribute("#scatter", "data-points", v => v != "0", "scatter points with a keyed read");
        Assert.Equal("", browser.GlobalErrorText());
    }
}
