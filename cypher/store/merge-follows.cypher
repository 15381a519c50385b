// Starts follows, with the embedded store's rules: a new pair is added; a follow that had ended is
// reactivated (with its new `since`) unless the new `since` is not after the old `until`; an active
// follow is left as it is. Rows are distinct (source, target) pairs whose accounts exist; `since` /
// `until` are Unix seconds or null. Returns how many follows were added or reactivated.
// @param rows: list<map>  {source: string, target: string, since: integer?}
UNWIND $rows AS row
MATCH (a:Account {id: row.source})
MATCH (b:Account {id: row.target})
OPTIONAL MATCH (a)-[old:FOLLOWS]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND NOT coalesce(old.active, false)
       AND (row.since IS NULL OR old.until IS NULL OR row.since > old.until) AS reactivated
MERGE (a)-[f:FOLLOWS]->(b)
ON CREATE SET f.active = true, f.since = row.since
SET f.since = CASE WHEN reactivated THEN row.since ELSE f.since END,
    f.until = CASE WHEN reactivated THEN null ELSE f.until END,
    f.active = CASE WHEN reactivated THEN true ELSE f.active END
RETURN sum(CASE WHEN created OR reactivated THEN 1 ELSE 0 END) AS added
