// Analysts filter written-back accounts by role ("micro-influencers").
CREATE INDEX account_role IF NOT EXISTS FOR (a:Account) ON (a.role)
