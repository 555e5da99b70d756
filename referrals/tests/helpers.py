"""Making a referral for the tests, and reading the partner's link out of the email it went in."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from organisations.models import Partner
from people.models import ContactMethod, Need, Peer
from referrals import services

BASE = "http://testserver/"
LINK = re.compile(r"http://testserver(/partner/referral/[^/\s]+/)")


def fill_amara(peer: Peer) -> ContactMethod:
    """Give a peer something of every kind, and two safe ways to reach them; returns the first."""
    Peer.objects.filter(pk=peer.pk).update(
        pronouns="she/her", languages=["ro", "en"], age_band="25_34", safe_times="Weekday mornings only"
    )
    Need.objects.create(organisation_id=peer.organisation_id, peer=peer, domain="housing")
    first = ContactMethod.objects.create(
        organisation_id=peer.organisation_id, peer=peer, channel="text", detail="07700 900111", is_safe=True
    )
    ContactMethod.objects.create(
        organisation_id=peer.organisation_id, peer=peer, channel="email", detail="amara@hidden.test", is_safe=True
    )
    peer.refresh_from_db()
    return first


def refer(cast, peer=None, *, by=None, items=("chosen_name", "asked"), contact=None, **extra):
    peer = peer or cast.amara
    partner = Partner.objects.filter(organisation_id=peer.organisation_id).first()
    values = dict(
        peer=peer,
        by=by or cast.pat,
        partner=partner,
        partner_email="intake@housing.test",
        asked="Emergency housing assessment",
        items=items,
        contact_method=contact,
        explained_at=timezone.now() - timedelta(minutes=10),
        base_url=BASE,
    )
    values.update(extra)
    return services.make_referral(**values)


def path_of(link: str) -> str:
    match = LINK.match(link)
    assert match, link
    return match.group(1)


def links_in_mail() -> list[str]:
    return [path for message in mail.outbox for path in LINK.findall(message.body)]
