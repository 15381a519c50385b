// Engaged-audience overlap of a campaign plan's picks (or of any list of accounts), as POST /api/v1/audiences/overlap
// and `influence overlap` compute it: the engaged audience of an account is the distinct accounts that interacted with
// it at least $minInteractions times (interaction weights summed, self-interactions left out). Plans are computed on
// request and not stored: pass a plan's picks (`influence plan … --format json` → picks[].id, or the API's picks).
// One row per pair: shared engagers, Jaccard, and the union of the whole list (what the plan's reach value counts
// when its scope is the whole graph).
// @param accounts: list<string>  external account ids, e.g. the plan's picks in order
// @param minInteractions: integer  interactions an engager needs with an account (1 = any)
UNWIND range(0, size($accounts) - 1) AS i
MATCH (a:Account {id: $accounts[i]})
OPTIONAL MATCH (e:Account)-[r:INTERACTED]->(a)
WHERE e <> a
WITH i, a, e, sum(r.weight) AS interactions
WITH i, a, collect(CASE WHEN e IS NOT NULL AND interactions >= $minInteractions THEN e.id END) AS audience
WITH collect({i: i, id: a.id, audience: audience}) AS picks
WITH picks, reduce(seen = [], p IN picks | seen + [e IN p.audience WHERE NOT e IN seen]) AS everyone
UNWIND picks AS x
UNWIND picks AS y
WITH everyone, x, y
WHERE x.i < y.i
WITH everyone, x, y, size([e IN x.audience WHERE e IN y.audience]) AS shared
RETURN x.id AS a, y.id AS b, size(x.audience) AS audienceA, size(y.audience) AS audienceB, shared,
       CASE WHEN size(x.audience) + size(y.audience) - shared = 0 THEN 0.0
            ELSE toFloat(shared) / (size(x.audience) + size(y.audience) - shared) END AS jaccard,
       size(everyone) AS unionOfAll
ORDER BY x.i, y.i
