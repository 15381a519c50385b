using System.Net;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;

namespace Influence.Api.Tests;

/// <summary>Role, stage and sort names come from the model's enums: every one is accepted, listed in errors and documented.</summary>
public sealed class VocabularyTests(ErrorResponseFixture service) : IClassFixture<ErrorResponseFixture>
{
    private readonly HttpClient _client = service.Factory.CreateClient();

    [Fact]
    public void The_vocabulary_holds_one_name_per_enum_value()
    {
        Assert.Equal(Enum.GetValues<AccountRole>().Select(RoleNames.Name), Vocabulary.Roles);
        Assert.Equal(Enum.GetValues<PresenceStage>().Select(RoleNames.Name), Vocabulary.Stages);
        Assert.Equal(Enum.GetValues<AccountSort>().Length, Vocabulary.Sorts.Count);
        foreach (string sort in Vocabulary.Sorts) Assert.True(Vocabulary.TryParseSort(sort, out _), sort);
    }

    [Theory]
    [InlineData("/api/v1/accounts?role=king", "role")]
    [InlineData("/api/v1/communities/0/influencers?role=king", "role")]
    [InlineData("/api/v1/accounts?stage=famous", "stage")]
    [InlineData("/api/v1/accounts?sort=height", "sort")]
    public async Task An_unknown_name_is_refused_listing_every_valid_one(string url, string field)
    {
        using var response = await _client.GetAsync(url);
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, field);
        string detail = problem.GetProperty("detail").GetString()!;
        IReadOnlyList<string> names = field switch { "role" => Vocabulary.Roles, "stage" => Vocabulary.Stages, _ => Vocabulary.Sorts };
        foreach (string name in names) Assert.Contains(name, detail);
    }

    [Fact]
    public async Task Every_role_and_stage_is_accepted_by_the_list_filters()
    {
        // The empty store answers 404 "no run yet" only once the query passed validation.
        foreach (string role in Vocabulary.Roles)
        {
            using var response = await _client.GetAsync($"/api/v1/accounts?role={role}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        foreach (string stage in Vocabulary.Stages)
        {
            using var response = await _client.GetAsync($"/api/v1/accounts?stage={stage}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_reference_documents_every_role_stage_and_sort_key()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        JsonElement parameters = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/accounts").GetProperty("get").GetProperty("parameters");
        string Describe(string name) => parameters.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("description").GetString()!;
        foreach (string role in Vocabulary.Roles) Assert.Contains(role, Describe("role"));
        foreach (string stage in Vocabulary.Stages) Assert.Contains(stage, Describe("stage"));
        foreach (string sort in Vocabulary.Sorts) Assert.Contains(sort, Describe("sort"));
        string schemaRole = doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("AccountSummaryDto")
            .GetProperty("properties").GetProperty("role").GetProperty("description").GetString()!;
        foreach (string role in Vocabulary.Roles) Assert.Contains(role, schemaRole);
    }

    [Fact]
    public async Task The_vocabulary_endpoint_serves_the_names_and_the_dashboard_writes_none_by_hand()
    {
        var served = await HttpAssert.OkAsync<VocabularyDto>(await _client.GetAsync("/api/v1/vocabulary"));
        Assert.Equal(Vocabulary.Roles, served.Roles);
        Assert.Equal(Vocabulary.Stages, served.Stages);
        Assert.Equal(Vocabulary.Sorts, served.Sorts);
        string page = await _client.GetStringAsync("/");
        foreach (string role in Vocabulary.Roles) Assert.DoesNotContain($"<option value=\"{role}\"", page);
        Assert.Contains("data-vocabulary=\"roles\"", page);
    }
}
