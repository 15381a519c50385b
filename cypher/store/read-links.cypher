// Per-run defender and critic links of the targets with idx in [$from, $to).
// @param run: integer  run number
// @param from: integer  first target idx
// @param to: integer  target idx after the last
MATCH (t:AccountResult {run: $run})
WHERE t.idx >= $from AND t.idx < $to
MATCH (d:AccountResult)-[l:DEFENDS|CRITICISES]->(t)
RETURN type(l) AS type, t.idx AS target, d.idx AS defender, properties(l) AS props
