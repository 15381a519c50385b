// Finished runs older than $keepFrom whose per-run results are still stored.
// @param keepFrom: integer  oldest run number whose results are kept
MATCH (r:AnalysisRun)
WHERE r.id < $keepFrom AND r.state <> 'running' AND NOT coalesce(r.resultsPruned, false)
RETURN r.id AS id
ORDER BY id
