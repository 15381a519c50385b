#:property PublishAot=false
#:property Nullable=enable
#:project ../../src/Influence.Storage.Neo4j/Influence.Storage.Neo4j.csproj
// Client-side cost of the Neo4j store, measured against a local HTTP server that answers like the Query
// API from pre-built bodies: what the service spends writing batches and parsing pages, NOT what a Neo4j
// server spends (no Neo4j runs here). Run from the repository root:
//   dotnet run cypher/tools/neo4j-client-bench.cs -- [accounts=200000] [followsPerAccount=10] [interactionsPerAccount=5]
// Prints follows/s and bytes/row on ingest, edges/s and allocated bytes/edge on ReadGraphAsync.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Neo4j;

int accounts = args.Length > 0 ? int.Parse(args[0]) : 200_000;
int followsPer = args.Length > 1 ? int.Parse(args[1]) : 10;
int interactionsPer = args.Length > 2 ? int.Parse(args[2]) : 5;
const int Page = 5_000;
string Id(int i) => $"user{i:D8}";
var random = new Random(42);

// ---- pre-built read responses: ids pages, follows and interactions per page
var idPages = new List<byte[]>();
var followPages = new List<byte[]>();
var interactionPages = new List<byte[]>();
for (int start = 0; start < accounts; start += Page)
{
    int end = Math.Min(accounts, start + Page);
    var ids = new StringBuilder("{\"data\":{\"fields\":[\"id\"],\"values\":[");
    var follows = new StringBuilder("{\"data\":{\"fields\":[\"source\",\"targets\"],\"values\":[");
    var interactions = new StringBuilder("{\"data\":{\"fields\":[\"source\",\"target\",\"kind\",\"at\",\"weight\",\"stance\"],\"values\":[");
    for (int i = start; i < end; i++)
    {
        if (i > start) { ids.Append(','); follows.Append(','); }
        ids.Append("[\"").Append(Id(i)).Append("\"]");
        follows.Append("[\"").Append(Id(i)).Append("\",[");
        for (int k = 0; k < followsPer; k++)
            follows.Append(k > 0 ? "," : "").Append('"').Append(Id(random.Next(accounts))).Append('"');
        follows.Append("]]");
        for (int k = 0; k < interactionsPer; k++)
        {
            if (i > start || k > 0) interactions.Append(',');
            interactions.Append("[\"").Append(Id(i)).Append("\",\"").Append(Id(random.Next(accounts)))
                .Append("\",\"reply\",").Append(1_700_000_000 + random.Next(1_000_000)).Append(",1.0,null]");
        }
    }
    idPages.Add(Encoding.UTF8.GetBytes(ids.Append("]}}").ToString()));
    followPages.Add(Encoding.UTF8.GetBytes(follows.Append("]}}").ToString()));
    interactionPages.Add(Encoding.UTF8.GetBytes(interactions.Append("]}}").ToString()));
}
var statementOf = CypherScripts.Names.ToDictionary(CypherScripts.Get, n => n);
byte[] Json(string s) => Encoding.UTF8.GetBytes(s);
long requestBytes = 0;

