using System.IO.Compression;
using K4os.Compression.LZ4;
using Parquet;
using Snappier;
using ZstdSharp;

namespace Influence.Parquet.Pages;

/// <summary>
/// Page decompression for the column decoder, by the same libraries Parquet.Net bundles and uses (Snappier, ZstdSharp,
/// K4os LZ4; gzip and Brotli from the runtime): its own compressor type is internal, so the calls are made here. A page
/// that does not decompress to exactly the size its header states is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class PageCodecs
{
    public static void Decompress(CompressionMethod codec, ArraySegment<byte> page, Span<byte> target)
    {
        ReadOnlySpan<byte> source = page;
        int written;
        switch (codec)
        {
            case CompressionMethod.Snappy:
                if (Snappy.GetUncompressedLength(source) != target.Length) throw Mismatch(codec, Snappy.GetUncompressedLength(source), target.Length);
                written = Snappy.Decompress(source, target);
                break;
            case CompressionMethod.Zstd:
                using (var zstd = new Decompressor()) written = zstd.Unwrap(source, target);
                break;
            case CompressionMethod.Lz4Raw:
                written = LZ4Codec.Decode(source, target);
                break;
            case CompressionMethod.Brotli:
                if (!BrotliDecoder.TryDecompress(source, target, out written)) throw new InvalidDataException("Brotli page does not decompress");
                break;
            case CompressionMethod.Gzip:
                written = Inflate(page, target);
                break;
            default:
                throw new NotSupportedException($"codec {codec}");
        }
        if (written != target.Length) throw Mismatch(codec, written, target.Length);
    }

    private static int Inflate(ArraySegment<byte> page, Span<byte> target)
    {
        using var compressed = new MemoryStream(page.Array!, page.Offset, page.Count, writable: false);
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        int total = 0, read;
        while (total < target.Length && (read = gzip.Read(target[total..])) > 0) total += read;
        return total;
    }

    private static InvalidDataException Mismatch(CompressionMethod codec, long actual, int expected) =>
        new($"{codec} page decompresses to {actual:N0} bytes where its header says {expected:N0}");
}
