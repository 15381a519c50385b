using System.Text.Json;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

/// <summary>
/// A slice of a list sent as one <c>$rows</c> parameter: each row is written by a static writer straight
/// into the request stream, so a 5,000-row batch costs no dictionary or string per row.
/// </summary>
internal sealed class RowsParameter(int start, int count, Action<Utf8JsonWriter, int> writeRow) : ICypherValue
{
    public int Count => count;

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (int i = start; i < start + count; i++) writeRow(writer, i);
        writer.WriteEndArray();
    }
}

/// <summary>How each stored record and result becomes a row of a batched statement (property names are the documented model).</summary>
internal static class Neo4jRows
{
    /// <summary>Every metric of the schema, written as the property <see cref="AccountMetric.Neo4jProperty"/>.</summary>
    private static readonly AccountMetric[] Metrics = [.. AccountMetricSchema.All];

    public static void WriteFollow(Utf8JsonWriter w, FollowRecord f)
    {
        StartEdge(w, f.Source, f.Target);
        WriteNullableLong(w, "since", f.Since);
        w.WriteEndObject();
    }

    public static void WriteUnfollow(Utf8JsonWriter w, UnfollowRecord u)
    {
        StartEdge(w, u.Source, u.Target);
        WriteNullableLong(w, "at", u.At);
        w.WriteEndObject();
    }

    public static void WriteInteraction(Utf8JsonWriter w, InteractionRecord r)
    {
        StartEdge(w, r.Source, r.Target);
        w.WriteString("key", InteractionKey(r.Kind, r.Timestamp));
        w.WriteString("kind", InteractionKinds.Name(r.Kind));
        WriteNullableLong(w, "at", r.Timestamp);
        CypherParameters.WriteDouble(w, "weight", r.Weight);
        if (r.Stance is double s) CypherParameters.WriteDouble(w, "stance", s);
        else w.WriteNull("stance");
        w.WriteEndObject();
    }

    /// <summary>Opens the row of a stored edge: every one starts <c>{source, target</c> (the ids the store scripts match accounts on).</summary>
    private static void StartEdge(Utf8JsonWriter w, string source, string target)
    {
        w.WriteStartObject();
        w.WriteString("source", source);
        w.WriteString("target", target);
    }

    /// <summary>
    /// Natural key of an interaction between two accounts: kind and timestamp (the same rule as the embedded
    /// store and the LOAD CSV script: <c>kind + '@' + coalesce(toString(at), '')</c>).
    /// </summary>
    public static string InteractionKey(InteractionKind kind, long? timestamp) =>
        timestamp is long t
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{InteractionKinds.Name(kind)}@{t}")
            : InteractionKinds.Name(kind) + "@";

    /// <summary>Row <c>{idx, id, props}</c> of one account of a result; props are the write-back property names.</summary>
    public static void WriteAccountResult(Utf8JsonWriter w, InfluenceAnalysisResult result, int node)
    {
        w.WriteStartObject();
        w.WriteNumber("idx", node);
        w.WriteString("id", result.AccountIds[node]);
        w.WritePropertyName("props");
        WriteMetrics(w, result, node);
        w.WriteEndObject();
    }

    /// <summary>
    /// The figures of one account (<see cref="AccountMetricSchema"/>) under the names GDS users know
    /// (<c>pagerank</c>, <c>community</c>, <c>componentId</c>, …). NaN figures are left out (Neo4j properties cannot hold NaN via JSON); a missing
    /// property reads back as NaN.
    /// </summary>
    public static void WriteMetrics(Utf8JsonWriter w, InfluenceAnalysisResult result, int node)
    {
        ref readonly AccountMetrics m = ref result.Accounts[node];
        w.WriteStartObject();
        foreach (AccountMetric metric in Metrics)
        {
            double value = metric.Get(in m);
            if (metric.Kind == MetricKind.Real) Double(w, metric.Neo4jProperty, value);
            else if (metric.Kind == MetricKind.Integer) w.WriteNumber(metric.Neo4jProperty, (long)value);
            else w.WriteString(metric.Neo4jProperty, metric.NameOf(value));
        }
        PerKind(w, "receivedByKind", result.ReceivedByKind, node);
        PerKind(w, "givenByKind", result.GivenByKind, node);
        w.WriteEndObject();
    }

    /// <summary>Reads back what <see cref="WriteMetrics"/> wrote.</summary>
    public static AccountMetrics ReadMetrics(JsonElement props, string account, long run)
    {
        var m = new AccountMetrics();
        foreach (AccountMetric metric in Metrics)
        {
            string property = metric.Neo4jProperty;
            if (metric.Kind == MetricKind.Real) metric.Set(ref m, Dbl(props, property));
            else if (metric.Kind == MetricKind.Integer) metric.Set(ref m, Int(props, property));
            else
            {
                string? name = Str(props, property);
                metric.Set(ref m, metric.TryParseName(name, out double value) ? value
                    : throw new InvalidDataException($"Neo4j run {run}, account '{account}': unknown {metric.Name} '{name}'."));
            }
        }
        return m;
    }

