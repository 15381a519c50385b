using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage;

/// <summary>
/// The embedded store: one SQLite file (WAL mode) holding accounts, follows, interactions and the
/// results of every analysis run. See <see cref="SqliteSchema"/> for the tables.
/// </summary>
/// <remarks>
/// <para>Concurrency: every write goes through one writer connection guarded by a semaphore, in an
/// IMMEDIATE transaction (so another process writing the same file waits instead of failing half way).
/// Reads open their own pooled connection and run in one read transaction, so in WAL mode they see a
/// consistent snapshot and are never blocked by a writer: ingest while a run computes is safe, and
/// readers see the previous completed run until <see cref="CompleteRunAsync"/> commits.</para>
/// <para>Durability: <c>synchronous=NORMAL</c> (safe in WAL: a power cut may lose the last
/// transactions, never corrupt the file).</para>
/// <para>Semantics beyond the contract: a follow of a pair whose follow ended reactivates it unless both
/// times are known and the follow is not newer than the unfollow; an unfollow dated before the follow
/// began is ignored; within one batch follows are applied before unfollows. Interactions are keyed by
/// (source, target, kind, timestamp): a second row with the same key is the same interaction (carry
/// repeated untimed interactions as a count in <c>weight</c>). A run that fails or is cancelled while
/// its results are being written leaves nothing of them behind (one transaction). The latest run is
/// the completed run with the newest completion time.</para>
/// <para>Errors: an unknown run id throws <see cref="KeyNotFoundException"/>; completing or failing a
/// run that is not running throws <see cref="InvalidOperationException"/>; a file that is not a
/// SQLite database, or has a newer schema than this build knows, throws
/// <see cref="StoreUnavailableException"/>.</para>
/// </remarks>
public sealed class SqliteInfluenceStore : IInfluenceStore
{
    /// <summary>File name of the store inside a data directory.</summary>
    public const string DefaultFileName = "influence.db";

    /// <summary>The account key cache is dropped when it grows past this many ids (bounds memory).</summary>
    private const int AccountCacheLimit = 4_000_000;

