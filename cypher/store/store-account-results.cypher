// Per-run figures of a page of accounts, keyed by (run, idx); invisible to readers until the run is
// flipped. MERGE keeps a retried request from writing a page twice.
// @param run: integer  run number
// @param rows: list<map>  {idx: integer, id: string, props: map of metrics}
UNWIND $rows AS row
MERGE (r:AccountResult {run: $run, idx: row.idx})
SET r += row.props, r.account = row.id
