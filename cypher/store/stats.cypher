// Store-wide counts.
RETURN COUNT { MATCH (a:Account) } AS accounts,
       COUNT { MATCH (:Account)-[f:FOLLOWS]->(:Account) WHERE f.active } AS activeFollows,
       COUNT { MATCH (:Account)-[:INTERACTED]->(:Account) } AS interactions,
       COUNT { MATCH (r:AnalysisRun) WHERE r.state = 'completed' } AS completedRuns
