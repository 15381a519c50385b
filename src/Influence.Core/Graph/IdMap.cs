using System.Runtime.InteropServices;

namespace Influence.Core.Graph;

/// <summary>
/// Two-way map between external account ids (<c>@handle</c>, numeric ids as text) and the dense
/// <c>int</c> node ids <c>0..Count-1</c> the graph kernel works on. Ids are assigned in first-seen order.
/// </summary>
/// <remarks>
/// Look-ups by <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> do not allocate, so a loader can
/// resolve every edge endpoint straight from its line buffer; only the first sighting of an id
/// allocates its string.
/// </remarks>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private readonly List<string> _ids;

    public IdMap(int capacity = 0)
    {
        _index = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _ids = new List<string>(capacity);
    }

    /// <summary>Number of distinct external ids.</summary>
    public int Count => _ids.Count;

    /// <summary>The external id of dense node <paramref name="node"/>.</summary>
    public string this[int node] => _ids[node];

    /// <summary>Returns the dense id of <paramref name="externalId"/>, adding it when new.</summary>
    public int GetOrAdd(string externalId)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, externalId, out bool exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(externalId);
        }
        return slot;
    }

    /// <summary>Returns the dense id of <paramref name="externalId"/>, adding it when new (no allocation when known).</summary>
    public int GetOrAdd(ReadOnlySpan<char> externalId)
    {
        if (_spanIndex.TryGetValue(externalId, out int node)) return node;
        string s = externalId.ToString();
        node = _ids.Count;
        _index.Add(s, node);
        _ids.Add(s);
        return node;
    }

    public bool TryGetNode(string externalId, out int node) => _index.TryGetValue(externalId, out node);

    public bool TryGetNode(ReadOnlySpan<char> externalId, out int node) => _spanIndex.TryGetValue(externalId, out node);

    /// <summary>All external ids in dense-id order.</summary>
    public IReadOnlyList<string> Ids => _ids;
}
