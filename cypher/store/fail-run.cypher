// Marks a running run failed with its error.
// @param run: integer  run number
// @param error: string  what went wrong
// @param failedAt: string  ISO-8601 instant
MATCH (r:AnalysisRun {id: $run})
WHERE r.state = 'running'
SET r.state = 'failed', r.error = $error, r.completedAt = datetime($failedAt)
RETURN r.id AS id
