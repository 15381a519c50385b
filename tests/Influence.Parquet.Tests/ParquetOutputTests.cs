using System.Globalization;
using System.Text.Json.Nodes;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;
using Influence.Tests.Shared;

namespace Influence.Parquet.Tests;

/// <summary>Our Parquet tables read back by an independent implementation (hyparquet): columns, types, values, nulls.</summary>
public sealed class ParquetOutputTests
{
    private readonly string _dir = TestPaths.NewTempDirectory("influence-parquet-out");

    /// <summary>A small synthetic world, with unicode ids put in for a few accounts.</summary>
    private static InfluenceAnalysisResult Analyse()
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 400, Seed = 5 });
        InfluenceAnalysisResult r = InfluenceAnalyzer.Run(world.ToInput());
        return new InfluenceAnalysisResult
        {
            AccountIds = [.. r.AccountIds.Select((id, i) => i % 50 == 0 ? $"ü😀-{i}-名前" : id)],
            Accounts = r.Accounts, ReceivedByKind = r.ReceivedByKind, GivenByKind = r.GivenByKind, Thresholds = r.Thresholds,
            Defenders = r.Defenders, Critics = r.Critics, Communities = r.Communities, Summary = r.Summary,
        };
    }

    [SkippableFact]
    public async Task Accounts_have_the_csv_columns_typed_by_metric_kind_in_several_row_groups_with_nan_as_null()
    {
        IndependentParquet.Require();
        InfluenceAnalysisResult result = Analyse();
        result.Accounts[3].PageRank = double.NaN; // an undefined figure must come out as null
        string file = Path.Combine(_dir, "accounts.parquet");
        await using (FileStream stream = File.Create(file))
            await ParquetResultWriter.WriteAccountsAsync(stream, result, rowGroupSize: 150);

        JsonObject read = IndependentParquet.Read(file);
        Assert.Equal([150, 150, 100], read["rowGroups"]!.AsArray().Select(n => (int)n!));
        JsonArray columns = read["columns"]!.AsArray();
        Assert.Equal(ResultTables.AccountColumns, columns.Select(c => (string)c!["name"]!));
        foreach (AccountMetric metric in ResultTables.AccountMetrics)
        {
            JsonNode column = columns.Single(c => (string)c!["name"]! == metric.Name)!;
            string expected = metric.Kind switch { MetricKind.Integer => "INT64", MetricKind.Real => "DOUBLE", _ => "BYTE_ARRAY" };
            Assert.True(expected == (string)column["type"]!, $"{metric.Name}: {column}");
            Assert.Equal(metric.Kind == MetricKind.Real, (bool)column["optional"]!);
        }

        JsonArray rows = read["rows"]!.AsArray();
        Assert.Equal(result.Accounts.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            JsonObject row = rows[i]!.AsObject();
            Assert.Equal(result.AccountIds[i], (string)row["id"]!);
            foreach (AccountMetric metric in ResultTables.AccountMetrics)
            {
                double value = metric.Get(in result.Accounts[i]);
                JsonNode? cell = row[metric.Name];
                switch (metric.Kind)
                {
                    case MetricKind.Integer:
                        Assert.Equal(((long)value).ToString(CultureInfo.InvariantCulture), (string)cell!);
                        break;
                    case MetricKind.Real when double.IsNaN(value):
                        Assert.True(cell is null, $"row {i} {metric.Name}: NaN must be null, got {cell}");
                        break;
                    case MetricKind.Real:
                        Assert.Equal(value, (double)cell!);
                        break;
                    default:
                        Assert.Equal(metric.NameOf(value), (string)cell!);
                        break;
                }
            }
            Assert.Equal(ResultTables.Reasons(result.Accounts[i], result.Thresholds), (string)row["reasons"]!);
        }
        Assert.Null(rows[3]!["pagerank"]);
    }

    [SkippableFact]
    public async Task Defender_links_carry_external_ids_and_strengths_and_an_empty_table_is_a_valid_file()
    {
        IndependentParquet.Require();
        InfluenceAnalysisResult result = Analyse();
        Assert.NotEmpty(result.Defenders);
        string file = Path.Combine(_dir, "defenders.parquet");
        await using (FileStream stream = File.Create(file))
            await ParquetResultWriter.WriteLinksAsync(stream, result.Defenders, result.AccountIds, rowGroupSize: 7);
        JsonObject read = IndependentParquet.Read(file);
        Assert.Equal(ResultTables.LinkColumns, read["columns"]!.AsArray().Select(c => (string)c!["name"]!));
        JsonArray rows = read["rows"]!.AsArray();
        Assert.Equal(result.Defenders.Length, rows.Count);
        Assert.True(read["rowGroups"]!.AsArray().Count > 1);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(result.AccountIds[result.Defenders[i].Target], (string)rows[i]!["target"]!);
            Assert.Equal(result.AccountIds[result.Defenders[i].Defender], (string)rows[i]!["defender"]!);
            Assert.Equal(result.Defenders[i].Strength, (double)rows[i]!["strength"]!);
        }

        string empty = Path.Combine(_dir, "critics.parquet");
        await using (FileStream stream = File.Create(empty))
            await ParquetResultWriter.WriteLinksAsync(stream, [], result.AccountIds);
        JsonObject none = IndependentParquet.Read(empty);
        Assert.Empty(none["rows"]!.AsArray());
        Assert.Equal(3, none["columns"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_writer_streams_to_a_stream_that_cannot_seek()
    {
        InfluenceAnalysisResult result = Analyse();
        var sink = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(sink))
            await ParquetResultWriter.WriteAccountsAsync(forwardOnly, result, rowGroupSize: 100);
        byte[] bytes = sink.ToArray();
        Assert.True(bytes.AsSpan(0, 4).SequenceEqual("PAR1"u8) && bytes.AsSpan(bytes.Length - 4).SequenceEqual("PAR1"u8));
        // Our own reader takes it back: same ids in the same order.
        var builder = new GraphBuilder(new IdMap());
        var specs = new Core.IO.ReadOptions { SourceColumn = "id", TargetColumn = "id" };
        ParquetInput.LoadFollows(builder, new MemoryStream(bytes), "accounts.parquet", specs);
        Assert.Equal(result.AccountIds, builder.Ids.Ids);
    }

    /// <summary>An HTTP response body: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
