// One run by number.
// @param run: integer  run number
MATCH (r:AnalysisRun {id: $run})
RETURN r.id AS id, toString(r.startedAt) AS startedAt, toString(r.completedAt) AS completedAt, r.state AS state,
       r.parameters AS parameters, r.summary AS summary, r.error AS error, r.owner AS owner,
       toString(r.leaseExpiresAt) AS leaseExpiresAt, r.thresholds AS thresholds
