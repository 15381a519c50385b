using System.Globalization;
using System.Text.Json;
using Influence.Core.Graph;
using Influence.Core.IO;
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
public sealed class Neo4jInfluenceStore : IInfluenceStore
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

    // ---------------------------------------------------------------- ingest

    /// <inheritdoc />
    /// <remarks>
    /// Same rules as the embedded store: follows first, then unfollows, then interactions; a repeated pair
    /// (or interaction key) inside the batch counts as unchanged. All requests of the batch share one
    /// explicit transaction (committed at the end, rolled back on any failure, retried whole on
    /// transient errors such as deadlocks).
    /// </remarks>
    public async Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = IngestValidator.Validate(batch);
        if (errors.Count > 0) throw new StoreValidationException(errors);
        if (batch.Count == 0) return new IngestResult(0, 0, 0, 0);

        var follows = DistinctBy(batch.Follows, static f => (f.Source, f.Target));
        var unfollows = DistinctBy(batch.Unfollows, static u => (u.Source, u.Target));
        var interactions = DistinctBy(batch.Interactions, static r => (r.Source, r.Target, r.Kind, r.Timestamp));
        var accountSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in follows) { accountSet.Add(f.Source); accountSet.Add(f.Target); }
        foreach (var r in interactions) { accountSet.Add(r.Source); accountSet.Add(r.Target); }
        string[] accounts = [.. accountSet];
        // One lock order for every writer: concurrent batches touching the same accounts wait instead of deadlocking.
        Array.Sort(accounts, StringComparer.Ordinal);

        var (followsAdded, unfollowed, interactionsAdded) = await _client.ExecuteInTransactionAsync(async (tx, ct) =>
        {
            for (int start = 0; start < accounts.Length; start += _nodeBatch)
            {
                int count = Math.Min(_nodeBatch, accounts.Length - start);
                using var _ = await tx.RunAsync(CypherScripts.Get("store/merge-accounts"),
                    new CypherParameters { { "ids", new ArraySegment<string>(accounts, start, count) } }, ct).ConfigureAwait(false);
            }
            long added = await RunBatchesAsync(tx, "store/merge-follows", "added", follows.Count,
                (w, i) => Neo4jRows.WriteFollow(w, follows[i]), ct).ConfigureAwait(false);
            long ended = await RunBatchesAsync(tx, "store/end-follows", "ended", unfollows.Count,
                (w, i) => Neo4jRows.WriteUnfollow(w, unfollows[i]), ct).ConfigureAwait(false);
            long interacted = await RunBatchesAsync(tx, "store/merge-interactions", "added", interactions.Count,
                (w, i) => Neo4jRows.WriteInteraction(w, interactions[i]), ct).ConfigureAwait(false);
            return (checked((int)added), checked((int)ended), checked((int)interacted));
        }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);

        int unchanged = batch.Count - followsAdded - unfollowed - interactionsAdded;
        return new IngestResult(followsAdded, unfollowed, interactionsAdded, unchanged);
    }

    private async Task<long> RunBatchesAsync(Neo4jTransaction tx, string script, string sumField, int rows,
        Action<Utf8JsonWriter, int> writeRow, CancellationToken ct)
    {
        long total = 0;
        for (int start = 0; start < rows; start += _relationshipBatch)
        {
            int count = Math.Min(_relationshipBatch, rows - start);
            using var result = await tx.RunAsync(CypherScripts.Get(script),
                new CypherParameters { { "rows", new RowsParameter(start, count, writeRow) } }, ct).ConfigureAwait(false);
            if (result.RowCount > 0 && !result.Row(0).IsNull(sumField)) total += result.Row(0).GetInt64(sumField);
        }
        return total;
    }

    private static List<T> DistinctBy<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key) where TKey : notnull
    {
        var seen = new HashSet<TKey>(items.Count);
        var list = new List<T>(items.Count);
        for (int i = 0; i < items.Count; i++)
            if (seen.Add(key(items[i]))) list.Add(items[i]);
        return list;
    }

    // ---------------------------------------------------------------- graph

    /// <inheritdoc />
    /// <remarks>
    /// Pass 1 pages account ids in id order (<see cref="Neo4jOptions.BatchSize"/> per request, keyset paging),
    /// so dense ids follow id order; pass 2 reads the active follows and the interactions of each page's id
    /// range. Accounts created meanwhile by a concurrent ingest are appended.
    /// </remarks>
    public async Task<InfluenceInput> ReadGraphAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        long accountCount;
        using (var count = await _client.RunAsync(CypherScripts.Get("store/count-accounts"), null, Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false))
            accountCount = count.Single().GetInt64("accounts");
        if (accountCount > Array.MaxLength)
            throw new InvalidOperationException($"Graph too large for the in-memory kernel: {accountCount} accounts.");

        var ids = new IdMap((int)accountCount);
        var pages = new List<(string From, string To)>();
        string after = "";
        double total = Math.Max(1, accountCount) * 2.0;
        while (true)
        {
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-account-ids"),
                new CypherParameters { { "after", after }, { "limit", _nodeBatch } }, Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false);
            if (page.RowCount == 0) break;
            string? first = null;
            foreach (var row in page.Rows)
            {
                string id = row.GetString("id") ?? throw new InvalidDataException("Neo4j holds an :Account without an id.");
                first ??= id;
                after = id;
                ids.GetOrAdd(id);
            }
            pages.Add((first!, after));
            progress?.Report(Math.Min(0.5, ids.Count / total));
            if (page.RowCount < _nodeBatch) break;
        }

        var builder = new GraphBuilder(ids, weighted: false, edgeCapacity: Math.Max(16, ids.Count));
        var resolver = new IdResolver(ids);
        var log = new InteractionLog(Math.Max(16, ids.Count));
        for (int p = 0; p < pages.Count; p++)
        {
            var (from, to) = pages[p];
            var range = new CypherParameters { { "from", from }, { "to", to } };
            using (var follows = await _client.RunAsync(CypherScripts.Get("store/read-follows"), range, Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in follows.Rows)
                {
                    int source = resolver.Resolve(row["source"]);
                    foreach (var target in row["targets"].EnumerateArray())
                        builder.AddEdge(source, resolver.Resolve(target));
                }
            }
            using (var interactions = await _client.RunAsync(CypherScripts.Get("store/read-interactions"), range, Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in interactions.Rows)
                {
                    var kind = ParseKind(row["kind"])
                        ?? throw new InvalidDataException($"Neo4j holds an INTERACTED relationship from '{row.GetString("source")}' with unknown kind '{row.GetString("kind")}'.");
                    log.Add(resolver.Resolve(row["source"]), resolver.Resolve(row["target"]), kind,
                        row.IsNull("at") ? InteractionLog.NoTimestamp : row.GetInt64("at"),
                        row.IsNull("weight") ? 1.0 : row.GetDouble("weight"),
                        row.GetDouble("stance"));
                }
            }
            progress?.Report(0.5 + 0.5 * (p + 1) / pages.Count);
        }
        var graph = builder.Build(ids.Count);
        progress?.Report(1.0);
        return new InfluenceInput(ids, graph, log);
    }

    private static readonly byte[][] s_kindNamesUtf8 =
        [.. InteractionKinds.All.Select(k => System.Text.Encoding.UTF8.GetBytes(InteractionKinds.Name(k)))];

    /// <summary>The stored kind name (as the store writes it) without allocating; other spellings via <see cref="InteractionKinds.TryParse"/>.</summary>
    private static InteractionKind? ParseKind(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        for (int k = 0; k < s_kindNamesUtf8.Length; k++)
            if (value.ValueEquals(s_kindNamesUtf8[k])) return InteractionKinds.All[k];
        return InteractionKinds.TryParse(value.GetString(), out var kind) ? kind : null;
    }

    /// <summary>
    /// Dense id of an account id held in a JSON string, read from the UTF-8 bytes into a reused char
    /// buffer: a known id costs no allocation (the read path touches every edge).
    /// </summary>
    private sealed class IdResolver(IdMap ids)
    {
        private char[] _buffer = new char[256];

        public int Resolve(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"Neo4j returned {value.ValueKind} where an account id (string) was expected.");
            ReadOnlySpan<byte> raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
            raw = raw[1..^1];   // the quotes
            if (raw.IndexOf((byte)'\\') >= 0) return ids.GetOrAdd(value.GetString()!);   // escaped: let the parser unescape
            if (_buffer.Length < raw.Length) _buffer = new char[Math.Max(raw.Length, _buffer.Length * 2)];
            int length = System.Text.Encoding.UTF8.GetChars(raw, _buffer);
            return ids.GetOrAdd(_buffer.AsSpan(0, length));
        }
    }

    // ---------------------------------------------------------------- runs

    /// <inheritdoc />
    public async Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/begin-run"),
            new CypherParameters { { "startedAt", DateTimeOffset.UtcNow }, { "parameters", parametersJson } },
            Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
        return ReadRunInfo(result.Single());
    }

    /// <inheritdoc />
    /// <remarks>
    /// Steps: per-run results keyed by run id (batched, invisible to the store's readers), the GDS-style
    /// write-back onto <c>:Account</c> and the written-back DEFENDS / CRITICISES links, then the flip (run
    /// completed + latestRun pointer, one statement), then deletion of per-run results older than the
    /// previous latest run. <see cref="LoadLatestRunAsync"/> returns the previous run until the flip.
    /// </remarks>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    /// <exception cref="ArgumentException">The result is inconsistent (nothing written).</exception>
    public async Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RunResultShape.Validate(result);
        CheckFinitePerKind(result.ReceivedByKind, nameof(result.ReceivedByKind));
        CheckFinitePerKind(result.GivenByKind, nameof(result.GivenByKind));
        await RequireRunningAsync(runId, cancellationToken).ConfigureAwait(false);

        int n = result.Accounts.Length;
        double total = Math.Max(1.0, 2.0 * n + 2.0 * (result.Defenders.Length + result.Critics.Length) + result.Communities.Length);
        double done = 0;
        void Advance(double amount)
        {
            done += amount;
            progress?.Report(Math.Min(1.0, done / total));
        }

        // A crashed earlier attempt may have left part of this run's results behind.
        await DeleteRunResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        var run = new CypherParameters { { "run", runId } };
        await RunAutoBatchesAsync("store/store-account-results", runId, n, _nodeBatch,
            (w, i) => Neo4jRows.WriteAccountResult(w, result, i), Advance, cancellationToken).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-defender-links", runId, result.Defenders.Length, _relationshipBatch,
            (w, i) => Neo4jRows.WriteLink(w, result.Defenders[i], null, i), Advance, cancellationToken).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-critic-links", runId, result.Critics.Length, _relationshipBatch,
            (w, i) => Neo4jRows.WriteLink(w, result.Critics[i], null, i), Advance, cancellationToken).ConfigureAwait(false);
        await RunAutoBatchesAsync("store/store-communities", runId, result.Communities.Length, _nodeBatch,
            (w, i) => Neo4jRows.WriteCommunity(w, result.Communities[i], i), Advance, cancellationToken).ConfigureAwait(false);

        // Write-back for Cypher users (the same figures as :Account properties and account-to-account links)
        // happens before the flip: if it fails, the run is not completed and the caller fails it, instead of
        // a completed run whose projection silently lags. Skipped when a newer run already completed.
        long? latestBefore;
        using (var latest = await _client.RunAsync(CypherScripts.Get("store/latest-run-id"), null, Neo4jAccessMode.Read, cancellationToken)
                   .ConfigureAwait(false))
            latestBefore = latest.RowCount == 0 || latest.Row(0).IsNull("latestRun") ? null : latest.Row(0).GetInt64("latestRun");
        if (latestBefore is null || latestBefore < runId)
        {
            await RunAutoBatchesAsync("store/write-back-accounts", runId, n, _nodeBatch,
                (w, i) => Neo4jRows.WriteAccountResult(w, result, i), Advance, cancellationToken).ConfigureAwait(false);
            await RunUntilZeroAsync("store/clear-old-links", run, cancellationToken).ConfigureAwait(false);
            var ids = result.AccountIds;
            await RunAutoBatchesAsync("store/write-back-defenders", runId, result.Defenders.Length, _relationshipBatch,
                (w, i) => Neo4jRows.WriteLink(w, result.Defenders[i], ids, -1), Advance, cancellationToken).ConfigureAwait(false);
            await RunAutoBatchesAsync("store/write-back-critics", runId, result.Critics.Length, _relationshipBatch,
                (w, i) => Neo4jRows.WriteLink(w, result.Critics[i], ids, -1), Advance, cancellationToken).ConfigureAwait(false);
        }

        RunInfo info;
        long? previousLatest;
        bool isLatest;
        using (var flip = await _client.RunAsync(CypherScripts.Get("store/complete-run"), new CypherParameters
               {
                   { "run", runId },
                   { "completedAt", DateTimeOffset.UtcNow },
                   { "summary", JsonSerializer.Serialize(result.Summary, Neo4jJsonContext.Default.AnalysisSummary) },
                   { "thresholds", JsonSerializer.Serialize(new Dictionary<string, double>(result.Thresholds.Values), Neo4jJsonContext.Default.DictionaryStringDouble) },
                   { "accounts", n },
               }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            if (flip.RowCount == 0)
                throw new InvalidOperationException($"Run {runId} stopped running while its results were written (failed elsewhere?): not completed.");
            var row = flip.Single();
            info = ReadRunInfo(row);
            previousLatest = row.IsNull("previousLatest") ? null : row.GetInt64("previousLatest");
            isLatest = row.GetInt64("latestRun") == runId;
        }

        if (isLatest)
        {
            // Housekeeping after the run is complete must not turn a completed run into an error: a failure
            // here leaves old per-run results behind, and the next completion prunes them.
            try
            {
                // Keep this run and the previous latest (a reader may still be on it); drop older per-run results.
                await PruneAsync(previousLatest ?? runId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Neo4jQueryException or StoreUnavailableException or OperationCanceledException)
            {
            }
        }
        progress?.Report(1.0);
        return info;
    }

    private static void CheckFinitePerKind(double[] values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Invalid analysis result: {name}[{i}] is {values[i]}; per-kind engagement must be finite.", "result");
    }

    private async Task RunAutoBatchesAsync(string script, long runId, int rows, int batchSize,
        Action<Utf8JsonWriter, int> writeRow, Action<double> advance, CancellationToken ct)
    {
        string statement = CypherScripts.Get(script);
        for (int start = 0; start < rows; start += batchSize)
        {
            int count = Math.Min(batchSize, rows - start);
            using var _ = await _client.RunAsync(statement,
                new CypherParameters { { "run", runId }, { "rows", new RowsParameter(start, count, writeRow) } },
                Neo4jAccessMode.Write, ct).ConfigureAwait(false);
            advance(count);
        }
    }

    private async Task RunUntilZeroAsync(string script, CypherParameters baseParameters, CancellationToken ct)
    {
        string statement = CypherScripts.Get(script);
        while (true)
        {
            var parameters = new CypherParameters();
            foreach (var (k, v) in baseParameters) parameters.Add(k, v);
            parameters.Add("limit", _nodeBatch);
            using var result = await _client.RunAsync(statement, parameters, Neo4jAccessMode.Write, ct).ConfigureAwait(false);
            if (result.RowCount == 0 || result.Row(0).GetInt64("deleted") == 0) return;
        }
    }

    private Task DeleteRunResultsAsync(long runId, CancellationToken ct) =>
        RunUntilZeroAsync("store/delete-run-results", new CypherParameters { { "run", runId } }, ct);

    private async Task PruneAsync(long keepFrom, CancellationToken ct)
    {
        var prunable = new List<long>();
        using (var result = await _client.RunAsync(CypherScripts.Get("store/prunable-runs"),
                   new CypherParameters { { "keepFrom", keepFrom } }, Neo4jAccessMode.Read, ct).ConfigureAwait(false))
        {
            foreach (var row in result.Rows) prunable.Add(row.GetInt64("id"));
        }
        foreach (long old in prunable)
        {
            await DeleteRunResultsAsync(old, ct).ConfigureAwait(false);
            using var _ = await _client.RunAsync(CypherScripts.Get("store/mark-run-pruned"),
                new CypherParameters { { "run", old } }, Neo4jAccessMode.Write, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> RequireRunningAsync(long runId, CancellationToken ct)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/get-run"),
            new CypherParameters { { "run", runId } }, Neo4jAccessMode.Read, ct).ConfigureAwait(false);
        if (result.RowCount == 0) throw new KeyNotFoundException($"Run {runId} does not exist.");
        string state = result.Row(0).GetString("state") ?? "";
        if (state != "running")
            throw new InvalidOperationException($"Run {runId} is {state}, not running: it cannot be completed or failed again.");
        return state;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    public async Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await RequireRunningAsync(runId, cancellationToken).ConfigureAwait(false);
        using (var result = await _client.RunAsync(CypherScripts.Get("store/fail-run"),
                   new CypherParameters { { "run", runId }, { "error", error }, { "failedAt", DateTimeOffset.UtcNow } },
                   Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false))
        {
            if (result.RowCount == 0)
                throw new InvalidOperationException($"Run {runId} stopped running meanwhile: it cannot be failed.");
        }
        // Partial results of the failed run are of no use to anyone.
        await DeleteRunResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        using var _ = await _client.RunAsync(CypherScripts.Get("store/mark-run-pruned"),
            new CypherParameters { { "run", runId } }, Neo4jAccessMode.Write, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        using var result = await _client.RunAsync(CypherScripts.Get("store/list-runs"), null, Neo4jAccessMode.Read, cancellationToken)
            .ConfigureAwait(false);
        var runs = new List<RunInfo>(result.RowCount);
        foreach (var row in result.Rows) runs.Add(ReadRunInfo(row));
        return runs;
    }

    /// <inheritdoc />
    public async Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default)
    {
        RunInfo info;
        int n;
        string? thresholdsJson;
        using (var latest = await _client.RunAsync(CypherScripts.Get("store/latest-run"), null, Neo4jAccessMode.Read, cancellationToken)
                   .ConfigureAwait(false))
        {
            if (latest.RowCount == 0) return null;
            var row = latest.Row(0);
            info = ReadRunInfo(row);
            n = row.IsNull("accounts") ? 0 : checked((int)row.GetInt64("accounts"));
            thresholdsJson = row.GetString("thresholds");
        }
        long runId = info.Id;

        var accountIds = new string[n];
        var accounts = new AccountMetrics[n];
        var received = new double[(long)n * InteractionKinds.Count];
        var given = new double[(long)n * InteractionKinds.Count];
        int expected = 0;
        for (int from = 0; from < n; from += _nodeBatch)
        {
            int to = Math.Min(n, from + _nodeBatch);
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-account-results"),
                new CypherParameters { { "run", runId }, { "from", from }, { "to", to } }, Neo4jAccessMode.Read, cancellationToken)
                .ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                int idx = checked((int)row.GetInt64("idx"));
                if (idx != expected)
                    throw new InvalidDataException($"Neo4j run {runId}: account results are not the dense ids 0..{n - 1} (found {idx} where {expected} was expected).");
                string account = row.GetString("account") ?? throw new InvalidDataException($"Neo4j run {runId}: account result {idx} has no account id.");
                var props = row["props"];
                accountIds[idx] = account;
                accounts[idx] = Neo4jRows.ReadMetrics(props, account, runId);
                Neo4jRows.ReadPerKind(props, "receivedByKind", received, idx);
                Neo4jRows.ReadPerKind(props, "givenByKind", given, idx);
                expected++;
            }
        }
        if (expected != n) throw new InvalidDataException($"Neo4j run {runId}: {expected} account results read, {n} recorded on the run.");

        var defenders = new List<(long Ord, DefenderLink Link)>();
        var critics = new List<(long Ord, DefenderLink Link)>();
        for (int from = 0; from < n; from += _nodeBatch)
        {
            using var page = await _client.RunAsync(CypherScripts.Get("store/read-links"),
                new CypherParameters { { "run", runId }, { "from", from }, { "to", Math.Min(n, from + _nodeBatch) } },
                Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                var props = row["props"];
                var link = Neo4jRows.ReadLink(checked((int)row.GetInt64("target")), checked((int)row.GetInt64("defender")), props);
                (row.GetString("type") == "CRITICISES" ? critics : defenders).Add((Neo4jRows.Ord(props), link));
            }
        }
        defenders.Sort(CompareLinks);
        critics.Sort(CompareLinks);

        var communities = new List<(long Ord, CommunitySummary Community)>();
        using (var page = await _client.RunAsync(CypherScripts.Get("store/read-communities"),
                   new CypherParameters { { "run", runId } }, Neo4jAccessMode.Read, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows) communities.Add((Neo4jRows.Ord(row["props"]), Neo4jRows.ReadCommunity(row["props"])));
        }
        communities.Sort(static (a, b) => a.Ord.CompareTo(b.Ord));

        var thresholds = thresholdsJson is null
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize(thresholdsJson, Neo4jJsonContext.Default.DictionaryStringDouble) ?? [];
        var result = new InfluenceAnalysisResult
        {
            AccountIds = accountIds,
            Accounts = accounts,
            ReceivedByKind = received,
            GivenByKind = given,
            Thresholds = new RoleThresholds(thresholds),
            Defenders = [.. defenders.Select(static d => d.Link)],
            Critics = [.. critics.Select(static d => d.Link)],
            Communities = [.. communities.Select(static c => c.Community)],
            Summary = info.Summary ?? new AnalysisSummary(),
        };
        return (info, result);
    }

    /// <summary>The order of the stored result; without positions: by target, then strength descending, then defender.</summary>
    private static int CompareLinks((long Ord, DefenderLink Link) x, (long Ord, DefenderLink Link) y)
    {
        if (x.Ord != y.Ord) return x.Ord.CompareTo(y.Ord);
        var (a, b) = (x.Link, y.Link);
        int c = a.Target.CompareTo(b.Target);
        if (c != 0) return c;
        c = b.Strength.CompareTo(a.Strength);
        return c != 0 ? c : a.Defender.CompareTo(b.Defender);
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
