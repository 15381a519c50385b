using Influence.Core.Model;

namespace Influence.Storage.Sqlite;

/// <summary>One forward-only schema step of the SQLite store.</summary>
/// <param name="Version">Schema version reached after this step (1, 2, …).</param>
/// <param name="Description">What the step adds, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">Statements run inside the migration transaction.</param>
public sealed record SqliteMigration(int Version, string Description, string Sql);

/// <summary>
/// The SQLite schema as an ordered list of migrations. A store file records every step applied in
/// <c>schema_version</c>; opening a file applies the missing steps in one transaction, so a file is
/// either fully at its old version or fully at the new one.
/// </summary>
/// <remarks>
/// Conventions: <c>accounts.id</c> is the dense integer key every other table refers to;
/// timestamps are Unix seconds; an unknown interaction timestamp is stored as
/// <see cref="UnknownTimestamp"/> (same sentinel as <c>InteractionLog.NoTimestamp</c>) because it
/// is part of the natural key; a NaN metric is stored as NULL; <c>node</c> columns of run tables are
/// the dense ids of that run's result (0..n-1), so a result can be rebuilt exactly.
/// Foreign keys are declared for readers of the schema but not enforced (the store is the only
/// writer and checks them itself; enforcement would cost two look-ups per follow written).
/// </remarks>
public static class SqliteSchema
{
    /// <summary>Stored in <c>interactions.timestamp</c> when the time of an interaction is unknown.</summary>
    public const long UnknownTimestamp = long.MinValue;

