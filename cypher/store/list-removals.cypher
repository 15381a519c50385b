// The removal audit, newest first.
// @param limit: integer  most entries returned
MATCH (r:Removal)
RETURN r.id AS id, toString(r.at) AS at, r.actor AS actor, r.filter AS filter,
       r.followsRemoved AS followsRemoved, r.interactionsRemoved AS interactionsRemoved
ORDER BY r.id DESC
LIMIT $limit
