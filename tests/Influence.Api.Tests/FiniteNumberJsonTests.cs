using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Tests;

/// <summary>Undefined figures leave the API as null, never as "NaN" strings a JSON number parser rejects.</summary>
public sealed class FiniteNumberJsonTests
{
    [Fact]
    public void An_undefined_spearman_is_null_in_the_summary()
    {
        var summary = new AnalysisSummary { FollowersInfluenceSpearman = double.NaN, Top100Overlap = double.PositiveInfinity, Modularity = 0.5 };
        string json = JsonSerializer.Serialize(new SummaryDto(new RunRefDto(1, "completed", DateTimeOffset.UnixEpoch, null), summary), ApiJsonContext.Default.SummaryDto);
        using var doc = JsonDocument.Parse(json);
        JsonElement s = doc.RootElement.GetProperty("summary");
        Assert.Equal(JsonValueKind.Null, s.GetProperty("followers_influence_spearman").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("top100_followers_influence_overlap").ValueKind);
        Assert.Equal(0.5, s.GetProperty("modularity").GetDouble());
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_string_is_not_read_as_a_number()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"NaN\"", typeof(double), new JsonSerializerOptions { Converters = { new FiniteDoubleJsonConverter() } }));
        Assert.Equal(2.5, JsonSerializer.Deserialize("2.5", typeof(double), new JsonSerializerOptions { Converters = { new FiniteDoubleJsonConverter() } }));
    }
}
