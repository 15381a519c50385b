// Records that a run's per-run results were deleted (its summary stays).
// @param run: integer  run number
MATCH (r:AnalysisRun {id: $run})
SET r.resultsPruned = true
