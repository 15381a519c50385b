using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using static Influence.Core.Tests.IO.FollowReaderTests;

namespace Influence.Core.Tests.IO;

public class InputStreamsTests
{
    [Theory]
    [InlineData("a.csv", InputFormat.Csv)]
    [InlineData("a.CSV.gz", InputFormat.Csv)]
    [InlineData("a.jsonl", InputFormat.JsonLines)]
    [InlineData("a.ndjson.gz", InputFormat.JsonLines)]
    [InlineData("Wiki-Vote.txt", InputFormat.EdgeList)]
    [InlineData("higgs-retweet_network.edgelist.gz", InputFormat.EdgeList)]
    [InlineData("12831.edges", InputFormat.EdgeList)]
    [InlineData("pp_olympics-follows.mtx", InputFormat.EdgeList)]
    [InlineData("request body", InputFormat.Auto)]
    [InlineData("", InputFormat.Auto)]
    [InlineData(null, InputFormat.Auto)]
    public void Format_from_file_name(string? name, InputFormat expected) =>
        Assert.Equal(expected, InputStreams.FormatFromFileName(name));

    [Theory]
    [InlineData("{\"source\":1}", InputFormat.JsonLines)]
    [InlineData("  # comment", InputFormat.EdgeList)]
    [InlineData("% mtx", InputFormat.EdgeList)]
    [InlineData("source,target", InputFormat.Csv)]
    [InlineData("1\t2", InputFormat.EdgeList)]
    [InlineData("", InputFormat.EdgeList)]
    public void Format_from_content(string line, InputFormat expected) =>
        Assert.Equal(expected, InputStreams.FormatFromContent(line));

    [Fact]
    public void Decompression_passes_short_and_plain_streams_through()
    {
        Assert.Throws<ArgumentNullException>(() => InputStreams.OpenDecompressed(null!, out _));
        foreach (byte[] bytes in new[] { Array.Empty<byte>(), new byte[] { 0x1F }, new byte[] { 0x1F, 0x00, 0x41 } })
        {
            using Stream s = InputStreams.OpenDecompressed(new MemoryStream(bytes), out bool compressed);
            Assert.False(compressed);
            var copy = new MemoryStream();
            s.CopyTo(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        using Stream gz = InputStreams.OpenDecompressed(Gzip("hello"), out bool isGzip);
        Assert.True(isGzip);
        Assert.Equal("hello", new StreamReader(gz).ReadToEnd());
    }

    [Fact]
    public void Corrupt_gzip_is_a_read_error_naming_the_file()
    {
        var random = new Random(3);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 20_000; i++) text.Append(random.Next(100_000)).Append(' ').Append(random.Next(100_000)).Append('\n');
        byte[] bytes = Gzip(text.ToString()).ToArray();
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++) bytes[i] ^= 0x5A;
        // Garbage decodes into a malformed row or fails inflating: either way a read error, never a silent success.
        var ex = Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(bytes), "f.txt.gz").ToList());
        Assert.Equal("f.txt.gz", ex.Error.File);

        byte[] badHeader = Gzip("1 2\n").ToArray();
        badHeader[2] = 0x07; // compression method must be 8 (deflate)
        var header = Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(badHeader), "h.txt.gz").ToList());
        Assert.Contains("corrupt or truncated gzip", header.Error.Reason);
    }

    [Fact]
    public void Load_entry_points_reject_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => FollowReader.LoadInto(null!, Utf8(""), "x"));
        Assert.Throws<ArgumentNullException>(() => FollowReader.LoadInto(new GraphBuilder(), null!, "x"));
        Assert.Throws<ArgumentNullException>(() => FollowReader.LoadInto(new GraphBuilder(), Utf8(""), null!));
        Assert.Throws<ArgumentNullException>(() => InteractionReader.LoadInto(null!, new IdMap(), Utf8(""), "x"));
        Assert.Throws<ArgumentNullException>(() => InteractionReader.LoadInto(new InteractionLog(), null!, Utf8(""), "x"));
        Assert.Throws<ArgumentNullException>(() => InteractionReader.Read(Utf8(""), null!));
        Assert.Throws<ArgumentException>(() => InteractionReader.Read(Utf8(""), "x", new ReadOptions { Format = (InputFormat)42 }));
        Assert.Throws<ArgumentException>(() => InteractionReader.Read(Utf8(""), "x", new ReadOptions { EdgeListKind = (InteractionKind)42 }));
        Assert.Throws<ArgumentException>(() => InteractionReader.Read(Utf8(""), "x", new ReadOptions { EdgeListThirdColumn = (EdgeListThirdColumn)7 }));
        Assert.Throws<ArgumentException>(() => InteractionReader.Read(Utf8(""), "x", new ReadOptions { InvalidRows = (InvalidRowMode)3 }));
    }

    [Fact]
    public void Load_honours_cancellation()
    {
        string text = string.Concat(Enumerable.Repeat("1 2\n", 200_000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => FollowReader.LoadInto(new GraphBuilder(), Utf8(text), "x.txt", cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Load_reports_progress_with_bytes()
    {
        string text = string.Concat(Enumerable.Repeat("1 2\n", 200_000));
        var reports = new List<ReadProgress>();
        FollowReader.LoadInto(new GraphBuilder(), Utf8(text), "x.txt", progress: new SyncReport(reports.Add));
        Assert.True(reports.Count >= 3);
        Assert.Equal(200_000, reports[^1].Rows);
        Assert.Equal(text.Length, reports[^1].Bytes);
    }

    private sealed class SyncReport(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
