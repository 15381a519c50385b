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

    /// <summary>The <c>summary.json</c> form of a run summary (keys from the model's <c>JsonPropertyName</c>s).</summary>
    public static string SerializeSummary(AnalysisSummary summary) => JsonSerializer.Serialize(summary, Options);

    /// <summary>Reads a summary written by <see cref="SerializeSummary"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON is the literal <c>null</c>.</exception>
    public static AnalysisSummary DeserializeSummary(string json) =>
        JsonSerializer.Deserialize<AnalysisSummary>(json, Options)
        ?? throw new InvalidDataException("Stored run summary is the JSON literal null.");

    /// <summary>Thresholds as a JSON object of name → value.</summary>
    public static string SerializeThresholds(RoleThresholds thresholds) =>
        JsonSerializer.Serialize(thresholds.Values, Options);

    /// <summary>Reads thresholds written by <see cref="SerializeThresholds"/>; null (runs stored before schema v2) gives none.</summary>
    public static RoleThresholds DeserializeThresholds(string? json) =>
        new(json is null
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? []);

    /// <summary>Dense ids as a JSON array.</summary>
    public static string SerializeIds(int[] ids) => JsonSerializer.Serialize(ids, Options);

    /// <summary>Reads an array written by <see cref="SerializeIds"/>.</summary>
    public static int[] DeserializeIds(string json) => JsonSerializer.Deserialize<int[]>(json, Options) ?? [];
}
