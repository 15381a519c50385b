using System.Text.Json;
using System.Text.Json.Serialization;

namespace Influence.Api.Contracts;

/// <summary>
/// Numbers the API writes are JSON numbers or null: an undefined figure (NaN — e.g. the followers-vs-influence
/// Spearman of a run without follows — or ±∞) is written as null, never as a "NaN" string. Reading stays strict:
/// only JSON numbers are accepted.
/// </summary>
public sealed class FiniteDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? reader.GetDouble()
            : throw new JsonException($"expected a number, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
