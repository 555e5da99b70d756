"""The support agreements shown on a peer's record, beside who works with them (one query, none when there is nothing to show)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from access.policy import Do, can, is_their_work
from agreements.choices import Channel
from agreements.models import SupportAgreement
from matching.choices import SLOT_CHOICES
from people.models import AssignmentKind
from people.record import assignments_on_record

register = template.Library()


@register.inclusion_tag("agreements/on_the_peer_record.html", takes_context=True)
def support_agreements(context, peer):
    """Drawn beside the record's list of who works with the peer (``assignments``): the current peer
    supports this member reads, by the same rule as ``agreement_assignments``."""
    membership = getattr(context["request"], "membership", None)
    listed = assignments_on_record(context, peer)
    assignments = []
    if can(membership, Do.SEE_AGREEMENTS):
        assert membership is not None
        assignments = sorted(
            (
                a
                for a in listed
                if a.kind == AssignmentKind.PEER_SUPPORT and a.is_current and is_their_work(membership, a)
            ),
            key=lambda a: (a.starts_on, a.pk),
        )
    if not assignments:
        return {"peer": peer, "assignments": [], "today": timezone.localdate()}
    # The version in force of each (the newest), read in a second plain query rather than as two
    # correlated subqueries: cheaper to build, and a peer has one or two current supports.
    newest: dict[int, tuple[int, object]] = {}
    versions = SupportAgreement.objects.filter(assignment__in=[a.pk for a in assignments]).order_by("version")
    for assignment_id, version, review_on in versions.values_list("assignment_id", "version", "review_on"):
        newest[assignment_id] = (version, review_on)
    for assignment in assignments:
        assignment.agreement_version, assignment.review_on = newest.get(assignment.pk, (None, None))
    return {"peer": peer, "assignments": assignments, "today": timezone.localdate()}


@register.filter
def channel_names(codes) -> list[str]:
    """The ways of being in touch, named in the language of the page."""
    labels = dict(Channel.choices)
    return [str(labels[code]) for code in codes or () if code in labels]


@register.filter
def slot_names(codes) -> list[str]:
    """Agreed times (weekday x part of the day), named in the language of the page."""
    labels = dict(SLOT_CHOICES)
    return [str(labels[code]) for code in codes or () if code in labels]
