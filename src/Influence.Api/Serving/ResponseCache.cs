using System.Collections.Concurrent;

namespace Influence.Api.Serving;

/// <summary>
/// Bounded cache of computed responses for one snapshot. Results of a run never change, so entries never
/// expire; when full, new keys are simply computed without being stored (no eviction bookkeeping on the hot path).
/// </summary>
public sealed class ResponseCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached value for <paramref name="key"/>, computing (and keeping, while below capacity) it when absent.
    /// Concurrent requests for the same missing key wait for one computation instead of each computing it.</summary>
    public T GetOrAdd<T>(string key, Func<T> compute) where T : class
    {
        if (_entries.TryGetValue(key, out Lazy<object>? hit)) return (T)hit.Value;
        if (_entries.Count >= capacity) return compute();
        Lazy<object> entry = _entries.GetOrAdd(key, _ => new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            // Do not keep a failure: the next request retries.
            _entries.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry));
            throw;
        }
    }
}
