using System.Globalization;
using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

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
public sealed partial class SqliteInfluenceStore : IInfluenceStore
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
    /// <summary>Set by a write that changed follows or interactions; with accounts added, the commit bumps <c>graph_version</c>.</summary>
    private bool _graphChangedInTransaction;
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
                    if (_graphChangedInTransaction || _accountsAddedInTransaction.Count > 0) BumpGraphVersion(connection, tx);
                    tx.Commit();
                    _accountsAddedInTransaction.Clear();
                    _graphChangedInTransaction = false;
                    return value;
                }
                catch
                {
                    foreach (string id in _accountsAddedInTransaction) _accountKeys.Remove(id);
                    _accountsAddedInTransaction.Clear();
                    _graphChangedInTransaction = false;
                    throw;
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// One more change of the graph <see cref="ReadGraphAsync"/> reads, in the writing transaction: whoever holds a graph
    /// read at an earlier version knows it is stale (<see cref="GraphVersionAsync"/>), whatever process wrote.
    /// </summary>
    private static void BumpGraphVersion(SqliteConnection c, SqliteTransaction tx)
    {
        using var cmd = Command(c, tx, "UPDATE graph_version SET version = version + 1, changed_at = $at WHERE id = 1;", "$at");
        cmd.Parameters[0].Value = FormatTime(DateTimeOffset.UtcNow);
        cmd.ExecuteNonQuery();
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
