// The run the latestRun pointer names (the newest completed run), if any.
MATCH (s:InfluenceState {name: 'runs'})
MATCH (r:AnalysisRun {id: s.latestRun})
RETURN r.id AS id, toString(r.startedAt) AS startedAt, toString(r.completedAt) AS completedAt, r.state AS state,
       r.parameters AS parameters, r.summary AS summary, r.error AS error, r.thresholds AS thresholds,
       r.accounts AS accounts
