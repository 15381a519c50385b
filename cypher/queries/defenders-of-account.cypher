// The active defenders of one account, strongest first, with the figures behind each verdict
// (latest completed run, written back by the service as DEFENDS relationships).
// @param account: string  external account id
MATCH (t:Account {id: $account})<-[d:DEFENDS]-(defender:Account)
WHERE d.run = t.influenceRun
RETURN defender.id AS defender, d.strength AS strength, d.interactions AS supportiveInteractions,
       d.activePeriods AS activePeriods, d.targetFollowsBack AS followedBack, d.targetEngagesBack AS engagedBack,
       d.meanStance AS meanStance, defender.role AS defenderRole, defender.followers AS defenderFollowers
ORDER BY strength DESC, defender
