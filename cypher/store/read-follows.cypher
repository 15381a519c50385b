// Active follows of the accounts whose ids lie in [$from, $to], one row per follower: [target id, since or null] pairs.
// @param from: string  first account id of the page
// @param to: string  last account id of the page
MATCH (a:Account)-[f:FOLLOWS]->(b:Account)
WHERE a.id >= $from AND a.id <= $to AND f.active
RETURN a.id AS source, collect([b.id, f.since]) AS targets
