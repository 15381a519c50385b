// Number of the latest completed run (null before the first one).
OPTIONAL MATCH (s:InfluenceState {name: 'runs'})
RETURN s.latestRun AS latestRun
