using System.Net;
using System.Text.Json;

namespace Influence.Api.Tests.Infrastructure;

/// <summary>Assertions on HTTP answers, ProblemDetails in particular.</summary>
public static class HttpAssert
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asserts the status and an RFC 7807 body; returns the parsed body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement root = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, root.GetProperty("status").GetInt32());
        return root;
    }

    /// <summary>Asserts a 400 ValidationProblem whose <c>errors</c> hold <paramref name="field"/>; returns the body.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(HttpResponseMessage response, string field)
    {
        JsonElement root = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(root.TryGetProperty("errors", out JsonElement errors), $"No 'errors' in {root}");
        Assert.True(errors.TryGetProperty(field, out _), $"No error for '{field}' in {errors}");
        return root;
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
