// Analysis runs are numbered 1, 2, 3, … by the service.
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (r:AnalysisRun) REQUIRE r.id IS UNIQUE
