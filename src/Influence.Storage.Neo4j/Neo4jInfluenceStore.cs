using System.Globalization;
using System.Text.Json;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

/// <summary>
/// <see cref="IInfluenceStore"/> on Neo4j 5.26+ over the HTTP Query API. Model (see docs/neo4j.md):
/// <c>(:Account {id})</c>, <c>(:Account)-[:FOLLOWS {since, until, active}]-&gt;(:Account)</c>,
/// <c>(:Account)-[:INTERACTED {key, kind, at, weight, stance}]-&gt;(:Account)</c>, runs as
/// <c>(:AnalysisRun)</c>, per-run results as <c>(:AccountResult {run, idx})</c> / <c>(:CommunityResult)</c>
/// with <c>DEFENDS</c> / <c>CRITICISES</c> links between them, and the latest completed run written back
/// onto <c>:Account</c> (<c>pagerank</c>, <c>community</c>, <c>influence</c>, <c>role</c>, …) plus
/// <c>(:Account)-[:DEFENDS|CRITICISES]-&gt;(:Account)</c>. Every statement is a file of <c>cypher/</c>.
/// </summary>
public sealed partial class Neo4jInfluenceStore : IInfluenceStore
{
    private const string RunsState = "runs";
    private readonly Neo4jQueryClient _client;
    private readonly bool _ownsClient;
    private readonly int _nodeBatch;
    private readonly int _relationshipBatch;

    /// <summary>A store with its own client for <paramref name="options"/> (validated here).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public Neo4jInfluenceStore(Neo4jOptions options) : this(Neo4jQueryClient.Create(options), ownsClient: true)
    {
    }

    /// <summary>A store over an existing client (e.g. a typed <see cref="HttpClient"/> from DI).</summary>
    public Neo4jInfluenceStore(Neo4jQueryClient client, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        _nodeBatch = client.Options.BatchSize;
        _relationshipBatch = client.Options.RelationshipBatchSize;
    }

    /// <inheritdoc />
    public string Kind => "neo4j";

    /// <summary>The Query API client (for health checks: <see cref="Neo4jQueryClient.GetServerInfoAsync"/>).</summary>
    public Neo4jQueryClient Client => _client;

    /// <inheritdoc />
    /// <remarks>Runs every file of <c>cypher/schema/</c>, one statement per request (all are <c>IF NOT EXISTS</c>).</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        foreach (string name in CypherScripts.Schema)
        {
            using var _ = await _client.RunAsync(CypherScripts.Get(name), null, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/stats"), null, Neo4jAccessMode.Read, cancellationToken)
            .ConfigureAwait(false);
        var row = result.Single();
        return new StoreStats(row.GetInt64("accounts"), row.GetInt64("activeFollows"), row.GetInt64("interactions"), row.GetInt64("completedRuns"));
    }

    private static RunInfo ReadRunInfo(Neo4jRow row)
    {
        string? summaryJson = row.GetString("summary");
        return new RunInfo(
            row.GetInt64("id"),
            ParseInstant(row.GetString("startedAt")) ?? throw new InvalidDataException($"Neo4j run {row.GetInt64("id")} has no startedAt."),
            ParseInstant(row.GetString("completedAt")),
            row.GetString("state") ?? "unknown",
            row.GetString("parameters"),
            summaryJson is null ? null : JsonSerializer.Deserialize(summaryJson, Neo4jJsonContext.Default.AnalysisSummary))
        {
            Error = row.HasField("error") ? row.GetString("error") : null,
            Owner = row.HasField("owner") ? row.GetString("owner") : null,
            LeaseExpiresAt = row.HasField("leaseExpiresAt") ? ParseInstant(row.GetString("leaseExpiresAt")) : null,
        };
    }

    /// <summary>
    /// Parses Cypher's <c>toString(datetime)</c>: ISO-8601 with up to 9 fractional digits (.NET keeps 7) and
    /// an offset or a <c>[zone]</c> suffix.
    /// </summary>
    internal static DateTimeOffset? ParseInstant(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        int bracket = text.IndexOf('[');
        if (bracket >= 0) text = text[..bracket];
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsClient) _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
