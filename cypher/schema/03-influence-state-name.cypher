// Singleton bookkeeping nodes (the run counter and the latestRun pointer live on {name: 'runs'}).
CREATE CONSTRAINT influence_state_name IF NOT EXISTS FOR (s:InfluenceState) REQUIRE s.name IS UNIQUE
