// Per-run figures of the accounts with idx in [$from, $to), in idx order.
// @param run: integer  run number
// @param from: integer  first idx
// @param to: integer  idx after the last
MATCH (r:AccountResult {run: $run})
WHERE r.idx >= $from AND r.idx < $to
RETURN r.idx AS idx, r.account AS account, properties(r) AS props
ORDER BY idx
