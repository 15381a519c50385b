// Per-run defender links between the run's AccountResult nodes.
// @param run: integer  run number
// @param rows: list<map>  {defender: integer, target: integer, props: map}
UNWIND $rows AS row
MATCH (d:AccountResult {run: $run, idx: row.defender})
MATCH (t:AccountResult {run: $run, idx: row.target})
MERGE (d)-[l:DEFENDS]->(t)
SET l += row.props
