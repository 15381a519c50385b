// Extends the lease of a running run; a completed or failed run keeps its state (the caller reads it).
// @param run: integer  run number
// @param leaseExpiresAt: string  ISO-8601 instant the lease now holds until
MATCH (r:AnalysisRun {id: $run})
SET r.leaseExpiresAt = CASE WHEN r.state = 'running' THEN datetime($leaseExpiresAt) ELSE r.leaseExpiresAt END
RETURN r.state AS state, r.error AS error
