// Every account once: MERGE on :Account(id) is an index seek and concurrent imports cannot duplicate it.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.id IS UNIQUE
