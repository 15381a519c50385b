// Popularity (followers, follow-graph PageRank) next to influence (interaction PageRank) for every
// analysed account, most followed first: popular accounts with little influence stand out.
// @param limit: integer  at most this many accounts
MATCH (a:Account)
WHERE a.influence IS NOT NULL
RETURN a.id AS account, a.followers AS followers, a.pagerank AS pagerank, a.influence AS influence,
       a.role AS role, a.reciprocity AS reciprocity, a.engagementRate AS engagementRate,
       a.community AS community, a.defenders AS defenders
ORDER BY a.followers DESC, a.id
LIMIT $limit
