using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary>Every read endpoint on one analysed demo world (real SQLite file), including bad input.</summary>
public sealed class ReadEndpointTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private readonly HttpClient _client = service.CreateClient();

    // ------------------------------------------------------------ summary

    [Fact]
    public async Task Summary_has_the_run_and_the_summary_json_keys()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/summary"));
        JsonElement run = doc.RootElement.GetProperty("run");
        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("id").GetInt64() > 0);
        JsonElement summary = doc.RootElement.GetProperty("summary");
        foreach (string key in new[] { "nodes", "follow_edges", "global_reciprocity", "communities", "modularity",
                     "followers_influence_spearman", "top100_followers_influence_overlap", "role_counts", "stage_counts", "timings_ms" })
            Assert.True(summary.TryGetProperty(key, out _), $"summary lacks '{key}'");
        Assert.Equal(service.Summary.Summary.Nodes, summary.GetProperty("nodes").GetInt32());
        Assert.True(doc.RootElement.GetProperty("graphLoaded").GetBoolean());
        Assert.True(summary.GetProperty("nodes").GetInt32() > 100);
    }

    // ------------------------------------------------------------ accounts list

    [Fact]
    public async Task Accounts_are_sorted_by_influence_descending_by_default_and_paged()
    {
        var page1 = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=20");
        var page2 = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=20&page=2");
        Assert.Equal(20, page1!.Items.Count);
        Assert.Equal(service.Summary.Summary.Nodes, page1.Total);
        var influence = page1.Items.Concat(page2!.Items).Select(a => a.Influence).ToList();
        Assert.Equal(influence.OrderByDescending(x => x), influence);
        Assert.Empty(page1.Items.Select(a => a.Id).Intersect(page2.Items.Select(a => a.Id)));
    }

    [Theory]
    [InlineData("followers")]
    [InlineData("pagerank")]
    [InlineData("engagementRate")]
    [InlineData("communityRank")]
    public async Task Accounts_sort_by_each_key_both_ways(string sort)
    {
        var desc = await _client.GetFromJsonAsync<AccountPageDto>($"/api/v1/accounts?sort={sort}&pageSize=50");
        var asc = await _client.GetFromJsonAsync<AccountPageDto>($"/api/v1/accounts?sort={sort}&order=asc&pageSize=50");
        Func<AccountSummaryDto, double> key = sort switch
        {
            "followers" => a => a.Followers,
            "pagerank" => a => a.Pagerank,
            "engagementRate" => a => a.EngagementRate,
            _ => a => a.CommunityRank,
        };
        Assert.Equal(desc!.Items.Select(key).OrderByDescending(x => x), desc.Items.Select(key));
        Assert.Equal(asc!.Items.Select(key).OrderBy(x => x), asc.Items.Select(key));
    }

    [Fact]
    public async Task Accounts_filter_by_role_stage_community_and_followers()
    {
        var celebrities = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?role=celebrity&pageSize=500");
        Assert.NotEmpty(celebrities!.Items);
        Assert.All(celebrities.Items, a => Assert.Equal("celebrity", a.Role));
        Assert.Equal(service.Summary.Summary.RoleCounts["celebrity"], celebrities.Total);

        var filtered = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?stage=producer&community=0&minFollowers=5&maxFollowers=200&pageSize=500");
        Assert.All(filtered!.Items, a =>
        {
            Assert.Equal("producer", a.Stage);
            Assert.Equal(0, a.Community);
            Assert.InRange(a.Followers, 5, 200);
        });
        Assert.Equal(filtered.Items.Count, Math.Min(filtered.Total, 500));
    }

    [Theory]
    [InlineData("role=king", "role")]
    [InlineData("stage=famous", "stage")]
    [InlineData("sort=height", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("minFollowers=-1", "minFollowers")]
    [InlineData("minFollowers=10&maxFollowers=5", "minFollowers")]
    public async Task Accounts_bad_query_gives_a_validation_problem_naming_the_field(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/accounts?{query}");
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, field);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/accounts?page=abc")]
    [InlineData("/api/v1/accounts?pageSize=1e9")]
    [InlineData("/api/v1/communities/abc/influencers?k=x")]
    [InlineData("/api/v1/communities/0/influencers?k=ten")]
    [InlineData("/api/v1/scatter?max=lots")]
    public async Task Unparsable_numbers_give_400_problem_details_never_500(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // ------------------------------------------------------------ profile & defenders

    [Fact]
    public async Task Profile_has_every_figure_and_reasons_with_thresholds()
    {
        var top = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?role=micro-influencer&pageSize=1");
        string id = top!.Items[0].Id;
        using var doc = JsonDocument.Parse(await _client.GetStringAsync($"/api/v1/accounts/{Uri.EscapeDataString(id)}"));
        JsonElement p = doc.RootElement;
        foreach (string key in new[] { "id", "followers", "following", "mutual", "pagerank", "influence", "engagementRate", "community",
                     "communityRank", "role", "stage", "defenders", "followBackRate", "followedBackRate", "engagementReceived", "engagementGiven",
                     "uniqueEngagers", "activeAudienceShare", "reciprocatedEngagementShare", "inCommunityEngagementShare", "critics",
                     "defenderEngagementShare", "defenderDensity", "engagementByKind", "popularityVsInfluence", "reasons" })
            Assert.True(p.TryGetProperty(key, out _), $"profile lacks '{key}'");
        Assert.Equal(id, p.GetProperty("id").GetString());
        Assert.Equal("micro-influencer", p.GetProperty("role").GetString());
        foreach (string kind in new[] { "reply", "mention", "share", "quote", "comment", "like" })
        {
            Assert.True(p.GetProperty("engagementByKind").GetProperty("received").TryGetProperty(kind, out _));
            Assert.True(p.GetProperty("engagementByKind").GetProperty("given").TryGetProperty(kind, out _));
        }
        JsonElement pvi = p.GetProperty("popularityVsInfluence");
        Assert.InRange(pvi.GetProperty("followersRank").GetInt32(), 1, service.Summary.Summary.Nodes);
        Assert.InRange(pvi.GetProperty("influencePercentile").GetDouble(), 0, 100);
        Assert.Contains(pvi.GetProperty("verdict").GetString(), new[] { "popular-and-influential", "popular-not-influential", "influential-not-popular", "neither" });
        JsonElement reasons = p.GetProperty("reasons");
        Assert.True(reasons.GetArrayLength() > 0);
        JsonElement first = reasons[0];
        foreach (string key in new[] { "metric", "value", "comparison", "threshold", "text" }) Assert.True(first.TryGetProperty(key, out _));
        Assert.Contains(reasons.EnumerateArray(), r => r.GetProperty("text").GetString()!.Contains("micro-influencer"));
    }

    [Fact]
    public async Task Profile_ranks_agree_with_the_sorted_lists()
    {
        var byFollowers = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=followers&pageSize=1");
        var profile = await _client.GetFromJsonAsync<AccountProfileDto>($"/api/v1/accounts/{byFollowers!.Items[0].Id}");
        Assert.Equal(1, profile!.PopularityVsInfluence.FollowersRank);
        Assert.True(profile.PopularityVsInfluence.FollowersPercentile >= 99);
    }

    [Fact]
    public async Task Unknown_account_is_404_naming_the_id()
    {
        using var response = await _client.GetAsync("/api/v1/accounts/%40nobody-here");
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("@nobody-here", problem.GetProperty("detail").GetString());

        using var defenders = await _client.GetAsync("/api/v1/accounts/%40nobody-here/defenders");
        problem = await HttpAssert.ProblemAsync(defenders, HttpStatusCode.NotFound);
        Assert.Contains("@nobody-here", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Defender_network_lists_defenders_with_their_figures_and_ties()
    {
        var page = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=500");
        AccountSummaryDto defended = page!.Items.First(a => a.Defenders >= 2);
        var network = await _client.GetFromJsonAsync<DefenderNetworkDto>($"/api/v1/accounts/{defended.Id}/defenders");
        Assert.Equal(defended.Id, network!.Account);
        Assert.Equal(defended.Defenders, network.Size);
        Assert.Equal(network.Size, network.Defenders.Count);
        Assert.All(network.Defenders, d =>
        {
            Assert.True(d.Strength > 0);
            Assert.True(d.Interactions > 0);
            Assert.True(d.ActivePeriods >= 1);
            Assert.NotEqual(defended.Id, d.Id);
        });
        Assert.Equal(network.Defenders.Select(d => d.Strength).OrderByDescending(s => s), network.Defenders.Select(d => d.Strength));
        Assert.Equal(network.Size, network.Communities.Sum(c => c.Count));
        var ids = network.Defenders.Select(d => d.Id).ToHashSet();
        Assert.All(network.Ties, t => Assert.True(ids.Contains(t.Source) && ids.Contains(t.Target)));
        Assert.InRange(network.Density, 0, 1);
    }

    // ------------------------------------------------------------ communities

    [Fact]
    public async Task Communities_are_listed_largest_first_with_top_accounts()
    {
        var page = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=500");
        Assert.Equal(service.Summary.Summary.Communities, page!.Total);
        Assert.Equal(page.Items.Select(c => c.Size).OrderByDescending(s => s), page.Items.Select(c => c.Size));
        Assert.Equal(service.Summary.Summary.Nodes, page.Items.Sum(c => c.Size));
        CommunityDto first = page.Items[0];
        Assert.NotEmpty(first.TopAccounts);
        var one = await _client.GetFromJsonAsync<CommunityDto>($"/api/v1/communities/{first.Id}");
        Assert.Equal(first.Size, one!.Size);
        Assert.Equal(first.TopAccounts.Select(t => t.Id), one.TopAccounts.Select(t => t.Id));

        var small = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=1&page=2");
        Assert.Single(small!.Items);
        Assert.Equal(page.Items[1].Id, small.Items[0].Id);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Communities_bad_paging_gives_validation_problem(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/communities?{query}");
        await HttpAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Account_ids_with_reserved_characters_round_trip_url_encoded()
    {
        using var response = await _client.GetAsync("/api/v1/accounts/" + Uri.EscapeDataString("@we/ird id?#"));
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'@we/ird id?#'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_community_is_404()
    {
        using var response = await _client.GetAsync("/api/v1/communities/987654");
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("987654", problem.GetProperty("detail").GetString());
        using var influencers = await _client.GetAsync("/api/v1/communities/987654/influencers");
        await HttpAssert.ProblemAsync(influencers, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Community_influencers_exclude_celebrities_unless_asked_and_respect_filters()
    {
        var communities = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=500");
        int id = communities!.Items[0].Id;
        var list = await _client.GetFromJsonAsync<CommunityInfluencersDto>($"/api/v1/communities/{id}/influencers?k=10");
        Assert.Equal(id, list!.Community);
        Assert.InRange(list.Items.Count, 1, 10);
        Assert.DoesNotContain(list.Items, x => x.Role == "celebrity");
        Assert.Equal(Enumerable.Range(1, list.Items.Count), list.Items.Select(x => x.Rank));
        Assert.Equal(list.Items.Select(x => x.Score).OrderByDescending(s => s), list.Items.Select(x => x.Score));

        var withCelebrities = await _client.GetFromJsonAsync<CommunityInfluencersDto>($"/api/v1/communities/{id}/influencers?k=500&includeCelebrities=true");
        var without = await _client.GetFromJsonAsync<CommunityInfluencersDto>($"/api/v1/communities/{id}/influencers?k=500");
        Assert.True(withCelebrities!.Items.Count >= without!.Items.Count);

        var bounded = await _client.GetFromJsonAsync<CommunityInfluencersDto>($"/api/v1/communities/{id}/influencers?k=50&minFollowers=3&maxFollowers=100&role=regular");
        Assert.All(bounded!.Items, x =>
        {
            Assert.InRange(x.Followers, 3, 100);
            Assert.Equal("regular", x.Role);
        });
    }

    [Fact]
    public async Task Community_influencers_as_csv_by_query_or_accept_header()
    {
        var communities = await _client.GetFromJsonAsync<CommunityPageDto>("/api/v1/communities?pageSize=1");
        int id = communities!.Items[0].Id;
        var json = await _client.GetFromJsonAsync<CommunityInfluencersDto>($"/api/v1/communities/{id}/influencers?k=5");

        using var byQuery = await _client.GetAsync($"/api/v1/communities/{id}/influencers?k=5&format=csv");
        Assert.Equal("text/csv", byQuery.Content.Headers.ContentType?.MediaType);
        string[] lines = (await byQuery.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        // The same columns as the CLI's influencers --format csv (Influence.Core.Model.InfluencerCsv).
        Assert.Equal("id,rank,score,influence,followers,role,stage,community,community_rank,in_community_engagement_share,engagement_rate", lines[0]);
        Assert.Equal(json!.Items.Count + 1, lines.Length);
        Assert.StartsWith(json.Items[0].Id + ",1,", lines[1]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/communities/{id}/influencers?k=5");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var byHeader = await _client.SendAsync(request);
        Assert.Equal("text/csv", byHeader.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Join('\n', lines) + "\n", await byHeader.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=501", "k")]
    [InlineData("role=wizard", "role")]
    [InlineData("format=xml", "format")]
    [InlineData("minFollowers=9&maxFollowers=1", "minFollowers")]
    public async Task Community_influencers_bad_query_gives_validation_problem(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/communities/0/influencers?{query}");
        await HttpAssert.ValidationProblemAsync(response, field);
    }

    // ------------------------------------------------------------ segments

    [Fact]
    public async Task Segment_influencers_from_seeds()
    {
        var page = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?community=0&pageSize=5&sort=followers");
        string[] seeds = page!.Items.Select(a => a.Id).ToArray();
        using var response = await _client.PostAsJsonAsync("/api/v1/segments/influencers", new { seeds, k = 10 });
        var result = await HttpAssert.OkAsync<SegmentInfluencersDto>(response);
        Assert.Equal(seeds, result.Seeds);
        Assert.InRange(result.Items.Count, 1, 10);
        Assert.Equal(Enumerable.Range(1, result.Items.Count), result.Items.Select(x => x.Rank));
        Assert.Equal(result.Items.Select(x => x.Score).OrderByDescending(s => s), result.Items.Select(x => x.Score));
        Assert.DoesNotContain(result.Items, x => x.Role == "celebrity");
    }

    [Fact]
    public async Task Segment_with_unknown_seeds_lists_them()
    {
        var page = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?pageSize=1");
        using var response = await _client.PostAsJsonAsync("/api/v1/segments/influencers",
            new { seeds = new[] { page!.Items[0].Id, "@ghost-1", "@ghost-2" } });
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "seeds");
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("@ghost-1", detail);
        Assert.Contains("@ghost-2", detail);
        Assert.DoesNotContain(page.Items[0].Id + ",", detail);
    }

    [Fact]
    public async Task Segment_bad_bodies_give_400()
    {
        using var tooMany = await _client.PostAsJsonAsync("/api/v1/segments/influencers",
            new { seeds = Enumerable.Range(0, 1001).Select(i => $"u{i}").ToArray() });
        JsonElement problem = await HttpAssert.ValidationProblemAsync(tooMany, "seeds");
        Assert.Contains("1000", problem.GetProperty("detail").GetString());

        using var none = await _client.PostAsJsonAsync("/api/v1/segments/influencers", new { seeds = Array.Empty<string>() });
        await HttpAssert.ValidationProblemAsync(none, "seeds");

        using var badK = await _client.PostAsJsonAsync("/api/v1/segments/influencers", new { seeds = new[] { "u1" }, k = 0 });
        await HttpAssert.ValidationProblemAsync(badK, "k");

        using var malformed = await _client.PostAsync("/api/v1/segments/influencers",
            new StringContent("{ \"seeds\": [\"u1\", ", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest);

        using var wrongType = await _client.PostAsync("/api/v1/segments/influencers",
            new StringContent("{ \"seeds\": \"u1\", \"k\": \"many\" }", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(wrongType, HttpStatusCode.BadRequest);
    }

    // ------------------------------------------------------------ scatter

    [Fact]
    public async Task Scatter_is_a_deterministic_sample_keeping_the_top_accounts()
    {
        var all = await _client.GetFromJsonAsync<ScatterDto>("/api/v1/scatter");
        Assert.Equal(service.Summary.Summary.Nodes, all!.Total);
        Assert.Equal(all.Total, all.Sampled);

        var sample = await _client.GetFromJsonAsync<ScatterDto>("/api/v1/scatter?max=100");
        var again = await _client.GetFromJsonAsync<ScatterDto>("/api/v1/scatter?max=100");
        Assert.Equal(100, sample!.Sampled);
        Assert.Equal(sample.Points.Select(p => p.Id), again!.Points.Select(p => p.Id));
        Assert.Equal(sample.Points.Count, sample.Points.Select(p => p.Id).Distinct().Count());
        var topFollowers = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=followers&pageSize=10");
        var topInfluence = await _client.GetFromJsonAsync<AccountPageDto>("/api/v1/accounts?sort=influence&pageSize=10");
        var ids = sample.Points.Select(p => p.Id).ToHashSet();
        Assert.All(topFollowers!.Items.Concat(topInfluence!.Items), a => Assert.Contains(a.Id, ids));
    }

    [Theory]
    [InlineData("max=5")]
    [InlineData("max=50001")]
    public async Task Scatter_bad_max_gives_validation_problem(string query)
    {
        using var response = await _client.GetAsync($"/api/v1/scatter?{query}");
        await HttpAssert.ValidationProblemAsync(response, "max");
    }

    // ------------------------------------------------------------ health, docs, dashboard

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var live = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_contains_every_route_with_summaries()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        JsonElement paths = doc.RootElement.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/summary", "/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/defenders",
            "/api/v1/communities", "/api/v1/communities/{id}", "/api/v1/communities/{id}/influencers",
            "/api/v1/segments/influencers", "/api/v1/scatter", "/api/v1/runs", "/api/v1/runs/{id}",
            "/api/v1/ingest/follows", "/api/v1/ingest/unfollows", "/api/v1/ingest/interactions",
            "/health/live", "/health/ready",
        ];
        var actual = paths.EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToHashSet();
        foreach (string path in expected) Assert.True(actual.Contains(path), $"OpenAPI lacks {path}; has {string.Join(", ", actual)}");
        foreach (JsonProperty path in paths.EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (JsonProperty op in path.Value.EnumerateObject())
                Assert.True(op.Value.TryGetProperty("summary", out _), $"{op.Name.ToUpperInvariant()} {path.Name} has no summary");
        }
        // Request bodies carry examples for each accepted format.
        JsonElement ingest = paths.GetProperty("/api/v1/ingest/interactions").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        foreach (string media in new[] { "application/json", "text/csv", "application/x-ndjson" })
            Assert.True(ingest.GetProperty(media).TryGetProperty("example", out _), $"no {media} example for ingest/interactions");
        // Query parameters carry their descriptions.
        JsonElement list = paths.EnumerateObject().First(p => p.Name.TrimEnd('/') == "/api/v1/accounts").Value.GetProperty("get");
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "sort" && p.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Swagger_ui_and_dashboard_are_served()
    {
        using var docs = await _client.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("swagger", (await docs.Content.ReadAsStringAsync()).ToLowerInvariant());
        using var dashboard = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
    }
}
