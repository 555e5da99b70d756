"""Over generated peers (every kind of detail filled in) and generated choices of what to share: no
referral page, not the partner's page, the emails, nor the printout shows a detail the peer did not
agree to share. Each unchosen item's value is looked for in every output, as typed and as HTML shows it.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from organisations.models import Partner
from organisations.tenancy import organisation_scope
from people import choices
from people import services as people
from people.models import ContactMethod
from referrals import services, shareable

from .helpers import BASE, path_of

# Words as people type them, in any script, with HTML's own characters among them.
words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"), blacklist_characters="\x00"),
    min_size=6,
    max_size=30,
)
# Not English or French: those are named on every page (the language menu).
LANGUAGE_CODES = [code for code, _ in choices.LANGUAGES if code not in ("en", "fr")]

a_peer = st.fixed_dictionaries(
    {
        "chosen_name": words,
        "pronouns": words,
        "safe_times": words,
        "asked": words,
        "note": words,
        "shared_contact": words,
        "other_contact": words,
        "age_band": st.sampled_from([v for v in choices.AgeBand.values if v != choices.PREFER_NOT]),
        "languages": st.lists(st.sampled_from(LANGUAGE_CODES), min_size=1, max_size=3, unique=True),
        "needs": st.lists(st.sampled_from(choices.NeedDomain.values), min_size=1, max_size=3, unique=True),
    }
)
chosen_items = st.sets(st.sampled_from(shareable.CODES), min_size=1)


def values_of(peer_data: dict) -> dict[str, list[str]]:
    """What each item would show, as values to look for (typed text as it is; labels of choices)."""
    ages, needs, languages = dict(choices.AgeBand.choices), dict(choices.NeedDomain.choices), choices.LANGUAGE_NAMES
    return {
        "chosen_name": [peer_data["chosen_name"]],
        "pronouns": [peer_data["pronouns"]],
        "languages": [str(languages[c]) for c in peer_data["languages"]],
        "age_band": [str(ages[peer_data["age_band"]])],
        "needs": [str(needs[c]) for c in peer_data["needs"]],
        "contact": [peer_data["shared_contact"]],
        "safe_times": [peer_data["safe_times"]],
        "asked": [peer_data["asked"]],
        "note": [peer_data["note"]],
    }


def shows(output: str, value: str) -> bool:
    forms = {value, html.escape(value), html.escape(value, quote=False)}
    if value.replace(" ", "").isalnum() and value.isascii():  # a label: as a whole word or phrase
        return bool(re.search(rf"\b{re.escape(value)}\b", output))
    return any(form in output for form in forms)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(peer_data=a_peer, chosen=chosen_items)
def test_no_output_shows_what_the_peer_did_not_agree_to_share(cast, client_for, peer_data, chosen):
    client = client_for("pat")
    with transaction.atomic():
        check(cast, client, peer_data, chosen)
        transaction.set_rollback(True)


def check(cast, client, peer_data, chosen):
    values = values_of(peer_data)
    typed = [v for key in ("chosen_name", "pronouns", "safe_times", "asked", "note", "shared_contact", "other_contact")
             for v in [peer_data[key]]]  # fmt: skip
    assume(len({v.casefold() for v in typed}) == len(typed))  # each recognisable on its own
    assume(not any(a != b and a.casefold() in b.casefold() for a in typed for b in typed))
    # Words the pages show whatever the peer typed (the menu's "directory", a heading) can't be told apart.
    chrome, _ = outputs_for(cast, client, NEUTRAL, set(shareable.CODES))
    assume(not any(shows(output, value) for output in chrome.values() for value in typed))
    outputs, peer = outputs_for(cast, client, peer_data, chosen)
    # What was chosen is there (the check can see), what was not is nowhere.
    for code in chosen:
        for value in values[code]:
            assert shows(outputs["the partner's page"], value), (code, value)
    for where, output in outputs.items():
        assert not shows(output, peer_data["other_contact"]), f"{where} shows a way to reach them not chosen"
        for code in set(shareable.CODES) - chosen:
            for value in values[code]:
                assert not shows(output, value), f"{where} shows {code} ({value!r}), which was not chosen"
    assert f"/peers/{peer.pk}/" not in outputs["the partner's page"] + outputs["the email"]
    assert not any(peer_data[k] in outputs["the email"] for k in ("chosen_name", "asked", "note", "shared_contact"))


# Another peer's details, plain and distinct from anything generated (which are 6 to 30 characters).
NEUTRAL = {
    "chosen_name": "Qz", "pronouns": "Qy", "safe_times": "Qx", "asked": "Qw", "note": "Qv",
    "shared_contact": "Qu", "other_contact": "Qt", "age_band": choices.AgeBand.values[1], "languages": ["es"],
    "needs": [choices.NeedDomain.values[0]],
}  # fmt: skip


def outputs_for(cast, client, peer_data, chosen):
    """A peer with ``peer_data``, referred sharing ``chosen``: every output of the referral, as text, and the peer."""
    mail.outbox.clear()
    with organisation_scope(cast.riverside):
        partner, _ = Partner.objects.get_or_create(organisation=cast.riverside, name="Northgate")
        peer = people.create_peer(
            membership=cast.cleo,
            fields={k: peer_data[k] for k in ("chosen_name", "pronouns", "safe_times", "age_band", "languages")},
            needs=peer_data["needs"],
            contact_methods=[
                {"channel": "text", "detail": peer_data["shared_contact"], "is_safe": True},
                {"channel": "text", "detail": peer_data["other_contact"], "is_safe": True},
            ],
        )
        people.assign(peer=peer, worker=cast.pat, by=cast.cleo, kind="peer_support",
                      starts_on=timezone.localdate() - timedelta(days=1))  # fmt: skip
        contact = ContactMethod.objects.filter(peer=peer).order_by("pk").first()
        referral, link = services.make_referral(
            peer=peer, by=cast.pat, partner=partner, partner_email="in@northgate.test", asked=peer_data["asked"],
            note_for_partner=peer_data["note"], items=chosen, contact_method=contact,
            explained_at=timezone.now(), base_url=BASE,
        )  # fmt: skip
    internal = f"/peers/{peer.pk}/referrals/{referral.pk}/"
    return {
        "the partner's page": Client().get(path_of(link)).content.decode(),
        "the referral page": client.get(internal).content.decode(),
        "the printout": client.get(internal + "print/").content.decode(),
        "the email": "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox),
    }, peer
