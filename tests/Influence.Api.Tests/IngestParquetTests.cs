using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Parquet;
using Parquet.Schema;

namespace Influence.Api.Tests;

/// <summary>Parquet ingest bodies: by media type or by magic bytes, the same rules and all-or-nothing answers as the text bodies.</summary>
public sealed class IngestParquetTests(IngestFixture fixture) : IClassFixture<IngestFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateKeyedClient();

    /// <summary>A small Parquet file (Parquet.Net) with string source/target and the given extra columns, row groups of two rows.</summary>
    private static async Task<byte[]> ParquetAsync(string?[] sources, string?[] targets, (DataField Field, Array Values)[]? extra = null)
    {
        var source = new DataField<string>("source");
        var target = new DataField<string>("target");
        extra ??= [];
        using var stream = new MemoryStream();
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema([source, target, .. extra.Select(e => e.Field)]), stream))
        {
            for (int from = 0; from < sources.Length; from += 2)
            {
                int to = Math.Min(sources.Length, from + 2);
                using ParquetRowGroupWriter group = writer.CreateRowGroup();
                await group.WriteAsync(source, sources[from..to]);
                await group.WriteAsync(target, targets[from..to]);
                foreach (var (field, values) in extra)
                {
                    switch (values)
                    {
                        case string?[] texts: await group.WriteAsync(field, texts[from..to]); break;
                        case long?[] numbers: await group.WriteAsync<long>(field, numbers[from..to]); break;
                        case double?[] reals: await group.WriteAsync<double>(field, reals[from..to]); break;
                    }
                }
            }
        }
        return stream.ToArray();
    }

    private static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private async Task<InfluenceInput> StoredAsync() => await fixture.Store.ReadGraphAsync();

    [Theory]
    [InlineData("application/vnd.apache.parquet", "pq-a")]
    [InlineData("application/octet-stream", "pq-b")]
    [InlineData("text/csv", "pq-c")] // a Parquet body is known by its bytes whatever the type says
    public async Task Follows_as_parquet_are_stored_with_their_times_and_idempotent(string mediaType, string prefix)
    {
        byte[] body = await ParquetAsync([$"@{prefix}1", $"@{prefix}2", $"@{prefix}3"], [$"@{prefix}2", $"@{prefix}1", $"@{prefix}1"],
            [(new DataField<long?>("since"), new long?[] { 1_700_000_000, null, 1_700_000_500 })]);
        using var first = await _client.PostAsync("/api/v1/ingest/follows", Body(body, mediaType));
        Assert.Equal(3, (await HttpAssert.OkAsync<IngestResultDto>(first)).FollowsAdded);
        using var again = await _client.PostAsync("/api/v1/ingest/follows", Body(body, mediaType));
        Assert.Equal(3, (await HttpAssert.OkAsync<IngestResultDto>(again)).Unchanged);
        InfluenceInput graph = await StoredAsync();
        Assert.True(graph.Ids.TryGetNode($"@{prefix}3", out int three));
        Assert.True(graph.Ids.TryGetNode($"@{prefix}1", out int one));
        Assert.True(graph.Follows.HasEdge(three, one));
    }

    [Fact]
    public async Task Interactions_and_unfollows_as_parquet_take_the_csv_columns()
    {
        byte[] follows = await ParquetAsync(["@pu1"], ["@pu2"]);
        using var followed = await _client.PostAsync("/api/v1/ingest/follows", Body(follows, "application/vnd.apache.parquet"));
        Assert.Equal(1, (await HttpAssert.OkAsync<IngestResultDto>(followed)).FollowsAdded);
        byte[] unfollows = await ParquetAsync(["@pu1"], ["@pu2"], [(new DataField<long?>("at"), new long?[] { 1_700_000_900 })]);
        using var ended = await _client.PostAsync("/api/v1/ingest/unfollows", Body(unfollows, "application/vnd.apache.parquet"));
        Assert.Equal(1, (await HttpAssert.OkAsync<IngestResultDto>(ended)).Unfollowed);

        byte[] interactions = await ParquetAsync(["@pi1", "@pi2"], ["@pi2", "@pi1"],
        [
            (new DataField<string>("kind"), new string?[] { "retweet", "reply" }),
            (new DataField<long?>("timestamp"), new long?[] { 1_700_000_000, null }),
            (new DataField<double?>("stance"), new double?[] { -0.5, null }),
        ]);
        using var added = await _client.PostAsync("/api/v1/ingest/interactions", Body(interactions, "application/vnd.apache.parquet"));
        Assert.Equal(2, (await HttpAssert.OkAsync<IngestResultDto>(added)).InteractionsAdded);
        InfluenceInput graph = await StoredAsync();
        Assert.Contains(graph.Interactions.Kind.ToArray(), k => k == InteractionKind.Share);
    }

    [Fact]
    public async Task Bad_rows_are_all_listed_by_row_and_column_and_nothing_is_stored()
    {
        byte[] body = await ParquetAsync(["@pb1", "", "@pb3", "@pb4"], ["@pb2", "@pb1", "@pb1", "\u0001x"]);
        using var response = await _client.PostAsync("/api/v1/ingest/follows", Body(body, "application/vnd.apache.parquet"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "row 2.source");
        JsonElement errors = problem.GetProperty("errors");
        Assert.Equal("empty id", errors.GetProperty("row 2.source")[0].GetString());
        Assert.StartsWith("control character U+0001", errors.GetProperty("row 4.target")[0].GetString());
        Assert.DoesNotContain("@pb3", (await StoredAsync()).Ids.Ids);
    }

    [Fact]
    public async Task A_truncated_or_corrupt_parquet_body_is_a_clear_400_and_stores_nothing()
    {
        byte[] whole = await ParquetAsync(["@pc1", "@pc2", "@pc3", "@pc4"], ["@pc2", "@pc3", "@pc4", "@pc1"]);
        using var cut = await _client.PostAsync("/api/v1/ingest/follows", Body(whole[..(whole.Length / 2)], "application/vnd.apache.parquet"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(cut, "body");
        Assert.StartsWith("not a readable Parquet file (truncated, or its footer is damaged)", problem.GetProperty("errors").GetProperty("body")[0].GetString());

        // The second row group's pages overwritten (footer intact): the first group's good rows are not stored either.
        byte[] damaged = (byte[])whole.Clone();
        int footer = BitConverter.ToInt32(whole, whole.Length - 8) + 8;
        Array.Fill(damaged, (byte)0xFF, whole.Length - footer - 60, 40);
        using var corrupt = await _client.PostAsync("/api/v1/ingest/follows", Body(damaged, "application/vnd.apache.parquet"));
        JsonElement corruptProblem = await HttpAssert.ProblemAsync(corrupt, HttpStatusCode.BadRequest);
        Assert.Contains("corrupt or unreadable data in row group 2 of 2", corruptProblem.GetRawText());
        Assert.DoesNotContain("@pc1", (await StoredAsync()).Ids.Ids);

        // Parquet declared, text sent.
        using var text = await _client.PostAsync("/api/v1/ingest/follows", Body("source,target\n@pc1,@pc2\n"u8.ToArray(), "application/vnd.apache.parquet"));
        Assert.Contains("not a readable Parquet file", (await HttpAssert.ValidationProblemAsync(text, "body")).GetRawText());
    }
}
