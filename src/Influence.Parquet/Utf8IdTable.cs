using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Parquet;

/// <summary>
/// Text ids of a columnar file resolved to nodes by their UTF-8 bytes, as the file holds them: no UTF-16 hashing, and a
/// key of up to 8 bytes (most handles and numeric ids) lives in its slot, so a known id costs one slot read. The
/// <see cref="IdMap"/> stays the only owner of node assignment: an id new to the table is handed to the map as text, so
/// nodes are exactly what the text readers give.
/// </summary>
/// <remarks>
/// One thread adds (<see cref="GetOrAdd"/>, in row order: that is what keeps node ids deterministic) while another may
/// look up (<see cref="TryGet"/>: the decoding thread resolving the next row group's dictionary ahead). A slot is
/// published by writing its node last (release) and never changes afterwards; a larger table and a new chunk of key
/// bytes are filled before they are published; so a reader sees a consistent subset and at worst misses an id added
/// meanwhile, which the adding thread then resolves itself. The hash is seeded per process (crafted ids cannot force
/// long probe chains). Memory: 16 bytes per slot (load ≤ 1/2) + the bytes of keys longer than 8.
/// </remarks>
internal sealed class Utf8IdTable(IdMap ids, int expectedIds = 0)
{
    private const int InlineBytes = 8, LengthBits = 11, MaxKeyBytes = (1 << LengthBits) - 1;
    private const int ChunkSize = 1 << 20; // key bytes are kept in chunks that never move

    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary><see cref="Key"/>: the bytes of a short key (zero-padded), else chunk &lt;&lt; 32 | offset.
    /// <see cref="Check"/>: high hash bits &lt;&lt; 11 | byte length.</summary>
    private struct Slot
    {
        public ulong Key;
        public int Check;
        public int NodePlusOne; // 0 = empty; written last
    }

    private Slot[] _slots = new Slot[SlotsFor(expectedIds)];
    private int _count;
    private byte[][] _chunks = [];
    private int _chunkUsed = ChunkSize;

    private static int SlotsFor(int expected)
    {
        int size = 1 << 10;
        while (size < 2L * expected && size < 1 << 30) size *= 2;
        return size;
    }

    /// <summary>The node of <paramref name="key"/> when the table has it, else -1. Safe beside <see cref="GetOrAdd"/> on another thread.</summary>
    public int TryGet(ReadOnlySpan<byte> key)
    {
        if (key.Length > MaxKeyBytes) return -1;
        Slot[] slots = Volatile.Read(ref _slots);
        return Find(slots, key, out _);
    }

    /// <summary>The node of <paramref name="key"/> (whose text is <paramref name="text"/>), added to the id map when new. Adding thread only.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, ReadOnlySpan<char> text)
    {
        if (key.Length > MaxKeyBytes) return ids.GetOrAdd(text); // longer than any accepted id: not cached
        Slot[] slots = _slots;
        int node = Find(slots, key, out int empty);
        if (node >= 0) return node;
        node = ids.GetOrAdd(text);
        ref Slot slot = ref slots[empty];
        slot.Key = key.Length <= InlineBytes ? Inline(key) : Store(key);
        slot.Check = CheckOf(Hash(key), key.Length);
        Volatile.Write(ref slot.NodePlusOne, node + 1);
        if (++_count * 2 > slots.Length) Grow();
        return node;
    }

    /// <summary>The node of <paramref name="key"/> in <paramref name="slots"/>, or -1 with the empty slot where it would go.</summary>
    private int Find(Slot[] slots, ReadOnlySpan<byte> key, out int empty)
    {
        bool inline = key.Length <= InlineBytes;
        ulong inlineKey = inline ? Inline(key) : 0;
        ulong hash = inline ? HashInline(inlineKey, key.Length) : Hash(key);
        int mask = slots.Length - 1;
        int check = CheckOf(hash, key.Length);
        int i = (int)hash & mask;
        while (true)
        {
            ref Slot slot = ref slots[i];
            int nodePlusOne = Volatile.Read(ref slot.NodePlusOne);
            if (nodePlusOne == 0)
            {
                empty = i;
                return -1;
            }
            if (slot.Check == check && (inline ? slot.Key == inlineKey : Stored(slot.Key, key.Length).SequenceEqual(key)))
            {
                empty = -1;
                return nodePlusOne - 1;
            }
            i = (i + 1) & mask;
        }
    }

    private static int CheckOf(ulong hash, int length) => (int)(hash >> 32) << LengthBits | length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Inline(ReadOnlySpan<byte> key)
    {
        if (key.Length >= InlineBytes) return BinaryPrimitives.ReadUInt64LittleEndian(key);
        ulong value = 0;
        for (int i = key.Length - 1; i >= 0; i--) value = value << 8 | key[i];
        return value;
    }

    /// <summary>Seeded 64-bit hash: each 8-byte word (the last zero-padded) mixed in with the MurmurHash3 finaliser.</summary>
    private static ulong Hash(ReadOnlySpan<byte> key)
    {
        ulong h = s_seed ^ (ulong)key.Length * 0x9E3779B97F4A7C15UL;
        while (key.Length > InlineBytes)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(key));
            key = key[InlineBytes..];
        }
        return Mix(h ^ Inline(key));
    }

    /// <summary><see cref="Hash"/> of a key of <paramref name="length"/> ≤ 8 bytes held inline.</summary>
    private static ulong HashInline(ulong key, int length) => Mix(s_seed ^ (ulong)length * 0x9E3779B97F4A7C15UL ^ key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    private ReadOnlySpan<byte> Stored(ulong location, int length) =>
        new(Volatile.Read(ref _chunks)[(int)(location >> 32)], (int)(uint)location, length);

    /// <summary>Copies a long key into the current chunk (a new one when it does not fit) and returns where it is.</summary>
    private ulong Store(ReadOnlySpan<byte> key)
    {
        if (_chunkUsed + key.Length > ChunkSize)
        {
            var chunks = new byte[_chunks.Length + 1][];
            _chunks.CopyTo(chunks, 0);
            chunks[^1] = new byte[ChunkSize];
            Volatile.Write(ref _chunks, chunks);
            _chunkUsed = 0;
        }
        key.CopyTo(_chunks[^1].AsSpan(_chunkUsed));
        ulong location = (ulong)(_chunks.Length - 1) << 32 | (uint)_chunkUsed;
        _chunkUsed += key.Length;
        return location;
    }

    /// <summary>Doubles the table; readers keep using the old one (a consistent subset) until they look again.</summary>
    private void Grow()
    {
        if (_slots.Length >= 1 << 30) throw new InvalidOperationException("more than 2^29 distinct ids");
        var larger = new Slot[_slots.Length * 2];
        int mask = larger.Length - 1;
        foreach (Slot slot in _slots)
        {
            if (slot.NodePlusOne == 0) continue;
            int length = slot.Check & MaxKeyBytes;
            ulong hash = length <= InlineBytes ? HashInline(slot.Key, length) : Hash(Stored(slot.Key, length));
            int i = (int)hash & mask;
            while (larger[i].NodePlusOne != 0) i = (i + 1) & mask;
            larger[i] = slot;
        }
        Volatile.Write(ref _slots, larger);
    }
}
