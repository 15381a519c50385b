// The accounts that stand out most in one community (latest completed run, written back by the service), as the
// service's community lists rank them: community standout = audience and engagement drawn against the typical
// account tied to it by follows, not follower count.
// @param community: integer  community id (the `community` property of :Account)
// @param k: integer  how many accounts
MATCH (a:Account)
WHERE a.community = $community AND a.communityStandout IS NOT NULL
RETURN a.id AS account, a.role AS role, a.stage AS stage, a.communityRank AS communityRank,
       a.communityStandout AS communityStandout, a.influence AS influence, a.pagerank AS pagerank,
       a.followers AS followers, a.following AS following, a.reciprocity AS reciprocity,
       a.engagementRate AS engagementRate, a.defenders AS defenders
ORDER BY a.communityStandout DESC, a.id
LIMIT $k
