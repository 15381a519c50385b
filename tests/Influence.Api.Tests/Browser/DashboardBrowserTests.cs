using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace Influence.Api.Tests.Browser;

/// <summary>
/// The dashboard in a real headless Chromium against the real service (Kestrel on 127.0.0.1, demo world on a
/// real SQLite file), at 1280×800 and at phone width 390×844. Each check compares what the page shows with
/// what the API answers, so a page that draws nothing, or the wrong thing, fails. Screenshots land in
/// <see cref="BrowserSession.ScreenshotDirectory"/>.
/// </summary>
public sealed class DashboardBrowserTests(DemoServiceFixture service) : IClassFixture<DemoServiceFixture>
{
    private BrowserSession StartBrowser(string viewport) => BrowserSession.Start(service.BaseUrl, Viewport.Parse(viewport));

    [SkippableTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Scatter_draws_one_point_per_sampled_account_coloured_by_role(string viewport)
    {
        using HttpClient client = service.CreateClient();
        var scatter = (await client.GetFromJsonAsync<ScatterDto>("api/v1/scatter?max=5000"))!;
        Assert.True(scatter.Points.Count > 0, "the demo world should give the scatter plot points");

        using BrowserSession browser = StartBrowser(viewport);
        browser.Open("#scatter");
        string drawn = browser.WaitForAttribute("#scatter", "data-points", v => v != "0", "scatter points drawn");

        Assert.Equal(scatter.Points.Count, int.Parse(drawn, System.Globalization.CultureInfo.InvariantCulture));
        var circles = browser.FindAll("#scatter circle.pt");
        Assert.Equal(scatter.Points.Count, circles.Count);
        // Every role of the data has its legend entry and its colour class on the points.
        var rolesInData = scatter.Points.Select(p => p.Role).ToHashSet();
        var legendRoles = browser.FindAll("#scatter-legend button").Select(b => b.GetAttribute("data-role")).ToHashSet();
        Assert.Superset(rolesInData, legendRoles!);
        var drawnRoles = browser.FindAll("#scatter circle.pt").Select(c => c.GetAttribute("data-role")).ToHashSet();
        Assert.Equal(rolesInData, drawnRoles!);
        Assert.Contains("log scale", browser.Find("#scatter").Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(browser.FitsViewportWidth(out long width), $"page is {width}px wide at {browser.Viewport} (sideways scrolling)");
        Assert.Equal("", browser.GlobalErrorText());
        browser.Screenshot("scatter");

        // Hover the most influential account: the tooltip names it and loads its reasons from the profile.
        ScatterPointDto top = scatter.Points.MaxBy(p => p.Influence)!;
        IWebElement dot = browser.Find($"#scatter circle.pt[data-id='{CssEscape(top.Id)}']");
        new Actions(browser.Driver).MoveToElement(dot).Perform();
        browser.WaitFor(d => d.FindElement(By.Id("scatter-tooltip")).Displayed, "tooltip on hover");
        Assert.Contains(top.Id, browser.Find("#scatter-tooltip").Text, StringComparison.Ordinal);
        browser.WaitFor(d => d.FindElements(By.CssSelector("#scatter-tooltip li")).Count > 0, "reasons in the tooltip");
        browser.Screenshot("scatter-tooltip");

        // Click opens the profile of that account.
        new Actions(browser.Driver).Click(dot).Perform();
        browser.WaitFor(d => d.FindElement(By.Id("account-body")).Displayed, "profile after clicking a point");
        Assert.Equal($"Account {top.Id}", browser.Find("#account-title").Text);
    }

    [SkippableTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Selecting_a_community_lists_its_influencers_with_filters_and_csv_export(string viewport)
    {
        using HttpClient client = service.CreateClient();
        var communities = (await client.GetFromJsonAsync<CommunityPageDto>("api/v1/communities?page=1&pageSize=25"))!;
        Assert.NotEmpty(communities.Items);
        CommunityDto first = communities.Items[0];
        var expected = (await client.GetFromJsonAsync<CommunityInfluencersDto>($"api/v1/communities/{first.Id}/influencers?k=20&includeCelebrities=false"))!;

        using BrowserSession browser = StartBrowser(viewport);
        browser.Open("#communities");
        browser.WaitFor(d => d.FindElements(By.CssSelector("#community-list tbody tr[data-community]")).Count == communities.Items.Count,
            "one row per community of the first page");
        browser.Find($"#community-list tr[data-community='{first.Id}'] a").Click();
        browser.WaitForAttribute("#influencer-list", "data-community", v => v == first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"influencers of community {first.Id}");

        var rows = browser.FindAll("#influencer-list tbody tr[data-id]");
        Assert.Equal(expected.Items.Select(i => i.Id), rows.Select(r => r.GetAttribute("data-id")));
        Assert.Equal("true", browser.Find($"#community-list tr[data-community='{first.Id}']").GetAttribute("aria-selected"));
        Assert.True(browser.FitsViewportWidth(out long width), $"page is {width}px wide at {browser.Viewport} (sideways scrolling)");
        // Community tables keep cells on one line and scroll sideways inside their column, not the page.
        foreach (string table in new[] { "#community-list", "#influencer-list" })
        {
            Assert.Equal("auto", browser.Driver.ExecuteScript($"return getComputedStyle(document.querySelector('{table}').parentElement).overflowX;"));
            Assert.Equal("nowrap", browser.Driver.ExecuteScript($"return getComputedStyle(document.querySelector('{table} tbody td')).whiteSpace;"));
        }
        browser.Screenshot("community-influencers");

        // The role filter offers "any" and every role the API names (GET /api/v1/vocabulary), nothing written by hand.
        var vocabulary = (await client.GetFromJsonAsync<VocabularyDto>("api/v1/vocabulary"))!;
        browser.WaitFor(d => d.FindElements(By.CssSelector("#f-role option")).Count == vocabulary.Roles.Count + 1, "role options from the vocabulary");
        Assert.Equal(["", .. vocabulary.Roles], browser.FindAll("#f-role option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["", .. vocabulary.Roles], browser.FindAll("#seg-role option").Select(o => o.GetAttribute("value")));

        // Filters: k = 3 → three rows (the community has more than three members).
        IWebElement k = browser.Find("#f-k");
        k.Clear();
        k.SendKeys("3");
        browser.Find("#influencer-filters button[type='submit']").Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector("#influencer-list tbody tr[data-id]")).Count == Math.Min(3, expected.Items.Count),
            "k=3 applied");

        // Export CSV: the link is the endpoint's CSV with the same filters.
        string href = browser.Find("#export-csv").GetAttribute("href")!;
        Assert.Contains("format=csv", href, StringComparison.Ordinal);
        Assert.Contains("k=3", href, StringComparison.Ordinal);
        using HttpResponseMessage csv = await client.GetAsync(new Uri(href));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        string[] lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,rank", lines[0], StringComparison.Ordinal);
        Assert.Equal(Math.Min(3, expected.Items.Count) + 1, lines.Length);

        // Filters the server rejects (min above max) show its validation message instead of failing silently.
        browser.Find("#f-min").SendKeys("10");
        browser.Find("#f-max").SendKeys("5");
        browser.Find("#influencer-filters button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("influencers-error")).Displayed, "validation error for minFollowers > maxFollowers");
        string error = browser.Find("#influencers-error").Text;
        Assert.Contains("400", error, StringComparison.Ordinal);
        Assert.Contains("minFollowers", error, StringComparison.Ordinal);
        Assert.False(browser.Find("#influencer-list").Displayed);
    }

    [SkippableTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Profile_shows_reasons_and_the_defender_network(string viewport)
    {
        string? id = await service.FindAccountWithDefendersAsync();
        Assert.True(id is not null, "the demo world should have an account with defenders");
        using HttpClient client = service.CreateClient();
        var network = (await client.GetFromJsonAsync<DefenderNetworkDto>($"api/v1/accounts/{Uri.EscapeDataString(id)}/defenders"))!;
        Assert.NotEmpty(network.Defenders);

        using BrowserSession browser = StartBrowser(viewport);
        browser.Open($"#account/{Uri.EscapeDataString(id)}");
        browser.WaitForAttribute("#account-body", "data-loaded", v => v == "true", $"profile of {id}");

        Assert.Equal($"Account {id}", browser.Find("#account-title").Text);
        Assert.NotEmpty(browser.FindAll("#account-reasons li"));
        Assert.NotEmpty(browser.Find("#account-pvi .verdict").Text);
        int drawnDefenders = int.Parse(browser.Find("#defender-graph").GetAttribute("data-defenders")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(network.Defenders.Count, 60), drawnDefenders);
        Assert.Equal(drawnDefenders, browser.FindAll("#defender-graph .node.defender").Count);
        Assert.Equal(Math.Min(network.Critics.Count, 20), browser.FindAll("#defender-graph .node.critic rect").Count);
        Assert.Single(browser.FindAll("#defender-graph .node.centre"));
        Assert.Equal(network.Defenders.Count, browser.FindAll("#defender-table tbody tr[data-kind='defender']").Count);
        Assert.Equal(network.Critics.Count, browser.FindAll("#defender-table tbody tr[data-kind='critic']").Count);
        // Strongest defender first in the table, with its strength as the API gives it.
        string firstRow = browser.FindAll("#defender-table tbody tr[data-kind='defender']")[0].GetAttribute("data-id")!;
        Assert.Equal(network.Defenders[0].Id, firstRow);
        // Verdict, figures and the defender network above the fold on a desktop; reasons collapsible; one number notation.
        if (browser.Viewport == Viewport.Desktop)
            foreach (string part in new[] { "#account-pvi .verdict", "#account-metrics", "#defender-graph" })
            {
                long top = Convert.ToInt64(browser.Driver.ExecuteScript($"return Math.round(document.querySelector('{part}').getBoundingClientRect().top);"),
                    System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(top < browser.Viewport.Height, $"{part} starts at {top}px, below the fold ({browser.Viewport.Height}px)");
            }
        Assert.Equal("details", browser.Find("#account-reasons").FindElement(By.XPath("..")).TagName);
        Assert.Null(browser.Find("#account-reasons-details").GetAttribute("open"));
        string figures = browser.Find("#account-metrics").Text + " " + browser.Find("#defender-table").Text;
        Assert.DoesNotMatch(@"\d[eE][+-]?\d", figures);
        Assert.True(browser.FitsViewportWidth(out long width), $"page is {width}px wide at {browser.Viewport} (sideways scrolling)");
        Assert.Equal("", browser.GlobalErrorText());
        browser.Screenshot("profile");
        browser.ScrollTo(browser.Find("#defenders-title"));
        browser.Screenshot("profile-defenders");

        // The strongest defender's tie to the account is drawn as the API answers it.
        string strongest = network.Defenders[0].Id;
        var tie = (await client.GetFromJsonAsync<PathDto>($"api/v1/paths?from={Uri.EscapeDataString(strongest)}&to={Uri.EscapeDataString(id)}&direction=any"))!;
        Assert.True(tie.Found);
        browser.WaitForAttribute("#path-graph", "data-ties", v => v == tie.Ties.ToString(System.Globalization.CultureInfo.InvariantCulture), "defender path drawn");
        Assert.Equal(tie.Ties, browser.FindAll("#path-graph .hop").Count);
        Assert.Equal(tie.Accounts.Count, browser.FindAll("#path-graph .node").Count);
        Assert.Equal(tie.Steps.Select(st => st.Text), browser.FindAll("#path-steps li").Select(li => li.Text));
        Assert.Equal(tie.Text, browser.Find("#path-caption").Text);

        // A campaign plan's pick for the account's community, along reach: the page says what the API says, found or not.
        var profile = (await client.GetFromJsonAsync<AccountProfileDto>($"api/v1/accounts/{Uri.EscapeDataString(id)}"))!;
        using HttpResponseMessage planned = await client.PostAsJsonAsync("api/v1/campaigns/plan", new { community = profile.Community, k = 3 });
        var plan = (await planned.Content.ReadFromJsonAsync<CampaignPlanDto>())!;
        string pick = plan.Picks.Select(p => p.Id).First(p => p != id);
        var reach = (await client.GetFromJsonAsync<PathDto>($"api/v1/paths?from={Uri.EscapeDataString(pick)}&to={Uri.EscapeDataString(id)}&direction=reach"))!;
        IWebElement from = browser.Find("#path-from");
        from.Clear();
        from.SendKeys(pick);
        browser.Find("#path-direction option[value='reach']").Click();
        browser.Find("#path-form button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("path-caption")).Text == reach.Text, $"reach path from {pick}");
        Assert.Equal(reach.Found ? reach.Ties : -1, int.Parse(browser.Find("#path-graph").GetAttribute("data-ties")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(browser.FitsViewportWidth(out width), $"page is {width}px wide at {browser.Viewport} with the path drawn");
        Assert.Equal("", browser.GlobalErrorText());
        browser.ScrollTo(browser.Find("#path-title"));
        browser.Screenshot("profile-path");

        // An unknown account is named in the path section's error box, not swallowed.
        from.Clear();
        from.SendKeys("@nobody-here");
        browser.Find("#path-form button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("path-error")).Displayed, "error for an unknown account");
        Assert.Contains("@nobody-here", browser.Find("#path-error").Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Planner_shows_the_endpoints_picks_coverage_curve_and_overlap_heat_map(string viewport)
    {
        using HttpClient client = service.CreateClient();
        var communities = (await client.GetFromJsonAsync<CommunityPageDto>("api/v1/communities?page=1&pageSize=1"))!;
        int community = communities.Items[0].Id;
        using HttpResponseMessage answer = await client.PostAsJsonAsync("api/v1/campaigns/plan",
            new { community, k = 5, objective = "reach", minInteractions = 1, excludeRoles = new[] { "celebrity" } });
        var expected = (await answer.Content.ReadFromJsonAsync<CampaignPlanDto>())!;
        Assert.True(expected.Picks.Count >= 2, "the demo world's largest community should give at least two picks");

        using BrowserSession browser = StartBrowser(viewport);
        browser.Open($"#planner/{community}");
        IWebElement k = browser.WaitFor(d => d.FindElement(By.Id("plan-k")), "planner form");
        k.Clear();
        k.SendKeys("5");
        browser.Find("#plan-form button[type='submit']").Click();
        browser.WaitForAttribute("#plan-result", "data-loaded", v => v == "true", "plan drawn");

        Assert.Equal(expected.Picks.Select(p => p.Id), browser.FindAll("#plan-picks tbody tr[data-id]").Select(r => r.GetAttribute("data-id")));
        IWebElement summary = browser.Find("#plan-summary");
        Assert.Equal(expected.Value, double.Parse(summary.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.ByFollowers.Value, double.Parse(summary.GetAttribute("data-followers")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3", browser.Find("#plan-curve").GetAttribute("data-series"));
        var curves = browser.FindAll("#plan-curve polyline.curve");
        Assert.Equal(3, curves.Count);
        Assert.Equal(expected.Curve.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), curves[0].GetAttribute("data-points"));
        int n = expected.Picks.Count;
        Assert.Equal((n * (n - 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), browser.Find("#plan-overlap").GetAttribute("data-cells"));
        Assert.Equal(n * (n - 1), browser.FindAll("#plan-overlap rect.cell").Count);
        Assert.True(browser.FitsViewportWidth(out long width), $"page is {width}px wide at {browser.Viewport} (sideways scrolling)");
        Assert.Equal("", browser.GlobalErrorText());
        browser.Screenshot("planner");

        // Bad input: an unknown account to include shows the server's 400 naming it.
        browser.Find("#plan-include").SendKeys("@no-such-account");
        browser.Find("#plan-form button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("plan-error")).Displayed, "unknown account reported");
        Assert.Contains("@no-such-account", browser.Find("#plan-error").Text, StringComparison.Ordinal);
        Assert.False(browser.Find("#plan-result").Displayed);
    }

    [SkippableFact]
    public async Task Segment_finder_lists_the_endpoints_influencers_and_names_unknown_seeds()
    {
        using HttpClient client = service.CreateClient();
        var communities = (await client.GetFromJsonAsync<CommunityPageDto>("api/v1/communities?page=1&pageSize=1"))!;
        string[] seeds = communities.Items[0].TopAccounts.Take(3).Select(a => a.Id).ToArray();
        Assert.NotEmpty(seeds);
        using HttpResponseMessage answer = await client.PostAsJsonAsync("api/v1/segments/influencers", new { seeds, k = 10 });
        var expected = (await answer.Content.ReadFromJsonAsync<SegmentInfluencersDto>())!;
        Assert.NotEmpty(expected.Items);

        using BrowserSession browser = StartBrowser("desktop");
        browser.Open("#communities");
        IWebElement seedBox = browser.WaitFor(d => d.FindElement(By.Id("seg-seeds")), "segment form");
        seedBox.SendKeys(string.Join(", ", seeds));
        IWebElement k = browser.Find("#seg-k");
        k.Clear();
        k.SendKeys("10");
        browser.Find("#segment-form button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("segment-list")).Displayed, "segment influencers");
        Assert.Equal(expected.Items.Select(i => i.Id), browser.FindAll("#segment-list tbody tr[data-id]").Select(r => r.GetAttribute("data-id")));
        browser.ScrollTo(browser.Find("#segment-title"));
        browser.Screenshot("segment");

        // An unknown seed: the 400 names it and the old list is hidden.
        seedBox.SendKeys(" @no-such-seed");
        browser.Find("#segment-form button[type='submit']").Click();
        browser.WaitFor(d => d.FindElement(By.Id("segment-error")).Displayed, "unknown seed reported");
        Assert.Contains("@no-such-seed", browser.Find("#segment-error").Text, StringComparison.Ordinal);
        Assert.False(browser.Find("#segment-list").Displayed);
    }

    [SkippableFact]
    public void Unknown_account_shows_the_servers_problem_detail()
    {
        using BrowserSession browser = StartBrowser("desktop");
        browser.Open("#account/" + Uri.EscapeDataString("@no-such-account"));
        browser.WaitFor(d => d.FindElement(By.Id("account-error")).Displayed, "error box for an unknown account");
        string text = browser.Find("#account-error").Text;
        Assert.Contains("@no-such-account", text, StringComparison.Ordinal);  // the ProblemDetails detail names the id
        Assert.Contains("404", text, StringComparison.Ordinal);
        Assert.False(browser.Find("#account-body").Displayed);
        browser.Screenshot("unknown-account");
    }

    [SkippableFact]
    public async Task Start_run_asks_for_the_key_rejects_a_wrong_one_and_follows_the_run_to_completed()
    {
        using HttpClient client = service.CreateClient();
        var before = (await client.GetFromJsonAsync<SummaryDto>("api/v1/summary"))!;

        using BrowserSession browser = StartBrowser("desktop");
        browser.Open("#overview");
        browser.WaitForAttribute("#summary-cards", "data-loaded", v => v == "true", "summary cards");
        Assert.Equal(before.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), browser.Find("#summary-cards").GetAttribute("data-run-id"));
        Assert.Contains(before.Summary.Nodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), browser.Find("#summary-cards").Text, StringComparison.Ordinal);
        AssertEveryControlIsLabelled(browser);
        browser.Screenshot("runs");

        // A wrong key: the server's 401 is shown and the key is forgotten.
        browser.Find("#start-run").Click();
        browser.WaitFor(d => d.FindElement(By.Id("key-dialog")).Displayed, "API key dialog");
        browser.Find("#key-input").SendKeys("wrong-key-wrong-key");
        browser.Find("#key-ok").Click();
        browser.WaitFor(d => d.FindElement(By.Id("run-error")).Displayed, "401 shown for a wrong key");
        Assert.Contains("401", browser.Find("#run-error").Text, StringComparison.Ordinal);
        Assert.Null(browser.Driver.ExecuteScript("return localStorage.getItem('influence.apiKey');"));

        // The right key: the run starts, the progress bar follows it to completed, views refresh.
        browser.Find("#start-run").Click();
        browser.WaitFor(d => d.FindElement(By.Id("key-dialog")).Displayed, "API key dialog again");
        browser.Find("#key-input").SendKeys(service.ApiKey);
        browser.Find("#key-ok").Click();
        browser.WaitFor(d => d.FindElement(By.Id("run-progress")).Displayed, "progress bar");
        Assert.False(browser.Find("#run-error").Displayed);
        string runId = browser.Find("#run-progress").GetAttribute("data-run-id")!;
        Assert.True(long.Parse(runId, System.Globalization.CultureInfo.InvariantCulture) > before.Run.Id);
        browser.WaitForAttribute("#run-progress", "data-state", v => v == "completed", $"run {runId} completed", TimeSpan.FromSeconds(180));
        Assert.Equal("100", browser.Find("#run-progress-bar").GetAttribute("value"));
        browser.WaitForAttribute("#summary-cards", "data-run-id", v => v == runId, "summary of the new run");
        browser.WaitFor(d => d.FindElements(By.CssSelector($"#run-history tr[data-run='{runId}'][data-state='completed']")).Count == 1, "new run in history");
        Assert.Equal(service.ApiKey, browser.Driver.ExecuteScript("return localStorage.getItem('influence.apiKey');"));
        Assert.Equal("", browser.GlobalErrorText());
        browser.Screenshot("run-completed");
    }

    /// <summary>Every input, select and button has an accessible name (label, aria-label or text).</summary>
    private static void AssertEveryControlIsLabelled(BrowserSession browser)
    {
        var unlabelled = (IReadOnlyCollection<object>)browser.Driver.ExecuteScript("""
            return [...document.querySelectorAll('input, select, button')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
              .map(el => el.outerHTML);
            """)!;
        Assert.Empty(unlabelled);
    }

    private static string CssEscape(string id) => id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
