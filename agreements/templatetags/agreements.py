"""The support agreements shown on a peer's record, beside who works with them (one query)."""

from __future__ import annotations

from django import template
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from agreements.access import agreement_assignments
from agreements.choices import Channel
from agreements.models import SupportAgreement

register = template.Library()


@register.inclusion_tag("agreements/on_the_peer_record.html", takes_context=True)
def support_agreements(context, peer):
    request = context["request"]
    newest = SupportAgreement.objects.filter(assignment=OuterRef("pk")).order_by("-version")
    assignments = list(
        agreement_assignments(getattr(request, "membership", None))
        .filter(peer=peer)
        .current()
        .select_related("worker__user")
        .annotate(agreement_version=Subquery(newest.values("version")[:1]))
        .annotate(review_on=Subquery(newest.values("review_on")[:1]))
        .order_by("starts_on", "pk")
    )
    return {"peer": peer, "assignments": assignments, "today": timezone.localdate()}


@register.filter
def channel_names(codes) -> list[str]:
    """The ways of being in touch, named in the language of the page."""
    labels = dict(Channel.choices)
    return [str(labels[code]) for code in codes or () if code in labels]
