using Microsoft.Data.Sqlite;

namespace Influence.Storage.Sqlite;

// Run ownership: each run records its owner (pid@host) and a lease the owner renews; runs whose lease
// expired are failed by whoever looks next. Times are the same fixed-width UTC text as started_at, so
// they compare as text.
public sealed partial class SqliteInfluenceStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan RunLease { get; init => field = RunLeases.Checked(value); } = RunLeases.Default;

    /// <inheritdoc />
    public Task RenewRunLeaseAsync(long runId, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) =>
        {
            using var cmd = Command(c, tx, "UPDATE runs SET lease_expires_at = $lease WHERE id = $id AND state = 'running';", "$lease", "$id");
            cmd.Parameters[0].Value = FormatTime(DateTimeOffset.UtcNow + RunLease);
            cmd.Parameters[1].Value = runId;
            if (cmd.ExecuteNonQuery() > 0) return 0;
            RunInfo run = ReadRun(c, tx, runId) ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
            if (run.State == "failed")
                throw new InvalidOperationException($"Run {runId} was marked failed meanwhile ({run.Error}); its lease cannot be renewed.");
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> FailExpiredRunsAsync(CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<RunInfo>>((c, tx) =>
        {
            var runs = new List<RunInfo>();
            foreach (long id in FailExpiredRuns(c, tx, DateTimeOffset.UtcNow)) runs.Add(ReadRun(c, tx, id)!);
            return runs;
        }, cancellationToken);

    /// <summary>Fails the running runs whose lease ended before <paramref name="now"/> (or that have none); returns their ids.</summary>
    private static List<long> FailExpiredRuns(SqliteConnection c, SqliteTransaction tx, DateTimeOffset now)
    {
        var failed = new List<long>();
        using var cmd = Command(c, tx, """
            UPDATE runs
            SET state = 'failed',
                error = 'abandoned: its owner ' || coalesce(owner, '(not recorded)') || ' stopped renewing its lease'
                        || coalesce(' (expired ' || lease_expires_at || ')', '') || ', marked failed by ' || $by || ' at ' || $now
            WHERE state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < $now)
            RETURNING id;
            """, "$by", "$now");
        cmd.Parameters[0].Value = RunLeases.CurrentOwner;
        cmd.Parameters[1].Value = FormatTime(now);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) failed.Add(reader.GetInt64(0));
        return failed;
    }
}
