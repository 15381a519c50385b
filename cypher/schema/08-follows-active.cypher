// Ended follows (active = false) are found by index: the stats and the readiness probe never scan follows.
CREATE INDEX follows_active IF NOT EXISTS FOR ()-[f:FOLLOWS]-() ON (f.active)
