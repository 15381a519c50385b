// Deletes up to $limit written-back DEFENDS / CRITICISES links of other runs; call until it returns 0.
// @param run: integer  the run whose links stay
// @param limit: integer  links per call
MATCH (:Account)-[l:DEFENDS|CRITICISES]->(:Account)
WHERE l.run <> $run
WITH l LIMIT $limit
DELETE l
RETURN count(*) AS deleted
