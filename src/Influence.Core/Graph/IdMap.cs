using System.Collections;
using System.Runtime.CompilerServices;

namespace Influence.Core.Graph;

/// <summary>
/// Two-way map between external account ids (<c>@handle</c>, numeric ids as text) and the dense
/// <c>int</c> node ids <c>0..Count-1</c> the graph kernel works on. Ids are assigned in first-seen order.
/// </summary>
/// <remarks>
/// While every id is a canonical decimal number (<see cref="NumericIds"/>: "42", not "042"), the ids are held as numbers
/// in one <c>long[]</c> with an open-addressing table of node ids beside it: ≈ 21 bytes per account instead of ≈ 90
/// (a string, a dictionary entry and a list slot) — 0.7 GB less at 10M accounts, through the whole run
/// (docs/performance.md, "100M follows"). The first id that is not such a number turns the map into a text map
/// (every number spelled out once); node ids and every id's text are the same either way.
/// Look-ups by <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> do not allocate, so a loader can resolve every edge
/// endpoint straight from its line buffer; only a text map allocates, and only on the first sighting of an id.
/// Concurrent readers are safe as long as nobody adds.
/// </remarks>
public sealed class IdMap
{
    private int _count;
    // Numeric mode (_numbers != null): id of node v is _numbers[v]; _table holds node + 1 per slot (0 = empty), load ≤ 1/2.
    private long[]? _numbers;
    private int[] _table = [];
    // Text mode.
    private string[] _texts = [];
    private Dictionary<string, int>? _index;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;

    /// <param name="capacity">Ids to make room for.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative capacity.</exception>
    public IdMap(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        capacity = Math.Max(capacity, 16);
        _numbers = new long[capacity];
        _table = new int[TableSizeFor(capacity)];
    }

    /// <summary>Number of distinct external ids.</summary>
    public int Count => _count;

    /// <summary>True while every id is a canonical decimal number held as a number (no string per account).</summary>
    public bool IsNumeric => _numbers is not null;

    /// <summary>The external id of dense node <paramref name="node"/> (a numeric map spells it out on each call).</summary>
    public string this[int node]
    {
        get
        {
            if ((uint)node >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(node), node, $"No account {node}: the map has {_count}.");
            return _numbers is { } numbers ? NumericIds.Format(numbers[node]) : _texts[node];
        }
    }

    /// <summary>Returns the dense id of <paramref name="externalId"/>, adding it when new.</summary>
    public int GetOrAdd(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        if (_numbers is not null)
        {
            if (NumericIds.TryParse(externalId, out long value)) return GetOrAddNumber(value);
            SwitchToText();
        }
        if (_index!.TryGetValue(externalId, out int node)) return node;
        return AddText(externalId);
    }

    /// <summary>Returns the dense id of <paramref name="externalId"/>, adding it when new (no allocation when known, none at all in a numeric map).</summary>
    public int GetOrAdd(ReadOnlySpan<char> externalId)
    {
        if (_numbers is not null)
        {
            if (NumericIds.TryParse(externalId, out long value)) return GetOrAddNumber(value);
            SwitchToText();
        }
        if (_spanIndex.TryGetValue(externalId, out int node)) return node;
        return AddText(externalId.ToString());
    }

    public bool TryGetNode(string externalId, out int node) => TryGetNode(externalId.AsSpan(), out node);

    public bool TryGetNode(ReadOnlySpan<char> externalId, out int node)
    {
        if (_numbers is not null)
        {
            node = NumericIds.TryParse(externalId, out long value) ? FindNumber(value) : -1;
            return node >= 0;
        }
        return _spanIndex.TryGetValue(externalId, out node);
    }

    /// <summary>All external ids in dense-id order (a live view: it grows with the map).</summary>
    public IReadOnlyList<string> Ids => new LiveView(this);

