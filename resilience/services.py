"""Retention settings and signed-in sessions: the only code that changes them (audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.log import audit
from audit.models import Action

from .models import SignedInSession
from .retention import set_periods  # noqa: F401 (the retention page's one change)
from .sessions import reference


def sessions_of(user) -> list[SignedInSession]:
    return list(SignedInSession.objects.filter(user=user, expire_date__gt=timezone.now()).order_by("-last_seen", "pk"))


@transaction.atomic
def end_session(user, ref: str, *, by, organisation=None) -> bool:
    """End ``user``'s session named ``ref`` (a lost phone); False if they have none by that name."""
    for row in SignedInSession.objects.select_for_update().filter(user=user):
        if reference(row.session_key) == ref:
            row.delete()
            audit(
                by, Action.DELETE, organisation=organisation, record_type="user", record_id=user.pk,
                reason="a signed-in session ended",
            )  # fmt: skip
            return True
    return False
