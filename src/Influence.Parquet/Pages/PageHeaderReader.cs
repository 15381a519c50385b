namespace Influence.Parquet.Pages;

/// <summary>Parquet page types (parquet.thrift <c>PageType</c>).</summary>
internal enum PageKind { Data = 0, Index = 1, Dictionary = 2, DataV2 = 3 }

/// <summary>
/// The fields of a Parquet page header the column decoder uses (parquet.thrift <c>PageHeader</c> with its
/// <c>DataPageHeader</c>, <c>DictionaryPageHeader</c> and <c>DataPageHeaderV2</c>); statistics and CRC are skipped.
/// </summary>
internal struct PageHeader
{
    public PageKind Kind;
    public int UncompressedSize, CompressedSize;
    /// <summary>Values in the page (levels included: nulls count).</summary>
    public int ValueCount;
    /// <summary>The values' encoding (parquet.thrift <c>Encoding</c>).</summary>
    public int Encoding;
    /// <summary>V1 data pages: the definition levels' encoding (RLE = 3 or the deprecated BIT_PACKED = 4).</summary>
    public int DefinitionLevelEncoding;
    /// <summary>V2 data pages: the byte lengths of the (never compressed) level sections, and whether the values are compressed.</summary>
    public int DefinitionLevelsLength, RepetitionLevelsLength;
    public bool ValuesCompressed;
}

/// <summary>
/// Reads a page header in Thrift's compact protocol: the few fields <see cref="PageHeader"/> holds, every other field
/// skipped by its wire type. Written here rather than taken from Parquet.Net, whose Thrift reader is internal; every
/// length is checked against the bytes at hand, so a damaged header is an <see cref="InvalidDataException"/>, never a
/// read past the buffer or an endless loop.
/// </summary>
internal ref struct PageHeaderReader(ReadOnlySpan<byte> bytes)
{
    private const int Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8,
        List = 9, Set = 10, Map = 11, Struct = 12;
    private const int MaxDepth = 16;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    /// <summary>Bytes consumed so far (after <see cref="Read"/>: the header's length).</summary>
    public readonly int Position => _at;

    /// <summary>Reads one page header from the start of the bytes.</summary>
    public PageHeader Read()
    {
        var header = new PageHeader { ValueCount = -1, Encoding = -1, DefinitionLevelEncoding = 3, ValuesCompressed = true, Kind = (PageKind)(-1) };
        short field = 0;
        while (NextField(ref field, out int type))
        {
            switch (field, type)
            {
                case (1, I32): header.Kind = (PageKind)ReadInt(); break;
                case (2, I32): header.UncompressedSize = ReadInt(); break;
                case (3, I32): header.CompressedSize = ReadInt(); break;
                case (5, Struct): ReadDataPageHeader(ref header); break;
                case (7, Struct): ReadDictionaryPageHeader(ref header); break;
                case (8, Struct): ReadDataPageHeaderV2(ref header); break;
                default: Skip(type, 0); break;
            }
        }
        if (header.UncompressedSize < 0 || header.CompressedSize < 0)
            throw new InvalidDataException($"page header gives a negative page size ({header.CompressedSize} compressed, {header.UncompressedSize} uncompressed)");
        return header;
    }

    private void ReadDataPageHeader(ref PageHeader header)
    {
        short field = 0;
        while (NextField(ref field, out int type))
        {
            switch (field, type)
            {
                case (1, I32): header.ValueCount = ReadInt(); break;
                case (2, I32): header.Encoding = ReadInt(); break;
                case (3, I32): header.DefinitionLevelEncoding = ReadInt(); break;
                default: Skip(type, 1); break;
            }
        }
    }

    private void ReadDictionaryPageHeader(ref PageHeader header)
    {
        short field = 0;
        while (NextField(ref field, out int type))
        {
            switch (field, type)
            {
                case (1, I32): header.ValueCount = ReadInt(); break;
                case (2, I32): header.Encoding = ReadInt(); break;
                default: Skip(type, 1); break;
            }
        }
    }

    private void ReadDataPageHeaderV2(ref PageHeader header)
    {
        short field = 0;
        while (NextField(ref field, out int type))
        {
            switch (field, type)
            {
                case (1, I32): header.ValueCount = ReadInt(); break;
                case (4, I32): header.Encoding = ReadInt(); break;
                case (5, I32): header.DefinitionLevelsLength = ReadInt(); break;
                case (6, I32): header.RepetitionLevelsLength = ReadInt(); break;
                case (7, True): header.ValuesCompressed = true; break;
                case (7, False): header.ValuesCompressed = false; break;
                default: Skip(type, 1); break;
            }
        }
    }

    /// <summary>Moves to the next field of the current struct (false at its end). Field ids come as deltas or in full.</summary>
    private bool NextField(ref short field, out int type)
    {
        byte head = NextByte();
        type = head & 0x0F;
        if (type == Stop) return false;
        int delta = head >> 4;
        field = delta != 0 ? (short)(field + delta) : (short)ZigZag(ReadVarint());
        return true;
    }

    private void Skip(int type, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException("page header nests deeper than any Parquet header");
        switch (type)
        {
            case True or False: break;
            case Byte: Advance(1); break;
            case I16 or I32 or I64: ReadVarint(); break;
            case Double: Advance(8); break;
            case Binary: Advance(ReadLength()); break;
            case List or Set:
                {
                    byte head = NextByte();
                    int count = head >> 4 == 15 ? ReadLength() : head >> 4;
                    int element = head & 0x0F;
                    for (int i = 0; i < count; i++)
                        if (element is True or False) Advance(1); // booleans in a collection are one byte each
                        else Skip(element, depth + 1);
                    break;
                }
            case Map:
                {
                    int count = ReadLength();
                    if (count == 0) break;
                    byte kinds = NextByte();
                    for (int i = 0; i < count; i++)
                    {
                        SkipValue(kinds >> 4, depth + 1);
                        SkipValue(kinds & 0x0F, depth + 1);
                    }
                    break;
                }
            case Struct:
                {
                    short field = 0;
                    while (NextField(ref field, out int inner)) Skip(inner, depth + 1);
                    break;
                }
            default: throw new InvalidDataException($"page header holds an unknown Thrift type {type} at byte {_at}");
        }
    }

    private void SkipValue(int type, int depth)
    {
        if (type is True or False) Advance(1);
        else Skip(type, depth);
    }

    private int ReadInt()
    {
        long value = ZigZag(ReadVarint());
        if (value is < int.MinValue or > int.MaxValue) throw new InvalidDataException($"page header integer out of range at byte {_at}");
        return (int)value;
    }

    private int ReadLength()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_bytes.Length - _at)) throw new InvalidDataException($"page header field of {length} bytes runs past the column chunk");
        return (int)length;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = NextByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException($"page header holds a malformed varint at byte {_at}");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    private byte NextByte()
    {
        if (_at >= _bytes.Length) throw new InvalidDataException("page header runs past the end of the column chunk (truncated file?)");
        return _bytes[_at++];
    }

    private void Advance(int count)
    {
        if (count > _bytes.Length - _at) throw new InvalidDataException("page header runs past the end of the column chunk (truncated file?)");
        _at += count;
    }
}
