// Per-run results are read and linked by (run, idx): idx is the account's position in the run.
CREATE INDEX account_result_run_idx IF NOT EXISTS FOR (r:AccountResult) ON (r.run, r.idx)