var probe = new TcpListener(IPAddress.Loopback, 0);
probe.Start();
int port = ((IPEndPoint)probe.LocalEndpoint).Port;
probe.Stop();
using var listener = new HttpListener();
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
_ = Task.Run(async () =>
{
    while (listener.IsListening)
    {
        HttpListenerContext context;
        try { context = await listener.GetContextAsync(); } catch { return; }
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        Interlocked.Add(ref requestBytes, body.Length);
        string path = context.Request.Url!.AbsolutePath;
        byte[] answer;
        if (path.EndsWith("/tx")) answer = Json("{\"transaction\":{\"id\":\"t1\"}}");
        else if (path.EndsWith("/commit") || context.Request.HttpMethod == "DELETE") answer = Json("{}");
        else
        {
            using var request = JsonDocument.Parse(body.ToArray());
            string statement = request.RootElement.GetProperty("statement").GetString()!;
            var p = request.RootElement.TryGetProperty("parameters", out var ps) ? ps : default;
            int PageOf(string id) => int.Parse(id.AsSpan(4)) / Page;
            answer = statementOf.GetValueOrDefault(statement) switch
            {
                "store/count-accounts" => Json($"{{\"data\":{{\"fields\":[\"accounts\"],\"values\":[[{accounts}]]}}}}"),
                "store/read-account-ids" when p.GetProperty("after").GetString() is "" => idPages[0],
                "store/read-account-ids" => PageOf(p.GetProperty("after").GetString()!) + 1 < idPages.Count
                    ? idPages[PageOf(p.GetProperty("after").GetString()!) + 1]
                    : Json("{\"data\":{\"fields\":[\"id\"],\"values\":[]}}"),
                "store/read-follows" => followPages[PageOf(p.GetProperty("from").GetString()!)],
                "store/read-interactions" => interactionPages[PageOf(p.GetProperty("from").GetString()!)],
                "store/merge-accounts" => Json("{}"),
                _ => Json("{\"data\":{\"fields\":[\"added\",\"ended\"],\"values\":[[0,0]]}}"),
            };
        }
        context.Response.ContentLength64 = answer.Length;
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }
});

await using var store = new Neo4jInfluenceStore(new Neo4jOptions { Uri = $"http://127.0.0.1:{port}", Password = "bench-password" });

// ---- ingest: one batch of follows + interactions, all requests of one explicit transaction
var followRecords = new FollowRecord[accounts * followsPer];
for (int i = 0; i < followRecords.Length; i++) followRecords[i] = new(Id(i / followsPer), Id(random.Next(accounts)), 1_600_000_000 + i);
var interactionRecords = new InteractionRecord[accounts * interactionsPer];
for (int i = 0; i < interactionRecords.Length; i++)
    interactionRecords[i] = new(Id(i / interactionsPer), Id(random.Next(accounts)), InteractionKind.Reply, 1_700_000_000 + i, 1, 0.5);
var batch = new IngestBatch(followRecords, [], interactionRecords);
await store.IngestAsync(new IngestBatch(followRecords[..1000], [], []));   // warm-up
requestBytes = 0;
var watch = Stopwatch.StartNew();
await store.IngestAsync(batch);
watch.Stop();
double rows = batch.Count;
Console.WriteLine($"ingest: {rows:N0} rows ({followRecords.Length:N0} follows + {interactionRecords.Length:N0} interactions) in {watch.Elapsed.TotalSeconds:F2} s = {rows / watch.Elapsed.TotalSeconds:N0} rows/s client-side; request JSON {requestBytes / rows:F0} bytes/row ({requestBytes / 1e6:F0} MB)");

// ---- read: pages of ids, follows and interactions into IdMap + GraphBuilder + InteractionLog
await store.ReadGraphAsync();   // warm-up
long allocated = GC.GetTotalAllocatedBytes(precise: true);
watch.Restart();
var input = await store.ReadGraphAsync();
watch.Stop();
allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
long edges = input.Follows.InputEdges + input.Interactions.Count;
long responseBytes = idPages.Sum(p => (long)p.Length) + followPages.Sum(p => (long)p.Length) + interactionPages.Sum(p => (long)p.Length);
Console.WriteLine($"read:   {input.Ids.Count:N0} accounts, {input.Follows.InputEdges:N0} follows, {input.Interactions.Count:N0} interactions in {watch.Elapsed.TotalSeconds:F2} s = {edges / watch.Elapsed.TotalSeconds:N0} edges/s client-side; response JSON {responseBytes / (double)edges:F0} bytes/edge; allocated {allocated / (double)edges:F0} bytes/edge (incl. graph arrays)");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; server = local HttpListener answering pre-built bodies (same process)");
listener.Stop();
