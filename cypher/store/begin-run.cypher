// Registers a run in state 'running' with the next run number. The lock property is set before the
// counter is read, so two concurrent runs never get the same number.
// @param startedAt: string  ISO-8601 instant
// @param parameters: string?  analysis parameters as JSON
MERGE (s:InfluenceState {name: 'runs'})
SET s._lock = true
WITH s
SET s.lastRunId = coalesce(s.lastRunId, 0) + 1
REMOVE s._lock
CREATE (r:AnalysisRun {id: s.lastRunId, startedAt: datetime($startedAt), state: 'running', parameters: $parameters})
RETURN r.id AS id, toString(r.startedAt) AS startedAt, null AS completedAt, r.state AS state,
       r.parameters AS parameters, null AS summary