    /// <summary>Every migration, ascending by version.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "accounts, follows, interactions, runs", """
            CREATE TABLE accounts (
                id          INTEGER PRIMARY KEY,
                external_id TEXT NOT NULL UNIQUE
            );
            CREATE TABLE follows (
                source INTEGER NOT NULL REFERENCES accounts(id),
                target INTEGER NOT NULL REFERENCES accounts(id),
                since  INTEGER,
                until  INTEGER,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                PRIMARY KEY (source, target)
            ) WITHOUT ROWID;
            CREATE TABLE interactions (
                source    INTEGER NOT NULL REFERENCES accounts(id),
                target    INTEGER NOT NULL REFERENCES accounts(id),
                kind      INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 5),
                timestamp INTEGER NOT NULL,
                weight    REAL NOT NULL CHECK (weight > 0),
                stance    REAL CHECK (stance BETWEEN -1 AND 1),
                PRIMARY KEY (source, target, kind, timestamp)
            ) WITHOUT ROWID;
            CREATE TABLE runs (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at      TEXT NOT NULL,
                completed_at    TEXT,
                state           TEXT NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
                parameters_json TEXT,
                summary_json    TEXT,
                error           TEXT
            );
            """),
        new(2, "run results: thresholds, run_accounts, run_defenders, run_critics, run_communities", """
            ALTER TABLE runs ADD COLUMN thresholds_json TEXT;
            CREATE INDEX runs_state_completed ON runs(state, completed_at);
            CREATE TABLE run_accounts (
                run_id  INTEGER NOT NULL REFERENCES runs(id),
                node    INTEGER NOT NULL,
                account INTEGER NOT NULL REFERENCES accounts(id),
                followers INTEGER NOT NULL,
                following INTEGER NOT NULL,
                mutual INTEGER NOT NULL,
                follow_back_rate REAL,
                followed_back_rate REAL,
                engagement_received REAL,
                engagement_given REAL,
                unique_engagers INTEGER NOT NULL,
                unique_engaged INTEGER NOT NULL,
                engagement_rate REAL,
                active_audience_share REAL,
                reciprocated_engagement_share REAL,
                share_of_given_that_is_shares REAL,
                pagerank REAL,
                influence REAL,
                community INTEGER NOT NULL,
                in_community_engagement_share REAL,
                community_rank INTEGER NOT NULL,
                component INTEGER NOT NULL,
                role TEXT NOT NULL,
                stage TEXT NOT NULL,
                defenders INTEGER NOT NULL,
                critics INTEGER NOT NULL,
                defender_engagement_share REAL,
                defender_density REAL,
                received_reply REAL, received_mention REAL, received_share REAL,
                received_quote REAL, received_comment REAL, received_like REAL,
                given_reply REAL, given_mention REAL, given_share REAL,
                given_quote REAL, given_comment REAL, given_like REAL,
                PRIMARY KEY (run_id, node)
            ) WITHOUT ROWID;

            """ + LinkTable("run_defenders", "defender") + LinkTable("run_critics", "critic") + """
            CREATE TABLE run_communities (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                ordinal INTEGER NOT NULL,
                community INTEGER NOT NULL,
                size INTEGER NOT NULL,
                internal_follows INTEGER NOT NULL,
                density REAL,
                reciprocity REAL,
                engagement_inside REAL,
                top_accounts_json TEXT NOT NULL,
                PRIMARY KEY (run_id, ordinal)
            ) WITHOUT ROWID;
            """),
        new(3, "removals: audit of rows deleted by filter", """
            CREATE TABLE removals (
                id                   INTEGER PRIMARY KEY AUTOINCREMENT,
                at                   TEXT NOT NULL,
                actor                TEXT NOT NULL,
                filter_json          TEXT NOT NULL,
                follows_removed      INTEGER NOT NULL,
                interactions_removed INTEGER NOT NULL
            );
            """),
        new(4, "runs: owner and lease (a run is failed only when its owner stopped renewing the lease)", """
            ALTER TABLE runs ADD COLUMN owner TEXT;
            ALTER TABLE runs ADD COLUMN lease_expires_at TEXT;
            CREATE INDEX runs_state_lease ON runs(state, lease_expires_at);
            """),
        new(5, "run_accounts: the popularity quadrant, role margin, attention, community standout and cross-community audience of the validated model",
            AddMetricColumns("popularity_vs_influence", "role_margin", "attention", "community_standout", "followers_outside_community_share")),
        new(6, "run_accounts: audience quality (mass and inactive followers, suspicious growth, engagement for size, score, suspected fakes)",
            AddMetricColumns("mass_follower_share", "inactive_follower_share", "suspicious_growth_share", "engagement_rate_percentile",
                "audience_quality", "suspected_fake_followers", "suspicious_spikes", "suspected_fake")),
        new(7, "run_accounts: in-community outreach share (Kred's outreach axis per community)", AddMetricColumns("in_community_outreach_share")),
        new(8, "runs: at most one running run (the store-wide run claim); graph_version: a stamp every change of follows or interactions bumps", """
            UPDATE runs
            SET state = 'failed',
                error = 'superseded: several runs were running when schema 8 made one run at a time the rule for the whole store; the newest kept the claim'
            WHERE state = 'running' AND id < (SELECT max(id) FROM runs WHERE state = 'running');
            CREATE UNIQUE INDEX runs_one_running ON runs(state) WHERE state = 'running';
            CREATE TABLE graph_version (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                version    INTEGER NOT NULL,
                changed_at TEXT
            );
            INSERT INTO graph_version(id, version, changed_at) VALUES (1, 0, NULL);
            """),
    ];

    /// <summary>
    /// A run's defender or critic links (migration 2; frozen): one layout, <paramref name="linked"/> names the column of
    /// the supporting (or opposing) account, as the store's link writer and reader name it.
    /// </summary>
    private static string LinkTable(string table, string linked) => $"""
        CREATE TABLE {table} (
            run_id  INTEGER NOT NULL REFERENCES runs(id),
            ordinal INTEGER NOT NULL,
            target  INTEGER NOT NULL,
            {linked,-7} INTEGER NOT NULL,
            strength REAL,
            interactions REAL,
            active_periods INTEGER NOT NULL,
            target_follows_back INTEGER NOT NULL,
            target_engages_back INTEGER NOT NULL,
            mean_stance REAL,
            PRIMARY KEY (run_id, ordinal)
        ) WITHOUT ROWID;

        """;

    /// <summary>
    /// SQL of a migration step adding the <c>run_accounts</c> column of each new metric of
    /// <see cref="AccountMetricSchema"/> (named and typed as its descriptor says), e.g.
    /// <c>new(5, "run_accounts: audience_overlap", AddMetricColumns("audience_overlap"))</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A name is not a metric of the schema.</exception>
    public static string AddMetricColumns(params string[] metricNames) =>
        string.Join('\n', metricNames.Select(name =>
        {
            AccountMetric metric = AccountMetricSchema.Get(name);
            return $"ALTER TABLE run_accounts ADD COLUMN {metric.Name} {metric.SqliteType};";
        }));

    /// <summary>Version of a file with every migration applied.</summary>
    public static int LatestVersion => Migrations[^1].Version;
}
