using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Influence.Api.Tests;

/// <summary>Kind weights and threshold overrides come from configuration and reach the analysis.</summary>
public sealed class AnalysisSettingsTests
{
    /// <summary>The service's own options registration over the given settings (what start-up validates).</summary>
    private static InfluenceOptions Resolve(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Influence:DataDirectory", "data");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using ServiceProvider services = new ServiceCollection().AddInfluenceOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<InfluenceOptions>>().Value;
    }

    [Theory]
    [InlineData("Influence:KindWeights:hug", "2", "Unknown interaction kind 'hug'")]
    [InlineData("Influence:KindWeights:like", "-1", "non-negative finite")]
    [InlineData("Influence:Thresholds:no_such_threshold", "1", "no_such_threshold")]
    [InlineData("Influence:ApiKey", "short", "Influence:ApiKey must be at least 16 characters")]
    public void Invalid_settings_fail_validation_with_a_message_naming_them(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    public void A_demo_audience_plants_setting_that_is_not_a_boolean_is_refused_naming_the_key(string value)
    {
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => Resolve(new() { ["Influence:DemoAudiencePlants"] = value }));
        Assert.Contains("Influence:DemoAudiencePlants", ex.Message);
        Assert.True(Resolve(new() { ["Influence:DemoAudiencePlants"] = "true" }).DemoAudiencePlants);
    }

    [Fact]
    public void Valid_settings_become_the_analysis_configuration()
    {
        InfluenceOptions options = Resolve(new()
        {
            ["Influence:KindWeights:retweet"] = "6",
            ["Influence:KindWeights:like"] = "0",
            ["Influence:Thresholds:large_audience_followers"] = "3",
        });
        var config = options.AnalysisConfig();
        Assert.Equal(6, config.KindWeights.Share);
        Assert.Equal(0, config.KindWeights.Like);
        Assert.Equal(3, config.ThresholdOverrides["large_audience_followers"]);
        Assert.True(config.Audience.ExcludeSuspectedFakes);
        Assert.False(Resolve(new() { ["Influence:ExcludeSuspectedFakes"] = "false" }).AnalysisConfig().Audience.ExcludeSuspectedFakes);
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
