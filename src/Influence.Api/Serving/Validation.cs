namespace Influence.Api.Serving;

/// <summary>Collects validation errors keyed by field (the query key or body property the caller sent).</summary>
public sealed class Validation
{
    private Dictionary<string, string[]>? _errors;

    public bool IsValid => _errors is null;

    public Dictionary<string, string[]> Errors => _errors ?? [];

    public void Add(string field, string reason)
    {
        _errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        _errors[field] = _errors.TryGetValue(field, out string[]? existing) ? [.. existing, reason] : [reason];
    }

    /// <summary>Checks <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max)) Add(field, $"must be between {min} and {max}; got {v}.");
    }
}
