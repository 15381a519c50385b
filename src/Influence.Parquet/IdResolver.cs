using Influence.Core.Graph;
using Influence.Core.IO;

namespace Influence.Parquet;

/// <summary>
/// Resolves a columnar file's ids to nodes for one load. Integer ids (INT32/INT64 columns) small enough are looked up in
/// a direct table indexed by the value — one read from a compact array instead of a hash probe — and otherwise, like
/// through <see cref="SpanIdCache"/>; text ids go through <see cref="Texts"/>. The <see cref="IdMap"/> stays the only owner of node assignment: a
/// value new to the table is spelled out once and handed to the map, so nodes are exactly what the text readers give
/// ("7" and 7 are the same account).
/// </summary>
/// <remarks>
/// The table covers values below max(2^20, 4 × accounts known + 2^20) and at most 2^27 (512 MB would be the ceiling;
/// dense SNAP-style ids of a 10M-account graph need 40 MB); larger or negative values take the hash path.
/// </remarks>
internal sealed class IdResolver(IdMap ids)
{
    private const int MinDirect = 1 << 20, MaxDirect = 1 << 27;

    private int[] _nodePlusOne = [];

    public SpanIdCache Cache { get; } = new(ids);

    private Utf8IdTable? _texts;

    /// <summary>Text ids (string columns), by their UTF-8 bytes; made on first use (from either thread of a load), sized for the ids known.</summary>
    public Utf8IdTable Texts => LazyInitializer.EnsureInitialized(ref _texts, () => new Utf8IdTable(ids, ids.Count));

    /// <summary>The node of integer id <paramref name="value"/>, added when new.</summary>
    public int Resolve(long value, ref SpanIdCache.LastKey last)
    {
        int[] table = _nodePlusOne;
        if ((ulong)value < (ulong)table.Length)
        {
            int known = table[value];
            if (known != 0) return known - 1;
        }
        else if (!TryCover(value)) return Cache.GetOrAdd(value, ref last);
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int length, default, System.Globalization.CultureInfo.InvariantCulture);
        int node = ids.GetOrAdd(digits[..length]);
        _nodePlusOne[value] = node + 1;
        return node;
    }

    /// <summary>Grows the table to cover <paramref name="value"/> when it is within the bound.</summary>
    private bool TryCover(long value)
    {
        long bound = Math.Min(MaxDirect, Math.Max(MinDirect, 4L * ids.Count + MinDirect));
        if (value < 0 || value >= bound) return false;
        long size = Math.Max(_nodePlusOne.Length, 1 << 16);
        while (size <= value) size *= 2;
        Array.Resize(ref _nodePlusOne, (int)Math.Min(size, MaxDirect));
        return true;
    }
}
