using Influence.Core.IO;

namespace Influence.Parquet;

/// <summary>
/// The texts of one column chunk as they are decoded: distinct entries (a dictionary page's values, or each plain
/// value) appended to one char buffer, their UTF-8 bytes to one byte buffer (the id table's keys), and the entry of each
/// row (-1 for null). Grows by doubling; no per-value object.
/// </summary>
internal sealed class TextEntries(int rows, int expectedChars)
{
    public int[] EntryOfRow { get; } = CreateRows(rows);
    public char[] Chars { get; private set; } = new char[Math.Max(expectedChars, 16)];
    public int[] Start { get; private set; } = new int[16];
    public int[] Length { get; private set; } = new int[16];
    public byte[] Bytes { get; private set; } = new byte[Math.Max(expectedChars, 16)];
    public int[] ByteStart { get; private set; } = new int[16];
    public int Count { get; private set; }
    private int _used, _bytesUsed;

    private static int[] CreateRows(int rows)
    {
        var entries = new int[rows];
        Array.Fill(entries, -1);
        return entries;
    }

    /// <summary>The UTF-8 bytes of <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int entry) =>
        Bytes.AsSpan(ByteStart[entry], (entry + 1 < Count ? ByteStart[entry + 1] : _bytesUsed) - ByteStart[entry]);

    /// <summary>Adds an entry from UTF-8 bytes (invalid sequences become <see cref="RowRules.InvalidUtf8Marker"/>, as in text files).</summary>
    public int Add(ReadOnlySpan<byte> utf8)
    {
        EnsureChars(utf8.Length); // UTF-8 never decodes to more UTF-16 units than it has bytes
        int written = RowRules.Utf8WithMarker.GetChars(utf8, Chars.AsSpan(_used));
        EnsureBytes(utf8.Length);
        utf8.CopyTo(Bytes.AsSpan(_bytesUsed));
        return Append(written, utf8.Length);
    }

    /// <summary>
    /// Like <see cref="Add(ReadOnlySpan{byte})"/>, but a value equal to the last entry is that entry: plain-encoded ids
    /// of an edge list repeat their source row after row, and each entry is checked and resolved once.
    /// </summary>
    public int AddOrRepeat(ReadOnlySpan<byte> utf8) => Count > 0 && Utf8(Count - 1).SequenceEqual(utf8) ? Count - 1 : Add(utf8);

    public int Add(ReadOnlySpan<char> text)
    {
        EnsureChars(text.Length);
        text.CopyTo(Chars.AsSpan(_used));
        // Unpaired surrogates have no UTF-8 form (they become U+FFFD here); such an id is refused before it is resolved.
        int bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        EnsureBytes(bytes);
        System.Text.Encoding.UTF8.GetBytes(text, Bytes.AsSpan(_bytesUsed));
        return Append(text.Length, bytes);
    }

    public void SetRow(int row, int entry) => EntryOfRow[row] = entry;

    /// <summary>Makes room for <paramref name="entries"/> more entries of <paramref name="utf8Bytes"/> bytes in all (a page's values, known before they are added).</summary>
    public void Reserve(int entries, int utf8Bytes)
    {
        EnsureChars(utf8Bytes);
        EnsureBytes(utf8Bytes);
        long needed = (long)Count + entries;
        if (needed <= Start.Length) return;
        int size = (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * Start.Length));
        Start = Resized(Start, size);
        Length = Resized(Length, size);
        ByteStart = Resized(ByteStart, size);
    }

    private int Append(int length, int bytes)
    {
        if (Count == Start.Length)
        {
            Start = Grow(Start);
            Length = Grow(Length);
            ByteStart = Grow(ByteStart);
        }
        Start[Count] = _used;
        Length[Count] = length;
        ByteStart[Count] = _bytesUsed;
        _used += length;
        _bytesUsed += bytes;
        return Count++;
    }

    private void EnsureChars(int more)
    {
        if ((long)_used + more <= Chars.Length) return;
        Chars = Larger(Chars, _used, more);
    }

    private void EnsureBytes(int more)
    {
        if ((long)_bytesUsed + more <= Bytes.Length) return;
        Bytes = Larger(Bytes, _bytesUsed, more);
    }

    private static T[] Larger<T>(T[] array, int used, int more)
    {
        long size = Math.Max((long)used + more, (long)array.Length * 2);
        if (size > Array.MaxLength) throw new InvalidDataException("text column chunk holds more than 2^31 characters");
        var larger = new T[size];
        array.AsSpan(0, used).CopyTo(larger);
        return larger;
    }

    private static int[] Grow(int[] array) => Resized(array, array.Length * 2);

    private static int[] Resized(int[] array, int size)
    {
        var larger = new int[size];
        array.CopyTo(larger, 0);
        return larger;
    }
}
