// Store-wide counts, cheap enough for a readiness probe: relationship counts by type come from the
// count store, and only ended follows are looked up (through the follows_active index), never scanned.
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH ()-[f:FOLLOWS]->() RETURN count(f) AS follows }
CALL () { MATCH ()-[f:FOLLOWS]->() WHERE f.active = false RETURN count(f) AS ended }
CALL () { MATCH ()-[r:INTERACTED]->() RETURN count(r) AS interactions }
CALL () { MATCH (r:AnalysisRun) WHERE r.state = 'completed' RETURN count(r) AS completedRuns }
RETURN accounts, follows - ended AS activeFollows, interactions, completedRuns
