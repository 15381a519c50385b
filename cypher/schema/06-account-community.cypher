// Analysts filter written-back accounts by community ("top influencers of community 7").
CREATE INDEX account_community IF NOT EXISTS FOR (a:Account) ON (a.community)
