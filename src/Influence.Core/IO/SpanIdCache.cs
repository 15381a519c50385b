using Influence.Core.Graph;

namespace Influence.Core.IO;

/// <summary>
/// Bulk-load front of an <see cref="IdMap"/>: an open-addressing table from id text to node id whose
/// keys live in one contiguous char arena, so resolving a known id costs one slot read and one short
/// compare instead of a dictionary bucket, entry and string object (three cache misses on a
/// million-id graph). Misses fall through to <see cref="IdMap.GetOrAdd(ReadOnlySpan{char})"/>, which
/// stays the single owner of id assignment: node ids are exactly what the map alone would give.
/// </summary>
/// <remarks>
/// Also remembers the last key looked up, because edge lists are usually grouped by source.
/// Hashing is the runtime's randomized string hash, so crafted ids cannot force long probe chains.
/// Memory: 16 bytes per slot (load ≤ 1/2) + 2 bytes per key char; released with the loader.
/// </remarks>
internal sealed class SpanIdCache(IdMap ids)
{
    private struct Slot
    {
        public int Hash;
        public int NodePlusOne; // 0 = empty
        public int KeyStart;
        public int KeyLength;
    }

    private Slot[] _slots = new Slot[1 << 16];
    private int _count;
    private char[] _arena = new char[1 << 18];
    private int _arenaUsed;
    private bool _disabled;

    /// <summary>The key a column resolved last (one per column: sources repeat line after line, targets rarely).</summary>
    public struct LastKey
    {
        internal int NodePlusOne;
        internal int Start;
        internal int Length;
    }

    /// <summary>Node id of <paramref name="key"/>, added to the id map when new.</summary>
    /// <param name="last">Memo of the column the key comes from.</param>
    public int GetOrAdd(ReadOnlySpan<char> key, ref LastKey last)
    {
        if (last.NodePlusOne != 0 && key.SequenceEqual(new ReadOnlySpan<char>(_arena, last.Start, last.Length))) return last.NodePlusOne - 1;
        if (_disabled) return ids.GetOrAdd(key);

        int hash = string.GetHashCode(key);
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        int i = hash & mask;
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.NodePlusOne == 0) break;
            if (slot.Hash == hash && slot.KeyLength == key.Length &&
                key.SequenceEqual(new ReadOnlySpan<char>(_arena, slot.KeyStart, slot.KeyLength)))
            {
                last = new LastKey { NodePlusOne = slot.NodePlusOne, Start = slot.KeyStart, Length = slot.KeyLength };
                return slot.NodePlusOne - 1;
            }
            i = (i + 1) & mask;
        }

        int node = ids.GetOrAdd(key);
        if (!TryStore(key, out int start))
        {
            // Arena would pass 2^31 chars: stop caching, the id map alone still answers correctly.
            _disabled = true;
            last = default;
            return node;
        }
        ref Slot empty = ref slots[i];
        empty.Hash = hash;
        empty.NodePlusOne = node + 1;
        empty.KeyStart = start;
        empty.KeyLength = key.Length;
        last = new LastKey { NodePlusOne = node + 1, Start = start, Length = key.Length };
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
            int i = slot.Hash & mask;
            while (larger[i].NodePlusOne != 0) i = (i + 1) & mask;
            larger[i] = slot;
        }
        _slots = larger;
    }
}
