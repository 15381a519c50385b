using System.IO.Compression;

namespace Influence.Core.IO;

/// <summary>Stream helpers shared by the readers: gzip detection by magic bytes and format detection.</summary>
public static class InputStreams
{
    /// <summary>
    /// Returns a stream of the decoded content of <paramref name="stream"/>: the inflated data when it
    /// starts with the gzip magic bytes <c>1F 8B</c>, otherwise the same bytes unchanged.
    /// The stream handed in is left open when the result is disposed.
    /// </summary>
    /// <remarks>
    /// .NET's <see cref="GZipStream"/> ends quietly when the compressed data stops early (a file cut
    /// mid-transfer reads as a shorter file). The returned stream checks, when the data ends, that the
    /// input ended with the trailer of its last gzip member, and otherwise throws
    /// <see cref="InvalidDataException"/> (zlib itself verifies the trailer's CRC-32 and length once it
    /// reaches it). Concatenated members are supported; bytes after the last member are refused.
    /// </remarks>
    public static Stream OpenDecompressed(Stream stream, out bool compressed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] head = new byte[2];
        int n = 0;
        while (n < 2)
        {
            int r = stream.Read(head, n, 2 - n);
            if (r == 0) break;
            n += r;
        }
        // Re-attach the peeked bytes without needing a seekable stream.
        Stream whole = new PrefixedStream(head.AsMemory(0, n), stream);
        compressed = n == 2 && head[0] == 0x1F && head[1] == 0x8B;
        return compressed ? new TrailerCheckedGZipStream(whole) : whole;
    }

    /// <summary>The 4 bytes that open (and close) every Parquet file.</summary>
    public static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    /// <summary><see cref="ParquetMagic"/> as the text readers decode it.</summary>
    internal const string ParquetMagicText = "PAR1";

    /// <summary>
    /// True when the seekable <paramref name="stream"/> starts with the Parquet magic bytes; the position is restored.
    /// A non-seekable stream is never taken for Parquet (a Parquet reader needs to seek to the footer).
    /// </summary>
    public static bool IsParquet(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) return false;
        long at = stream.Position;
        Span<byte> head = stackalloc byte[4];
        int n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = at;
        return n == 4 && head.SequenceEqual(ParquetMagic);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end when it is gzip, so a truncated or corrupt file is found
    /// before anything from it is used; a plain stream is not read. Leaves <paramref name="stream"/> open.
    /// </summary>
    /// <param name="lines">Complete lines inflated before the damage (0 when none was found).</param>
    /// <returns>Why the gzip data is unusable, or null when it is complete (or not gzip).</returns>
    public static string? FindGzipDamage(Stream stream, out long lines)
    {
        lines = 0;
        using Stream decoded = OpenDecompressed(stream, out bool compressed);
        if (!compressed) return null;
        byte[] buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = decoded.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
            lines = 0;
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Format from the file name alone: <c>.jsonl/.ndjson/.json</c> → JSON Lines, <c>.csv</c> → CSV,
    /// <c>.txt/.edges/.edgelist/.el/.tsv/.mtx/.dat</c> → edge list, anything else → <see cref="InputFormat.Auto"/>
    /// (decided from content). A trailing <c>.gz</c> is ignored.
    /// </summary>
    public static InputFormat FormatFromFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)) return InputFormat.Auto;
        string name = fileName;
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        string ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".jsonl" or ".ndjson" or ".json" => InputFormat.JsonLines,
            ".csv" => InputFormat.Csv,
            ".txt" or ".edges" or ".edgelist" or ".el" or ".tsv" or ".mtx" or ".dat" => InputFormat.EdgeList,
            _ => InputFormat.Auto,
        };
    }

    /// <summary>Format from the first significant line when the name did not decide: <c>{</c> → JSON Lines, a comment → edge list, a comma → CSV, else edge list.</summary>
    public static InputFormat FormatFromContent(ReadOnlySpan<char> firstLine)
    {
        ReadOnlySpan<char> t = firstLine.TrimStart();
        if (t.IsEmpty) return InputFormat.EdgeList;
        if (t[0] == '{') return InputFormat.JsonLines;
        if (t[0] is '#' or '%') return InputFormat.EdgeList;
        if (t.Contains(',')) return InputFormat.Csv;
        return InputFormat.EdgeList;
    }

    /// <summary>
    /// Inflates gzip data and, when it ends, checks that the input ended with a member trailer. zlib never
    /// returns data of two members from one read, so every member starts at a read boundary; the trailer's
    /// length field (ISIZE, the member's size mod 2^32) must then equal the output since one of those
    /// boundaries. A cut file ends inside deflate data or inside the trailer: its last four bytes match
    /// a boundary only by chance (about one in 2^32 per boundary).
    /// </summary>
    private sealed class TrailerCheckedGZipStream(Stream compressed) : ForwardOnlyReadStream
    {
        private readonly TailStream _source = new(compressed);
        private GZipStream? _gzip;
        private readonly List<long> _boundaries = [0];
        private long _output;
        private bool _verified;

        private GZipStream Gzip => _gzip ??= new GZipStream(_source, CompressionMode.Decompress, leaveOpen: false);

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            int n = Gzip.Read(buffer);
            if (n > 0)
            {
                _output += n;
                _boundaries.Add(_output);
            }
            else if (!_verified)
            {
                _verified = true;
                VerifyTrailer();
            }
            return n;
        }

        private void VerifyTrailer()
        {
            if (_source.Total >= 18)
            {
                uint isize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_source.Tail[4..]);
                foreach (long start in _boundaries)
                    if ((uint)(_output - start) == isize) return;
            }
            throw new InvalidDataException(
                $"the gzip data ends before its trailer: the file is truncated ({_source.Total} compressed bytes gave {_output} bytes).");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (_gzip is not null) _gzip.Dispose();
                else _source.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Pass-through read stream that counts the bytes and keeps the last eight.</summary>
    private sealed class TailStream(Stream inner) : ForwardOnlyReadStream
    {
        private readonly byte[] _tail = new byte[8];
        private readonly byte[] _ordered = new byte[8];
        private int _tailCount;

        public long Total { get; private set; }

        /// <summary>The last eight bytes read, oldest first (fewer when less was read).</summary>
        public ReadOnlySpan<byte> Tail
        {
            get
            {
                int n = _tailCount;
                for (int i = 0; i < n; i++) _ordered[i] = _tail[(int)((Total - n + i) % 8)];
                return _ordered.AsSpan(0, n);
            }
        }

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            int keep = Math.Min(n, 8);
            for (int i = n - keep; i < n; i++) _tail[(int)((Total + i) % 8)] = buffer[i];
            Total += n;
            _tailCount = (int)Math.Min(Total, 8);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Read-only stream that yields <c>prefix</c> and then the rest of <c>inner</c>.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ForwardOnlyReadStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                // Fill the rest from the inner stream so a reader sniffing a 3-byte BOM sees it whole.
                return n < buffer.Length ? n + inner.Read(buffer[n..]) : n;
            }
            return inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_prefix.IsEmpty) return ValueTask.FromResult(Read(buffer.Span));
            return inner.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A read-only, forward-only stream: subclasses implement <see cref="Stream.Read(Span{byte})"/>.</summary>
    private abstract class ForwardOnlyReadStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);
    }
}
