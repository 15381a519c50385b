// Per-run community summaries in id order.
// @param run: integer  run number
MATCH (c:CommunityResult {run: $run})
RETURN properties(c) AS props
ORDER BY c.id
