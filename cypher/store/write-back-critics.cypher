// Written-back critic links of the latest run between :Account nodes.
// @param run: integer  run number
// @param rows: list<map>  {defender: string, target: string, props: map}
UNWIND $rows AS row
MATCH (d:Account {id: row.defender})
MATCH (t:Account {id: row.target})
MERGE (d)-[l:CRITICISES {run: $run}]->(t)
SET l += row.props
