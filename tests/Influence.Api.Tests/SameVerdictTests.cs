using System.Net;
using System.Net.Http.Json;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// One fixture (<see cref="SameVerdictFixture"/>) through the importer (CSV, JSON Lines and JSON array files) and the
/// API (each body format): the same rows are stored and the same rows refused, by the same field, whatever the way
/// in (issue 10: one row rule set). The CLI's <c>import</c> and <c>analyze</c> take the same fixture in the CLI tests.
/// </summary>
public sealed class SameVerdictTests : IAsyncLifetime
{
    private readonly InfluenceApiFactory _factory = new(demoAccounts: 0);
    private readonly string _dir = TestPaths.NewTempDirectory("influence-same");

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static async Task<List<string>> RowsAsync(IInfluenceStore store) => SameVerdictFixture.Rows(await store.ReadGraphAsync());

    [Fact]
    public async Task The_same_rows_are_stored_through_the_importer_and_every_body_format()
    {
        string jsonLines = SameVerdictFixture.JsonLines, jsonArray = SameVerdictFixture.JsonArray;
        await using var files = SqliteInfluenceStore.InDataDirectory(Path.Combine(_dir, "files"));
        await files.InitializeAsync();
        var importer = new Importer(files);
        foreach (var (name, text) in new[] { ("i.csv", SameVerdictFixture.Csv), ("i.jsonl", jsonLines), ("i.json", jsonArray) })
        {
            string path = Path.Combine(_dir, name);
            await File.WriteAllTextAsync(path, text);
            ImportResult imported = await importer.ImportAsync(new ImportRequest { InteractionsPath = path });
            Assert.Equal(name == "i.csv" ? 4 : 0, imported.InteractionsAdded);
            Assert.Equal(4, imported.RowsRead);
        }
        List<string> expected = await RowsAsync(files);
        Assert.Equal(SameVerdictFixture.Stored, expected);

        using HttpClient client = _factory.CreateKeyedClient();
        foreach (var (body, type) in new[] { (SameVerdictFixture.Csv, "text/csv"), (jsonLines, "application/x-ndjson"), (jsonArray, "application/json") })
        {
            using var response = await client.PostAsync("/api/v1/ingest/interactions", new StringContent(body, Encoding.UTF8, type));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            IngestResultDto result = (await response.Content.ReadFromJsonAsync<IngestResultDto>())!;
            Assert.Equal(type == "text/csv" ? (4, 0) : (0, 4), (result.InteractionsAdded, result.Unchanged));
        }
        Assert.Equal(expected, await RowsAsync(_factory.Services.GetRequiredService<IInfluenceStore>()));
    }

    [Fact]
    public async Task The_same_rows_are_refused_by_the_same_field_through_the_importer_and_every_body_format()
    {
        await using var files = SqliteInfluenceStore.InDataDirectory(Path.Combine(_dir, "bad"));
        await files.InitializeAsync();
        string path = Path.Combine(_dir, "bad.csv"), rejects = Path.Combine(_dir, "bad-rejects.csv");
        await File.WriteAllTextAsync(path, SameVerdictFixture.BadCsv);
        ImportResult imported = await new Importer(files).ImportAsync(new ImportRequest { InteractionsPath = path, SkipInvalid = true, RejectsPath = rejects });
        Assert.Equal(0, imported.InteractionsAdded);
        // rejects.csv: file,line,field,reason,raw_line (the path holds no comma).
        string[] importerVerdicts = [.. File.ReadAllLines(rejects).Skip(1).Select(l => l.Split(',')).Select(f => $"{f[1]}:{f[2]}")];
        Assert.Equal(SameVerdictFixture.BadVerdicts(csv: true), importerVerdicts);

        using HttpClient client = _factory.CreateKeyedClient();
        string jsonArray = "[\n" + string.Join(",\n", SameVerdictFixture.BadRows.Select(r => r.Json)) + "\n]";
        foreach (var (body, type, csv) in new[]
                 {
                     (SameVerdictFixture.BadCsv, "text/csv", true), (SameVerdictFixture.BadJsonLines, "application/x-ndjson", false),
                     (jsonArray, "application/json", false),
                 })
        {
            using var response = await client.PostAsync("/api/v1/ingest/interactions", new StringContent(body, Encoding.UTF8, type));
            JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            // Keys: "line 2.timestamp" (CSV, JSON Lines) or "[0].timestamp" (JSON array element 0 = row 1).
            string[] verdicts = [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Select(ApiVerdict)];
            Assert.Equal(SameVerdictFixture.BadVerdicts(csv), verdicts);
        }
        Assert.Empty(await RowsAsync(_factory.Services.GetRequiredService<IInfluenceStore>()));
    }

    private static string ApiVerdict(string key)
    {
        int dot = key.LastIndexOf('.');
        string row = key[..dot], field = key[(dot + 1)..];
        long line = row.StartsWith('[') ? long.Parse(row[1..^1], CultureInfo.InvariantCulture) + 1 : long.Parse(row["line ".Length..], CultureInfo.InvariantCulture);
        return $"{line}:{field}";
    }
}
