// Marks failed every running run whose owner stopped renewing its lease (or that has none: registered
// before leases existed), saying whose it was and when the lease ended.
// @param now: string  ISO-8601 instant of the check
// @param by: string  the checking process, pid@host
MATCH (r:AnalysisRun {state: 'running'})
WHERE r.leaseExpiresAt IS NULL OR r.leaseExpiresAt < datetime($now)
SET r.state = 'failed', r.completedAt = datetime($now),
    r.error = 'abandoned: its owner ' + coalesce(r.owner, '(not recorded)') + ' stopped renewing its lease'
              + coalesce(' (expired ' + toString(r.leaseExpiresAt) + ')', '') + ', marked failed by ' + $by + ' at ' + $now
RETURN r.id AS id, toString(r.startedAt) AS startedAt, toString(r.completedAt) AS completedAt, r.state AS state,
       r.parameters AS parameters, r.summary AS summary, r.error AS error, r.owner AS owner,
       toString(r.leaseExpiresAt) AS leaseExpiresAt
