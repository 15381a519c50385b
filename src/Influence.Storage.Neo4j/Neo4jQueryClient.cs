using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Influence.Storage.Neo4j;

/// <summary>Query API <c>accessMode</c>: reads may be routed to secondaries in a cluster.</summary>
public enum Neo4jAccessMode { Write, Read }

/// <summary>
/// The server answered with a non-empty <c>errors</c> array (or an HTTP failure without one).
/// <see cref="Code"/> is the Neo4j status code (e.g. <c>Neo.ClientError.Statement.SyntaxError</c>);
/// decisions are made on codes, never on messages.
/// </summary>
public sealed class Neo4jQueryException(string code, string serverMessage, string message, int httpStatus)
    : Exception(message)
{
    public string Code { get; } = code;
    public string ServerMessage { get; } = serverMessage;
    public int HttpStatus { get; } = httpStatus;

    /// <summary><c>Neo.TransientError.*</c> or an HTTP 502/503/504: worth retrying.</summary>
    public bool IsTransient => IsTransientCode(Code);

    internal static bool IsTransientCode(string code) =>
        code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)
        || code is "Http.502" or "Http.503" or "Http.504";
}

/// <summary>
/// A small client of the Neo4j HTTP Query API (<c>/db/{database}/query/v2</c>, Neo4j 5.26+): auto-commit
/// statements, explicit transactions with the cluster-affinity header, Basic authentication, bounded
/// exponential retries of transient errors, and one clear <see cref="StoreUnavailableException"/> when the
/// server cannot be reached or rejects the credentials.
/// </summary>
/// <remarks>
/// Every response body is read (errors can come with any status); responses are parsed from the stream
/// into one pooled <see cref="JsonDocument"/>. Request bodies are written straight to the request stream.
/// </remarks>
public sealed class Neo4jQueryClient : IDisposable
{
    /// <summary>Header the server sets on a new transaction; it must accompany every later request of it.</summary>
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _queryPath;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private string[] _bookmarks = [];

    /// <summary>Typed-client constructor: <paramref name="http"/> is configured here (base address, auth, timeout) and not disposed.</summary>
    public Neo4jQueryClient(HttpClient http, Neo4jOptions options) : this(http, options, ownsHttp: false, delay: null)
    {
    }

