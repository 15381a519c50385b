// The most influential accounts of one community (latest completed run, written back by the
// service): influence = PageRank on the weighted interaction graph, not follower count.
// @param community: integer  community id (the `community` property of :Account)
// @param k: integer  how many accounts
MATCH (a:Account)
WHERE a.community = $community AND a.influence IS NOT NULL
RETURN a.id AS account, a.role AS role, a.stage AS stage, a.communityRank AS communityRank,
       a.influence AS influence, a.pagerank AS pagerank, a.followers AS followers, a.following AS following,
       a.reciprocity AS reciprocity, a.engagementRate AS engagementRate, a.defenders AS defenders
ORDER BY a.influence DESC, a.id
LIMIT $k
