// Per-run community summaries.
// @param run: integer  run number
// @param rows: list<map>  {id, size, internalFollows, density, reciprocity, engagementInside, topAccounts: list<integer>}
UNWIND $rows AS row
MERGE (c:CommunityResult {run: $run, id: row.id})
SET c += row
