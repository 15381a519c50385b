// Registers a run in state 'running' with the next run number, owned by the calling process with a lease
// it renews while alive (renew-run-lease). The lock property is set before the counter is read, so two
// concurrent runs never get the same number.
// @param startedAt: string  ISO-8601 instant
// @param parameters: string?  analysis parameters as JSON
// @param owner: string  the registering process, pid@host
// @param leaseExpiresAt: string  ISO-8601 instant the lease holds until
MERGE (s:InfluenceState {name: 'runs'})
SET s._lock = true
WITH s
SET s.lastRunId = coalesce(s.lastRunId, 0) + 1
REMOVE s._lock
CREATE (r:AnalysisRun {id: s.lastRunId, startedAt: datetime($startedAt), state: 'running', parameters: $parameters,
                       owner: $owner, leaseExpiresAt: datetime($leaseExpiresAt)})
RETURN r.id AS id, toString(r.startedAt) AS startedAt, null AS completedAt, r.state AS state,
       r.parameters AS parameters, null AS summary, r.owner AS owner, toString(r.leaseExpiresAt) AS leaseExpiresAt
