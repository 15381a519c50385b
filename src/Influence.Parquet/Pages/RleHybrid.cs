namespace Influence.Parquet.Pages;

/// <summary>
/// Parquet's RLE / bit-packing hybrid (definition levels and dictionary indices): runs of one repeated value and groups
/// of eight bit-packed values, LSB first. Decodes into a caller's span without allocating; a run that claims more
/// values or bytes than there are is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class RleHybrid
{
    /// <summary>Decodes <paramref name="output"/>.Length values of <paramref name="bitWidth"/> bits; returns the bytes used.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"bit width {bitWidth} of an RLE run is out of range");
        int at = 0, done = 0, byteWidth = (bitWidth + 7) / 8;
        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        while (done < output.Length)
        {
            ulong header = ReadVarint(data, ref at);
            if ((header & 1) == 0)
            {
                // A run: one value repeated.
                ulong run = header >> 1;
                if (byteWidth > data.Length - at) throw Truncated();
                uint value = 0;
                for (int b = 0; b < byteWidth; b++) value |= (uint)data[at + b] << (8 * b);
                at += byteWidth;
                int n = (int)Math.Min(run, (ulong)(output.Length - done));
                output.Slice(done, n).Fill((int)value);
                done += n;
            }
            else
            {
                // Bit-packed groups of eight values; the last group may be padded past the values wanted.
                ulong groups = header >> 1;
                ulong bytes = groups * (ulong)bitWidth;
                if (groups > int.MaxValue / 8 || bytes > (ulong)(data.Length - at)) throw Truncated();
                int n = (int)Math.Min(groups * 8, (ulong)(output.Length - done));
                Unpack(data.Slice(at, (int)bytes), bitWidth, mask, output.Slice(done, n));
                at += (int)bytes;
                done += n;
            }
        }
        return at;
    }

    private static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, uint mask, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }
        ulong buffer = 0;
        int bits = 0, at = 0;
        for (int i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                buffer |= (ulong)packed[at++] << bits;
                bits += 8;
            }
            output[i] = (int)((uint)buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length) throw Truncated();
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("malformed varint in an RLE run");
    }

    private static InvalidDataException Truncated() => new("an RLE / bit-packed run runs past the end of its page");
}
