using System.IO.Compression;
using System.Text;
using Influence.Core.Graph;
using Influence.Core.IO;

namespace Influence.Core.Tests.IO;

public class FollowReaderTests
{
    internal static MemoryStream Utf8(string text, bool bom = false)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [.. Encoding.UTF8.Preamble, .. body] : body);
    }

    internal static MemoryStream Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes(text));
        output.Position = 0;
        return output;
    }

    private static List<FollowRecord> ReadAll(string text, string name = "follows.csv", ReadOptions? options = null) =>
        FollowReader.Read(Utf8(text), name, options).ToList();

    [Fact]
    public void Csv_with_header_reads_columns_by_name()
    {
        var rows = ReadAll("source,target,since\nalice,bob,1700000000\nbob,alice,\n");
        Assert.Equal([new("alice", "bob", 1700000000), new("bob", "alice", null)], rows);
    }

    [Fact]
    public void Csv_columns_in_any_order_with_extra_columns_ignored()
    {
        var rows = ReadAll("note,Target,SINCE,Source\nx,bob,2024-01-01T00:00:00Z,alice\n");
        Assert.Equal([new("alice", "bob", 1704067200)], rows);
    }

    [Fact]
    public void Csv_quoted_fields_hold_delimiters_and_escaped_quotes()
    {
        var rows = ReadAll("source,target\n\"a,b\",\"say \"\"hi\"\"\"\n \"c\" , d \n");
        Assert.Equal([new("a,b", "say \"hi\""), new("c", "d")], rows);
    }

    [Fact]
    public void Crlf_line_endings_and_utf8_bom_are_accepted()
    {
        var rows = FollowReader.Read(Utf8("source,target\r\nálvaro,bob\r\nbob,álvaro", bom: true), "f.csv").ToList();
        Assert.Equal([new("álvaro", "bob"), new("bob", "álvaro")], rows);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_whatever_the_name()
    {
        var rows = FollowReader.Read(Gzip("# comment\n1\t2\n2 3\n"), "edges-without-extension").ToList();
        Assert.Equal([new("1", "2"), new("2", "3")], rows);
    }

    [Fact]
    public void Snap_edge_list_with_comments_tabs_and_weights()
    {
        var rows = ReadAll("# Directed graph\n% matrix market comment\n1\t2\n3 4 0.5 \n\n", "g.txt");
        Assert.Equal([new("1", "2"), new("3", "4")], rows);
    }

    [Fact]
    public void Json_lines_with_string_and_number_values()
    {
        var rows = ReadAll("{\"source\":\"a\",\"target\":\"b\",\"since\":1700000000}\n{\"target\":7,\"source\":\"c\",\"extra\":[1]}\n", "f.jsonl");
        Assert.Equal([new("a", "b", 1700000000), new("c", "7")], rows);
    }

    [Fact]
    public void Format_detected_from_content_when_the_name_says_nothing()
    {
        Assert.Equal([new("a", "b")], ReadAll("source,target\na,b\n", "stdin"));
        Assert.Equal([new("a", "b")], ReadAll("{\"source\":\"a\",\"target\":\"b\"}\n", "stdin"));
        Assert.Equal([new("a", "b")], ReadAll("a b\n", "stdin"));
    }

    [Fact]
    public void Headerless_numeric_csv_is_read_as_an_edge_list()
    {
        var rows = ReadAll("6,2,4,1289241911.72836\n6,5,-2,1289241941.5\n", "soc-sign.csv");
        Assert.Equal([new("6", "2"), new("6", "5")], rows);
    }

    [Fact]
    public void Explicit_format_overrides_the_extension()
    {
        var rows = ReadAll("a b\n", "looks.csv", new ReadOptions { Format = InputFormat.EdgeList });
        Assert.Equal([new("a", "b")], rows);
    }

    [Fact]
    public void Custom_column_names_are_honoured()
    {
        var rows = ReadAll("\"following\",\"followed\"\n\"SenA\",\"SenB\"\n", "tw.csv",
            new ReadOptions { SourceColumn = "following", TargetColumn = "followed" });
        Assert.Equal([new("SenA", "SenB")], rows);
    }

    [Fact]
    public void LoadInto_builds_the_same_graph_as_the_records()
    {
        const string text = "source,target\na,b\nb,a\na,c\na,a\na,b\n";
        var builder = new GraphBuilder();
        ReadStatistics stats = FollowReader.LoadInto(builder, Utf8(text), "f.csv");
        DirectedGraph graph = builder.Build();
        Assert.Equal(InputFormat.Csv, stats.Format);
        Assert.Equal(6, stats.Lines);
        Assert.Equal(5, stats.Rows);
        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(3, graph.EdgeCount);
        Assert.Equal(1, graph.SelfLoopsDropped);
        Assert.Equal(1, graph.ParallelEdgesCollapsed);
        int a = graph.Ids.GetOrAdd("a"), b = graph.Ids.GetOrAdd("b"), c = graph.Ids.GetOrAdd("c");
        Assert.True(graph.HasEdge(a, b) && graph.HasEdge(b, a) && graph.HasEdge(a, c));
        Assert.False(graph.HasEdge(c, a));
    }

    [Fact]
    public void LoadInto_assigns_the_same_ids_as_the_records_on_many_ids()
    {
        // 200k edges over 50k ids: grows the loader's id table several times; sorted sources exercise the
        // last-key memo. The shared map starts with ids the file also uses.
        var random = new Random(5);
        var text = new StringBuilder("source,target\n");
        for (int s = 0; s < 50_000; s++)
            for (int k = 0; k < 4; k++)
            {
                // Text ids and numeric ids mixed (both table paths, both growing).
                int t = random.Next(50_000);
                text.Append("acct").Append(s).Append(',').Append(t % 2 == 0 ? "acct" : "").Append(t).Append('\n');
            }
        var ids = new IdMap();
        ids.GetOrAdd("acct49999");
        ids.GetOrAdd("elsewhere");
        var builder = new GraphBuilder(ids);
        FollowReader.LoadInto(builder, Utf8(text.ToString()), "big.csv");

        var expected = new IdMap();
        expected.GetOrAdd("acct49999");
        expected.GetOrAdd("elsewhere");
        var edges = new List<(int, int)>();
        foreach (FollowRecord r in FollowReader.Read(Utf8(text.ToString()), "big.csv"))
            edges.Add((expected.GetOrAdd(r.Source), expected.GetOrAdd(r.Target)));

        Assert.Equal(expected.Ids, ids.Ids);
        DirectedGraph graph = builder.Build();
        foreach (var (u, v) in edges) Assert.True(graph.HasEdge(u, v) || u == v);
        Assert.Equal(edges.Count, graph.InputEdges);
    }

    [Fact]
    public void LoadInto_keeps_different_spellings_of_a_number_apart()
    {
        // Numeric ids take a packed path in the loader's table: only the canonical spelling may use it.
        const string text = "7 007\n007 7\n0 00\n1234567890123456789 1234567890123456789x\n-5 5\n7 0\n1234567890123456789 7\n";
        var builder = new GraphBuilder();
        FollowReader.LoadInto(builder, Utf8(text), "n.txt");
        var expected = new IdMap();
        foreach (FollowRecord r in FollowReader.Read(Utf8(text), "n.txt"))
        {
            expected.GetOrAdd(r.Source);
            expected.GetOrAdd(r.Target);
        }
        Assert.Equal(expected.Ids, builder.Ids.Ids);
        Assert.Equal(["7", "007", "0", "00", "1234567890123456789", "1234567890123456789x", "-5", "5"], builder.Ids.Ids);
        DirectedGraph graph = builder.Build();
        Assert.Equal(7, graph.EdgeCount);
    }

    [Fact]
    public void LoadInto_a_weighted_builder_reads_the_weight_column()
    {
        var builder = new GraphBuilder(weighted: true);
        FollowReader.LoadInto(builder, Utf8("1 2 0.25\n1 2 0.5\n2 1\n"), "w.txt");
        DirectedGraph graph = builder.Build();
        int one = graph.Ids.GetOrAdd("1");
        Assert.Equal(0.75, graph.OutWeights(one)[0], 12);
        Assert.Equal(1.0, graph.OutWeights(graph.Ids.GetOrAdd("2"))[0], 12);
    }

    [Fact]
    public void LoadInto_weighted_rejects_a_non_positive_weight()
    {
        var ex = Assert.Throws<InputFormatException>(() =>
            FollowReader.LoadInto(new GraphBuilder(weighted: true), Utf8("1 2 1\n1 3 -1\n"), "w.txt"));
        Assert.Equal(2, ex.Error.Line);
        Assert.Equal("weight", ex.Error.Field);
    }

    [Fact]
    public void Long_lines_beyond_the_initial_buffer_are_read_whole()
    {
        string longNote = new('x', 200_000);
        var rows = ReadAll($"source,target,note\na,b,{longNote}\nc,d,e\n");
        Assert.Equal(new FollowRecord("a", "b"), rows[0]);
        Assert.Equal(new FollowRecord("c", "d"), rows[1]);
    }

    [Fact]
    public void An_over_long_id_is_refused_on_its_own_line_with_a_short_excerpt()
    {
        RecordError error = Fails($"source,target\na,b\n{new string('x', 100_000)},b\n");
        Assert.Equal((3L, "source"), (error.Line, error.Field));
        Assert.StartsWith("id longer than 512 characters (100000)", error.Reason);
        Assert.True(error.Reason.Length < 150, error.Reason);
        Assert.True(error.RawLine!.Length < 260, "raw line excerpt is short");
    }

    // ---- errors ----

    private static RecordError Fails(string text, string name = "follows.csv", ReadOptions? options = null) =>
        Assert.Throws<InputFormatException>(() => ReadAll(text, name, options)).Error;

    [Fact]
    public void Missing_header_columns_are_named()
    {
        RecordError e = Fails("from_account,to_account\na,b\n");
        Assert.Equal("follows.csv", e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("'source'", e.Reason);
        Assert.Contains("'target'", e.Reason);
        Assert.Contains("found: from_account, to_account", e.Reason);
    }

    [Fact]
    public void Missing_header_is_fatal_even_in_skip_mode()
    {
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip };
        RecordError e = Fails("source,dst_x\na,b\n", options: options);
        Assert.Contains("'target'", e.Reason);
    }

    [Fact]
    public void Empty_id_names_line_and_field()
    {
        RecordError e = Fails("source,target\na,b\n\n,c\n");
        Assert.Equal(4, e.Line);
        Assert.Equal("source", e.Field);
        Assert.Equal("empty id", e.Reason);
        Assert.Equal(",c", e.RawLine);
        Assert.Equal("follows.csv:4: field 'source': empty id", e.ToString());
    }

    [Fact]
    public void Empty_target_uses_the_header_spelling()
    {
        RecordError e = Fails("Src,DST\na,\"\"\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("DST", e.Field);
    }

    [Fact]
    public void Wrong_field_count_in_csv()
    {
        RecordError e = Fails("source,target\na,b\na,b,c\n");
        Assert.Equal(3, e.Line);
        Assert.Null(e.Field);
        Assert.Contains("wrong field count: expected 2 fields as in the header, found 3", e.Reason);
    }

    [Fact]
    public void Wrong_field_count_in_edge_list()
    {
        RecordError e = Fails("# c\n1 2\n3\n", "g.txt");
        Assert.Equal(3, e.Line);
        Assert.Contains("wrong field count", e.Reason);
        Assert.Contains("found 1 field", e.Reason);
    }

    [Fact]
    public void Unterminated_quote()
    {
        RecordError e = Fails("source,target\n\"a,b\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("unterminated quote", e.Reason);
    }

    [Fact]
    public void Characters_after_a_closing_quote()
    {
        RecordError e = Fails("source,target\n\"a\"x,b\n");
        Assert.Contains("after the closing quote", e.Reason);
    }

    [Fact]
    public void Bad_since_timestamp()
    {
        RecordError e = Fails("source,target,since\na,b,yesterday\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("since", e.Field);
        Assert.Contains("bad timestamp 'yesterday'", e.Reason);
    }

    [Fact]
    public void Invalid_json_line()
    {
        RecordError e = Fails("{\"source\":\"a\",\"target\":\"b\"}\n{\"source\":\"a\",\n", "f.jsonl");
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid JSON", e.Reason);
        RecordError missing = Fails("{\"source\":\"a\"}\n", "f.jsonl");
        Assert.Contains("missing key 'target'", missing.Reason);
        RecordError wrongType = Fails("{\"source\":\"a\",\"target\":true}\n", "f.jsonl");
        Assert.Contains("expected a string or a number", wrongType.Reason);
    }

    [Fact]
    public void Skip_mode_reports_every_bad_row_and_keeps_the_good_ones()
    {
        var errors = new List<RecordError>();
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip, OnInvalidRow = errors.Add };
        var rows = ReadAll("source,target,since\na,b,\n,b,\nc,d,xx\n\"e,f\nc,d,5\n", options: options);
        Assert.Equal([new("a", "b"), new("c", "d", 5)], rows);
        Assert.Equal([3L, 4L, 5L], errors.Select(e => e.Line));
        Assert.Equal(["source", "since", null], errors.Select(e => e.Field));
    }

    [Fact]
    public void Skip_mode_statistics_count_rejected_rows()
    {
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip };
        ReadStatistics stats = FollowReader.LoadInto(new GraphBuilder(), Utf8("1 2\n3\n4 5\n"), "g.txt", options);
        Assert.Equal(2, stats.Rows);
        Assert.Equal(1, stats.Rejected);
    }

    [Fact]
    public void Bad_options_are_rejected_before_reading()
    {
        Assert.Throws<ArgumentException>(() => FollowReader.Read(Utf8(""), "x", new ReadOptions { CsvDelimiter = '"' }));
        Assert.Throws<ArgumentException>(() => FollowReader.Read(Utf8(""), "x", new ReadOptions { SourceColumn = " " }));
        Assert.Throws<ArgumentNullException>(() => FollowReader.Read(null!, "x"));
    }

    [Fact]
    public void Empty_input_yields_nothing()
    {
        Assert.Empty(ReadAll(""));
        Assert.Empty(ReadAll("source,target\n"));
    }
}
