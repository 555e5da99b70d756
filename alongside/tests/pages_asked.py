"""How many queries the pages that several apps fill may ask: one number per page, here, whichever
app's rows a test grows (each app's ``test_query_counts`` also checks that its rows add none).

The peer record is one panel per app (contact methods, consent, safety flags and concerns, needs,
who works with them and their agreements, goals, contacts, offers, meetings, referrals; endings and
cover are drawn from who works with them) plus the session, the member, the peer and the audit row:
20 for a coordinator.
"""

PEER_RECORD = 20
FIGURES = 12  # the evaluator's counts: peers, consent, intake, matching, contacts, goals, referrals
# With the organisation's counts kept (home/signals.py); +1 its overdue supervision, +1 recruitment's
# kept stage counts (each a cache read).
DASHBOARD_COORDINATOR = 7
# A supervisor's dashboard: 9 of their own (their peers' counts, concerns needing them...), +2 overdue
# supervision (supervision/templatetags), +10 the early warning's facts (wellbeing/gather.py) and +1
# when each supervisee was last supervised.
DASHBOARD_SUPERVISOR = 9 + 2 + 10 + 1
