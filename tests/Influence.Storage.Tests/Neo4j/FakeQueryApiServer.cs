using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>One request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? Affinity, string Body)
{
    private JsonDocument? _json;

    /// <summary>The body parsed as JSON (empty object when the body is empty).</summary>
    public JsonElement Json => (_json ??= JsonDocument.Parse(Body.Length == 0 ? "{}" : Body)).RootElement;

    public string? Statement => Json.TryGetProperty("statement", out var s) ? s.GetString() : null;

    public string? AccessMode => Json.TryGetProperty("accessMode", out var s) ? s.GetString() : null;

    public JsonElement Parameters => Json.TryGetProperty("parameters", out var p) ? p : default;
}

/// <summary>What the fake server answers.</summary>
public sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Ok(string body) => new(202, body);

    /// <summary>A documented Query API error body (status 202 on purpose: errors must be found in the body).</summary>
    public static FakeResponse Error(string code, string message, int status = 202) =>
        new(status, $$"""{"errors":[{"code":"{{code}}","message":"{{message}}"}]}""");

    /// <summary>A result with one row per entry of <paramref name="rows"/> (values already JSON).</summary>
    public static FakeResponse Rows(string[] fields, params string[][] rows) =>
        Ok($$"""{"data":{"fields":[{{string.Join(",", fields.Select(f => $"\"{f}\""))}}],"values":[{{string.Join(",", rows.Select(r => "[" + string.Join(",", r) + "]"))}}]},"bookmarks":["FB:test"]}""");
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on a free port) that records every request and answers
/// with documented Query API bodies chosen by a handler: the client is tested over real sockets.
/// </summary>
public sealed class FakeQueryApiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, FakeResponse> _handler;
    private readonly Task _loop;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeQueryApiServer(Func<RecordedRequest, FakeResponse> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>A server answering the scripted responses in order (the last one repeats).</summary>
    public static FakeQueryApiServer Scripted(params FakeResponse[] responses)
    {
        int next = 0;
        return new FakeQueryApiServer(_ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)]);
    }

    public int Port { get; }

    public string Uri => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>A port nobody listens on (taken from the OS, then released).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    body = await reader.ReadToEndAsync();
                var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                    context.Request.Headers["Authorization"], context.Request.Headers["neo4j-cluster-affinity"], body);
                _requests.Enqueue(request);
                FakeResponse response;
                try
                {
                    response = _handler(request);
                }
                catch (Exception e)
                {
                    response = new FakeResponse(500, $$"""{"errors":[{"code":"Test.HandlerFailed","message":{{JsonSerializer.Serialize(e.Message)}}}]}""");
                }
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = "application/json";
                foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[k] = v;
                byte[] bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // Client went away; keep serving.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
