// GDS-style write-back of the latest completed run onto :Account nodes (pagerank, community, influence,
// reciprocity = follow-back rate, role, stage, followers, following, engagementRate, …).
// @param run: integer  run number the properties come from (kept as influenceRun)
// @param rows: list<map>  {id: string, props: map of metrics}
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
SET a += row.props, a.reciprocity = row.props.followBackRate, a.influenceRun = $run
