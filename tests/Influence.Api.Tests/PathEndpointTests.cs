using System.Net;
using Influence.Api.Contracts;
using Influence.Api.Serving;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Campaigns;
using Influence.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>GET /api/v1/paths on one analysed demo world: a defender tied to its target, a campaign pick reaching its audience, bad input.</summary>
public sealed class PathEndpointTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private readonly HttpClient _client = service.CreateClient();

    private AnalysisSnapshot Snapshot => service.Factory.Services.GetRequiredService<SnapshotHolder>().Current!;

    [Fact]
    public async Task Defender_is_tied_to_its_target_with_the_kinds_of_ties()
    {
        AnalysisSnapshot snap = Snapshot;
        DefenderLink link = snap.Result.Defenders[0];
        string defender = snap.Result.AccountIds[link.Defender], target = snap.Result.AccountIds[link.Target];
        PathDto path = await HttpAssert.OkAsync<PathDto>(await _client.GetAsync(
            $"/api/v1/paths?from={Uri.EscapeDataString(defender)}&to={Uri.EscapeDataString(target)}"));
        Assert.True(path.Found);
        // A defender engages its target: one tie, with at least one interaction from the defender to the target.
        Assert.Equal(1, path.Ties);
        Assert.Equal([defender, target], path.Accounts);
        PathStepDto step = Assert.Single(path.Steps);
        Assert.Contains(step.Forward, t => t.Kind != "follows" && t.Count > 0);
        Assert.Contains($"{defender} ", step.Text);
        Assert.Equal("any", path.Direction);
        Assert.StartsWith($"1 tie from {defender} to {target}: ", path.Text);
    }

    [Fact]
    public async Task Campaign_pick_reaches_an_account_of_its_engaged_audience_and_beyond()
    {
        AnalysisSnapshot snap = Snapshot;
        var index = EngagedAudienceIndex.Build(snap.Graph!.Interactions, snap.Count);
        CampaignPlan plan = CampaignPlanner.Plan(snap.Result, index, CampaignScope.WholeGraph, new CampaignPlanConfig { K = 3 });
        CampaignPick pick = plan.Picks[0];
        string member = snap.Result.AccountIds[index.Audience(pick.Node)[0]];
        PathDto direct = await HttpAssert.OkAsync<PathDto>(await _client.GetAsync(
            $"/api/v1/paths?from={Uri.EscapeDataString(pick.Account)}&to={Uri.EscapeDataString(member)}&direction=reach"));
        Assert.True(direct.Found);
        Assert.Equal(1, direct.Ties);
        Assert.Equal("reach", direct.Direction);
        // Reach: the member engaged with the pick, so the tie runs back from the member to the pick.
        Assert.Contains(direct.Steps[0].Backward, t => t.Kind != "follows");

        // Farther: someone two reach-ties away — each account on the path follows or engaged with the one before.
        PathDto far = await HttpAssert.OkAsync<PathDto>(await _client.GetAsync(
            $"/api/v1/paths?from={Uri.EscapeDataString(pick.Account)}&to={Uri.EscapeDataString(snap.Result.AccountIds[^1])}&direction=reach&maxTies=10"));
        if (far.Found)
            foreach (PathStepDto s in far.Steps) Assert.NotEmpty(s.Backward);
        else
            Assert.Contains("No path", far.Text);
    }

    [Fact]
    public async Task Bad_input_is_rejected_with_the_field()
    {
        await HttpAssert.ValidationProblemAsync(await _client.GetAsync("/api/v1/paths?to=u1"), "from");
        await HttpAssert.ValidationProblemAsync(await _client.GetAsync("/api/v1/paths?from=u1"), "to");
        await HttpAssert.ValidationProblemAsync(await _client.GetAsync("/api/v1/paths?from=u1&to=u2&direction=sideways"), "direction");
        await HttpAssert.ValidationProblemAsync(await _client.GetAsync("/api/v1/paths?from=u1&to=u2&maxTies=11"), "maxTies");
        await HttpAssert.ValidationProblemAsync(await _client.GetAsync("/api/v1/paths?from=u1&to=u2&maxTies=0"), "maxTies");
        await HttpAssert.ProblemAsync(await _client.GetAsync("/api/v1/paths?from=u1&to=u2&maxTies=abc"), HttpStatusCode.BadRequest);
        string known = Snapshot.Result.AccountIds[0];
        var problem = await HttpAssert.ProblemAsync(await _client.GetAsync($"/api/v1/paths?from={known}&to=%40nobody-here"), HttpStatusCode.NotFound);
        Assert.Contains("@nobody-here", problem.GetProperty("detail").GetString());
    }
}