    internal Neo4jQueryClient(HttpClient http, Neo4jOptions options, bool ownsHttp, Func<TimeSpan, CancellationToken, Task>? delay)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        Options = options.EnsureValid();
        _http = http;
        _ownsHttp = ownsHttp;
        _delay = delay ?? Task.Delay;
        BaseUri = options.GetBaseUri();
        _http.BaseAddress = BaseUri;
        _http.Timeout = options.RequestTimeout;
        _http.DefaultRequestHeaders.Accept.Clear();
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.User is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        _queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
    }

    /// <summary>A client with its own <see cref="HttpClient"/> (disposed with this client).</summary>
    public static Neo4jQueryClient Create(Neo4jOptions options) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), options, ownsHttp: true, delay: null);

    public Neo4jOptions Options { get; }

    public Uri BaseUri { get; }

    /// <summary>Bookmarks of the last committed write; sent with later requests so reads see it.</summary>
    public IReadOnlyList<string> LastBookmarks => _bookmarks;

    /// <summary>Runs one statement in its own (auto-commit) transaction, retrying transient errors.</summary>
    /// <exception cref="Neo4jQueryException">The server reported an error (after retries when transient).</exception>
    /// <exception cref="StoreUnavailableException">Unreachable server or rejected credentials.</exception>
    public Task<Neo4jQueryResult> RunAsync(string statement, CypherParameters? parameters = null,
        Neo4jAccessMode accessMode = Neo4jAccessMode.Write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        parameters?.Validate();
        return WithRetriesAsync(async ct =>
        {
            var result = await SendAsync(HttpMethod.Post, _queryPath, statement, parameters, accessMode, affinity: null, ct)
                .ConfigureAwait(false);
            if (accessMode == Neo4jAccessMode.Write) RememberBookmarks(result);
            return result;
        }, cancellationToken);
    }

    /// <summary>Opens an explicit transaction (Neo4j 5.26+). Prefer <see cref="ExecuteInTransactionAsync{T}"/>, which retries.</summary>
    public async Task<Neo4jTransaction> BeginTransactionAsync(Neo4jAccessMode accessMode = Neo4jAccessMode.Write,
        CancellationToken cancellationToken = default)
    {
        var (result, affinity) = await SendWithHeadersAsync(HttpMethod.Post, _queryPath + "/tx", null, null, accessMode, null, cancellationToken)
            .ConfigureAwait(false);
        using (result)
        {
            string id = result.Transaction?.Id is { Length: > 0 } txId
                ? txId
                : throw new Neo4jQueryException("Influence.Protocol", "no transaction id",
                    $"Neo4j at {BaseUri} opened no transaction: the response has no transaction.id (the Query API needs Neo4j 5.26 or later for explicit transactions).", 0);
            return new Neo4jTransaction(this, id, affinity, accessMode);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one explicit transaction and commits it; rolls back on any failure.
    /// Transient failures (e.g. deadlocks) re-run the whole unit, up to <see cref="Neo4jOptions.MaxRetries"/> times.
    /// </summary>
    public Task<T> ExecuteInTransactionAsync<T>(Func<Neo4jTransaction, CancellationToken, Task<T>> work,
        Neo4jAccessMode accessMode = Neo4jAccessMode.Write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WithRetriesAsync(async ct =>
        {
            await using var tx = await BeginTransactionAsync(accessMode, ct).ConfigureAwait(false);
            T value = await work(tx, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return value;
        }, cancellationToken);
    }

    /// <summary>Reads the discovery document at <c>GET /</c> (no authentication needed): version and edition.</summary>
    public async Task<Neo4jServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, Neo4jJsonContext.Default.Neo4jServerInfo, cancellationToken).ConfigureAwait(false)
                ?? new Neo4jServerInfo();
        }
        catch (JsonException e)
        {
            throw new StoreUnavailableException($"{BaseUri} answered HTTP {(int)response.StatusCode} with a body that is not the Neo4j discovery document: is this a Neo4j HTTP port?", e);
        }
    }

    internal async Task<Neo4jQueryResult> RunInTransactionAsync(Neo4jTransaction tx, string pathSuffix, HttpMethod method,
        string? statement, CypherParameters? parameters, CancellationToken cancellationToken)
    {
        var (result, _) = await SendWithHeadersAsync(method, $"{_queryPath}/tx/{Uri.EscapeDataString(tx.Id)}{pathSuffix}",
            statement, parameters, null, tx.Affinity, cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal void RememberBookmarks(Neo4jQueryResult result)
    {
        if (result.Bookmarks.Count > 0) _bookmarks = [.. result.Bookmarks];
    }

    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        TimeSpan delay = Options.InitialRetryDelay;
        for (int retry = 0; ; retry++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jQueryException e) when (e.IsTransient && retry < Options.MaxRetries)
            {
                // Deadlocks, leader switches, a database still starting: the same request succeeds later.
                await _delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<Neo4jQueryResult> SendAsync(HttpMethod method, string path, string? statement,
        CypherParameters? parameters, Neo4jAccessMode accessMode, string? affinity, CancellationToken cancellationToken)
    {
        var (result, _) = await SendWithHeadersAsync(method, path, statement, parameters, accessMode, affinity, cancellationToken)
            .ConfigureAwait(false);
        return result;
    }

    /// <param name="accessMode">Null inside an open transaction: its mode and bookmarks were fixed when it began.</param>
    private async Task<(Neo4jQueryResult Result, string? Affinity)> SendWithHeadersAsync(HttpMethod method, string path,
        string? statement, CypherParameters? parameters, Neo4jAccessMode? accessMode, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Delete)
            request.Content = new QueryRequestContent(statement, parameters, accessMode, accessMode is null ? [] : _bookmarks);
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        string? newAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
        var result = await ParseAsync(response, cancellationToken).ConfigureAwait(false);
        return (result, newAffinity ?? affinity);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            string why = e.InnerException is SocketException se
                ? se.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused (is Neo4j running and is 7474 the HTTP port?)",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
                    SocketError.TimedOut => "the connection timed out",
                    _ => se.SocketErrorCode.ToString(),
                }
                : e.HttpRequestError switch
                {
                    HttpRequestError.NameResolutionError => "the host name does not resolve",
                    HttpRequestError.ConnectionError => "the connection failed",
                    HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                    _ => e.Message,
                };
            throw new StoreUnavailableException($"Neo4j at {BaseUri} is unreachable: {why}.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            string limit = Options.RequestTimeout >= TimeSpan.FromSeconds(1)
                ? $"{Options.RequestTimeout.TotalSeconds:0.#} s"
                : $"{Options.RequestTimeout.TotalMilliseconds:0} ms";
            throw new StoreUnavailableException($"Neo4j at {BaseUri} did not answer within {limit} (Neo4j:RequestTimeout).", e);
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw Unauthorized(null);
        }
        return response;
    }

    private StoreUnavailableException Unauthorized(Exception? inner) => new(
        Options.User is null
            ? $"Neo4j at {BaseUri} requires credentials: set Neo4j:User and Neo4j:Password (NEO4J_USER / NEO4J_PASSWORD)."
            : $"Neo4j at {BaseUri} rejected the credentials for user {Options.User}.", inner);

    private async Task<Neo4jQueryResult> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument? document = null;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Empty body (e.g. a rollback) or not JSON at all (a proxy's error page).
        }
        try
        {
            if (document is null)
            {
                if (response.IsSuccessStatusCode) return Empty(null);
                throw HttpFailure(status, null);
            }
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new Neo4jQueryException("Influence.Protocol", root.ValueKind.ToString(),
                    $"Neo4j at {BaseUri} answered HTTP {status} with a JSON {root.ValueKind} instead of an object.", status);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                throw ServerError(errors, status);
            if (!response.IsSuccessStatusCode) throw HttpFailure(status, root);
            return Read(document, root);
        }
        catch
        {
            document?.Dispose();
            throw;
        }
    }

    private static Neo4jQueryResult Empty(JsonDocument? document) =>
        new(document, [], default, 0, Neo4jCounters.None, [], null);

    private static Neo4jQueryResult Read(JsonDocument document, JsonElement root)
    {
        string[] fields = [];
        JsonElement values = default;
        int rows = 0;
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
            {
                fields = new string[f.GetArrayLength()];
                int i = 0;
                foreach (var name in f.EnumerateArray()) fields[i++] = name.GetString() ?? "";
            }
            if (data.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array)
            {
                values = v;
                rows = v.GetArrayLength();
            }
        }
        var counters = root.TryGetProperty("counters", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.Deserialize(Neo4jJsonContext.Default.Neo4jCounters) ?? Neo4jCounters.None
            : Neo4jCounters.None;
        string[] bookmarks = [];
        if (root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>(b.GetArrayLength());
            foreach (var item in b.EnumerateArray())
                if (item.GetString() is { } s) list.Add(s);
            bookmarks = [.. list];
        }
        Neo4jTransactionInfo? transaction = root.TryGetProperty("transaction", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.Deserialize(Neo4jJsonContext.Default.Neo4jTransactionInfo)
            : null;
        return new Neo4jQueryResult(document, fields, values, rows, counters, bookmarks, transaction);
    }

    private Exception ServerError(JsonElement errors, int status)
    {
        var list = errors.Deserialize(Neo4jJsonContext.Default.Neo4jErrorArray) ?? [];
        var first = list.Length > 0 ? list[0] : new Neo4jError(null, null);
        string code = first.Code ?? "Neo.Unknown";
        string serverMessage = first.Message ?? "";
        if (code is "Neo.ClientError.Security.Unauthorized")
            return Unauthorized(new Neo4jQueryException(code, serverMessage, serverMessage, status));
        if (code is "Neo.ClientError.Security.AuthenticationRateLimit")
            return new StoreUnavailableException($"Neo4j at {BaseUri} locked user {Options.User} out after too many failed logins; wait and check the password.");
        if (code is "Neo.ClientError.Database.DatabaseNotFound")
            return new StoreUnavailableException($"Neo4j at {BaseUri} has no database '{Options.Database}' (set Neo4j:Database / NEO4J_DATABASE).",
                new Neo4jQueryException(code, serverMessage, serverMessage, status));
        string more = list.Length > 1 ? $" (+{list.Length - 1} more error(s))" : "";
        return new Neo4jQueryException(code, serverMessage, $"Neo4j at {BaseUri} reported {code}: {serverMessage}{more}", status);
    }

    private Neo4jQueryException HttpFailure(int status, JsonElement? body)
    {
        string hint = status switch
        {
            404 => $" (no Query API at /{_queryPath}: it needs Neo4j 5.26 or later, or 5.19+ with QUERY_API_ENDPOINTS enabled)",
            _ => "",
        };
        string text = body?.GetRawText() is { } raw ? $": {Truncate(raw, 200)}" : "";
        return new Neo4jQueryException($"Http.{status}", text, $"Neo4j at {BaseUri} answered HTTP {status}{hint}{text}", status);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>Writes the request JSON straight into the request stream (no intermediate string).</summary>
    private sealed class QueryRequestContent : HttpContent
    {
        private readonly string? _statement;
        private readonly CypherParameters? _parameters;
        private readonly Neo4jAccessMode? _accessMode;
        private readonly string[] _bookmarks;

        public QueryRequestContent(string? statement, CypherParameters? parameters, Neo4jAccessMode? accessMode, string[] bookmarks)
        {
            _statement = statement;
            _parameters = parameters;
            _accessMode = accessMode;
            _bookmarks = bookmarks;
            Headers.ContentType = s_json;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            if (_statement is not null)
            {
                writer.WriteString("statement", _statement);
                if (_parameters is { Count: > 0 })
                {
                    writer.WritePropertyName("parameters");
                    _parameters.WriteTo(writer);
                }
                writer.WriteBoolean("includeCounters", true);
            }
            if (_accessMode is { } mode) writer.WriteString("accessMode", mode == Neo4jAccessMode.Read ? "Read" : "Write");
            if (_bookmarks.Length > 0)
            {
                writer.WriteStartArray("bookmarks");
                foreach (string b in _bookmarks) writer.WriteStringValue(b);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            await writer.FlushAsync().ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>
/// An open explicit transaction. Every request carries the <c>neo4j-cluster-affinity</c> header the
/// server gave at opening. Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public sealed class Neo4jTransaction : IAsyncDisposable
{
    private readonly Neo4jQueryClient _client;
    private bool _finished;

    internal Neo4jTransaction(Neo4jQueryClient client, string id, string? affinity, Neo4jAccessMode accessMode)
    {
        _client = client;
        Id = id;
        Affinity = affinity;
        AccessMode = accessMode;
    }

    public string Id { get; }

    /// <summary>Value of the <c>neo4j-cluster-affinity</c> response header at opening (null when absent).</summary>
    public string? Affinity { get; }

    public Neo4jAccessMode AccessMode { get; }

    /// <summary>Runs one statement inside the transaction. A server error ends the transaction (Neo4j rolls it back).</summary>
    public async Task<Neo4jQueryResult> RunAsync(string statement, CypherParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        ObjectDisposedException.ThrowIf(_finished, this);
        parameters?.Validate();
        try
        {
            return await _client.RunInTransactionAsync(this, "", HttpMethod.Post, statement, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jQueryException)
        {
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Commits; the bookmarks of the commit are remembered by the client.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        using var result = await _client.RunInTransactionAsync(this, "/commit", HttpMethod.Post, null, null, cancellationToken).ConfigureAwait(false);
        _client.RememberBookmarks(result);
    }

    /// <summary>Rolls back (DELETE); errors are ignored because the server may already have ended it.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        _finished = true;
        try
        {
            using var _ = await _client.RunInTransactionAsync(this, "", HttpMethod.Delete, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Neo4jQueryException or StoreUnavailableException or OperationCanceledException)
        {
            // The server rolls back on error and expires idle transactions: nothing left to undo.
        }
    }

    public async ValueTask DisposeAsync() => await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
}
