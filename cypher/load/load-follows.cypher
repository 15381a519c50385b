// Loads a follows CSV: header `source,target,since` (source follows target; since = Unix seconds,
// ISO-8601 or empty). Accounts are created as needed; re-running changes nothing; a follow that had
// ended is reactivated. Rows without both ids are skipped: use the service's importer (`influence
// import`) when you need each bad row reported with its line and reason.
// Runs in auto-commit (Query API, Python driver `session.run`, cypher-shell). In Neo4j Browser, type
// `:auto` before it (CALL … IN TRANSACTIONS cannot run inside an explicit transaction).
// @param url: string  e.g. 'file:///follows.csv' (server import directory) or 'https://…/follows.csv'
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH trim(coalesce(row.source, '')) AS source, trim(coalesce(row.target, '')) AS target,
       trim(coalesce(row.since, '')) AS since
  WHERE source <> '' AND target <> ''
  MERGE (a:Account {id: source})
  MERGE (b:Account {id: target})
  MERGE (a)-[f:FOLLOWS]->(b)
  ON CREATE SET f.since = CASE WHEN since = '' THEN null
                               WHEN since =~ '-?[0-9]+' THEN toInteger(since)
                               ELSE datetime(since).epochSeconds END
  SET f.active = true, f.until = null
} IN TRANSACTIONS OF 5000 ROWS
