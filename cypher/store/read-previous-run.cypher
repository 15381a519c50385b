// What a next run continues from (stable community ids, warm start), for the accounts with idx in
// [$from, $to) of run $run, in idx order: only the id, community and the two PageRank vectors.
// @param run: integer  run number
// @param from: integer  first idx
// @param to: integer  idx after the last
MATCH (r:AccountResult {run: $run})
WHERE r.idx >= $from AND r.idx < $to
RETURN r.idx AS idx, r.account AS account, r.community AS community, r.pagerank AS pagerank, r.attention AS attention
ORDER BY idx
