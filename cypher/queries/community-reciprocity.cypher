// Reciprocity inside one community: the share of its internal active follows that are followed back,
// next to its size and its members' mean follow-back rate.
// @param community: integer  community id (the `community` property of :Account)
MATCH (a:Account {community: $community})-[f:FOLLOWS]->(b:Account {community: $community})
WHERE f.active
WITH a, b, EXISTS { MATCH (b)-[g:FOLLOWS]->(a) WHERE g.active } AS followedBack
WITH count(*) AS internalFollows, sum(CASE WHEN followedBack THEN 1 ELSE 0 END) AS reciprocated
RETURN $community AS community,
       COUNT { MATCH (m:Account) WHERE m.community = $community } AS members,
       internalFollows, reciprocated,
       CASE WHEN internalFollows = 0 THEN null ELSE toFloat(reciprocated) / internalFollows END AS reciprocity,
       COLLECT { MATCH (m:Account) WHERE m.community = $community RETURN avg(m.reciprocity) }[0] AS meanFollowBackRate
