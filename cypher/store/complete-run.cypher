// The flip: marks a running run completed and points latestRun at it (unless a newer run completed
// first), in one statement (one transaction), so readers switch from the previous run at once.
// @param run: integer  run number
// @param completedAt: string  ISO-8601 instant
// @param summary: string  run summary as JSON
// @param thresholds: string  role thresholds as JSON
// @param accounts: integer  number of AccountResult rows written for the run (idx 0..accounts-1)
MATCH (r:AnalysisRun {id: $run})
WHERE r.state = 'running'
SET r.state = 'completed', r.completedAt = datetime($completedAt), r.summary = $summary, r.thresholds = $thresholds,
    r.accounts = $accounts
MERGE (s:InfluenceState {name: 'runs'})
SET s._lock = true
WITH r, s, s.latestRun AS previous
SET s.latestRun = CASE WHEN previous IS NULL OR r.id > previous THEN r.id ELSE previous END
REMOVE s._lock
RETURN r.id AS id, toString(r.startedAt) AS startedAt, toString(r.completedAt) AS completedAt, r.state AS state,
       r.parameters AS parameters, r.summary AS summary, r.error AS error, previous AS previousLatest, s.latestRun AS latestRun
