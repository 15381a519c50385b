// Appends an entry to the removal audit (who removed what, when) and returns its number.
// @param at: string            ISO-8601 instant
// @param actor: string         who asked
// @param filter: string        the filter as JSON
// @param followsRemoved: integer
// @param interactionsRemoved: integer
OPTIONAL MATCH (previous:Removal)
WITH coalesce(max(previous.id), 0) + 1 AS id
CREATE (r:Removal {id: id, at: datetime($at), actor: $actor, filter: $filter,
                   followsRemoved: $followsRemoved, interactionsRemoved: $interactionsRemoved})
RETURN r.id AS id
