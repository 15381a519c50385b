using System.Globalization;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace Influence.Api.Tests.Browser;

/// <summary>
/// The audience-quality views in a real headless Chromium against the real service whose demo world carries planted
/// follower purchases and organic viral spikes: the profile's growth curve marks the purchase's spike and shows its
/// cohort, the breakdown shows the API's components and weights, and the scatter's colour control recolours by quality.
/// </summary>
public sealed class AudienceBrowserTests(AudienceDemoServiceFixture service) : IClassFixture<AudienceDemoServiceFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The lowest-scored account whose audience report has a suspicious spike (a planted buyer), with its report.</summary>
    private async Task<AudienceReportDto> FindBuyerAsync(HttpClient client)
    {
        var accounts = new List<AccountSummaryDto>();
        for (int page = 1; ; page++)
        {
            var batch = (await client.GetFromJsonAsync<AccountPageDto>($"api/v1/accounts?pageSize=500&page={page}"))!;
            accounts.AddRange(batch.Items);
            if (batch.Items.Count < 500) break;
        }
        foreach (AccountSummaryDto a in accounts.Where(a => a.AudienceQuality is not null).OrderBy(a => a.AudienceQuality).Take(40))
        {
            var report = (await client.GetFromJsonAsync<AudienceReportDto>($"api/v1/accounts/{Uri.EscapeDataString(a.Id)}/audience"))!;
            if (report.Spikes.Any(s => s.Suspicious)) return report;
        }
        throw new Xunit.Sdk.XunitException("the planted demo world should have a buyer with a suspicious spike among its 40 lowest-scored accounts");
    }

    private static string Pct(double v) => (v * 100).ToString("0.0", Inv) + "%";

    [SkippableTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Profile_draws_the_growth_curve_with_the_purchase_spike_and_the_score_breakdown(string viewport)
    {
        BrowserSession.RequireBrowser();
        using HttpClient client = service.CreateClient();
        AudienceReportDto report = await FindBuyerAsync(client);
        GrowthSpikeDto purchase = report.Spikes.First(s => s.Suspicious);

        using BrowserSession browser = BrowserSession.Start(service.BaseUrl, Viewport.Parse(viewport));
        browser.Open($"#account/{Uri.EscapeDataString(report.Id)}");
        browser.WaitForAttribute("#audience-body", "data-loaded", v => v == "true", $"audience section of {report.Id}");

        // The curve: one bar per day of the series, one shaded band per spike, the purchase's band marked suspicious.
        IWebElement growth = browser.Find("#audience-growth");
        Assert.Equal(report.Growth.Count.ToString(Inv), growth.GetAttribute("data-days"));
        Assert.Equal(report.Growth.Count, browser.FindAll("#audience-growth .bars rect").Count);
        Assert.Single(browser.FindAll("#audience-growth polyline.growth-line"));
        Assert.Equal(report.Spikes.Count, browser.FindAll("#audience-growth rect.spike").Count);
        Assert.Equal(report.Spikes.Count(s => s.Suspicious), browser.FindAll("#audience-growth rect.spike[data-suspicious='true']").Count);
        IWebElement band = browser.Find($"#audience-growth rect.spike[data-from='{purchase.From}']");
        Assert.Equal("true", band.GetAttribute("data-suspicious"));
        Assert.Contains("suspicious", band.GetAttribute("class")!, StringComparison.Ordinal);

        // Hovering (or tapping) the band shows the cohort's figures as the API gives them.
        if (browser.Viewport == Viewport.Desktop) new Actions(browser.Driver).MoveToElement(band).Perform();
        else browser.Driver.ExecuteScript("arguments[0].dispatchEvent(new MouseEvent('click'));", band);
        browser.WaitForAttribute("#audience-spike", "data-from", v => v == purchase.From, "cohort figures of the purchase");
        string detail = browser.Find("#audience-spike").Text;
        Assert.Contains("Suspicious spike", detail, StringComparison.Ordinal);
        Assert.Contains(purchase.NewFollowers.ToString("N0", Inv), detail, StringComparison.Ordinal);
        Assert.Contains(Pct(purchase.InactiveShare), detail, StringComparison.Ordinal);
        Assert.Contains(purchase.FolloweeJaccard.ToString("0.00", Inv), detail, StringComparison.Ordinal);
        Assert.Contains(Pct(purchase.LockstepTimeShare), detail, StringComparison.Ordinal);
        Assert.Equal(purchase.CohortSample.Count, browser.FindAll("#audience-spike a.account-link").Count);

        // The spike table lists the same spikes; a row also selects its cohort.
        Assert.Equal(report.Spikes.Select(s => s.From), browser.FindAll("#audience-spikes tbody tr[data-from]").Select(r => r.GetAttribute("data-from")));

        // The breakdown: the API's components with their weights; the points add up to the score.
        var rows = browser.FindAll("#audience-components tbody tr[data-component]");
        Assert.Equal(report.Components.Select(c => c.Name), rows.Select(r => r.GetAttribute("data-component")));
        for (int i = 0; i < rows.Count; i++)
        {
            AudienceComponentDto c = report.Components[i];
            var cells = rows[i].FindElements(By.TagName("td"));
            Assert.Equal(Pct(c.Value!.Value), cells[0].Text);
            Assert.Equal(c.Weight.ToString("0.00", Inv), cells[1].Text);
            Assert.Equal((100 * c.Weight * c.Value.Value).ToString("0.0", Inv), cells[2].Text);
        }
        double sum = double.Parse(browser.Find("#audience-components tfoot td[data-sum]").GetAttribute("data-sum")!, Inv);
        Assert.Equal(report.AudienceQuality!.Value, sum, 2);
        Assert.Equal(report.AudienceQuality.Value.ToString(Inv), browser.Find("#audience-score").GetAttribute("data-score"));
        var reasons = browser.FindAll("#audience-reasons li").Select(li => li.GetAttribute("textContent")).ToList();
        Assert.Equal(report.Reasons, reasons);
        Assert.Contains(reasons, r => r.StartsWith("suspicious spike", StringComparison.Ordinal));

        // Kred's two axes per community, as the API lists them.
        Assert.Equal(report.ByCommunity.Select(c => c.Community.ToString(Inv)),
            browser.FindAll("#audience-communities tbody tr[data-community]").Select(r => r.GetAttribute("data-community")));

        Assert.True(browser.FitsViewportWidth(out long width), $"page is {width}px wide at {browser.Viewport} (sideways scrolling)");
        Assert.Equal("", browser.GlobalErrorText());
        browser.ScrollTo(browser.Find("#audience-title"));
        browser.Screenshot("profile-audience");
    }

    [SkippableFact]
    public async Task Scatter_colour_control_recolours_the_points_by_audience_quality_with_a_legend()
    {
        BrowserSession.RequireBrowser();
        using HttpClient client = service.CreateClient();
        var scatter = (await client.GetFromJsonAsync<ScatterDto>("api/v1/scatter?max=5000"))!;
        var byBin = scatter.Points.GroupBy(p => Bin(p.AudienceQuality)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byBin.ContainsKey("0-40") && byBin.ContainsKey("80-100"), $"planted world should span the scale: {string.Join(", ", byBin)}");

        using BrowserSession browser = BrowserSession.Start(service.BaseUrl, Viewport.Desktop);
        browser.Open("#scatter");
        browser.WaitForAttribute("#scatter", "data-points", v => v != "0", "scatter points drawn");
        Assert.Equal("role", browser.Find("#scatter").GetAttribute("data-colour"));
        string roleFill = FirstFill(browser, "#scatter circle.pt[data-role='regular']");

        browser.Find("#scatter-colour option[value='audience']").Click();
        browser.WaitForAttribute("#scatter", "data-colour", v => v == "audience", "scatter recoloured by audience quality");
        Assert.Equal(scatter.Points.Count.ToString(Inv), browser.Find("#scatter").GetAttribute("data-points"));
        var legend = browser.FindAll("#scatter-legend button[data-bin]");
        Assert.Equal(5, legend.Count);
        Assert.Empty(browser.FindAll("#scatter-legend button[data-role]"));
        foreach (var (bin, count) in byBin)
        {
            Assert.Equal(count, browser.FindAll($"#scatter circle.pt[data-group='{bin}']").Count);
            Assert.Contains($"({count:N0})", browser.Find($"#scatter-legend button[data-bin='{bin}']").Text, StringComparison.Ordinal);
        }
        string lowFill = FirstFill(browser, "#scatter circle.pt[data-group='0-40']");
        Assert.NotEqual(lowFill, FirstFill(browser, "#scatter circle.pt[data-group='80-100']"));
        Assert.NotEqual(roleFill, lowFill);
        Assert.Contains("By audience quality", browser.Find("#scatter-svg-desc").GetAttribute("textContent")!, StringComparison.Ordinal);
        browser.Screenshot("scatter-audience");

        // A legend button hides its bin; switching back to roles restores the role legend and every point.
        browser.Find("#scatter-legend button[data-bin='80-100']").Click();
        browser.WaitForAttribute("#scatter", "data-points", v => v == (scatter.Points.Count - byBin["80-100"]).ToString(Inv), "80–100 hidden");
        browser.Find("#scatter-colour option[value='role']").Click();
        browser.WaitForAttribute("#scatter", "data-colour", v => v == "role", "scatter back to roles");
        Assert.Equal(scatter.Points.Count.ToString(Inv), browser.Find("#scatter").GetAttribute("data-points"));
        Assert.NotEmpty(browser.FindAll("#scatter-legend button[data-role]"));
        Assert.Equal("", browser.GlobalErrorText());
    }

    /// <summary>Fill of the first match, read in one script call (the plot redraws on resize, so element handles go stale).</summary>
    private static string FirstFill(BrowserSession browser, string css) =>
        (string)browser.Driver.ExecuteScript("return document.querySelector(arguments[0]).getAttribute('fill');", css)!;

    /// <summary>The dashboard's bins (scatter.js QUALITY_BINS).</summary>
    private static string Bin(double? q) => q switch { null => "none", >= 80 => "80-100", >= 60 => "60-80", >= 40 => "40-60", _ => "0-40" };
}
