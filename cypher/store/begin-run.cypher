// Claims the store's one run slot and registers a run in state 'running' with the next run number, owned by the
// calling process with a lease it renews while alive (renew-run-lease). The lock property is set first, so
// concurrent claims take turns: runs whose lease expired are failed (their owner crashed or stalled), then a run
// still running keeps the slot (claimed = false: that run is returned, nothing is created); otherwise the run is
// created (claimed = true). takenOver lists the runs failed here (the caller deletes their partial results).
// @param startedAt: string  ISO-8601 instant
// @param parameters: string?  analysis parameters as JSON
// @param owner: string  the registering process, pid@host
// @param leaseExpiresAt: string  ISO-8601 instant the lease holds until
MERGE (s:InfluenceState {name: 'runs'})
SET s._lock = true
WITH s
OPTIONAL MATCH (stale:AnalysisRun {state: 'running'})
WHERE stale.leaseExpiresAt IS NULL OR stale.leaseExpiresAt < datetime($startedAt)
SET stale.state = 'failed', stale.completedAt = datetime($startedAt),
    stale.error = 'abandoned: its owner ' + coalesce(stale.owner, '(not recorded)') + ' stopped renewing its lease'
                  + coalesce(' (expired ' + toString(stale.leaseExpiresAt) + ')', '') + ', marked failed by ' + $owner
                  + ' at ' + $startedAt
WITH s, collect(stale.id) AS takenOver
OPTIONAL MATCH (held:AnalysisRun {state: 'running'})
WITH s, takenOver, held
ORDER BY held.id
LIMIT 1
FOREACH (_ IN CASE WHEN held IS NULL THEN [1] ELSE [] END |
  SET s.lastRunId = coalesce(s.lastRunId, 0) + 1
  CREATE (:AnalysisRun {id: s.lastRunId, startedAt: datetime($startedAt), state: 'running', parameters: $parameters,
                        owner: $owner, leaseExpiresAt: datetime($leaseExpiresAt)}))
REMOVE s._lock
WITH s, takenOver, held
OPTIONAL MATCH (created:AnalysisRun {id: s.lastRunId})
WHERE held IS NULL
WITH takenOver, held IS NULL AS claimed, coalesce(held, created) AS r
RETURN claimed, takenOver, r.id AS id, toString(r.startedAt) AS startedAt, null AS completedAt, r.state AS state,
       r.parameters AS parameters, null AS summary, r.owner AS owner, toString(r.leaseExpiresAt) AS leaseExpiresAt
