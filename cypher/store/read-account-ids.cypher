// One page of account ids in id order (keyset paging over the account_id index).
// @param after: string  last id of the previous page ('' for the first page)
// @param limit: integer  page size
MATCH (a:Account)
WHERE a.id > $after
RETURN a.id AS id
ORDER BY a.id
LIMIT $limit
