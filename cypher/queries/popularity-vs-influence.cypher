// Popularity (followers, follow-graph PageRank) next to influence (engagement depth and depth per audience member)
// and the run's verdict for every analysed account, most followed first: popular accounts whose audiences do not
// engage stand out as popular-not-influential.
// @param limit: integer  at most this many accounts
MATCH (a:Account)
WHERE a.influence IS NOT NULL
RETURN a.id AS account, a.followers AS followers, a.pagerank AS pagerank, a.influence AS influence,
       a.attention AS attention, a.popularityVsInfluence AS popularityVsInfluence,
       a.role AS role, a.roleMargin AS roleMargin, a.reciprocity AS reciprocity, a.engagementRate AS engagementRate,
       a.community AS community, a.defenders AS defenders
ORDER BY a.followers DESC, a.id
LIMIT $limit
