using System.IO.Compression;

namespace Influence.Core.IO;

/// <summary>Stream helpers shared by the readers: gzip detection by magic bytes and format detection.</summary>
public static class InputStreams
{
    /// <summary>
    /// Returns a stream of the decoded content of <paramref name="stream"/>: a <see cref="GZipStream"/>
    /// when it starts with the gzip magic bytes <c>1F 8B</c>, otherwise the same bytes unchanged.
    /// The stream handed in is left open when the result is disposed.
    /// </summary>
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
        return compressed ? new GZipStream(whole, CompressionMode.Decompress, leaveOpen: false) : whole;
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

    /// <summary>Read-only stream that yields <c>prefix</c> and then the rest of <c>inner</c>.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

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
}
