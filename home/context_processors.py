"""What every page needs to draw its navigation: only the entries the role can use."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.policy import Do, can
from accounts import idle

NAVIGATION = [
    (_("Home"), "home:dashboard", None),
    (_("Peers"), "people:peer_list", Do.SEE_PEERS),
    (_("Diary"), "diary:diary", Do.PLAN_MEETINGS),
    (_("Peer supporters"), "people:supporter_list", Do.SEE_SUPPORTERS),
    (_("Log a contact"), "contacts:start", Do.LOG_CONTACTS),
    (_("Waiting list"), "intake:waiting_list", Do.SEE_WAITING_LIST),
    (_("Concerns"), "safeguarding:concerns", Do.SEE_CONCERNS),
    (_("Batches"), "batches:batch_list", Do.RUN_BATCHES),
    (_("Who is away"), "absences:away", Do.RECORD_ABSENCES),
    (_("Training"), "training:overview", Do.RUN_TRAINING),
    (_("Partner directory"), "directory:directory", Do.SEE_DIRECTORY),
    (_("On-call rota"), "safeguarding:rota", Do.KEEP_ON_CALL_ROTA),
    (_("Referrals"), "referrals:referral_list", Do.SEE_REFERRALS),
    (_("Figures"), "home:figures", Do.SEE_AGGREGATES),
    (_("Team"), "accounts:team", Do.INVITE_MEMBERS),
    (_("Audit log"), "audit:log", Do.READ_AUDIT_LOG),
    (_("Settings"), "organisations:settings", Do.MANAGE_ORGANISATION),
]


def navigation(request):
    membership = getattr(request, "membership", None)
    items = []
    if membership is not None:
        own_profile = getattr(membership, "supporter_profile", None) if membership.role == "peer_supporter" else None
        for label, url_name, needs in NAVIGATION:
            if needs is None or can(membership, needs):
                items.append({"label": label, "url": reverse(url_name)})
        if own_profile is not None:
            items.append({"label": _("My profile"), "url": reverse("people:supporter_detail", args=[own_profile.pk])})
    # The tenancy middleware has already read the user's memberships for this request.
    other_memberships = [m for m in getattr(request, "memberships", []) if m != membership]
    return {
        "nav_items": items,
        "current_membership": membership,
        "other_memberships": other_memberships,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "idle_timeout_seconds": idle.seconds_left(request),
    }
