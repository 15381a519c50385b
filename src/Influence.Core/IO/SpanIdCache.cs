using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Core.IO;

/// <summary>
/// Bulk-load front of an <see cref="IdMap"/>: an open-addressing table from id text to node id. Keys
/// that are canonical decimal numbers (SNAP ids: 1–18 digits, no leading zero) are held in the slot
/// itself; other keys live in one contiguous char arena. Resolving a known id costs one slot read
/// (plus one short arena compare for text ids) instead of a dictionary bucket, entry and string
/// object — three cache misses on a million-id graph. Misses fall through to
/// <see cref="IdMap.GetOrAdd(ReadOnlySpan{char})"/>, which stays the single owner of id assignment:
/// node ids are exactly what the map alone would give ("007" and "7" stay different ids).
/// </summary>
/// <remarks>
/// Also remembers, per column, the last key resolved, because edge lists are usually grouped by source.
/// Text keys use the runtime's randomized string hash and numeric keys a per-process random seed, so
/// crafted ids cannot force long probe chains. Memory: 16 bytes per slot (load ≤ 1/2) + 2 bytes per
/// text-key char; released with the loader.
/// </remarks>
public sealed class SpanIdCache(IdMap ids)
{
    /// <summary>Numeric key: <see cref="Key"/> = value, <see cref="Length"/> = -digits. Text key:
    /// <see cref="Key"/> = hash &lt;&lt; 32 | arena start, <see cref="Length"/> = char count.</summary>
    private struct Slot
    {
        public long Key;
        public int NodePlusOne; // 0 = empty
        public int Length;
    }

    private Slot[] _slots = new Slot[1 << 16];
    private int _count;
    private char[] _arena = new char[1 << 16];
    private int _arenaUsed;
    private bool _disabled;

    /// <summary>The key a column resolved last (one per column: sources repeat line after line, targets rarely).</summary>
    public struct LastKey
    {
        internal int NodePlusOne;
        internal long Key;
        internal int Length;
    }

    /// <summary>
    /// Node id of the integer id <paramref name="value"/> (a columnar file's INT64 id column), the same node as its decimal
    /// text would get: the text is formatted only when the value is new to the cache.
    /// </summary>
    /// <param name="last">Memo of the column the key comes from.</param>
    public int GetOrAdd(long value, ref LastKey last)
    {
        if (_disabled || !NumericIds.IsCanonical(value)) return GetOrAdd(Format(value, stackalloc char[20]), ref last);
        int length = -DigitCount(value);
        if (last.NodePlusOne != 0 && last.Length == length && last.Key == value) return last.NodePlusOne - 1;
        return Resolve(default, value, length, NumericIds.Hash(value), ref last);
    }

    private static ReadOnlySpan<char> Format(long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    private static int DigitCount(long value)
    {
        int digits = 1;
        while (value >= 10) { value /= 10; digits++; }
        return digits;
    }

    /// <summary>Node id of <paramref name="key"/>, added to the id map when new.</summary>
    /// <param name="last">Memo of the column the key comes from.</param>
    public int GetOrAdd(ReadOnlySpan<char> key, ref LastKey last)
    {
        if (_disabled) return ids.GetOrAdd(key);
        if (NumericIds.TryParse(key, out long value))
        {
            int length = -key.Length;
            if (last.NodePlusOne != 0 && last.Length == length && last.Key == value) return last.NodePlusOne - 1;
            return Resolve(key, value, length, NumericIds.Hash(value), ref last);
        }
        if (last.NodePlusOne != 0 && last.Length == key.Length &&
            key.SequenceEqual(new ReadOnlySpan<char>(_arena, (int)last.Key, last.Length)))
            return last.NodePlusOne - 1;
        return Resolve(key, 0, key.Length, string.GetHashCode(key), ref last);
    }

    private int Resolve(ReadOnlySpan<char> key, long value, int length, int hash, ref LastKey last)
    {
        bool numeric = length < 0;
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        int i = hash & mask;
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.NodePlusOne == 0) break;
            if (slot.Length == length)
            {
                bool match = numeric
                    ? slot.Key == value
                    : (int)(slot.Key >> 32) == hash && key.SequenceEqual(new ReadOnlySpan<char>(_arena, (int)slot.Key, length));
                if (match)
                {
                    last = new LastKey { NodePlusOne = slot.NodePlusOne, Key = numeric ? value : (int)slot.Key, Length = length };
                    return slot.NodePlusOne - 1;
                }
            }
            i = (i + 1) & mask;
        }

        // A numeric key handed in as a value (GetOrAdd(long)) is spelled out only here, when it is new.
        int node = ids.GetOrAdd(numeric && key.IsEmpty ? Format(value, stackalloc char[20]) : key);
        long stored = value;
        if (!numeric)
        {
            if (!TryStore(key, out int start))
            {
                // Arena would pass 2^31 chars: stop caching, the id map alone still answers correctly.
                _disabled = true;
                last = default;
                return node;
            }
            stored = ((long)hash << 32) | (uint)start;
            last = new LastKey { NodePlusOne = node + 1, Key = start, Length = length };
        }
        else
        {
            last = new LastKey { NodePlusOne = node + 1, Key = value, Length = length };
        }
        ref Slot empty = ref slots[i];
        empty.Key = stored;
        empty.NodePlusOne = node + 1;
        empty.Length = length;
        if (++_count * 2 > slots.Length) Grow();
        return node;
    }

    private bool TryStore(ReadOnlySpan<char> key, out int start)
    {
        start = _arenaUsed;
        long needed = (long)_arenaUsed + key.Length;
        if (needed > _arena.Length)
        {
            long size = Math.Max(needed, (long)_arena.Length * 2);
            if (size > Array.MaxLength)
            {
                if (needed > Array.MaxLength) return false;
                size = Array.MaxLength;
            }
            Array.Resize(ref _arena, (int)size);
        }
        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaUsed += key.Length;
        return true;
    }

    private void Grow()
    {
        if (_slots.Length >= 1 << 30)
        {
            _disabled = true;
            return;
        }
        var larger = new Slot[_slots.Length * 2];
        int mask = larger.Length - 1;
        foreach (Slot slot in _slots)
        {
            if (slot.NodePlusOne == 0) continue;
            int hash = slot.Length < 0 ? NumericIds.Hash(slot.Key) : (int)(slot.Key >> 32);
            int i = hash & mask;
            while (larger[i].NodePlusOne != 0) i = (i + 1) & mask;
            larger[i] = slot;
        }
        _slots = larger;
    }
}
