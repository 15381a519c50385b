// Interactions made by the accounts whose ids lie in [$from, $to], in a stable order.
// @param from: string  first account id of the page
// @param to: string  last account id of the page
MATCH (a:Account)-[r:INTERACTED]->(b:Account)
WHERE a.id >= $from AND a.id <= $to
RETURN a.id AS source, b.id AS target, r.kind AS kind, r.at AS at, r.weight AS weight, r.stance AS stance
ORDER BY source, r.key, target
