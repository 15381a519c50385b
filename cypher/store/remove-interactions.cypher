// Deletes the interactions matching a removal filter (every non-null condition must hold); rows
// without a time never match a time condition. Returns how many were deleted.
// @param account: string?  source or target id
// @param source: string?   source id
// @param target: string?   target id
// @param kind: string?     kind name (reply, mention, share, quote, comment, like)
// @param from: integer?    timestamp >= from (Unix seconds)
// @param to: integer?      timestamp < to (Unix seconds)
// @param weightAbove: float?  weight > weightAbove
MATCH (a:Account)-[r:INTERACTED]->(b:Account)
WHERE ($account IS NULL OR a.id = $account OR b.id = $account)
  AND ($source IS NULL OR a.id = $source)
  AND ($target IS NULL OR b.id = $target)
  AND ($kind IS NULL OR r.kind = $kind)
  AND ($from IS NULL OR (r.at IS NOT NULL AND r.at >= $from))
  AND ($to IS NULL OR (r.at IS NOT NULL AND r.at < $to))
  AND ($weightAbove IS NULL OR r.weight > $weightAbove)
DELETE r
RETURN count(*) AS removed
