using System.Text.Json;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

// Graph reads: accounts paged in id order, then the follows and interactions of each page.
public sealed partial class Neo4jInfluenceStore
{
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
                    foreach (var pair in row["targets"].EnumerateArray())
                    {
                        JsonElement since = pair[1];
                        builder.AddTimedEdge(source, resolver.Resolve(pair[0]), since.ValueKind == JsonValueKind.Number ? since.GetInt64() : null);
                    }
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
}
