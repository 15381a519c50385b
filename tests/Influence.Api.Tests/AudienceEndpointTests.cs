using System.Net;
using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary>GET /api/v1/accounts/{id}/audience and the minAudienceQuality filters, on one analysed demo world (real SQLite file).</summary>
public sealed class AudienceEndpointTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task The_audience_report_has_the_growth_the_components_with_weights_and_the_reasons()
    {
        var top = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=followers&pageSize=1");
        AccountSummaryDto account = top!.Items[0];
        var report = await _client.GetFromJsonAsync<AudienceReportDto>($"/api/v1/accounts/{Uri.EscapeDataString(account.Id)}/audience");
        Assert.Equal(account.Id, report!.Id);
        Assert.Equal(account.Followers, report.Followers);
        Assert.True(report.HasFollowTimes);   // the demo world's follows carry since
        Assert.Equal(account.Followers, report.Growth.Sum(g => g.Followers));
        Assert.Equal(["reachable", "active", "authenticGrowth", "engagementForSize"], report.Components.Select(c => c.Name));
        Assert.Equal(1.0, report.Components.Sum(c => c.Weight), 9);
        Assert.Equal(account.AudienceQuality!.Value, 100 * report.Components.Sum(c => c.Weight * c.Value!.Value), 6);
        Assert.True(report.MassFollowingThreshold >= 200);
        Assert.Contains(report.Reasons, r => r.StartsWith("audience quality", StringComparison.Ordinal));
        Assert.All(report.Spikes, s => Assert.True(s.NewFollowers >= 10 && s.CohortSample.Count > 0));
    }

    [Fact]
    public async Task Scatter_points_carry_each_accounts_audience_quality()
    {
        var scatter = await _client.GetFromJsonAsync<ScatterDto>("/api/v1/scatter?max=5000");
        var all = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=500");
        var quality = all!.Items.ToDictionary(a => a.Id, a => a.AudienceQuality);
        Assert.Contains(scatter!.Points, p => p.AudienceQuality is not null);
        foreach (ScatterPointDto p in scatter.Points)
            if (quality.TryGetValue(p.Id, out double? q)) Assert.Equal(q, p.AudienceQuality);
    }

    [Fact]
    public async Task Both_Kred_axes_are_given_per_community_consistent_with_the_accounts_figures()
    {
        var top = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=influence&pageSize=20");
        AccountProfileDto? giver = null;
        foreach (AccountSummaryDto a in top!.Items)
        {
            giver = await _client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{Uri.EscapeDataString(a.Id)}");
            if (giver!.EngagementGiven > 0) break;
        }
        Assert.True(giver!.EngagementGiven > 0, "one of the 20 most influential accounts should give engagement");
        var report = (await _client.GetFromJsonAsync<AudienceReportDto>($"/api/v1/accounts/{Uri.EscapeDataString(giver.Id)}/audience"))!;
        Assert.Equal(giver.InCommunityOutreachShare, report.OutreachGivenInCommunityShare, 9);
        Assert.Equal(Math.Min(20, report.CommunitiesEngaged), report.ByCommunity.Count);
        if (report.CommunitiesEngaged <= 20)
        {
            Assert.Equal(report.OutreachGiven, report.ByCommunity.Sum(c => c.OutreachGiven), 6);
            Assert.Equal(report.InfluenceReceived, report.ByCommunity.Sum(c => c.InfluenceReceived), 6);
        }
        CommunityAxesDto? own = report.ByCommunity.SingleOrDefault(c => c.Own);
        Assert.Equal(report.OutreachGivenInCommunityShare, own?.OutreachGivenShare ?? 0, 9);
        Assert.All(report.ByCommunity, c => Assert.True(c.InfluenceReceivedShare is >= 0 and <= 1 && c.OutreachGivenShare is >= 0 and <= 1));
        var volumes = report.ByCommunity.Select(c => c.InfluenceReceived + c.OutreachGiven).ToList();
        Assert.Equal(volumes.OrderByDescending(v => v), volumes);
        Assert.Contains(report.Reasons, r => r.Contains("to its community)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_accounts_give_404_naming_the_id()
    {
        using var response = await _client.GetAsync("/api/v1/accounts/%40nobody/audience");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("@nobody", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinAudienceQuality_filters_the_account_list_and_community_lists()
    {
        var all = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=500");
        var good = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?minAudienceQuality=70&pageSize=500");
        Assert.All(good!.Items, a => Assert.True(a.AudienceQuality >= 70));
        Assert.True(good.Total > 0 && good.Total < all!.Total, $"{good.Total} of {all!.Total}");
        Assert.Equal(all.Items.Count(a => a.AudienceQuality >= 70), good.Total);
        var community = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=1");
        int id = community!.Items[0].Id;
        using var list = await _client.GetAsync($"/api/v1/communities/{id}/influencers?minAudienceQuality=70&k=50");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/accounts?minAudienceQuality=101")]
    [InlineData("/api/v1/accounts?minAudienceQuality=-1")]
    [InlineData("/api/v1/communities/0/influencers?minAudienceQuality=200")]
    public async Task Out_of_range_minimums_give_400_naming_the_field(string url)
    {
        using var response = await _client.GetAsync(url);
        await HttpAssert.ValidationProblemAsync(response, "minAudienceQuality");
    }

    [Fact]
    public async Task Campaign_plans_keep_only_picks_at_or_above_the_minimum()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/campaigns/plan", new { k = 5, minAudienceQuality = 70 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<CampaignPlanDto>();
        foreach (var pick in plan!.Picks)
        {
            var profile = await _client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{Uri.EscapeDataString(pick.Id)}");
            Assert.True(profile!.AudienceQuality >= 70, $"{pick.Id}: {profile.AudienceQuality}");
        }
    }
}
