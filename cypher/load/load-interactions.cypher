// Loads an interactions CSV: header `source,target,kind,timestamp,weight,stance` (source acted on
// target). kind: reply, mention, share (retweet/repost/rt), quote, comment, like; timestamp: Unix
// seconds, ISO-8601 or empty; weight: positive count (empty = 1); stance in [-1, 1] or empty.
// Natural key (source, target, kind, timestamp): re-running adds nothing. Rows with an empty id,
// an unknown kind, a weight <= 0 or a stance outside [-1, 1] are skipped: use the service's importer
// when you need each bad row reported with its line and reason.
// Runs in auto-commit (Query API, Python driver `session.run`, cypher-shell). In Neo4j Browser, type
// `:auto` before it (CALL … IN TRANSACTIONS cannot run inside an explicit transaction).
// @param url: string  e.g. 'file:///interactions.csv' (server import directory) or 'https://…'
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH trim(coalesce(row.source, '')) AS source, trim(coalesce(row.target, '')) AS target,
       toLower(trim(coalesce(row.kind, ''))) AS rawKind, trim(coalesce(row.timestamp, '')) AS ts,
       trim(coalesce(row.weight, '')) AS w, trim(coalesce(row.stance, '')) AS st
  WITH source, target,
       CASE rawKind WHEN 're' THEN 'reply' WHEN 'mt' THEN 'mention' WHEN 'retweet' THEN 'share'
                    WHEN 'repost' THEN 'share' WHEN 'rt' THEN 'share' ELSE rawKind END AS kind,
       CASE WHEN ts = '' THEN null WHEN ts =~ '-?[0-9]+' THEN toInteger(ts) ELSE datetime(ts).epochSeconds END AS at,
       CASE WHEN w = '' THEN 1.0 ELSE toFloat(w) END AS weight,
       CASE WHEN st = '' THEN null ELSE toFloat(st) END AS stance
  WHERE source <> '' AND target <> ''
    AND kind IN ['reply', 'mention', 'share', 'quote', 'comment', 'like']
    AND weight > 0 AND (stance IS NULL OR (stance >= -1 AND stance <= 1))
  MERGE (a:Account {id: source})
  MERGE (b:Account {id: target})
  MERGE (a)-[r:INTERACTED {key: kind + '@' + coalesce(toString(at), '')}]->(b)
  ON CREATE SET r.kind = kind, r.at = at, r.weight = weight, r.stance = stance
} IN TRANSACTIONS OF 2000 ROWS
