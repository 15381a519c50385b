using System.Net;
using System.Text.Json.Nodes;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Influence.Tests.Shared;
using Parquet;

namespace Influence.Api.Tests;

/// <summary>The served run's tables as streamed Parquet downloads, and every way a download request can be wrong.</summary>
public sealed class DownloadTests(AnalysedServiceFixture service) : IClassFixture<AnalysedServiceFixture>
{
    private async Task<byte[]> DownloadAsync(string table)
    {
        using HttpClient client = service.CreateClient();
        using HttpResponseMessage response = await client.GetAsync($"/api/v1/runs/{service.Summary.Run.Id}/{table}.parquet");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"run-{service.Summary.Run.Id}-{table}.parquet", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan(0, 4).SequenceEqual("PAR1"u8) && bytes.AsSpan(bytes.Length - 4).SequenceEqual("PAR1"u8));
        return bytes;
    }

    [Fact]
    public async Task Accounts_download_holds_every_account_of_the_served_run_with_the_csv_columns()
    {
        byte[] bytes = await DownloadAsync("accounts");
        await using ParquetReader reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        Assert.Equal(ResultTables.AccountColumns, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(service.Summary.Summary.Nodes, reader.RowGroups.Sum(g => g.RowCount));

        // The figures are the ones the JSON API serves for the same account.
        var ids = new ReadOnlyMemory<char>?[reader.RowGroups[0].RowCount];
        await reader.RowGroups[0].ReadAsync<ReadOnlyMemory<char>>(reader.Schema.FindDataField("id"), ids);
        var followers = new long[ids.Length];
        await reader.RowGroups[0].ReadAsync<long>(reader.Schema.FindDataField("followers"), followers);
        using HttpClient client = service.CreateClient();
        string first = ids[0]!.Value.ToString();
        var profile = JsonNode.Parse(await client.GetStringAsync($"/api/v1/accounts/{Uri.EscapeDataString(first)}"))!;
        Assert.Equal(followers[0], (long)profile["followers"]!);
    }

    [Fact]
    public async Task Reasons_false_leaves_only_the_prose_out_and_a_bad_value_is_a_400()
    {
        using HttpClient client = service.CreateClient();
        string url = $"/api/v1/runs/{service.Summary.Run.Id}/accounts.parquet";
        byte[] lean = await client.GetByteArrayAsync(url + "?reasons=false");
        await using (ParquetReader reader = await ParquetReader.CreateAsync(new MemoryStream(lean)))
        {
            Assert.Equal(ResultTables.AccountColumns.SkipLast(1), reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.Equal(service.Summary.Summary.Nodes, reader.RowGroups.Sum(g => g.RowCount));
        }
        Assert.True(lean.Length < (await DownloadAsync("accounts")).Length, "the prose is left out");
        using HttpResponseMessage bad = await client.GetAsync(url + "?reasons=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableFact]
    public async Task Downloads_read_back_with_an_independent_parquet_implementation()
    {
        IndependentParquet.Require();
        string dir = TestPaths.NewTempDirectory("influence-api-parquet");
        string accounts = Path.Combine(dir, "accounts.parquet"), defenders = Path.Combine(dir, "defenders.parquet");
        await File.WriteAllBytesAsync(accounts, await DownloadAsync("accounts"));
        await File.WriteAllBytesAsync(defenders, await DownloadAsync("defenders"));
        Assert.Equal(service.Summary.Summary.Nodes, IndependentParquet.Read(accounts)["rows"]!.AsArray().Count);
        JsonObject links = IndependentParquet.Read(defenders);
        Assert.Equal(service.Summary.Summary.DefenderLinks, links["rows"]!.AsArray().Count);
        Assert.Equal(ResultTables.LinkColumns, links["columns"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task A_run_that_is_not_served_an_id_that_is_not_a_number_or_an_unknown_table_is_a_404()
    {
        using HttpClient client = service.CreateClient();
        long other = service.Summary.Run.Id + 1000;
        using (HttpResponseMessage response = await client.GetAsync($"/api/v1/runs/{other}/accounts.parquet"))
        {
            JsonElementAssert(await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound),
                $"Run {other} is not the run being served (run {service.Summary.Run.Id}, the latest completed one)");
        }
        using (HttpResponseMessage response = await client.GetAsync($"/api/v1/runs/{other}/defenders.parquet"))
            await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        using (HttpResponseMessage response = await client.GetAsync("/api/v1/runs/latest/accounts.parquet"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (HttpResponseMessage response = await client.GetAsync($"/api/v1/runs/{service.Summary.Run.Id}/critics.xlsx"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void JsonElementAssert(System.Text.Json.JsonElement problem, string detailStart) =>
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString());

    [Fact]
    public async Task Before_the_first_run_there_is_nothing_to_download_and_reads_can_need_the_key()
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 0,
            settings: new Dictionary<string, string?> { ["Influence:RequireKeyForReads"] = "true" });
        using HttpClient anonymous = factory.CreateClient();
        using (HttpResponseMessage response = await anonymous.GetAsync("/api/v1/runs/1/accounts.parquet"))
            await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        using HttpClient keyed = factory.CreateKeyedClient();
        using (HttpResponseMessage response = await keyed.GetAsync("/api/v1/runs/1/accounts.parquet"))
            JsonElementAssert(await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound), "No completed analysis run is available yet.");
    }
}
