using System.Globalization;
using System.Text;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Tests.Shared;
using Parquet;
using Parquet.Schema;

namespace Influence.Parquet.Tests;

/// <summary>
/// The page decoder (dictionary and plain pages, v1 and v2, every codec the writers use, several pages and row groups,
/// nulls) against the text reader: the same rows as CSV and as Parquet, written by independent implementations
/// (hyparquet-writer; Parquet.Net), must load into the same graph with the same rejections.
/// </summary>
public sealed class ParquetPageDecoderTests
{
    private const int Rows = 3000;
    private readonly string _dir = TestPaths.NewTempDirectory("influence-parquet-pages");

    /// <summary>Follows among ~400 accounts (unicode and numeric-looking ids), every 97th source null, every 89th target blank, every 13th time null.</summary>
    private static (string?[] Source, string?[] Target, long?[] Since) Follows()
    {
        var random = new Random(5);
        string Id(int i) => (i % 3) switch { 0 => $"u{i}", 1 => $"ü{i}😀", _ => i.ToString(CultureInfo.InvariantCulture) };
        var source = new string?[Rows];
        var target = new string?[Rows];
        var since = new long?[Rows];
        for (int r = 0; r < Rows; r++)
        {
            source[r] = r % 97 == 5 ? null : Id(r / 8); // grouped by source, as edge lists usually are
            target[r] = r % 89 == 7 ? " " : Id(random.Next(400));
            since[r] = r % 13 == 0 ? null : 1_600_000_000L + random.Next(1_000_000);
        }
        return (source, target, since);
    }

