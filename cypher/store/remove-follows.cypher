// Deletes the follows (active or ended) matching a removal filter; rows without `since` never match
// a time condition. Returns how many were deleted.
// @param account: string?  source or target id
// @param source: string?   source id
// @param target: string?   target id
// @param from: integer?    since >= from (Unix seconds)
// @param to: integer?      since < to (Unix seconds)
MATCH (a:Account)-[f:FOLLOWS]->(b:Account)
WHERE ($account IS NULL OR a.id = $account OR b.id = $account)
  AND ($source IS NULL OR a.id = $source)
  AND ($target IS NULL OR b.id = $target)
  AND ($from IS NULL OR (f.since IS NOT NULL AND f.since >= $from))
  AND ($to IS NULL OR (f.since IS NOT NULL AND f.since < $to))
DELETE f
RETURN count(*) AS removed
