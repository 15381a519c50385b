using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Tests.Shared;

namespace Influence.Parquet.Tests;

/// <summary>Files written by an independent Parquet implementation (hyparquet-writer) read through <see cref="ParquetInput"/>.</summary>
public sealed class ParquetInputTests
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-parquet-in");

    private static (GraphBuilder Builder, ReadStatistics Stats, List<RecordError> Errors) LoadFollows(string file, bool skip = true)
    {
        var builder = new GraphBuilder(new IdMap());
        var errors = new List<RecordError>();
        var options = new ReadOptions { InvalidRows = skip ? InvalidRowMode.Skip : InvalidRowMode.Strict, OnInvalidRow = errors.Add };
        using FileStream stream = File.OpenRead(file);
        ReadStatistics stats = ParquetInput.LoadFollows(builder, stream, Path.GetFileName(file), options);
        return (builder, stats, errors);
    }

    [SkippableFact]
    public void String_ids_with_unicode_nulls_and_several_row_groups_follow_the_row_rules()
    {
        IndependentParquet.Require();
        string file = Path.Combine(_dir, "follows.parquet");
        IndependentParquet.Write(file, rowGroupSize: 2,
            ("source", "STRING", ["ü😀", "b", "c", null, "\u0001x", "a"]),
            ("target", "STRING", ["b", "ü😀", "a", "a", "b", "   "]),
            ("since", "TIMESTAMP_MILLIS", [1_700_000_000_500L, null, -1_500L, 0L, 0L, 0L]));
        var (builder, stats, errors) = LoadFollows(file);

        Assert.Equal((InputFormat.Parquet, 6L, 3L, 3L), (stats.Format, stats.Lines, stats.Rows, stats.Rejected));
        Assert.Equal(["ü😀", "b", "c", "a"], builder.Ids.Ids);
        DirectedGraph graph = builder.Build();
        Assert.Equal(3, graph.EdgeCount);
        // Row 4 (row group 2, its row 2): a null id is an empty id; row 5: a control character; row 6: only whitespace.
        Assert.Equal([(4L, 2, 2L, "source", "empty id"), (5L, 3, 1L, "source", "control character U+0001 at position 1 of id '\\u0001x'"),
                      (6L, 3, 2L, "target", "id is only whitespace")],
            errors.Select(e => (e.Line, e.RowGroup!.Value.Group, e.RowGroup!.Value.Row, e.Field, e.Reason)));
        Assert.Equal("follows.parquet: row 4 (row group 2, row 2 of the group): column 'source': empty id", errors[0].ToString());
        Assert.Contains("source=null, target='a'", errors[0].RawLine);
    }

    [SkippableFact]
    public void Integer_ids_are_the_accounts_their_decimal_text_names_and_times_may_be_integers_or_timestamps()
    {
        IndependentParquet.Require();
        string file = Path.Combine(_dir, "int-follows.parquet");
        IndependentParquet.Write(file, rowGroupSize: 3,
            ("src", "INT64", [7L, 1_234_567_890_123L, 7L, 0L]),
            ("dst", "INT32", [1, 7, 0, 7]),
            ("time", "TIMESTAMP_MICROS", [1_000_000L, 2_500_000L, -500_000L, null]));
        var (builder, stats, errors) = LoadFollows(file, skip: false);
        Assert.Empty(errors);
        Assert.Equal(4, stats.Rows);
        Assert.Equal(["7", "1", "1234567890123", "0"], builder.Ids.Ids);
        // The same ids through the text path resolve to the same nodes.
        Assert.True(builder.Ids.TryGetNode("1234567890123", out int node) && node == 2);
    }

    [SkippableFact]
    public void Strict_mode_stops_at_the_first_bad_row_naming_file_row_group_row_and_column()
    {
        IndependentParquet.Require();
        string file = Path.Combine(_dir, "ms.parquet");
        // Integer seconds that are really milliseconds: the same rule (and message) as CSV.
        IndependentParquet.Write(file, rowGroupSize: 2,
            ("source", "STRING", ["a", "b", "c"]), ("target", "STRING", ["b", "c", "a"]), ("since", "INT64", [1L, 2L, 1_700_000_000_000L]));
        var ex = Assert.Throws<InputFormatException>(() => LoadFollows(file, skip: false));
        Assert.Equal("ms.parquet: row 3 (row group 2, row 1 of the group): column 'since': timestamp 1700000000000 looks like milliseconds: " +
                     "give Unix seconds (divide by 1000) or ISO-8601; at most ±100000000000 s", ex.Message);
    }

    [SkippableFact]
    public void Interactions_take_kinds_weights_stances_and_iso_text_times_with_the_csv_rules()
    {
        IndependentParquet.Require();
        string file = Path.Combine(_dir, "interactions.parquet");
        IndependentParquet.Write(file, rowGroupSize: 4,
            ("actor", "STRING", ["a", "b", "a", "c", "a"]),
            ("target", "STRING", ["b", "a", "c", "a", "b"]),
            ("type", "STRING", ["retweet", "reply", "like", "poke", null]),
            ("timestamp", "STRING", ["2024-05-01T12:00:00Z", null, "1714564800", "0", "0"]),
            ("weight", "DOUBLE", [2.5, null, 1.0, 1.0, 1.0]),
            ("stance", "DOUBLE", [-1.0, 0.5, null, 0.0, 0.0]));
        var log = new InteractionLog();
        var ids = new IdMap();
        var errors = new List<RecordError>();
        using (FileStream stream = File.OpenRead(file))
            ParquetInput.LoadInteractions(log, ids, stream, "interactions.parquet", new ReadOptions { InvalidRows = InvalidRowMode.Skip, OnInvalidRow = errors.Add });
        Assert.Equal(3, log.Count);
        Assert.Equal([InteractionKind.Share, InteractionKind.Reply, InteractionKind.Like], log.Kind.ToArray());
        Assert.Equal([1714564800L, InteractionLog.NoTimestamp, 1714564800L], log.Timestamp.ToArray());
        Assert.Equal([2.5, 1.0, 1.0], log.Weight.ToArray());
        Assert.Equal(-1.0, log.Stance[0]);
        Assert.True(double.IsNaN(log.Stance[2]));
        Assert.Equal(["type", "type"], errors.Select(e => e.Field));
        Assert.StartsWith("unknown kind 'poke'", errors[0].Reason);
        Assert.StartsWith("empty kind", errors[1].Reason);
        Assert.Equal((2, 1L), errors[1].RowGroup);
    }

    [SkippableFact]
    public void A_missing_column_or_a_column_of_the_wrong_type_fails_the_whole_file_before_any_row()
    {
        IndependentParquet.Require();
        string missing = Path.Combine(_dir, "missing.parquet");
        IndependentParquet.Write(missing, 10, ("from", "STRING", ["a"]), ("weight", "DOUBLE", [1.0]));
        var ex = Assert.Throws<InputFormatException>(() => LoadFollows(missing));
        Assert.Equal("missing.parquet: no column 'target' (may be named target / dst / to / followee / followed / target_id) " +
                     "(the file has: from (strings), weight (Double values))", ex.Message);

        string wrongType = Path.Combine(_dir, "wrong.parquet");
        IndependentParquet.Write(wrongType, 10, ("source", "DOUBLE", [1.5]), ("target", "STRING", ["a"]));
        ex = Assert.Throws<InputFormatException>(() => LoadFollows(wrongType));
        Assert.Equal("wrong.parquet: column 'source': column 'source' holds Double values; the source column takes strings or integers", ex.Message);
    }

    [SkippableFact]
    public void A_truncated_or_corrupt_file_is_a_clear_error()
    {
        IndependentParquet.Require();
        string file = Path.Combine(_dir, "whole.parquet");
        IndependentParquet.Write(file, 1000, ("source", "STRING", [.. Enumerable.Range(0, 2000).Select(i => (object?)$"u{i}")]),
            ("target", "STRING", [.. Enumerable.Range(0, 2000).Select(i => (object?)$"v{i % 7}")]));
        byte[] bytes = File.ReadAllBytes(file);

        string truncated = Path.Combine(_dir, "truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<InputFormatException>(() => LoadFollows(truncated));
        Assert.StartsWith("truncated.parquet: not a readable Parquet file (truncated, or its footer is damaged): ", ex.Message);

        // Damage inside the second row group's data pages (the footer stays intact).
        string corrupt = Path.Combine(_dir, "corrupt.parquet");
        byte[] damaged = (byte[])bytes.Clone();
        for (int i = bytes.Length / 2 - 200; i < bytes.Length / 2; i++) damaged[i] = 0xFF;
        File.WriteAllBytes(corrupt, damaged);
        ex = Assert.Throws<InputFormatException>(() => LoadFollows(corrupt));
        Assert.Matches(@"^corrupt\.parquet: row \d+ \(row group \d, row 1 of the group\): column '(source|target)': corrupt or unreadable data in row group \d of 2: ", ex.Message);
    }

    [Fact]
    public void The_text_readers_refuse_a_parquet_file_with_a_clear_message()
    {
        byte[] parquetStart = [.. "PAR1"u8, 0x15, 0x00, 0x15, 0x1C];
        var ex = Assert.Throws<InputFormatException>(() => FollowReader.Read(new MemoryStream(parquetStart), "follows.csv").ToList());
        Assert.Contains("this is a Parquet file (it starts with the magic bytes PAR1)", ex.Message);
        Assert.True(InputStreams.IsParquet(new MemoryStream(parquetStart)));
        Assert.False(InputStreams.IsParquet(new MemoryStream("source,target\n"u8.ToArray())));
    }
}
