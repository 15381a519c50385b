using System.Net.Http.Json;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Serving;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Influence.Api.Tests;

/// <summary>A service whose settings change the interaction kind weights.</summary>
public sealed class WeightedServiceFixture : IAsyncLifetime
{
    public InfluenceApiFactory Factory { get; } = new(demoAccounts: 400, settings: new Dictionary<string, string?>
    {
        ["Influence:KindWeights:like"] = "12",
        ["Influence:KindWeights:share"] = "0",
        ["Influence:KindWeights:reply"] = "0.5",
    });

    public Task InitializeAsync() => Factory.WaitForFirstRunAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Segment lists weigh interactions with <c>Influence:KindWeights</c>, as the service's runs do.</summary>
public sealed class SegmentSettingsTests(WeightedServiceFixture service) : IClassFixture<WeightedServiceFixture>
{
    [Fact]
    public async Task Segment_influencers_use_the_configured_kind_weights_like_the_runs()
    {
        AnalysisSnapshot snap = service.Factory.Services.GetRequiredService<SnapshotHolder>().Current!;
        InfluenceConfig configured = service.Factory.Services.GetRequiredService<IOptions<InfluenceOptions>>().Value.AnalysisConfig();
        Assert.Equal(12, configured.KindWeights[InteractionKind.Like]);
        Assert.NotNull(snap.Graph);
        string[] seeds = [.. snap.DescendingOrder(AccountSort.Influence)[..3].ToArray().Select(a => snap.Result.AccountIds[a])];
        var filter = new InfluencerFilterSpec(50, null, null, null, true);

        using HttpClient client = service.Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/segments/influencers",
            new SegmentRequestDto { Seeds = seeds, K = filter.K, IncludeCelebrities = true });
        SegmentInfluencersDto served = await HttpAssert.OkAsync<SegmentInfluencersDto>(response);

        var weighted = InfluencerLists.ForSegment(snap.Graph!, snap.Result, seeds, filter.ToModel(), configured);
        var unweighted = InfluencerLists.ForSegment(snap.Graph!, snap.Result, seeds, filter.ToModel());
        Assert.Equal(weighted.Select(e => (e.Account, e.Score)), served.Items.Select(i => (i.Id, i.Score)));
        // The settings matter on this world: with the default weights the list differs (the bug this guards against).
        Assert.NotEqual(unweighted.Select(e => (e.Account, e.Score)), served.Items.Select(i => (i.Id, i.Score)));
    }
}
