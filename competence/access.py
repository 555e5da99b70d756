"""Whose competence record a member opens: their own (a peer supporter), their supervisees' (a
supervisor), everyone's in the organisation (coordinators, admins); to sign off, record shadowing or
change a level, their supervisees' (a supervisor) or anyone's (coordinators, admins). Never another
supporter's; evaluators see counts only. Anything else is the audited 404."""

from __future__ import annotations

from django.http import HttpRequest

from access.lookups import refuse, supporter_for
from access.policy import Do, can
from people.models import PeerSupporter


def supporter_to_see(request: HttpRequest, supporter_id: int) -> PeerSupporter:
    if not can(getattr(request, "membership", None), Do.SEE_COMPETENCE):
        raise refuse(request, "peersupporter", supporter_id)
    return supporter_for(request, supporter_id)


def supporter_to_sign_off(request: HttpRequest, supporter_id: int) -> PeerSupporter:
    if not can(getattr(request, "membership", None), Do.SIGN_OFF_COMPETENCE):
        raise refuse(request, "peersupporter", supporter_id)
    return supporter_for(request, supporter_id)
