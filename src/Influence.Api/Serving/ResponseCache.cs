using System.Collections.Concurrent;

namespace Influence.Api.Serving;

/// <summary>
/// Bounded cache of computed responses for one snapshot. Results of a run never change, so entries never
/// expire; when full, new keys are simply computed without being stored (no eviction bookkeeping on the hot path).
/// </summary>
public sealed class ResponseCache(int capacity)
{
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached value for <paramref name="key"/>, computing (and keeping, while below capacity) it when absent.</summary>
    public T GetOrAdd<T>(string key, Func<T> compute) where T : class
    {
        if (_entries.TryGetValue(key, out object? hit)) return (T)hit;
        T value = compute();
        if (_entries.Count < capacity) _entries.TryAdd(key, value);
        return value;
    }
}
