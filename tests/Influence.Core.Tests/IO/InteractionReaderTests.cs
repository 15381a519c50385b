using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using static Influence.Core.Tests.IO.FollowReaderTests;

namespace Influence.Core.Tests.IO;

public class InteractionReaderTests
{
    private static List<InteractionRecord> ReadAll(string text, string name = "interactions.csv", ReadOptions? options = null) =>
        InteractionReader.Read(Utf8(text), name, options).ToList();

    private static RecordError Fails(string text, string name = "interactions.csv", ReadOptions? options = null) =>
        Assert.Throws<InputFormatException>(() => ReadAll(text, name, options)).Error;

    [Fact]
    public void Csv_reads_every_column_in_any_order()
    {
        var rows = ReadAll("stance,weight,timestamp,kind,target,source\n-0.5,3,2024-05-01T12:00:00+02:00,reply,b,a\n,,,like,a,b\n");
        Assert.Equal(new InteractionRecord("a", "b", InteractionKind.Reply, 1714557600, 3, -0.5), rows[0]);
        Assert.Equal(new InteractionRecord("b", "a", InteractionKind.Like), rows[1]);
    }

    [Theory]
    [InlineData("retweet", InteractionKind.Share)]
    [InlineData("Repost", InteractionKind.Share)]
    [InlineData("share", InteractionKind.Share)]
    [InlineData("MENTION", InteractionKind.Mention)]
    [InlineData("quote", InteractionKind.Quote)]
    [InlineData("comment", InteractionKind.Comment)]
    public void Kind_names_and_aliases(string text, InteractionKind kind)
    {
        Assert.Equal(kind, ReadAll($"source,target,kind\na,b,{text}\n")[0].Kind);
    }

    [Fact]
    public void Unix_timestamps_integer_and_fractional()
    {
        var rows = ReadAll("source,target,kind,timestamp\na,b,like,1700000000\na,b,like,1289241911.72836\n");
        Assert.Equal(1700000000, rows[0].Timestamp);
        Assert.Equal(1289241911, rows[1].Timestamp);
    }

    [Fact]
    public void Json_lines_with_all_keys()
    {
        var rows = ReadAll(
            "{\"source\":\"a\",\"target\":\"b\",\"kind\":\"retweet\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"weight\":2,\"stance\":0.5}\n" +
            "{\"source\":\"b\",\"target\":\"a\",\"kind\":\"reply\",\"timestamp\":1700000000,\"stance\":null}\n", "i.jsonl");
        Assert.Equal(new InteractionRecord("a", "b", InteractionKind.Share, 1704067200, 2, 0.5), rows[0]);
        Assert.Equal(new InteractionRecord("b", "a", InteractionKind.Reply, 1700000000), rows[1]);
    }

    [Fact]
    public void Higgs_activity_layout_with_type_column()
    {
        var rows = ReadAll("223789 213163 1341100972 MT\n223789 213163 1341100972 RE\n376989 50329 1341101181 RT\n", "higgs-activity_time.txt");
        Assert.Equal([InteractionKind.Mention, InteractionKind.Reply, InteractionKind.Share], rows.Select(r => r.Kind));
        Assert.All(rows, r => Assert.True(r.Timestamp >= 1341100972));
    }

    [Fact]
    public void Edge_list_with_kind_option_and_weight_column()
    {
        var rows = ReadAll("# SNAP\n1 2 3\n2 1\n", "higgs-retweet_network.edgelist",
            new ReadOptions { EdgeListKind = InteractionKind.Share });
        Assert.Equal([new InteractionRecord("1", "2", InteractionKind.Share, null, 3), new InteractionRecord("2", "1", InteractionKind.Share)], rows);
    }

    [Fact]
    public void Edge_list_third_column_as_timestamp()
    {
        var rows = ReadAll("1 2 1082040961\n", "CollegeMsg.txt",
            new ReadOptions { EdgeListKind = InteractionKind.Comment, EdgeListThirdColumn = EdgeListThirdColumn.Timestamp });
        Assert.Equal(new InteractionRecord("1", "2", InteractionKind.Comment, 1082040961), rows[0]);
    }

    [Fact]
    public void Gzip_interactions()
    {
        var rows = InteractionReader.Read(Gzip("source,target,kind\na,b,like\n"), "i.csv.gz").ToList();
        Assert.Single(rows);
    }

