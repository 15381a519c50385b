using System.IO.Compression;
using System.Text;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Core.Tests.IO;

/// <summary>The one row rule set: the same verdict from the parsers, the record checks and every format.</summary>
public class RowRulesTests
{
    private static RecordError FailsInteraction(string text, string name = "i.csv") =>
        Assert.Throws<InputFormatException>(() => InteractionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name).ToList()).Error;

    [Theory]
    [InlineData("1e308")]
    [InlineData("1000000.5")]
    [InlineData("Infinity")]
    public void Weights_above_the_documented_maximum_are_refused_in_every_format(string weight)
    {
        string[] bodies =
        [
            $"source,target,kind,timestamp,weight\nu1,u2,reply,1700000000,{weight}\n",
            $"{{\"source\":\"u1\",\"target\":\"u2\",\"kind\":\"reply\",\"weight\":\"{weight}\"}}\n",
            $"[{{\"source\":\"u1\",\"target\":\"u2\",\"kind\":\"reply\",\"weight\":\"{weight}\"}}]",
            $"u1 u2 1700000000 RT\nu1 u2 {weight}\n",
        ];
        string[] names = ["w.csv", "w.jsonl", "w.json", "w.txt"];
        for (int i = 0; i < bodies.Length; i++)
        {
            var options = new ReadOptions { EdgeListKind = InteractionKind.Share };
            RecordError error = Assert.Throws<InputFormatException>(() =>
                InteractionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(bodies[i])), names[i], options).ToList()).Error;
            Assert.Equal("weight", error.Field);
            Assert.Equal(i == 3 ? 2 : i == 0 ? 2 : 1, error.Line);
        }
        Assert.NotNull(RowRules.CheckWeight(double.Parse(weight == "Infinity" ? "1e309" : weight, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(RowRules.CheckWeight(RowRules.MaxWeight));
    }

    [Fact]
    public void Millisecond_timestamps_are_refused_everywhere_with_a_hint()
    {
        RecordError csv = FailsInteraction("source,target,kind,timestamp\nu1,u2,reply,1714564800000\n");
        RecordError json = FailsInteraction("[{\"source\":\"u1\",\"target\":\"u2\",\"kind\":\"reply\",\"timestamp\":1714564800000}]", "i.json");
        RecordError jsonl = FailsInteraction("{\"source\":\"u1\",\"target\":\"u2\",\"kind\":\"reply\",\"timestamp\":1714564800000}\n", "i.jsonl");
        foreach (RecordError e in new[] { csv, json, jsonl })
        {
            Assert.Equal("timestamp", e.Field);
            Assert.Contains("milliseconds", e.Reason);
        }
        Assert.Contains("milliseconds", RowRules.CheckTimestamp(1714564800000));
        Assert.NotNull(RowRules.Check(new InteractionRecord("a", "b", InteractionKind.Reply, Timestamp: long.MinValue)));
        Assert.Null(RowRules.ParseTimestamp("2024-05-01T12:00:00Z", out long at));
        Assert.Equal(1714564800, at);
        Assert.NotNull(RowRules.ParseTimestamp("9999-12-31T00:00:00Z", out _));
    }

    [Theory]
    [InlineData("a\u0000b", "control character U+0000")]
    [InlineData("a\u0007", "control character U+0007")]
    [InlineData("a\u0085", "control character U+0085")]
    [InlineData("   ", "only whitespace")]
    public void Ids_are_text_without_control_characters(string id, string reason)
    {
        Assert.Contains(reason, RowRules.CheckId(id));
        Assert.Contains(reason, RowRules.Check(new FollowRecord(id, "b"))!.Value.Reason);
        Assert.Null(RowRules.CheckId("@Émilie_😀"));
    }

    [Fact]
    public void Ids_with_an_unpaired_surrogate_are_refused()
    {
        Assert.Contains("unpaired surrogate", RowRules.CheckId("a" + (char)0xD800));
        Assert.Contains("unpaired surrogate", RowRules.CheckId((char)0xDC00 + "a"));
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_line_and_field_not_stored_as_replacement_characters()
    {
        byte[] body = [.. "source,target\nu1,u2\nu"u8, 0xFF, 0xFE, .. ",u3\nu4,u5\n"u8];
        RecordError error = Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(body), "f.csv").ToList()).Error;
        Assert.Equal((3L, "source"), (error.Line, error.Field));
        Assert.Contains("invalid UTF-8", error.Reason);
        Assert.Contains("\\uFFFD", error.Reason);

        var rejected = new List<RecordError>();
        var rows = FollowReader.Read(new MemoryStream(body), "f.csv", new ReadOptions { InvalidRows = InvalidRowMode.Skip, OnInvalidRow = rejected.Add }).ToList();
        Assert.Equal(["u1", "u4"], rows.Select(r => r.Source));
        Assert.Single(rejected);

        // The kernel's fast path refuses it too.
        var builder = new GraphBuilder(new IdMap());
        Assert.Throws<InputFormatException>(() => FollowReader.LoadInto(builder, new MemoryStream(body), "f.csv"));
    }

    [Fact]
    public void Messages_quote_a_short_escaped_excerpt()
    {
        string kind = "x\u0001" + new string('k', 5000);
        RecordError error = FailsInteraction($"source,target,kind\nu1,u2,{kind}\n");
        Assert.Contains("\\u0001", error.Reason);
        Assert.DoesNotContain('\u0001', error.Reason);
        Assert.True(error.Reason.Length < 200, error.Reason);
        Assert.Contains("(5,002 chars)", error.Reason);
        Assert.True(error.RawLine!.Length < 260);
    }

    [Fact]
    public void Json_arrays_are_read_with_the_element_index_and_its_line()
    {
        const string body = "[\n {\"source\":\"a\",\"target\":\"b\",\"kind\":\"reply\"},\n {\"source\":\"a\",\"target\":\"b\",\"kind\":\"wave\"},\n 7\n]";
        var rejected = new List<RecordError>();
        var rows = InteractionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(body)), "request body",
            new ReadOptions { Format = InputFormat.JsonArray, InvalidRows = InvalidRowMode.Skip, OnInvalidRow = rejected.Add }).ToList();
        Assert.Single(rows);
        Assert.Equal([(1L, 3L, "kind"), (2L, 4L, (string?)null)], rejected.Select(e => (e.Item!.Value, e.Line, e.Field)));
        Assert.StartsWith("request body:3 [1]: field 'kind'", rejected[0].ToString());

        RecordError notArray = Assert.Throws<InputFormatException>(() =>
            FollowReader.Read(new MemoryStream("{\"source\":\"a\",\"target\":\"b\"}"u8.ToArray()), "b", new ReadOptions { Format = InputFormat.JsonArray }).ToList()).Error;
        Assert.Contains("expected a JSON array", notArray.Reason);
    }

    [Fact]
    public void Unfollows_read_the_at_column()
    {
        var rows = FollowReader.ReadUnfollows(new MemoryStream("source,target,at\na,b,1700000000\n"u8.ToArray()), "u.csv").ToList();
        Assert.Equal([new UnfollowRecord("a", "b", 1700000000)], rows);
    }

    [Fact]
    public void A_line_beyond_the_bound_is_a_clear_error_not_an_exhausted_memory()
    {
        // 70M characters without a line break, generated lazily (never held by the test).
        var endless = new RepeatingStream("source,target\n"u8.ToArray(), (byte)'x', 70L * 1024 * 1024);
        RecordError error = Assert.Throws<InputFormatException>(() => FollowReader.Read(endless, "one-line.csv").ToList()).Error;
        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 67,108,864 characters", error.Reason);
    }

    /// <summary>A prefix, then <c>count</c> copies of one byte.</summary>
    private sealed class RepeatingStream(byte[] prefix, byte fill, long count) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => prefix.Length + count;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int length)
        {
            int n = 0;
            while (n < length && _position < prefix.Length + count)
            {
                buffer[offset + n++] = _position < prefix.Length ? prefix[_position] : fill;
                _position++;
            }
            return n;
        }
    }

    // ---- gzip ----

    private static byte[] GzipBytes(string text)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static string BigFollows(int rows)
    {
        var sb = new StringBuilder("source,target,since\n");
        var random = new Random(5);
        for (int i = 0; i < rows; i++) sb.Append('u').Append(random.Next()).Append(",u").Append(random.Next()).Append(',').Append(1_600_000_000 + i).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void A_truncated_gzip_file_is_an_error_naming_the_file_wherever_it_is_cut()
    {
        byte[] whole = GzipBytes(BigFollows(50_000));
        Assert.Equal(50_000, FollowReader.Read(new MemoryStream(whole), "f.csv.gz").Count());
        foreach (int cut in new[] { 1, 4, 8, 9, 100, whole.Length / 2, 30 })
        {
            var bytes = whole.AsSpan(0, whole.Length - cut).ToArray();
            RecordError error = Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(bytes), "f.csv.gz").Count()).Error;
            Assert.Equal("f.csv.gz", error.File);
            Assert.Contains("truncated", error.Reason);
            Assert.Contains("truncated", InputStreams.FindGzipDamage(new MemoryStream(bytes), out long lines));
            Assert.InRange(lines, 0, 50_001); // header + 50,000 rows at most
        }
    }

    [Fact]
    public void Concatenated_gzip_members_are_complete()
    {
        byte[] two = [.. GzipBytes(BigFollows(20_000)), .. GzipBytes("u1,u2,1700000000\nu3,u4,1700000001\n")];
        Assert.Equal(20_002, FollowReader.Read(new MemoryStream(two), "f.csv.gz").Count());
        Assert.Null(InputStreams.FindGzipDamage(new MemoryStream(two), out _));
        Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(two[..^3]), "f.csv.gz").Count());
    }
}
