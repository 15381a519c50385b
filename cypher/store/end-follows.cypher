// Ends active follows (an unfollow) unless the unfollow is dated before the follow began. `at` is Unix
// seconds or null. Returns how many follows ended.
// @param rows: list<map>  {source: string, target: string, at: integer?}
UNWIND $rows AS row
MATCH (a:Account {id: row.source})-[f:FOLLOWS]->(b:Account {id: row.target})
WHERE f.active AND (row.at IS NULL OR f.since IS NULL OR row.at >= f.since)
SET f.active = false, f.until = row.at
RETURN count(f) AS ended
