// Per-run community summaries.
CREATE INDEX community_result_run IF NOT EXISTS FOR (c:CommunityResult) ON (c.run, c.id)
