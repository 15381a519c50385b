using System.Net;
using System.Net.Http.Json;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>
/// One fixture through every entry point (the importer with CSV, JSON Lines and JSON array files; the API
/// with each body format): the same rows are stored, whatever the way in (issue 10: one row rule set).
/// </summary>
public sealed class SameVerdictTests : IAsyncLifetime
{
    private const string Csv = """
        source,target,kind,timestamp,weight,stance
        007,7,reply,1700000000,1,0.5
        Émilie,@bob,RT,2024-05-01T12:00:00Z,2.5,
        @bob,Émilie,like,1700000000.9,1000000,-1
        "a,b",@bob,mention,,3,

        """;

    private static readonly string[] s_objects =
    [
        """{"source":"007","target":7,"kind":"reply","timestamp":1700000000,"weight":1,"stance":0.5}""",
        """{"source":"Émilie","target":"@bob","kind":"RT","timestamp":"2024-05-01T12:00:00Z","weight":"2.5","stance":null}""",
        """{"source":"@bob","target":"Émilie","kind":"Like","timestamp":1700000000.9,"weight":1e6,"stance":-1}""",
        """{"source":"a,b","target":"@bob","kind":"mention","weight":3}""",
    ];

    private readonly InfluenceApiFactory _factory = new(demoAccounts: 0);
    private readonly string _dir = TestPaths.NewTempDirectory("influence-same");

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static async Task<List<string>> RowsAsync(IInfluenceStore store)
    {
        InfluenceInput graph = await store.ReadGraphAsync();
        InteractionLog log = graph.Interactions;
        var rows = new List<string>();
        for (int i = 0; i < log.Count; i++)
            rows.Add($"{graph.Ids[log.Source[i]]}|{graph.Ids[log.Target[i]]}|{log.Kind[i]}|{log.Timestamp[i]}|{log.Weight[i]:R}|{log.Stance[i]:R}");
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Fact]
    public async Task The_same_rows_are_stored_through_the_importer_and_every_body_format()
    {
        string jsonLines = string.Join('\n', s_objects) + "\n";
        string jsonArray = "[\n" + string.Join(",\n", s_objects) + "\n]";
        await using var files = SqliteInfluenceStore.InDataDirectory(Path.Combine(_dir, "files"));
        await files.InitializeAsync();
        var importer = new Importer(files);
        foreach (var (name, text) in new[] { ("i.csv", Csv), ("i.jsonl", jsonLines), ("i.json", jsonArray) })
        {
            string path = Path.Combine(_dir, name);
            await File.WriteAllTextAsync(path, text);
            ImportResult imported = await importer.ImportAsync(new ImportRequest { InteractionsPath = path });
            Assert.Equal(name == "i.csv" ? 4 : 0, imported.InteractionsAdded);
            Assert.Equal(4, imported.RowsRead);
        }
        List<string> expected = await RowsAsync(files);
        Assert.Equal(4, expected.Count);
        Assert.Contains("007|7|Reply|1700000000|1|0.5", expected);
        Assert.Contains("@bob|Émilie|Like|1700000000|1000000|-1", expected);

        using HttpClient client = _factory.CreateKeyedClient();
        foreach (var (body, type) in new[] { (Csv, "text/csv"), (jsonLines, "application/x-ndjson"), (jsonArray, "application/json") })
        {
            using var response = await client.PostAsync("/api/v1/ingest/interactions", new StringContent(body, Encoding.UTF8, type));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            IngestResultDto result = (await response.Content.ReadFromJsonAsync<IngestResultDto>())!;
            Assert.Equal(type == "text/csv" ? (4, 0) : (0, 4), (result.InteractionsAdded, result.Unchanged));
        }
        Assert.Equal(expected, await RowsAsync(_factory.Services.GetRequiredService<IInfluenceStore>()));
    }
}
