using Influence.Core.Model;
using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

public sealed partial class SqliteInfluenceStore
{
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
}