    private string Csv((string?[] Source, string?[] Target, long?[] Since) rows)
    {
        var sb = new StringBuilder("source,target,since\n");
        for (int r = 0; r < rows.Source.Length; r++)
            sb.Append(Csv(rows.Source[r])).Append(',').Append(Csv(rows.Target[r])).Append(',')
              .Append(rows.Since[r]?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        string file = Path.Combine(_dir, "follows.csv");
        File.WriteAllText(file, sb.ToString(), new UTF8Encoding(false));
        return file;
    }

    private static string Csv(string? value) => value is null ? "" : Core.IO.Csv.Escape(value);

    /// <summary>The loaded graph in a comparable form: ids in node order, then every edge with its time, and the rejections.</summary>
    private static (string[] Ids, List<(int, int, int)> Edges, long Rows, List<(string?, string)> Errors) Load(string file, bool parquet,
        string[]? known = null)
    {
        var builder = new GraphBuilder(new IdMap());
        foreach (string id in known ?? []) builder.Ids.GetOrAdd(id);
        var errors = new List<RecordError>();
        var options = new ReadOptions { InvalidRows = InvalidRowMode.Skip, OnInvalidRow = errors.Add };
        ReadStatistics stats;
        using (FileStream stream = File.OpenRead(file))
            stats = parquet ? ParquetInput.LoadFollows(builder, stream, "f", options) : FollowReader.LoadInto(builder, stream, "f", options);
        DirectedGraph graph = builder.Build();
        var edges = new List<(int, int, int)>();
        for (int node = 0; node < graph.NodeCount; node++)
            foreach (int follower in graph.InNeighbors(node)) edges.Add((follower, node, graph.SinceOf(follower, node)));
        return ([.. builder.Ids.Ids], edges, stats.Rows, [.. errors.Select(e => (e.Field, e.Reason))]);
    }

    private void AssertSameAsCsv(string parquet)
    {
        var expected = Load(Csv(Follows()), parquet: false);
        var actual = Load(parquet, parquet: true);
        Assert.True(expected.Rows > Rows * 9 / 10, "the fixture keeps most rows");
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Edges, actual.Edges);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Errors, actual.Errors);
    }

    [SkippableTheory]
    [InlineData("SNAPPY", null, null)]             // the writer's choice: dictionary-encoded ids, one page per chunk
    [InlineData("SNAPPY", "PLAIN", 1000)]          // plain ids, many pages per chunk
    [InlineData("UNCOMPRESSED", null, 700)]        // dictionary, many pages, no codec
    [InlineData("GZIP", "PLAIN", null)]
    [InlineData("BROTLI", null, 500)]
    public void Text_ids_written_by_hyparquet_read_as_the_same_graph_as_their_csv(string codec, string? encoding, int? pageSize)
    {
        IndependentParquet.Require();
        var (source, target, since) = Follows();
        string file = Path.Combine(_dir, $"follows-{codec}-{encoding}-{pageSize}.parquet");
        IndependentParquet.Write(file, new IndependentParquet.Layout(1000, codec, pageSize),
            ("source", "STRING", encoding, source), ("target", "STRING", encoding, target), ("since", "INT64", encoding, [.. since.Cast<object?>()]));
        AssertSameAsCsv(file);
    }

    [SkippableFact]
    public void Integer_ids_plain_dictionary_or_delta_encoded_name_the_same_accounts_as_their_decimal_text()
    {
        IndependentParquet.Require();
        var random = new Random(9);
        object?[] source = [.. Enumerable.Range(0, Rows).Select(r => r % 50 == 3 ? null : (object?)(long)(r / 5))];
        object?[] target = [.. Enumerable.Range(0, Rows).Select(_ => (object?)(long)random.Next(800))];
        object?[] since = [.. Enumerable.Range(0, Rows).Select(_ => (object?)(1_600_000_000L + random.Next(1_000_000)))];
        string csv = Path.Combine(_dir, "int.csv");
        File.WriteAllText(csv, "source,target,since\n" + string.Concat(Enumerable.Range(0, Rows).Select(r => $"{source[r]},{target[r]},{since[r]}\n")));
        var expected = Load(csv, parquet: false);
        // INT64 plain (the decoder), INT32 dictionary (the decoder: pyarrow's habit), INT64 delta (Parquet.Net's reader).
        foreach (var (type, encoding) in new[] { ("INT64", "PLAIN"), ("INT32", "RLE_DICTIONARY"), ("INT64", "DELTA_BINARY_PACKED") })
        {
            string file = Path.Combine(_dir, $"int-{type}-{encoding}.parquet");
            IndependentParquet.Write(file, new IndependentParquet.Layout(700, "SNAPPY", 2000),
                ("source", type, encoding, source), ("target", type, encoding, target), ("since", "INT64", "PLAIN", since));
            var actual = Load(file, parquet: true);
            Assert.Equal(expected.Ids, actual.Ids);
            Assert.Equal(expected.Edges, actual.Edges);
            Assert.Equal(expected.Errors, actual.Errors);
        }
    }

    /// <summary>Follows as Parquet.Net writes them (v1 pages, Snappy), ids plain or dictionary-encoded, in row groups of <paramref name="group"/> rows.</summary>
    private static async Task WriteWithParquetNet(string file, bool dictionary, int group, string?[] source, string?[] target, long?[] since)
    {
        var s = new DataField<string>("source");
        var t = new DataField<string>("target");
        var at = new DataField<long?>("since");
        var options = new ParquetOptions { DictionaryEncodingThreshold = dictionary ? 1.0 : 0.0 };
        if (dictionary) foreach (DataField f in new[] { s, t }) options.ColumnEncodingHints[f.Path.ToString()] = EncodingHint.Dictionary;
        await using FileStream stream = File.Create(file);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(s, t, at), stream, options);
        for (int start = 0; start < source.Length; start += group)
        {
            int end = Math.Min(start + group, source.Length);
            using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(s, source[start..end]);
            await rowGroup.WriteAsync(t, target[start..end]);
            await rowGroup.WriteAsync<long>(at, since[start..end]);
        }
    }

    [Fact]
    public async Task Text_ids_written_by_parquet_net_as_v1_pages_plain_or_dictionary_read_as_the_same_graph_as_their_csv()
    {
        var (source, target, since) = Follows();
        foreach (bool dictionary in new[] { false, true })
        {
            string file = Path.Combine(_dir, $"parquet-net-{dictionary}.parquet");
            await WriteWithParquetNet(file, dictionary, 1000, source, target, since);
            AssertSameAsCsv(file);
        }
    }

    /// <summary>
    /// The text ids of a row group are checked and looked up ahead on the decoding thread while the previous group is
    /// added (ParquetColumn.PrepareIds): across 25 row groups, thousands of ids short and long (kept in the id table's
    /// slot or beside it, the table growing several times), some known to the map before the load, every node must be
    /// the one the text reader gives.
    /// </summary>
    [Fact]
    public async Task Text_ids_resolved_ahead_across_many_row_groups_get_the_nodes_the_csv_gives()
    {
        const int rows = 25_000, group = 1000;
        var random = new Random(11);
        string Id(int i) => (i % 4) switch { 0 => $"a{i}", 1 => $"account-{i}-long", 2 => $"ü{i}", _ => i.ToString(CultureInfo.InvariantCulture) };
        string?[] source = [.. Enumerable.Range(0, rows).Select(r => r % 301 == 7 ? "\t" : Id(r / 4))];
        string?[] target = [.. Enumerable.Range(0, rows).Select(r => r % 401 == 9 ? null : Id(random.Next(9000)))];
        long?[] since = [.. Enumerable.Range(0, rows).Select(r => r % 503 == 1 ? (long?)-5 : 1_600_000_000L + r)];
        string csv = Csv((source, target, since));
        string[] known = ["account-8001-long", "a4", "17"];
        foreach (bool dictionary in new[] { false, true })
        {
            string file = Path.Combine(_dir, $"many-groups-{dictionary}.parquet");
            await WriteWithParquetNet(file, dictionary, group, source, target, since);
            foreach (string[]? before in new[] { null, known })
            {
                var expected = Load(csv, parquet: false, before);
                var actual = Load(file, parquet: true, before);
                Assert.True(expected.Ids.Length > 8000, $"{expected.Ids.Length} ids");
                Assert.True(expected.Errors.Count > 100, $"{expected.Errors.Count} rows refused");
                Assert.Equal(expected.Ids, actual.Ids);
                Assert.Equal(expected.Edges, actual.Edges);
                Assert.Equal(expected.Errors, actual.Errors);
            }
        }
    }

    [SkippableFact]
    public void Damage_anywhere_in_the_pages_is_an_input_error_never_a_crash_or_a_hang()
    {
        IndependentParquet.Require();
        var (source, target, since) = Follows();
        string file = Path.Combine(_dir, "whole.parquet");
        IndependentParquet.Write(file, new IndependentParquet.Layout(1000, "SNAPPY", 1500),
            ("source", "STRING", null, source), ("target", "STRING", "PLAIN", target), ("since", "INT64", null, [.. since.Cast<object?>()]));
        byte[] bytes = File.ReadAllBytes(file);
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8) + 8;
        var random = new Random(3);
        int failed = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            int at = 4 + random.Next(bytes.Length - footer - 4); // the pages only: the footer is Parquet.Net's to check
            damaged[at] ^= (byte)(1 << random.Next(8));
            try
            {
                ParquetInput.LoadFollows(new GraphBuilder(new IdMap()), new MemoryStream(damaged), "damaged.parquet",
                    new ReadOptions { InvalidRows = InvalidRowMode.Skip });
            }
            catch (InputFormatException ex)
            {
                failed++;
                Assert.Matches(@"^damaged\.parquet: row \d+ \(row group \d, row 1 of the group\): column '(source|target|since)': corrupt or unreadable data in row group \d of 3: ", ex.Message);
            }
        }
        Assert.True(failed > 30, $"only {failed} of 300 damaged files were refused");
    }
}