    /// <summary>The ids of nodes 0..<paramref name="count"/>-1 as they are now, unaffected by later additions (no copy: ids never change once added).</summary>
    public IReadOnlyList<string> Snapshot(int count)
    {
        if ((uint)count > (uint)_count) throw new ArgumentOutOfRangeException(nameof(count), count, $"The map has {_count} ids.");
        return _numbers is { } numbers ? new NumberView(numbers, count) : new TextView(_texts, count);
    }

    /// <summary>Drops the spare capacity of the id storage once loading is done (growth by doubling leaves up to half unused).</summary>
    public void TrimExcess()
    {
        if (_numbers is not null && _numbers.Length > _count) Array.Resize(ref _numbers, Math.Max(_count, 16));
        else if (_numbers is null && _texts.Length > _count) Array.Resize(ref _texts, Math.Max(_count, 16));
    }

    private static int TableSizeFor(int capacity)
    {
        int size = 32;
        while (size < 2L * capacity && size < 1 << 30) size <<= 1;
        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindNumber(long value)
    {
        int[] table = _table;
        long[] numbers = _numbers!;
        int mask = table.Length - 1;
        for (int i = NumericIds.Hash(value) & mask; ; i = (i + 1) & mask)
        {
            int slot = table[i];
            if (slot == 0) return -1;
            if (numbers[slot - 1] == value) return slot - 1;
        }
    }

    private int GetOrAddNumber(long value)
    {
        int[] table = _table;
        long[] numbers = _numbers!;
        int mask = table.Length - 1;
        int i = NumericIds.Hash(value) & mask;
        for (; ; i = (i + 1) & mask)
        {
            int slot = table[i];
            if (slot == 0) break;
            if (numbers[slot - 1] == value) return slot - 1;
        }
        int node = _count;
        if (node == numbers.Length) Array.Resize(ref _numbers, (int)Math.Min(Array.MaxLength, 2L * numbers.Length));
        _numbers![node] = value;
        table[i] = node + 1;
        _count = node + 1;
        if (2L * _count > table.Length && table.Length < 1 << 30) GrowTable();
        return node;
    }

    private void GrowTable()
    {
        var larger = new int[_table.Length * 2];
        int mask = larger.Length - 1;
        long[] numbers = _numbers!;
        for (int node = 0; node < _count; node++)
        {
            int i = NumericIds.Hash(numbers[node]) & mask;
            while (larger[i] != 0) i = (i + 1) & mask;
            larger[i] = node + 1;
        }
        _table = larger;
    }

    /// <summary>The first id that is not a canonical number: every number is spelled out once, and the map holds text from now on.</summary>
    private void SwitchToText()
    {
        long[] numbers = _numbers!;
        _texts = new string[Math.Max(16, numbers.Length)];
        _index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (int node = 0; node < _count; node++)
        {
            string text = NumericIds.Format(numbers[node]);
            _texts[node] = text;
            _index.Add(text, node);
        }
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _numbers = null;
        _table = [];
    }

    private int AddText(string externalId)
    {
        int node = _count;
        _index!.Add(externalId, node);
        if (node == _texts.Length) Array.Resize(ref _texts, (int)Math.Min(Array.MaxLength, 2L * Math.Max(16, _texts.Length)));
        _texts[node] = externalId;
        _count = node + 1;
        return node;
    }

    private abstract class View : IReadOnlyList<string>
    {
        public abstract int Count { get; }
        public abstract string this[int index] { get; }

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        protected static void Check(int index, int count)
        {
            if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), index, $"No account {index}: there are {count}.");
        }
    }

    private sealed class LiveView(IdMap map) : View
    {
        public override int Count => map.Count;
        public override string this[int index] => map[index];
    }

    private sealed class NumberView(long[] numbers, int count) : View
    {
        public override int Count => count;
        public override string this[int index]
        {
            get { Check(index, count); return NumericIds.Format(numbers[index]); }
        }
    }

    private sealed class TextView(string[] texts, int count) : View
    {
        public override int Count => count;
        public override string this[int index]
        {
            get { Check(index, count); return texts[index]; }
        }
    }
}