    private const int ProgressEvery = 65_536;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, long> _accountKeys = new(StringComparer.Ordinal);
    private readonly List<string> _accountsAddedInTransaction = [];
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <summary>Opens (lazily, in <see cref="InitializeAsync"/>) the store file at <paramref name="databasePath"/>; its directory is created when missing.</summary>
    public SqliteInfluenceStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The store file <see cref="DefaultFileName"/> inside <paramref name="dataDirectory"/>.</summary>
    public static SqliteInfluenceStore InDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, DefaultFileName));

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public string Kind => "sqlite";

    /// <summary>Schema version of the open file (0 before <see cref="InitializeAsync"/>).</summary>
    public int SchemaVersion { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null) return;
            string? directory = Path.GetDirectoryName(DatabasePath);
            try
            {
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException($"SQLite store '{DatabasePath}': cannot create directory '{directory}': {ex.Message}", ex);
            }
            var connection = new SqliteConnection(_connectionString);
            try
            {
                connection.Open();
                string mode = Convert.ToString(Scalar(connection, null, "PRAGMA journal_mode=WAL;"), CultureInfo.InvariantCulture) ?? "";
                if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                    throw new StoreUnavailableException($"SQLite store '{DatabasePath}': WAL journal mode refused (got '{mode}').");
                // A 64 MB WAL before each automatic checkpoint (default 4 MB): checkpoints, and their fsyncs,
                // are what a bulk import waits for on a busy disk (500k follows: 25k/s → 89k/s wall).
                Execute(connection, null, """
                    PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;
                    PRAGMA wal_autocheckpoint=16384; PRAGMA journal_size_limit=67108864;
                    """ + BusyTimeoutPragma);
                SchemaVersion = Migrate(connection);
                _writer = connection;
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw new StoreUnavailableException($"SQLite store '{DatabasePath}' cannot be opened: {ex.Message}", ex);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private int Migrate(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        Execute(connection, tx, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );
            """);
        int current = Convert.ToInt32(Scalar(connection, tx, "SELECT coalesce(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
        if (current > SqliteSchema.LatestVersion)
            throw new StoreUnavailableException(
                $"SQLite store '{DatabasePath}' has schema version {current}, newer than this build supports ({SqliteSchema.LatestVersion}); upgrade Influence.");
        foreach (var migration in SqliteSchema.Migrations)
        {
            if (migration.Version <= current) continue;
            Execute(connection, tx, migration.Sql);
            using var record = Command(connection, tx,
                "INSERT INTO schema_version(version, description, applied_at) VALUES ($v, $d, $at);", "$v", "$d", "$at");
            record.Parameters[0].Value = migration.Version;
            record.Parameters[1].Value = migration.Description;
            record.Parameters[2].Value = FormatTime(DateTimeOffset.UtcNow);
            record.ExecuteNonQuery();
            current = migration.Version;
        }
        tx.Commit();
        return current;
    }

    // ---------------------------------------------------------------- ingest

    /// <inheritdoc />
    public async Task<IngestResult> IngestAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = IngestValidator.Validate(batch);
        if (errors.Count > 0) throw new StoreValidationException(errors);
        if (batch.Count == 0) return new IngestResult(0, 0, 0, 0);
        return await WriteAsync((c, _) => Ingest(c, batch, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rows per multi-row INSERT: one statement step per 64 rows instead of per row roughly halves the
    /// CPU time per follow (statement setup, not the B-tree, dominated). SQLite counts the changed rows of
    /// the whole statement, which is all <see cref="IngestResult"/> needs.
    /// </summary>
    private const int RowsPerStatement = 64;

    private static string FollowUpsertSql(int rows) => $"""
        INSERT INTO follows(source, target, since, until, active) VALUES {ValueRows(rows, 3, ", NULL, 1")}
        ON CONFLICT(source, target) DO UPDATE SET active = 1, since = excluded.since, until = NULL
        WHERE follows.active = 0
          AND (excluded.since IS NULL OR follows.until IS NULL OR excluded.since > follows.until);
        """;

    private static string InteractionInsertSql(int rows) => $"""
        INSERT INTO interactions(source, target, kind, timestamp, weight, stance) VALUES {ValueRows(rows, 6, "")}
        ON CONFLICT DO NOTHING;
        """;

    private static readonly string FollowUpsertOne = FollowUpsertSql(1), FollowUpsertMany = FollowUpsertSql(RowsPerStatement);
    private static readonly string InteractionInsertOne = InteractionInsertSql(1), InteractionInsertMany = InteractionInsertSql(RowsPerStatement);

    /// <summary><c>(?1, ?2, ?3{suffix}), (?4, ?5, ?6{suffix}), …</c></summary>
    private static string ValueRows(int rows, int parametersPerRow, string suffix)
    {
        var sb = new System.Text.StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            sb.Append('(');
            for (int p = 1; p <= parametersPerRow; p++)
            {
                if (p > 1) sb.Append(", ");
                sb.Append('?').Append((r * parametersPerRow + p).ToString(CultureInfo.InvariantCulture));
            }
            sb.Append(suffix).Append(')');
        }
        return sb.ToString();
    }

    private const string UnfollowSql = """
        UPDATE follows SET active = 0, until = ?3
        WHERE source = ?1 AND target = ?2 AND active = 1 AND (?3 IS NULL OR since IS NULL OR ?3 >= since);
        """;

    private IngestResult Ingest(SqliteConnection c, IngestBatch batch, CancellationToken ct)
    {
        using var accounts = new AccountResolver(this, c);
        int followsAdded = 0, unfollowed = 0, interactionsAdded = 0, unchanged = 0;

        if (batch.Follows.Count > 0)
        {
            var follows = Contiguous(batch.Follows);
            var sourceIds = new string[follows.Length];
            var targetIds = new string[follows.Length];
            bool anySince = false;
            for (int i = 0; i < follows.Length; i++)
            {
                sourceIds[i] = follows[i].Source;
                targetIds[i] = follows[i].Target;
                anySince |= follows[i].Since.HasValue;
            }
            var (sources, targets) = ResolveEndpoints(accounts, sourceIds, targetIds);
            int[] order = KeyOrder(sources, targets);
            using var many = new RawStatement(c, FollowUpsertMany);
            using var one = new RawStatement(c, FollowUpsertOne);
            int added = 0, j = 0;
            while (j < order.Length)
            {
                ct.ThrowIfCancellationRequested();
                bool full = j + RowsPerStatement <= order.Length;
                RawStatement statement = full ? many : one;
                int rows = full ? RowsPerStatement : 1;
                for (int r = 0, p = 1; r < rows; r++, p += 3)
                {
                    int i = order[j + r];
                    statement.Bind(p, sources[i]);
                    statement.Bind(p + 1, targets[i]);
                    // Bindings survive a reset, and a fresh statement's parameters are NULL: a batch without
                    // any since never needs to bind it.
                    if (anySince) statement.Bind(p + 2, follows[i].Since);
                }
                added += statement.Execute();
                j += rows;
            }
            followsAdded = added;
            unchanged += order.Length - added;
        }

        if (batch.Unfollows.Count > 0)
        {
            using var update = new RawStatement(c, UnfollowSql);
            var unfollows = batch.Unfollows;
            for (int i = 0; i < unfollows.Count; i++)
            {
                if ((i & 4095) == 0) ct.ThrowIfCancellationRequested();
                var u = unfollows[i];
                long source = accounts.Find(u.Source), target = accounts.Find(u.Target);
                if (source < 0 || target < 0)
                {
                    unchanged++;
                    continue;
                }
                update.Bind(1, source);
                update.Bind(2, target);
                update.Bind(3, u.At);
                if (update.Execute() > 0) unfollowed++;
                else unchanged++;
            }
        }

        if (batch.Interactions.Count > 0)
        {
            var interactions = batch.Interactions;
            var sourceIds = new string[interactions.Count];
            var targetIds = new string[interactions.Count];
            for (int i = 0; i < sourceIds.Length; i++)
            {
                var record = interactions[i];
                sourceIds[i] = record.Source;
                targetIds[i] = record.Target;
            }
            var (sources, targets) = ResolveEndpoints(accounts, sourceIds, targetIds);
            int[] order = KeyOrder(sources, targets);
            using var many = new RawStatement(c, InteractionInsertMany);
            using var one = new RawStatement(c, InteractionInsertOne);
            int added = ExecuteKeyOrdered(order, many, one, 6, (statement, i, p) =>
            {
                var record = interactions[i];
                statement.Bind(p + 1, sources[i]);
                statement.Bind(p + 2, targets[i]);
                statement.Bind(p + 3, (long)record.Kind);
                statement.Bind(p + 4, record.Timestamp ?? SqliteSchema.UnknownTimestamp);
                statement.Bind(p + 5, record.Weight);
                statement.Bind(p + 6, record.Stance);
            }, ct);
            interactionsAdded = added;
            unchanged += order.Length - added;
        }
        return new IngestResult(followsAdded, unfollowed, interactionsAdded, unchanged);
    }

    /// <summary>
    /// Runs key-ordered rows through the multi-row statement (<see cref="RowsPerStatement"/> rows of
    /// <paramref name="columns"/> parameters each) and the remainder through the one-row statement;
    /// <paramref name="bind"/> binds record <c>i</c> at parameter offset <c>p</c>. Returns rows changed.
    /// </summary>
    private static int ExecuteKeyOrdered(int[] order, RawStatement many, RawStatement one, int columns,
        Action<RawStatement, int, int> bind, CancellationToken ct)
    {
        int j = 0, changed = 0;
        while (j < order.Length)
        {
            ct.ThrowIfCancellationRequested();
            bool full = j + RowsPerStatement <= order.Length;
            RawStatement statement = full ? many : one;
            int rows = full ? RowsPerStatement : 1;
            for (int r = 0; r < rows; r++) bind(statement, order[j + r], r * columns);
            changed += statement.Execute();
            j += rows;
        }
        return changed;
    }

    /// <summary>The records of a batch as one span: arrays, lists and array segments without copying.</summary>
    private static ReadOnlySpan<T> Contiguous<T>(IReadOnlyList<T> list)
    {
        switch (list)
        {
            case T[] array: return array;
            case List<T> items: return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items);
            case ArraySegment<T> segment: return segment.AsSpan();
        }
        var copy = new T[list.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = list[i];
        return copy;
    }

    /// <summary>Batches with at least this many records look their ids up on every core.</summary>
    private const int ParallelLookupMinimum = 32_768;

    /// <summary>
    /// Account keys of both endpoints. Ids not in the cache are created (or found) in ordinal order, so the
    /// inserts into the unique index on <c>external_id</c> walk it in order instead of jumping around it;
    /// keys are therefore assigned per batch in id order, not in first-sighting order.
    /// </summary>
    private static (long[] Sources, long[] Targets) ResolveEndpoints(AccountResolver accounts, string[] sourceIds, string[] targetIds)
    {
        int count = sourceIds.Length;
        var sources = new long[count];
        var targets = new long[count];
        HashSet<string>? missing = null;
        // The look-ups are most of the resolving (cache misses in a large dictionary, not hashing); reads of
        // a dictionary nobody writes are thread-safe, so a large batch looks up on every core.
        int parts = count >= ParallelLookupMinimum ? Math.Min(Environment.ProcessorCount, 8) : 1;
        if (parts > 1)
        {
            var missingPerPart = new List<string>?[parts];
            Parallel.For(0, parts, part =>
            {
                int from = (int)((long)count * part / parts), to = (int)((long)count * (part + 1) / parts);
                List<string>? local = null;
                for (int i = from; i < to; i++)
                {
                    if ((sources[i] = accounts.Cached(sourceIds[i])) < 0) (local ??= []).Add(sourceIds[i]);
                    if ((targets[i] = accounts.Cached(targetIds[i])) < 0) (local ??= []).Add(targetIds[i]);
                }
                missingPerPart[part] = local;
            });
            foreach (var local in missingPerPart)
            {
                if (local is null) continue;
                missing ??= new(StringComparer.Ordinal);
                foreach (string id in local) missing.Add(id);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                string s = sourceIds[i], t = targetIds[i];
                if ((sources[i] = accounts.Cached(s)) < 0) (missing ??= new(StringComparer.Ordinal)).Add(s);
                if ((targets[i] = accounts.Cached(t)) < 0) (missing ??= new(StringComparer.Ordinal)).Add(t);
            }
        }
        if (missing is null) return (sources, targets);
        string[] newIds = [.. missing];
        Array.Sort(newIds, StringComparer.Ordinal);
        accounts.GetOrCreateMany(newIds);
        for (int i = 0; i < count; i++)
        {
            if (sources[i] < 0) sources[i] = accounts.Cached(sourceIds[i]);
            if (targets[i] < 0) targets[i] = accounts.Cached(targetIds[i]);
        }
        return (sources, targets);
    }

    /// <summary>
    /// Positions of the batch in (source, target) key order, ties in input order (stable, so the first of two
    /// rows for the same key still wins). Writing in primary-key order touches each B-tree page once per
    /// batch instead of once per row, which is most of the cost of a large import.
    /// </summary>
    /// <remarks>
    /// Keys below 2³¹ (every store short of two billion accounts) are packed into one <see cref="long"/> per
    /// row and sorted as primitives with the positions alongside, about three times faster than sorting
    /// tuples through a comparer; the unstable sort's order within runs of equal keys is then restored.
    /// </remarks>
    private static int[] KeyOrder(long[] sources, long[] targets)
    {
        int n = sources.Length;
        var order = new int[n];
        bool packable = true;
        for (int i = 0; i < n && packable; i++) packable = (ulong)sources[i] <= int.MaxValue && (ulong)targets[i] <= int.MaxValue;
        if (packable)
        {
            var packed = new long[n];
            for (int i = 0; i < n; i++)
            {
                packed[i] = (sources[i] << 32) | targets[i];
                order[i] = i;
            }
            Array.Sort(packed, order);
            for (int start = 0; start < n;)
            {
                int end = start + 1;
                while (end < n && packed[end] == packed[start]) end++;
                if (end - start > 1) Array.Sort(order, start, end - start);
                start = end;
            }
            return order;
        }
        var keys = new (long Source, long Target, int Index)[n];
        for (int i = 0; i < n; i++) keys[i] = (sources[i], targets[i], i);
        Array.Sort(keys);
        for (int i = 0; i < n; i++) order[i] = keys[i].Index;
        return order;
    }

    /// <summary>
    /// External id → account key, through a cache kept across batches. Keys never change once written
    /// (accounts are never deleted), so a cache hit is always right even when another process writes
    /// the same file; a miss asks the database. Keys created in a transaction that rolls back are
    /// removed from the cache again.
    /// </summary>
    private sealed class AccountResolver : IDisposable
    {
        private readonly SqliteInfluenceStore _store;
        private readonly RawStatement _select;
        private readonly RawStatement _insert;
        private readonly SqliteConnection _connection;
        private RawStatement? _insertMany;
        private RawStatement? _maxKey;

        /// <summary>New accounts per multi-row INSERT in <see cref="GetOrCreateMany"/>.</summary>
        private const int AccountsPerStatement = 256;

        private static readonly string InsertManySql =
            $"INSERT INTO accounts(external_id) VALUES {ValueRows(AccountsPerStatement, 1, "")} ON CONFLICT(external_id) DO NOTHING;";

        public AccountResolver(SqliteInfluenceStore store, SqliteConnection c)
        {
            _store = store;
            _select = new RawStatement(c, "SELECT id FROM accounts WHERE external_id = ?1;");
            // Inserting first and reading only on conflict costs one statement for a new account (the
            // common case in a bulk import) and two for one another process added.
            _insert = new RawStatement(c, "INSERT INTO accounts(external_id) VALUES (?1) ON CONFLICT(external_id) DO NOTHING RETURNING id;");
            _connection = c;
            if (store._accountKeys.Count > AccountCacheLimit) store._accountKeys.Clear();
        }

        /// <summary>Key of the account when it is in the cache, or -1.</summary>
        public long Cached(string externalId) => _store._accountKeys.TryGetValue(externalId, out long key) ? key : -1;

        /// <summary>Key of an existing account, or -1.</summary>
        public long Find(string externalId)
        {
            if (_store._accountKeys.TryGetValue(externalId, out long key)) return key;
            _select.Bind(1, externalId);
            if (_select.QueryInt64() is long found)
            {
                _store._accountKeys[externalId] = found;
                return found;
            }
            return -1;
        }

        public long GetOrCreate(string externalId)
        {
            if (_store._accountKeys.TryGetValue(externalId, out long key)) return key;
            _insert.Bind(1, externalId);
            if (_insert.QueryInt64() is long created)
            {
                _store._accountKeys[externalId] = created;
                _store._accountsAddedInTransaction.Add(externalId);
                return created;
            }
            key = Find(externalId);
            return key >= 0 ? key : throw new InvalidOperationException($"Account '{externalId}' was neither created nor found.");
        }

        /// <summary>
        /// Caches the key of every id in <paramref name="externalIds"/> (none cached yet, distinct, ordinal
        /// order), creating the accounts that do not exist, <see cref="AccountsPerStatement"/> per statement.
        /// </summary>
        /// <remarks>
        /// The writer's transaction is IMMEDIATE, so nobody else adds accounts meanwhile, and SQLite gives each
        /// inserted row the key one above the largest: when a statement inserted all its rows and the last
        /// key is the previous largest plus the row count, the keys are exactly that range, in row order
        /// (keys stay dense). A statement that met existing ids (a cold cache over a filled store) falls
        /// back to one look-up per id, as does the remainder below a full statement.
        /// </remarks>
        public void GetOrCreateMany(string[] externalIds)
        {
            int j = 0;
            if (externalIds.Length >= AccountsPerStatement)
            {
                _insertMany ??= new RawStatement(_connection, InsertManySql);
                _maxKey ??= new RawStatement(_connection, "SELECT coalesce(max(id), 0) FROM accounts;");
                long largest = _maxKey.QueryInt64() ?? 0;
                for (; j + AccountsPerStatement <= externalIds.Length; j += AccountsPerStatement)
                {
                    for (int r = 0; r < AccountsPerStatement; r++) _insertMany.Bind(r + 1, externalIds[j + r]);
                    int inserted = _insertMany.Execute();
                    long last = _insertMany.LastInsertRowId();
                    if (inserted == AccountsPerStatement && last == largest + AccountsPerStatement)
                    {
                        for (int r = 0; r < AccountsPerStatement; r++)
                        {
                            _store._accountKeys[externalIds[j + r]] = largest + 1 + r;
                            _store._accountsAddedInTransaction.Add(externalIds[j + r]);
                        }
                        largest = last;
                        continue;
                    }
                    // Some ids existed already: read every key of this statement back.
                    for (int r = 0; r < AccountsPerStatement; r++)
                    {
                        string id = externalIds[j + r];
                        long key = Find(id);
                        if (key < 0) throw new InvalidOperationException($"Account '{id}' was neither created nor found.");
                        if (key > largest) _store._accountsAddedInTransaction.Add(id);
                    }
                    largest = _maxKey.QueryInt64() ?? 0;
                }
            }
            for (; j < externalIds.Length; j++) GetOrCreate(externalIds[j]);
        }

        public void Dispose()
        {
            _select.Dispose();
            _insert.Dispose();
            _insertMany?.Dispose();
            _maxKey?.Dispose();
        }
    }

    // ---------------------------------------------------------------- graph

    /// <inheritdoc />
    public Task<InfluenceInput> ReadGraphAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        ReadAsync(c => ReadGraph(c, progress, cancellationToken), cancellationToken);

    private static InfluenceInput ReadGraph(SqliteConnection c, IProgress<double>? progress, CancellationToken ct)
    {
        using var tx = c.BeginTransaction(deferred: true);
        long accountCount = ScalarLong(c, tx, "SELECT count(*) FROM accounts;");
        long maxKey = ScalarLong(c, tx, "SELECT coalesce(max(id), 0) FROM accounts;");
        long followCount = ScalarLong(c, tx, "SELECT count(*) FROM follows WHERE active = 1;");
        long interactionCount = ScalarLong(c, tx, "SELECT count(*) FROM interactions;");
        if (accountCount > Array.MaxLength || maxKey >= Array.MaxLength || followCount > Array.MaxLength || interactionCount > Array.MaxLength)
            throw new InvalidOperationException($"Graph too large for the in-memory kernel: {accountCount} accounts, {followCount} follows, {interactionCount} interactions.");
        double total = Math.Max(1, accountCount + followCount + interactionCount);
        long done = 0;

        var ids = new IdMap((int)accountCount);
        int[] denseOfKey = new int[maxKey + 1];
        Array.Fill(denseOfKey, -1);
        using (var accounts = new RawStatement(c, "SELECT id, external_id FROM accounts ORDER BY id;"))
        {
            while (accounts.Step())
            {
                denseOfKey[accounts.Int64(0)] = ids.GetOrAdd(accounts.Text(1));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }

        var builder = new GraphBuilder(ids, weighted: false, edgeCapacity: (int)followCount);
        using (var follows = new RawStatement(c, "SELECT source, target FROM follows WHERE active = 1;"))
        {
            while (follows.Step())
            {
                builder.AddEdge(Dense(denseOfKey, follows.Int64(0)), Dense(denseOfKey, follows.Int64(1)));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }

        var log = new InteractionLog((int)interactionCount);
        using (var interactions = new RawStatement(c, "SELECT source, target, kind, timestamp, weight, stance FROM interactions;"))
        {
            while (interactions.Step())
            {
                log.Add(Dense(denseOfKey, interactions.Int64(0)), Dense(denseOfKey, interactions.Int64(1)),
                    (InteractionKind)interactions.Int64(2), interactions.Int64(3), interactions.RealOrNaN(4), interactions.RealOrNaN(5));
                if (++done % ProgressEvery == 0) Report(progress, done / total, ct);
            }
        }
        tx.Commit();
        var graph = builder.Build(ids.Count);
        progress?.Report(1.0);
        return new InfluenceInput(ids, graph, log);
    }

    private static int Dense(int[] denseOfKey, long key)
    {
        int node = (ulong)key < (ulong)denseOfKey.Length ? denseOfKey[key] : -1;
        if (node < 0) throw new InvalidDataException($"Store refers to account key {key}, which is not in the accounts table.");
        return node;
    }

    private static void Report(IProgress<double>? progress, double fraction, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        progress?.Report(Math.Min(fraction, 1.0));
    }

    // ---------------------------------------------------------------- runs

    /// <inheritdoc />
    public Task<RunInfo> BeginRunAsync(string? parametersJson, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) =>
        {
            var started = DateTimeOffset.UtcNow;
            using var cmd = Command(c, tx,
                "INSERT INTO runs(started_at, state, parameters_json) VALUES ($at, 'running', $p) RETURNING id;", "$at", "$p");
            cmd.Parameters[0].Value = FormatTime(started);
            cmd.Parameters[1].Value = (object?)parametersJson ?? DBNull.Value;
            long id = (long)cmd.ExecuteScalar()!;
            return new RunInfo(id, ParseTime(FormatTime(started)), null, "running", parametersJson, null);
        }, cancellationToken);

    /// <inheritdoc />
    public Task FailRunAsync(long runId, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync((c, tx) =>
        {
            RequireRunning(c, tx, runId);
            using var cmd = Command(c, tx, "UPDATE runs SET state = 'failed', error = $e WHERE id = $id;", "$e", "$id");
            cmd.Parameters[0].Value = error;
            cmd.Parameters[1].Value = runId;
            cmd.ExecuteNonQuery();
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunInfo> CompleteRunAsync(long runId, InfluenceAnalysisResult result, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RunResultShape.Validate(result);
        return WriteAsync((c, tx) => CompleteRun(c, tx, runId, result, progress, cancellationToken), cancellationToken);
    }

    private RunInfo CompleteRun(SqliteConnection c, SqliteTransaction tx, long runId, InfluenceAnalysisResult result,
        IProgress<double>? progress, CancellationToken ct)
    {
        RequireRunning(c, tx, runId);
        int n = result.Accounts.Length;
        double total = Math.Max(1, (long)n + result.Defenders.Length + result.Critics.Length + result.Communities.Length);
        long done = 0;

        using (var accounts = new AccountResolver(this, c))
        using (var insert = new RawStatement(c, RunAccountInsertSql))
        {
            if (n > 10_000 && _accountKeys.Count < n / 2) WarmAccountCache(c, tx);
            insert.Bind(1, runId);
            int k = InteractionKinds.Count;
            for (int node = 0; node < n; node++)
            {
                ref readonly AccountMetrics m = ref result.Accounts[node];
                insert.Bind(2, node);
                insert.Bind(3, accounts.GetOrCreate(result.AccountIds[node]));
                insert.Bind(4, m.Followers);
                insert.Bind(5, m.Following);
                insert.Bind(6, m.Mutual);
                insert.Bind(7, m.FollowBackRate);
                insert.Bind(8, m.FollowedBackRate);
                insert.Bind(9, m.EngagementReceived);
                insert.Bind(10, m.EngagementGiven);
                insert.Bind(11, m.UniqueEngagers);
                insert.Bind(12, m.UniqueEngaged);
                insert.Bind(13, m.EngagementRate);
                insert.Bind(14, m.ActiveAudienceShare);
                insert.Bind(15, m.ReciprocatedEngagementShare);
                insert.Bind(16, m.ShareOfGivenThatIsShares);
                insert.Bind(17, m.PageRank);
                insert.Bind(18, m.Influence);
                insert.Bind(19, m.Community);
                insert.Bind(20, m.InCommunityEngagementShare);
                insert.Bind(21, m.CommunityRank);
                insert.Bind(22, m.Component);
                insert.Bind(23, RoleNames.Name(m.Role));
                insert.Bind(24, RoleNames.Name(m.Stage));
                insert.Bind(25, m.Defenders);
                insert.Bind(26, m.Critics);
                insert.Bind(27, m.DefenderEngagementShare);
                insert.Bind(28, m.DefenderDensity);
                for (int kind = 0; kind < k; kind++)
                {
                    insert.Bind(29 + kind, result.ReceivedByKind[node * k + kind]);
                    insert.Bind(29 + k + kind, result.GivenByKind[node * k + kind]);
                }
                insert.Execute();
                if (++done % 8192 == 0) Report(progress, done / total, ct);
            }
        }

        WriteLinks(c, "run_defenders", "defender", runId, result.Defenders, progress, ref done, total, ct);
        WriteLinks(c, "run_critics", "critic", runId, result.Critics, progress, ref done, total, ct);

        using (var cmd = Command(c, tx, """
            INSERT INTO run_communities(run_id, ordinal, community, size, internal_follows, density, reciprocity, engagement_inside, top_accounts_json)
            VALUES ($r, $o, $c, $s, $f, $d, $rc, $e, $top);
            """, "$r", "$o", "$c", "$s", "$f", "$d", "$rc", "$e", "$top"))
        {
            var p = cmd.Parameters;
            p[0].Value = runId;
            for (int i = 0; i < result.Communities.Length; i++)
            {
                var community = result.Communities[i];
                p[1].Value = i;
                p[2].Value = community.Id;
                p[3].Value = community.Size;
                p[4].Value = community.InternalFollows;
                p[5].Value = Real(community.Density);
                p[6].Value = Real(community.Reciprocity);
                p[7].Value = Real(community.EngagementInside);
                p[8].Value = StoreJson.SerializeIds(community.TopAccounts ?? []);
                cmd.ExecuteNonQuery();
                if (++done % 8192 == 0) Report(progress, done / total, ct);
            }
        }

        ct.ThrowIfCancellationRequested();
        var completed = DateTimeOffset.UtcNow;
        using (var cmd = Command(c, tx, """
            UPDATE runs SET state = 'completed', completed_at = $at, summary_json = $s, thresholds_json = $t WHERE id = $id;
            """, "$at", "$s", "$t", "$id"))
        {
            cmd.Parameters[0].Value = FormatTime(completed);
            cmd.Parameters[1].Value = StoreJson.SerializeSummary(result.Summary);
            cmd.Parameters[2].Value = StoreJson.SerializeThresholds(result.Thresholds);
            cmd.Parameters[3].Value = runId;
            cmd.ExecuteNonQuery();
        }
        progress?.Report(1.0);
        return ReadRun(c, tx, runId) ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
    }

    private static void WriteLinks(SqliteConnection c, string table, string column, long runId,
        DefenderLink[] links, IProgress<double>? progress, ref long done, double total, CancellationToken ct)
    {
        using var insert = new RawStatement(c, $"""
            INSERT INTO {table}(run_id, ordinal, target, {column}, strength, interactions, active_periods, target_follows_back, target_engages_back, mean_stance)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);
            """);
        insert.Bind(1, runId);
        for (int i = 0; i < links.Length; i++)
        {
            ref readonly DefenderLink link = ref links[i];
            insert.Bind(2, i);
            insert.Bind(3, link.Target);
            insert.Bind(4, link.Defender);
            insert.Bind(5, link.Strength);
            insert.Bind(6, link.Interactions);
            insert.Bind(7, link.ActivePeriods);
            insert.Bind(8, link.TargetFollowsBack ? 1 : 0);
            insert.Bind(9, link.TargetEngagesBack ? 1 : 0);
            insert.Bind(10, link.MeanStance);
            insert.Execute();
            if (++done % 8192 == 0) Report(progress, done / total, ct);
        }
    }

    private static readonly string[] RunAccountColumns =
    [
        "run_id", "node", "account", "followers", "following", "mutual", "follow_back_rate", "followed_back_rate",
        "engagement_received", "engagement_given", "unique_engagers", "unique_engaged", "engagement_rate",
        "active_audience_share", "reciprocated_engagement_share", "share_of_given_that_is_shares", "pagerank",
        "influence", "community", "in_community_engagement_share", "community_rank", "component", "role", "stage",
        "defenders", "critics", "defender_engagement_share", "defender_density",
        "received_reply", "received_mention", "received_share", "received_quote", "received_comment", "received_like",
        "given_reply", "given_mention", "given_share", "given_quote", "given_comment", "given_like",
    ];

    private static readonly string RunAccountInsertSql =
        $"INSERT INTO run_accounts({string.Join(", ", RunAccountColumns)}) VALUES ({string.Join(", ", Enumerable.Range(1, RunAccountColumns.Length).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))});";

    /// <summary>
    /// Loads every account key into the cache (up to its limit) before a large result is written, so that a
    /// freshly started process does not pay two statements per account to find keys that already exist.
    /// </summary>
    private void WarmAccountCache(SqliteConnection c, SqliteTransaction tx)
    {
        using var cmd = Command(c, tx, "SELECT id, external_id FROM accounts;");
        using var reader = cmd.ExecuteReader();
        while (reader.Read() && _accountKeys.Count < AccountCacheLimit)
            _accountKeys[reader.GetString(1)] = reader.GetInt64(0);
    }

    private static void RequireRunning(SqliteConnection c, SqliteTransaction tx, long runId)
    {
        using var cmd = Command(c, tx, "SELECT state FROM runs WHERE id = $id;", "$id");
        cmd.Parameters[0].Value = runId;
        string? state = cmd.ExecuteScalar() as string;
        if (state is null) throw new KeyNotFoundException($"Run {runId} does not exist.");
        if (state != "running") throw new InvalidOperationException($"Run {runId} is {state}, not running: it cannot be completed or failed again.");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunInfo>>(c =>
        {
            using var cmd = Command(c, null, $"SELECT {RunColumns} FROM runs ORDER BY id DESC;");
            using var reader = cmd.ExecuteReader();
            var runs = new List<RunInfo>();
            while (reader.Read()) runs.Add(ReadRunRow(reader));
            return runs;
        }, cancellationToken);

    private const string RunColumns = "id, started_at, completed_at, state, parameters_json, summary_json, error";

    private static RunInfo? ReadRun(SqliteConnection c, SqliteTransaction? tx, long runId)
    {
        using var cmd = Command(c, tx, $"SELECT {RunColumns} FROM runs WHERE id = $id;", "$id");
        cmd.Parameters[0].Value = runId;
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadRunRow(reader) : null;
    }

    private static RunInfo ReadRunRow(SqliteDataReader r) =>
        new(r.GetInt64(0), ParseTime(r.GetString(1)), r.IsDBNull(2) ? null : ParseTime(r.GetString(2)), r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : StoreJson.DeserializeSummary(r.GetString(5)))
        {
            Error = r.IsDBNull(6) ? null : r.GetString(6),
        };

    /// <inheritdoc />
    public Task<(RunInfo Run, InfluenceAnalysisResult Result)?> LoadLatestRunAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(c => LoadLatestRun(c, cancellationToken), cancellationToken);

    private static (RunInfo Run, InfluenceAnalysisResult Result)? LoadLatestRun(SqliteConnection c, CancellationToken ct)
    {
        using var tx = c.BeginTransaction(deferred: true);
        long runId;
        string? thresholdsJson;
        using (var cmd = Command(c, tx, """
            SELECT id, thresholds_json FROM runs WHERE state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1;
            """))
        using (var reader = cmd.ExecuteReader())
        {
            if (!reader.Read()) return null;
            runId = reader.GetInt64(0);
            thresholdsJson = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        var run = ReadRun(c, tx, runId)!;

        int n = checked((int)ScalarLong(c, tx, $"SELECT count(*) FROM run_accounts WHERE run_id = {runId};"));
        int k = InteractionKinds.Count;
        var accountIds = new string[n];
        var metrics = new AccountMetrics[n];
        var received = new double[n * k];
        var given = new double[n * k];
        string columns = string.Join(", ", RunAccountColumns.Skip(3).Select(col => "ra." + col));
        using (var r = new RawStatement(c, $"""
            SELECT ra.node, a.external_id, {columns}
            FROM run_accounts ra JOIN accounts a ON a.id = ra.account
            WHERE ra.run_id = ?1 ORDER BY ra.node;
            """))
        {
            r.Bind(1, runId);
            int expected = 0;
            while (r.Step())
            {
                int node = r.Int32(0);
                if (node != expected) throw new InvalidDataException($"Run {runId}: account rows are not the dense ids 0..{n - 1} (found {node} where {expected} was expected).");
                accountIds[node] = r.Text(1);
                ref AccountMetrics m = ref metrics[node];
                m.Followers = r.Int32(2);
                m.Following = r.Int32(3);
                m.Mutual = r.Int32(4);
                m.FollowBackRate = r.RealOrNaN(5);
                m.FollowedBackRate = r.RealOrNaN(6);
                m.EngagementReceived = r.RealOrNaN(7);
                m.EngagementGiven = r.RealOrNaN(8);
                m.UniqueEngagers = r.Int32(9);
                m.UniqueEngaged = r.Int32(10);
                m.EngagementRate = r.RealOrNaN(11);
                m.ActiveAudienceShare = r.RealOrNaN(12);
                m.ReciprocatedEngagementShare = r.RealOrNaN(13);
                m.ShareOfGivenThatIsShares = r.RealOrNaN(14);
                m.PageRank = r.RealOrNaN(15);
                m.Influence = r.RealOrNaN(16);
                m.Community = r.Int32(17);
                m.InCommunityEngagementShare = r.RealOrNaN(18);
                m.CommunityRank = r.Int32(19);
                m.Component = r.Int32(20);
                string roleName = r.Text(21), stageName = r.Text(22);
                m.Role = RolesByName.TryGetValue(roleName, out var role) ? role
                    : throw new InvalidDataException($"Run {runId}, account '{accountIds[node]}': unknown role '{roleName}'.");
                m.Stage = StagesByName.TryGetValue(stageName, out var stage) ? stage
                    : throw new InvalidDataException($"Run {runId}, account '{accountIds[node]}': unknown stage '{stageName}'.");
                m.Defenders = r.Int32(23);
                m.Critics = r.Int32(24);
                m.DefenderEngagementShare = r.RealOrNaN(25);
                m.DefenderDensity = r.RealOrNaN(26);
                for (int kind = 0; kind < k; kind++)
                {
                    received[node * k + kind] = r.RealOrNaN(27 + kind);
                    given[node * k + kind] = r.RealOrNaN(27 + k + kind);
                }
                expected++;
                if ((expected & 8191) == 0) ct.ThrowIfCancellationRequested();
            }
            if (expected != n) throw new InvalidDataException($"Run {runId}: {expected} account rows read, {n} counted.");
        }

        var defenders = ReadLinks(c, "run_defenders", "defender", runId);
        var critics = ReadLinks(c, "run_critics", "critic", runId);
        var communities = new List<CommunitySummary>();
        using (var cmd = Command(c, tx, """
            SELECT community, size, internal_follows, density, reciprocity, engagement_inside, top_accounts_json
            FROM run_communities WHERE run_id = $r ORDER BY ordinal;
            """, "$r"))
        {
            cmd.Parameters[0].Value = runId;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                communities.Add(new CommunitySummary(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2), RealAt(r, 3), RealAt(r, 4),
                    RealAt(r, 5), StoreJson.DeserializeIds(r.GetString(6))));
        }
        tx.Commit();

        var result = new InfluenceAnalysisResult
        {
            AccountIds = accountIds,
            Accounts = metrics,
            ReceivedByKind = received,
            GivenByKind = given,
            Thresholds = StoreJson.DeserializeThresholds(thresholdsJson),
            Defenders = defenders,
            Critics = critics,
            Communities = communities.ToArray(),
            Summary = run.Summary ?? new AnalysisSummary(),
        };
        return (run, result);
    }

    // Names as stored (RoleNames.Name), looked up once per row when a run is loaded.
    private static readonly Dictionary<string, AccountRole> RolesByName =
        Enum.GetValues<AccountRole>().ToDictionary(RoleNames.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, PresenceStage> StagesByName =
        Enum.GetValues<PresenceStage>().ToDictionary(RoleNames.Name, StringComparer.Ordinal);

    private static DefenderLink[] ReadLinks(SqliteConnection c, string table, string column, long runId)
    {
        var links = new List<DefenderLink>();
        using var r = new RawStatement(c, $"""
            SELECT target, {column}, strength, interactions, active_periods, target_follows_back, target_engages_back, mean_stance
            FROM {table} WHERE run_id = ?1 ORDER BY ordinal;
            """);
        r.Bind(1, runId);
        while (r.Step())
            links.Add(new DefenderLink(r.Int32(0), r.Int32(1), r.RealOrNaN(2), r.RealOrNaN(3), r.Int32(4),
                r.Int64(5) != 0, r.Int64(6) != 0, r.RealOrNaN(7)));
        return links.ToArray();
    }

    // ---------------------------------------------------------------- stats

    /// <inheritdoc />
    public Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(c =>
        {
            using var tx = c.BeginTransaction(deferred: true);
            var stats = new StoreStats(
                ScalarLong(c, tx, "SELECT count(*) FROM accounts;"),
                ScalarLong(c, tx, "SELECT count(*) FROM follows WHERE active = 1;"),
                ScalarLong(c, tx, "SELECT count(*) FROM interactions;"),
                ScalarLong(c, tx, "SELECT count(*) FROM runs WHERE state = 'completed';"));
            tx.Commit();
            return stats;
        }, cancellationToken);

    // ---------------------------------------------------------------- plumbing

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _writer ?? throw NotInitialized();
            // SQLite calls are synchronous: run them off the caller's thread so request threads stay free.
            return await Task.Run(() =>
            {
                try
                {
                    using var tx = connection.BeginTransaction(deferred: false);
                    T value = work(connection, tx);
                    tx.Commit();
                    _accountsAddedInTransaction.Clear();
                    return value;
                }
                catch
                {
                    foreach (string id in _accountsAddedInTransaction) _accountKeys.Remove(id);
                    _accountsAddedInTransaction.Clear();
                    throw;
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null) throw NotInitialized();
        return Task.Run(() =>
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, null, BusyTimeoutPragma);
            return work(connection);
        }, ct);
    }

    /// <summary>
    /// SQLite-level busy wait, so statements run through <see cref="RawStatement"/> (which bypass
    /// Microsoft.Data.Sqlite's own retry loop) also wait for another process's lock instead of failing.
    /// </summary>
    private const string BusyTimeoutPragma = " PRAGMA busy_timeout=30000;";

    private InvalidOperationException NotInitialized() =>
        new($"SQLite store '{DatabasePath}' is not initialized: call InitializeAsync first.");

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params string[] parameterNames)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (string name in parameterNames) cmd.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        return cmd;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        return cmd.ExecuteScalar();
    }

    private static long ScalarLong(SqliteConnection c, SqliteTransaction? tx, string sql) =>
        Convert.ToInt64(Scalar(c, tx, sql), CultureInfo.InvariantCulture);

    /// <summary>SQLite cannot store NaN (it would become NULL anyway); NULL stands for NaN in every REAL metric column.</summary>
    private static object Real(double value) => double.IsNaN(value) ? DBNull.Value : value;

    private static double RealAt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Closes the writer connection and releases the pooled reader connections (the file can then be moved or deleted).</summary>
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
