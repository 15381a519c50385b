using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

/// <summary>One entry of a Query API <c>errors</c> array.</summary>
public sealed record Neo4jError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>
/// The <c>counters</c> object of a response. Known keys are typed; keys added by newer servers land in
/// <see cref="Other"/> instead of failing the parse.
/// </summary>
public sealed record Neo4jCounters
{
    [JsonPropertyName("containsUpdates")] public bool ContainsUpdates { get; init; }
    [JsonPropertyName("nodesCreated")] public long NodesCreated { get; init; }
    [JsonPropertyName("nodesDeleted")] public long NodesDeleted { get; init; }
    [JsonPropertyName("propertiesSet")] public long PropertiesSet { get; init; }
    [JsonPropertyName("relationshipsCreated")] public long RelationshipsCreated { get; init; }
    [JsonPropertyName("relationshipsDeleted")] public long RelationshipsDeleted { get; init; }
    [JsonPropertyName("labelsAdded")] public long LabelsAdded { get; init; }
    [JsonPropertyName("labelsRemoved")] public long LabelsRemoved { get; init; }
    [JsonPropertyName("indexesAdded")] public long IndexesAdded { get; init; }
    [JsonPropertyName("indexesRemoved")] public long IndexesRemoved { get; init; }
    [JsonPropertyName("constraintsAdded")] public long ConstraintsAdded { get; init; }
    [JsonPropertyName("constraintsRemoved")] public long ConstraintsRemoved { get; init; }
    [JsonPropertyName("containsSystemUpdates")] public bool ContainsSystemUpdates { get; init; }
    [JsonPropertyName("systemUpdates")] public long SystemUpdates { get; init; }

    /// <summary>Counters this client does not know yet.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Other { get; set; }

    public static readonly Neo4jCounters None = new();
}

/// <summary>The <c>transaction</c> object of an explicit-transaction response.</summary>
public sealed record Neo4jTransactionInfo(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("expires")] string? Expires);

/// <summary>Discovery document served at <c>GET /</c> (no authentication).</summary>
public sealed record Neo4jServerInfo
{
    [JsonPropertyName("neo4j_version")] public string? Version { get; init; }
    [JsonPropertyName("neo4j_edition")] public string? Edition { get; init; }
    [JsonPropertyName("query")] public string? QueryTemplate { get; init; }
}

/// <summary>Source-generated (reflection-free) serialization of the Query API documents and of the run data kept as JSON.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Neo4jError[]))]
[JsonSerializable(typeof(Neo4jCounters))]
[JsonSerializable(typeof(Neo4jTransactionInfo))]
[JsonSerializable(typeof(Neo4jServerInfo))]
[JsonSerializable(typeof(AnalysisSummary))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class Neo4jJsonContext : JsonSerializerContext;

/// <summary>A parameter value that writes itself (e.g. a batch of rows without one dictionary per row).</summary>
public interface ICypherValue
{
    void WriteTo(Utf8JsonWriter writer);
}

/// <summary>
/// Named parameters of one statement. Values: null, string, bool, int, long, double (NaN and infinities
/// are sent as null: JSON has no such numbers), DateTimeOffset (ISO-8601 text), arrays/lists of those,
/// string-keyed dictionaries, and <see cref="ICypherValue"/>.
/// </summary>
public sealed class CypherParameters : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    public static CypherParameters Empty => new();

    /// <summary>Adds (collection-initializer friendly) a parameter.</summary>
    public void Add(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _values.Add(new(name, value));
    }

    public int Count => _values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws for a value this class cannot send, before any request is made.</summary>
    /// <exception cref="ArgumentException">A value of an unsupported type (the message names the parameter).</exception>
    public void Validate()
    {
        foreach (var (name, value) in _values)
            if (!IsSupported(value, 0))
                throw new ArgumentException($"Parameter '{name}' holds a value that cannot be sent to Neo4j (supported: null, string, bool, int, long, double, DateTimeOffset, lists, string-keyed maps, ICypherValue).", nameof(value));
    }

    private static bool IsSupported(object? value, int depth)
    {
        if (depth > 32) return false;
        switch (value)
        {
            case null or string or bool or int or long or double or float or DateTimeOffset or ICypherValue:
                return true;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var (_, v) in map) if (!IsSupported(v, depth + 1)) return false;
                return true;
            case IEnumerable<string> or IEnumerable<int> or IEnumerable<long> or IEnumerable<double>:
                return true;
            case IEnumerable list:
                foreach (object? item in list) if (!IsSupported(item, depth + 1)) return false;
                return true;
            default:
                return false;
        }
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in _values)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one parameter value in plain Query API JSON.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: WriteDouble(writer, d); break;
            case float f: WriteDouble(writer, f); break;
            case DateTimeOffset t: writer.WriteStringValue(t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)); break;
            case ICypherValue custom: custom.WriteTo(writer); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (object? item in list) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Parameter values of type {value.GetType().Name} cannot be sent to Neo4j.", nameof(value));
        }
    }

    /// <summary>
    /// Writes a float so that Neo4j reads a Float: always with a '.' or an exponent (<c>1.0</c>, never
    /// <c>1</c>, which plain JSON would hand to Cypher as an Integer and which would make a list such as
    /// <c>[0, 1.5]</c> a mixed list that cannot be stored as a property). NaN and infinities have no JSON
    /// form: they travel as null (read back as NaN).
    /// </summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }
        Span<byte> text = stackalloc byte[40];
        if (!value.TryFormat(text, out int length, "R", System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"Cannot format {value}.");
        if (text[..length].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            text[length++] = (byte)'.';
            text[length++] = (byte)'0';
        }
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>A property holding a float (see <see cref="WriteDouble(Utf8JsonWriter, double)"/>).</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteDouble(writer, value);
    }
}
