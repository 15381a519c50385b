// Every written-back figure of one account (latest completed run).
// @param account: string  external account id
MATCH (a:Account {id: $account})
RETURN a.id AS account, a.influenceRun AS run, a.role AS role, a.stage AS stage,
       a.followers AS followers, a.following AS following, a.mutual AS mutual, a.reciprocity AS reciprocity,
       a.pagerank AS pagerank, a.influence AS influence, a.community AS community,
       a.communityRank AS communityRank, a.engagementRate AS engagementRate,
       a.uniqueEngagers AS uniqueEngagers, a.activeAudienceShare AS activeAudienceShare,
       a.defenders AS defenders, a.critics AS critics, a.defenderEngagementShare AS defenderEngagementShare