    [Fact]
    public void LoadInto_shares_the_id_map_and_fills_the_log()
    {
        var ids = new IdMap();
        ids.GetOrAdd("b");
        var log = new InteractionLog();
        ReadStatistics stats = InteractionReader.LoadInto(log, ids, Utf8("source,target,kind,stance\na,b,reply,1\nb,c,like,\n"), "i.csv");
        Assert.Equal(2, stats.Rows);
        Assert.Equal(2, log.Count);
        Assert.Equal(3, ids.Count);
        Assert.Equal(0, log.Target[0]); // "b" was already id 0
        Assert.Equal(1.0, log.Stance[0]);
        Assert.True(double.IsNaN(log.Stance[1]));
        Assert.Equal(InteractionLog.NoTimestamp, log.Timestamp[0]);
        Assert.True(log.HasStance);
    }

    // ---- errors ----

    [Fact]
    public void Missing_kind_column_is_named()
    {
        RecordError e = Fails("source,target,weight\na,b,1\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("missing required column 'kind'", e.Reason);
        Assert.Contains("found: source, target, weight", e.Reason);
    }

    [Fact]
    public void Unknown_kind_lists_the_valid_ones()
    {
        RecordError e = Fails("source,target,kind\na,b,like\na,b,poke\n");
        Assert.Equal(3, e.Line);
        Assert.Equal("kind", e.Field);
        Assert.Contains("unknown kind 'poke'", e.Reason);
        Assert.Contains("reply", e.Reason);
        Assert.Contains("retweet", e.Reason);
        Assert.Contains("like", e.Reason);
    }

    [Theory]
    [InlineData("abc", "bad number 'abc' for weight")]
    [InlineData("0", "weight must be a positive finite count, got '0'")]
    [InlineData("-2", "weight must be a positive finite count, got '-2'")]
    [InlineData("NaN", "weight must be a positive finite count, got 'NaN'")]
    [InlineData("Infinity", "weight must be a positive finite count, got 'Infinity'")]
    public void Bad_weights(string weight, string reason)
    {
        RecordError e = Fails($"source,target,kind,weight\na,b,like,{weight}\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("weight", e.Field);
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData("1.5", "stance must be in [-1, 1], got '1.5'")]
    [InlineData("-1.01", "stance must be in [-1, 1], got '-1.01'")]
    [InlineData("NaN", "stance must be in [-1, 1], got 'NaN'")]
    [InlineData("pos", "bad number 'pos' for stance")]
    public void Bad_stances(string stance, string reason)
    {
        RecordError e = Fails($"source,target,kind,stance\na,b,like,{stance}\n");
        Assert.Equal("stance", e.Field);
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Bad_timestamp()
    {
        RecordError e = Fails("source,target,kind,time\na,b,like,31/02/2024 25:00\n");
        Assert.Equal("time", e.Field);
        Assert.StartsWith("bad timestamp '31/02/2024 25:00'", e.Reason);
    }

    [Fact]
    public void Millisecond_timestamps_are_refused_with_a_hint()
    {
        RecordError e = Fails("source,target,kind,timestamp\na,b,like,1700000000000\n");
        Assert.Equal("timestamp", e.Field);
        Assert.Contains("looks like milliseconds", e.Reason);
    }

    [Fact]
    public void Edge_list_without_kind_needs_the_option_even_in_skip_mode()
    {
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip };
        RecordError e = Fails("1 2\n", "x.txt", options);
        Assert.Equal("kind", e.Field);
        Assert.Contains("no kind column", e.Reason);
    }

    [Fact]
    public void Edge_list_wrong_field_count_and_bad_type()
    {
        RecordError count = Fails("1 2 3 4 5\n", "x.txt", new ReadOptions { EdgeListKind = InteractionKind.Like });
        Assert.Contains("found 5 fields", count.Reason);
        RecordError type = Fails("1 2 1341100972 XX\n", "x.txt");
        Assert.Contains("unknown kind 'XX'", type.Reason);
    }

    [Fact]
    public void Empty_ids_in_json_lines()
    {
        RecordError e = Fails("{\"source\":\"\",\"target\":\"b\",\"kind\":\"like\"}\n", "i.jsonl");
        Assert.Equal("source", e.Field);
        Assert.Equal("empty id", e.Reason);
    }

    [Fact]
    public void Skip_mode_keeps_good_rows_and_reports_each_bad_one()
    {
        var errors = new List<RecordError>();
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip, OnInvalidRow = errors.Add };
        var rows = ReadAll("source,target,kind,weight,stance\na,b,like,1,0\na,b,poke,1,0\na,b,like,0,0\na,b,like,1,2\na,,like,1,0\nb,a,reply,2,\n", options: options);
        Assert.Equal(2, rows.Count);
        Assert.Equal([3L, 4L, 5L, 6L], errors.Select(e => e.Line));
        Assert.Equal(["kind", "weight", "stance", "target"], errors.Select(e => e.Field));
    }
}
