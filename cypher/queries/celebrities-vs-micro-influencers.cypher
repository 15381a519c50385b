// Celebrities against macro- and micro-influencers: audience size against reciprocity, engagement,
// influence and defenders, per role (latest completed run, written back by the service).
MATCH (a:Account)
WHERE a.role IN ['celebrity', 'macro-influencer', 'micro-influencer']
RETURN a.role AS role, count(*) AS accounts,
       percentileCont(a.followers, 0.5) AS medianFollowers, avg(a.followers) AS meanFollowers,
       avg(a.reciprocity) AS meanFollowBackRate, avg(a.engagementRate) AS meanEngagementRate,
       avg(a.influence) AS meanInfluence, avg(a.pagerank) AS meanPagerank, avg(a.defenders) AS meanDefenders
ORDER BY medianFollowers DESC
