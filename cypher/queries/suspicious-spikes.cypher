// Suspicious growth spikes per account, over the written-back audience figures (suspiciousSpikes, suspectedFake,
// suspectedFakeFollowers, audienceQuality; docs/audience-quality.md) and the follows' since: for every account with a
// suspicious spike, the days its suspected fake followers arrived, how many, and what share of its followers that is.
// @param minFakes: integer  leave out days with fewer suspected fakes than this
// @param limit: integer  at most this many rows
MATCH (fake:Account {suspectedFake: 1})-[f:FOLLOWS]->(a:Account)
WHERE a.suspiciousSpikes > 0 AND f.active AND f.since IS NOT NULL
WITH a, date(datetime({epochSeconds: f.since})) AS day, count(fake) AS fakes
WHERE fakes >= $minFakes
RETURN a.id AS account, a.followers AS followers, a.audienceQuality AS audienceQuality,
       a.suspiciousSpikes AS suspiciousSpikes, a.suspectedFakeFollowers AS suspectedFakeFollowers,
       a.suspiciousGrowthShare AS suspiciousGrowthShare, toString(day) AS day, fakes,
       toFloat(fakes) / a.followers AS shareOfFollowers
ORDER BY a.suspectedFakeFollowers DESC, account, day
LIMIT $limit
