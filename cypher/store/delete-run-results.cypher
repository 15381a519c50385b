// Deletes up to $limit per-run result nodes of one run (with their links); call until it returns 0.
// @param run: integer  run number
// @param limit: integer  nodes per call
CALL () {
  MATCH (r:AccountResult {run: $run}) RETURN r
  UNION
  MATCH (r:CommunityResult {run: $run}) RETURN r
}
WITH r LIMIT $limit
DETACH DELETE r
RETURN count(*) AS deleted
