// Creates the accounts a batch mentions (idempotent).
// @param ids: list<string>  external account ids
UNWIND $ids AS id
MERGE (:Account {id: id})
