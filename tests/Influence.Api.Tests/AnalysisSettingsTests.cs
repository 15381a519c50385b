using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Influence.Api.Tests;

/// <summary>Kind weights and threshold overrides come from configuration and reach the analysis.</summary>
public sealed class AnalysisSettingsTests
{
    [Theory]
    [InlineData("Influence:KindWeights:hug", "2")]
    [InlineData("Influence:KindWeights:like", "-1")]
    [InlineData("Influence:Thresholds:no_such_threshold", "1")]
    public async Task Invalid_analysis_settings_stop_the_start_with_a_clear_message(string key, string value)
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 0, settings: new Dictionary<string, string?> { [key] = value });
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Influence:KindWeights or Influence:Thresholds is invalid", ex.Message);
    }

    [Fact]
    public async Task A_threshold_override_is_used_by_the_run_and_shown_in_reasons()
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 300, settings: new Dictionary<string, string?>
        {
            ["Influence:Thresholds:large_audience_followers"] = "3",
            ["Influence:KindWeights:share"] = "6",
        });
        await factory.WaitForFirstRunAsync();
        using var client = factory.CreateClient();
        var page = await client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=followers&pageSize=1");
        var profile = await client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{Uri.EscapeDataString(page!.Items[0].Id)}");
        Assert.Contains(profile!.Reasons, r => r.Metric == "followers" && r.Threshold == 3);
    }
}
