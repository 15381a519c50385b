// Every run, newest first.
MATCH (r:AnalysisRun)
RETURN r.id AS id, toString(r.startedAt) AS startedAt, toString(r.completedAt) AS completedAt, r.state AS state,
       r.parameters AS parameters, r.summary AS summary, r.error AS error, r.owner AS owner,
       toString(r.leaseExpiresAt) AS leaseExpiresAt
ORDER BY r.id DESC
