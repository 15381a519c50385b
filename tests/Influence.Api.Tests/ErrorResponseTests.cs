using System.Net;
using System.Text;
using System.Text.Json;
using Influence.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>Empty store (no demo world): the answers the framework would give by itself — unknown route, wrong method,
/// wrong body type, unparsable parameters, missing body — are ProblemDetails with a sentence a caller can act on.</summary>
public sealed class ErrorResponseFixture : IAsyncDisposable
{
    public InfluenceApiFactory Factory { get; } = new(demoAccounts: 0);

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

public sealed class ErrorResponseTests(ErrorResponseFixture service) : IClassFixture<ErrorResponseFixture>
{
    private readonly HttpClient _client = service.Factory.CreateKeyedClient();

    /// <summary>Framework wording that must never reach a caller.</summary>
    private static readonly string[] s_frameworkWords = ["Nullable<", "Did you mean", "System.", "Failed to bind parameter", "Implicit body"];

    private static async Task<JsonElement> ActionableProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        JsonElement problem = await HttpAssert.ProblemAsync(response, expected);
        string? detail = problem.TryGetProperty("detail", out JsonElement d) ? d.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(detail), $"No detail in {problem}");
        foreach (string word in s_frameworkWords) Assert.DoesNotContain(word, detail);
        return problem;
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/summary")]
    [InlineData("/api/v1/communities/abc")]
    [InlineData("/api/v1/runs/not-a-number")]
    public async Task Unknown_route_is_404_problem_naming_the_path_and_the_reference(string url)
    {
        using var response = await _client.GetAsync(url);
        JsonElement problem = await ActionableProblemAsync(response, HttpStatusCode.NotFound);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(url, detail);
        Assert.Contains("/docs", detail);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/accounts?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/accounts/%40nobody", HttpStatusCode.NotFound)]
    public async Task A_client_asking_for_html_still_gets_problem_details(string url, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await _client.SendAsync(request);
        await ActionableProblemAsync(response, expected);
    }

    [Fact]
    public async Task Wrong_method_is_405_problem_naming_the_allowed_methods()
    {
        using var response = await _client.DeleteAsync("/api/v1/summary");
        JsonElement problem = await ActionableProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", problem.GetProperty("detail").GetString());
        Assert.Contains("DELETE", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_route_answers_an_unsupported_method_with_a_405_problem()
    {
        EndpointDataSource source = service.Factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p =>
                p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l ? l.Content : "1")))))
            .Distinct().ToList();
        Assert.True(routes.Count >= 15, $"Only {routes.Count} routes found");
        foreach (string route in routes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, route);
            using var response = await _client.SendAsync(request);
            JsonElement problem = await ActionableProblemAsync(response, HttpStatusCode.MethodNotAllowed);
            Assert.Contains("PATCH", problem.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("/api/v1/accounts?page=abc", "page", "'abc' is not a whole number")]
    [InlineData("/api/v1/accounts?pageSize=1e9", "pageSize", "'1e9' is not a whole number")]
    [InlineData("/api/v1/accounts?minFollowers=many", "minFollowers", "is not a whole number")]
    [InlineData("/api/v1/communities?page=x", "page", "'x' is not a whole number")]
    [InlineData("/api/v1/communities/0/influencers?k=ten", "k", "'ten' is not a whole number")]
    [InlineData("/api/v1/communities/0/influencers?includeCelebrities=maybe", "includeCelebrities", "true or false")]
    [InlineData("/api/v1/scatter?max=lots", "max", "'lots' is not a whole number")]
    public async Task Unparsable_query_values_are_400_naming_the_field_the_value_and_what_is_expected(string url, string field, string reason)
    {
        using var response = await _client.GetAsync(url);
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, field);
        await ActionableProblemAsync(response, HttpStatusCode.BadRequest);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(field + ":", detail);
        Assert.Contains(reason, detail);
    }

    [Fact]
    public async Task A_long_bad_value_is_quoted_as_a_short_escaped_excerpt()
    {
        using var response = await _client.GetAsync("/api/v1/accounts?page=" + new string('9', 20) + "%0A" + new string('x', 300));
        JsonElement problem = await ActionableProblemAsync(response, HttpStatusCode.BadRequest);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("\\u000a", detail);
        Assert.Contains("…", detail);
        Assert.True(detail.Length < 160, detail);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "application/json")]
    public async Task Segment_without_a_body_is_400_saying_a_json_body_is_needed(string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/segments/influencers");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        using var response = await _client.SendAsync(request);
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "body");
        await ActionableProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Segment_with_a_text_body_is_415_naming_the_sent_and_the_accepted_type()
    {
        using var response = await _client.PostAsync("/api/v1/segments/influencers", new StringContent("seeds=a", Encoding.UTF8, "text/plain"));
        JsonElement problem = await ActionableProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("text/plain", detail);
        Assert.Contains("application/json", detail);
    }

    [Theory]
    [InlineData("{\"seeds\": [\"a\"", "not valid JSON")]
    [InlineData("{\"seeds\": [\"a\"], \"k\": \"ten\"}", "$.k")]
    [InlineData("{\"seeds\": [\"a\"], \"k\": \"ten\"}", "must be a whole number")]
    [InlineData("{\"seeds\": \"a\"}", "must be an array")]
    [InlineData("{\"seeds\": [\"a\"], \"includeCelebrities\": 3}", "must be true or false")]
    public async Task Segment_with_malformed_json_is_400_naming_where_and_why(string body, string expected)
    {
        using var response = await _client.PostAsync("/api/v1/segments/influencers", new StringContent(body, Encoding.UTF8, "application/json"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "body");
        await ActionableProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_and_wrong_keys_are_401_problems_with_a_detail()
    {
        using HttpClient anonymous = service.Factory.CreateClient();
        using var response = await anonymous.PostAsync("/api/v1/runs", null);
        await ActionableProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpenApi_lists_200_and_503_for_readiness_and_200_for_liveness()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        JsonElement paths = doc.RootElement.GetProperty("paths");
        JsonElement ready = paths.GetProperty("/health/ready").GetProperty("get").GetProperty("responses");
        Assert.True(ready.TryGetProperty("200", out _), ready.ToString());
        Assert.True(ready.TryGetProperty("503", out _), ready.ToString());
        Assert.True(paths.GetProperty("/health/live").GetProperty("get").GetProperty("responses").TryGetProperty("200", out _));
    }
}

/// <summary>Body limits are Kestrel's, so these run on a real listener.</summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_naming_the_setting()
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 0,
            settings: new Dictionary<string, string?> { ["Influence:MaxRequestBytes"] = "2048" });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        string baseUrl = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        string seeds = string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"account-{i}\""));
        using var response = await client.PostAsync("/api/v1/segments/influencers",
            new StringContent($"{{\"seeds\":[{seeds}]}}", Encoding.UTF8, "application/json"));
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Influence:MaxRequestBytes", detail);
        Assert.Contains("2,048 bytes", detail);
    }
}
