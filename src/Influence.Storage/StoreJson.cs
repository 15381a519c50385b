using System.Text.Json;
using System.Text.Json.Serialization;
using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>
/// JSON used for the run columns (<c>summary_json</c>, <c>thresholds_json</c>, community top lists).
/// NaN and infinities are written as named literals: a summary of an edgeless graph holds NaN
/// reciprocity and must still round-trip.
/// </summary>
public static class StoreJson
{
    /// <summary>Options for every JSON column the stores write.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string SerializeSummary(AnalysisSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static AnalysisSummary DeserializeSummary(string json) =>
        JsonSerializer.Deserialize<AnalysisSummary>(json, Options)
        ?? throw new InvalidDataException("Stored run summary is the JSON literal null.");

    public static string SerializeThresholds(RoleThresholds thresholds) =>
        JsonSerializer.Serialize(thresholds.Values, Options);

    public static RoleThresholds DeserializeThresholds(string? json) =>
        new(json is null
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? []);

    public static string SerializeIds(int[] ids) => JsonSerializer.Serialize(ids, Options);

    public static int[] DeserializeIds(string json) => JsonSerializer.Deserialize<int[]>(json, Options) ?? [];
}
