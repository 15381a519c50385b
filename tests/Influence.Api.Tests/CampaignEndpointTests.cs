using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary>Campaign plans and audience overlap on one analysed demo world (real SQLite file, real HTTP), bad input included.</summary>
public sealed class CampaignEndpointTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task Reach_plan_of_a_community_beats_the_ranked_lists_and_explains_each_pick()
    {
        var communities = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=3");
        int community = communities!.Items[0].Id;
        using var response = await _client.PostAsJsonAsync("/api/v1/campaigns/plan", new { community, k = 5 });
        var plan = await HttpAssert.OkAsync<CampaignPlanDto>(response);
        Assert.Equal("reach", plan.Objective);
        Assert.Equal("community", plan.Scope);
        Assert.Equal(community, plan.Community);
        Assert.Equal(communities.Items[0].Size, plan.ScopeSize);
        Assert.InRange(plan.Picks.Count, 1, 5);
        Assert.All(plan.Picks, p => Assert.Equal(community, p.Community));
        Assert.All(plan.Picks, p => Assert.NotEmpty(p.Reasons));
        Assert.Equal(plan.Picks.Select(p => p.CumulativeValue), plan.Curve);
        Assert.True(plan.Value >= plan.ByFollowers.Value && plan.Value >= plan.ByInfluence.Value);
        Assert.Equal(5, plan.ByFollowers.Accounts.Count);

        // The overlap endpoint agrees with the plan: the union of the picks' audiences over the graph bounds the scope value.
        using var overlapResponse = await _client.PostAsJsonAsync("/api/v1/audiences/overlap", new { accounts = plan.Picks.Select(p => p.Id).ToArray() });
        var overlap = await HttpAssert.OkAsync<AudienceOverlapDto>(overlapResponse);
        Assert.Equal(plan.Picks.Count, overlap.Accounts.Count);
        Assert.Equal(plan.Picks.Count * (plan.Picks.Count - 1) / 2, overlap.Pairs.Count);
        Assert.True(overlap.Union >= plan.Value);
        Assert.True(overlap.SumOfAudiences >= overlap.Union);
        Assert.All(overlap.Pairs, p => Assert.InRange(p.Jaccard, 0, 1));
    }

    [Fact]
    public async Task Constraints_and_segments_are_applied()
    {
        var page = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=followers&pageSize=40");
        string[] segment = page!.Items.Skip(5).Select(a => a.Id).ToArray();
        string top = page.Items[0].Id;
        using var response = await _client.PostAsJsonAsync("/api/v1/campaigns/plan", new
        {
            seeds = segment, k = 6, excludeRoles = new[] { "celebrity" }, exclude = new[] { top }, include = new[] { segment[0] },
            tiers = new object[] { new { maxFollowers = 50, budget = 4 }, new { maxFollowers = (int?)null, budget = 2 } },
        });
        var plan = await HttpAssert.OkAsync<CampaignPlanDto>(response);
        Assert.Equal("segment", plan.Scope);
        Assert.Equal(segment.Length, plan.ScopeSize);
        Assert.Equal(segment[0], plan.Picks[0].Id);
        Assert.True(plan.Picks[0].Included);
        Assert.DoesNotContain(plan.Picks, p => p.Id == top || (!p.Included && p.Role == "celebrity"));
        Assert.True(plan.Picks.Count(p => p.Followers > 50) <= 2);
    }

    [Fact]
    public async Task Spread_plans_run_as_jobs_with_progress()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/campaigns/plan", new { objective = "spread", k = 5, epsilon = 0.3 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string location = response.Headers.Location!.ToString();
        CampaignPlanJobDto? job = null;
        for (int i = 0; i < 600; i++)
        {
            job = await _client.GetFromJsonAsync<CampaignPlanJobDto>(location);
            if (job!.State is "completed" or "failed") break;
            await Task.Delay(100);
        }
        Assert.Equal("completed", job!.State);
        Assert.Equal(100, job.Percent);
        CampaignPlanDto plan = job.Plan!;
        Assert.Equal("spread", plan.Objective);
        Assert.NotNull(plan.Sampling);
        Assert.True(plan.Sampling!.Samples > 0);
        Assert.Equal(5, plan.Picks.Count);
        Assert.True(plan.Value >= plan.ByFollowers.Value);

        using var missing = await _client.GetAsync("/api/v1/campaigns/plans/p999999");
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"k":0}""", "k")]
    [InlineData("""{"k":201}""", "k")]
    [InlineData("""{"objective":"viral"}""", "objective")]
    [InlineData("""{"minInteractions":0}""", "minInteractions")]
    [InlineData("""{"excludeRoles":["wizard"]}""", "excludeRoles")]
    [InlineData("""{"seeds":[]}""", "seeds")]
    [InlineData("""{"community":0,"seeds":["u1"]}""", "seeds")]
    [InlineData("""{"seeds":["@ghost"]}""", "seeds")]
    [InlineData("""{"include":["@ghost"]}""", "include")]
    [InlineData("""{"epsilon":1.5}""", "epsilon")]
    [InlineData("""{"tiers":[{"maxFollowers":10,"budget":-1}]}""", "tiers")]
    [InlineData("""{"minAudienceQuality":101}""", "minAudienceQuality")]
    public async Task Bad_plan_bodies_give_400_naming_the_field(string body, string field)
    {
        using var response = await _client.PostAsync("/api/v1/campaigns/plan", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Unknown_community_malformed_bodies_and_bad_overlaps_fail_clearly()
    {
        using var unknown = await _client.PostAsJsonAsync("/api/v1/campaigns/plan", new { community = 99999 });
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var malformed = await _client.PostAsync("/api/v1/campaigns/plan", new StringContent("{ \"k\": ", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest);
        using var wrongType = await _client.PostAsync("/api/v1/campaigns/plan", new StringContent("{ \"k\": \"many\" }", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(wrongType, HttpStatusCode.BadRequest);

        using var none = await _client.PostAsJsonAsync("/api/v1/audiences/overlap", new { accounts = Array.Empty<string>() });
        await HttpAssert.ValidationProblemAsync(none, "accounts");
        using var tooMany = await _client.PostAsJsonAsync("/api/v1/audiences/overlap", new { accounts = Enumerable.Range(0, 201).Select(i => $"u{i}").ToArray() });
        await HttpAssert.ValidationProblemAsync(tooMany, "accounts");
        using var ghost = await _client.PostAsJsonAsync("/api/v1/audiences/overlap", new { accounts = new[] { "@ghost" } });
        JsonElement problem = await HttpAssert.ValidationProblemAsync(ghost, "accounts");
        Assert.Contains("@ghost", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_documents_both_endpoints_with_examples()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        JsonElement paths = doc.RootElement.GetProperty("paths");
        foreach (string path in new[] { "/api/v1/campaigns/plan", "/api/v1/audiences/overlap" })
        {
            JsonElement content = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content");
            Assert.True(content.GetProperty("application/json").TryGetProperty("example", out _), $"no example for {path}");
        }
        Assert.True(paths.TryGetProperty("/api/v1/campaigns/plans/{id}", out _));
    }
}
