"""Which parts of a peer supporter's path a member sees, once ``visible_supporters`` and
``Do.SEE_PATHS`` have let them open it (coordinators and admins: everyone's; a supervisor: their
supervisees'; a peer supporter: their own).

Everyone who opens it sees the stages, with who moved them and why, and each readiness judgement with
its reasons and when to talk again: the person hears the judgement and its reasons anyway, and their
supervisor supports them through it. The notes taken per criterion and the barriers are the
organisation's working record of recruitment: only those who run it read them, and the person reads
their own barriers (what is in the way and the help offered are theirs to know).
"""

from __future__ import annotations

from access.policy import Do, can, visible_peers
from matching.models import SupporterDetails
from organisations.models import Membership
from people.models import Peer, PeerSupporter


def runs_recruitment(membership: Membership | None) -> bool:
    return can(membership, Do.RUN_RECRUITMENT)


def sees_barriers(membership: Membership | None, supporter: PeerSupporter) -> bool:
    return runs_recruitment(membership) or (membership is not None and supporter.membership_id == membership.pk)


def former_peer_record(membership: Membership | None, supporter: PeerSupporter) -> Peer | None:
    """Their own record from when they were a peer here, only for a member who may see that peer."""
    former = SupporterDetails.objects.filter(supporter=supporter).values("former_peer_id")
    return visible_peers(membership).filter(pk__in=former).first()