    /// <summary>Copies the stored per-kind list of one account into the flattened result array.</summary>
    public static void ReadPerKind(JsonElement props, string name, double[] target, int node)
    {
        int offset = node * InteractionKinds.Count;
        if (!props.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array) return;
        int k = 0;
        foreach (var v in list.EnumerateArray())
        {
            if (k == InteractionKinds.Count) break;
            target[offset + k++] = Neo4jRow.AsDouble(v);
        }
    }

    /// <summary>
    /// Row <c>{defender, target, props}</c>; endpoints are dense ids (per-run links, with <c>ord</c> = position
    /// in the result so the order round-trips) or account ids (write-back, <paramref name="ord"/> -1: no ord).
    /// </summary>
    public static void WriteLink(Utf8JsonWriter w, in DefenderLink link, IReadOnlyList<string>? accountIds, int ord)
    {
        w.WriteStartObject();
        if (accountIds is null)
        {
            w.WriteNumber("defender", link.Defender);
            w.WriteNumber("target", link.Target);
        }
        else
        {
            w.WriteString("defender", accountIds[link.Defender]);
            w.WriteString("target", accountIds[link.Target]);
        }
        w.WriteStartObject("props");
        if (ord >= 0) w.WriteNumber("ord", ord);
        Double(w, "strength", link.Strength);
        Double(w, "interactions", link.Interactions);
        w.WriteNumber("activePeriods", link.ActivePeriods);
        w.WriteBoolean("targetFollowsBack", link.TargetFollowsBack);
        w.WriteBoolean("targetEngagesBack", link.TargetEngagesBack);
        Double(w, "meanStance", link.MeanStance);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static DefenderLink ReadLink(int target, int defender, JsonElement props) =>
        new(target, defender, Dbl(props, "strength"), Dbl(props, "interactions"), Int(props, "activePeriods"),
            Bool(props, "targetFollowsBack"), Bool(props, "targetEngagesBack"), Dbl(props, "meanStance"));

    /// <summary>Row of one community; <paramref name="ord"/> is its position in the result.</summary>
    public static void WriteCommunity(Utf8JsonWriter w, CommunitySummary c, int ord)
    {
        w.WriteStartObject();
        w.WriteNumber("ord", ord);
        w.WriteNumber("id", c.Id);
        w.WriteNumber("size", c.Size);
        w.WriteNumber("internalFollows", c.InternalFollows);
        Double(w, "density", c.Density);
        Double(w, "reciprocity", c.Reciprocity);
        Double(w, "engagementInside", c.EngagementInside);
        w.WriteStartArray("topAccounts");
        foreach (int node in c.TopAccounts) w.WriteNumberValue(node);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static CommunitySummary ReadCommunity(JsonElement props)
    {
        int[] top = [];
        if (props.TryGetProperty("topAccounts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            top = new int[list.GetArrayLength()];
            int i = 0;
            foreach (var v in list.EnumerateArray()) top[i++] = checked((int)Neo4jRow.AsInt64(v));
        }
        return new CommunitySummary(Int(props, "id"), Int(props, "size"), Long(props, "internalFollows"),
            Dbl(props, "density"), Dbl(props, "reciprocity"), Dbl(props, "engagementInside"), top);
    }

    private static void PerKind(Utf8JsonWriter w, string name, double[] values, int node)
    {
        w.WriteStartArray(name);
        int offset = node * InteractionKinds.Count;
        for (int k = 0; k < InteractionKinds.Count; k++) CypherParameters.WriteDouble(w, values[offset + k]);
        w.WriteEndArray();
    }

    private static void Double(Utf8JsonWriter w, string name, double value)
    {
        // Leaving the property out is how NaN is stored: null would remove it anyway.
        if (double.IsFinite(value)) CypherParameters.WriteDouble(w, name, value);
    }

    private static void WriteNullableLong(Utf8JsonWriter w, string name, long? value)
    {
        if (value is long v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>Position stored with a per-run link or community (-1 when absent).</summary>
    public static long Ord(JsonElement props) =>
        props.TryGetProperty("ord", out var v) && v.ValueKind == JsonValueKind.Number ? Neo4jRow.AsInt64(v) : -1;

    private static int Int(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? checked((int)Neo4jRow.AsInt64(v)) : 0;

    private static long Long(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? Neo4jRow.AsInt64(v) : 0;

    private static double Dbl(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) ? Neo4jRow.AsDouble(v) : double.NaN;

    private static bool Bool(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
