// Adds interactions; the natural key (source, target, kind, timestamp) travels as `key`, so
// re-sending the same rows adds nothing. Rows have distinct keys. Returns how many were added.
// @param rows: list<map>  {source: string, target: string, key: string, kind: string, at: integer?, weight: float, stance: float?}
UNWIND $rows AS row
MATCH (a:Account {id: row.source})
MATCH (b:Account {id: row.target})
WITH a, b, row, EXISTS { MATCH (a)-[:INTERACTED {key: row.key}]->(b) } AS existed
MERGE (a)-[r:INTERACTED {key: row.key}]->(b)
ON CREATE SET r.kind = row.kind, r.at = row.at, r.weight = row.weight, r.stance = row.stance
RETURN sum(CASE WHEN existed THEN 0 ELSE 1 END) AS added
