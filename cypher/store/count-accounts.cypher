// Number of accounts (from the count store).
MATCH (a:Account)
RETURN count(a) AS accounts
