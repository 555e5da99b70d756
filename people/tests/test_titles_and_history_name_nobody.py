"""A tab, a history entry or a URL says what kind of page it is, never whose.

Browsers keep page titles and URLs (tabs, history, a phone someone else watches or shares). Every page
is walked from the URLconf, so a new one cannot slip past: its <title> names nobody of the cast, no
answer asks htmx to push a URL, and no template pushes one.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from batches.models import Batch, BatchKind
from diary.models import Meeting
from directory.models import DirectoryImport, Location, Service
from goals.models import Goal
from offers.models import Offer
from organisations.models import Partner
from organisations.tenancy import organisation_scope
from people.models import Assignment
from referrals.models import Referral
from safeguarding.models import Concern

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def routes(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


def our_pages():
    for name, arguments in routes():
        if name.startswith(("account_", "mfa_", "socialaccount_")) or name in {"healthz", "accounts:keepalive"}:
            continue
        yield name, arguments


def named(cast, name, arguments):
    with organisation_scope(cast.riverside):
        values = {
            "peer_id": cast.amara.pk,
            "supporter_id": cast.pat_profile.pk,
            "assignment_id": Assignment.objects.get(peer=cast.amara).pk,
            # A batch and an offer for amara (the batches and offers pages).
            "batch_id": (
                Batch.objects.first() or Batch.objects.create(organisation=cast.riverside, kind=BatchKind.COHORT)
            ).pk,
            "offer_id": (
                Offer.objects.filter(peer=cast.amara).first()
                or Offer.objects.create(organisation=cast.riverside, peer=cast.amara, supporter=cast.quinn_profile)
            ).pk,
            # A meeting with amara (the diary's meeting pages).
            "meeting_id": (
                Meeting.objects.filter(peer=cast.amara).first()
                or Meeting.objects.create(
                    organisation=cast.riverside,
                    peer=cast.amara,
                    assignment=Assignment.objects.get(peer=cast.amara),
                    starts_at=timezone.now() + timedelta(days=1),
                )
            ).pk,
            # A goal of amara's (the goal pages).
            "goal_id": (
                Goal.objects.filter(peer=cast.amara).first()
                or Goal.objects.create(organisation=cast.riverside, peer=cast.amara, words="A goal")
            ).pk,
            # A concern pat raised about amara (the concern page).
            "concern_id": (
                Concern.objects.filter(peer=cast.amara).first()
                or Concern.objects.create(
                    organisation=cast.riverside, peer=cast.amara, raised_by=cast.pat, urgency="today"
                )
            ).pk,
            "referral_id": (
                Referral.objects.filter(peer=cast.amara).first()
                or Referral.objects.create(
                    organisation=cast.riverside,
                    peer=cast.amara,
                    partner=Partner.objects.filter(organisation=cast.riverside).first(),
                    partner_email="in@p.test",
                    asked="—",
                    acknowledge_by=timezone.localdate(),
                    outcome_by=timezone.localdate(),
                )  # fmt: skip
            ).pk,
            # A supervision session of pat's (the supervision pages).
            "session_id": _a_supervision_of_pat(cast),
        }
        # The partner directory's rows (about no person): the cast's partner, a place and a service of it.
        partner = Partner.objects.get(organisation=cast.riverside, name="Riverside Housing")
        values["partner_id"] = partner.pk
        values["location_id"] = Location.objects.get_or_create(organisation=cast.riverside, partner=partner)[0].pk
        values["service_id"] = Service.objects.get_or_create(organisation=cast.riverside, partner=partner, name="Beds")[
            0
        ].pk
        values["import_id"] = DirectoryImport.objects.get_or_create(organisation=cast.riverside)[0].pk
        # Recruitment's posts and readiness criteria (about no person).
        from recruitment.models import Post
        from recruitment.services import criteria_for

        values["post_id"] = Post.objects.get_or_create(
            organisation=cast.riverside, title="Peer mentor", engagement="paid"
        )[0].pk
        values["criterion_id"] = criteria_for(cast.riverside)[0].pk
        if arguments & {"cohort_id", "cohort_session_id"}:  # a training cohort and one of its sessions
            from access.tests.test_permission_walk import _training_rows
            from training.models import CohortSession

            made = CohortSession.objects.filter(organisation=cast.riverside).first()
            if made is None:
                values.update(_training_rows(cast, cast.riverside))
            else:
                values.update(cohort_id=made.cohort_id, cohort_session_id=made.pk)
    unknown = arguments - values.keys() - {"key", "token"}
    assert not unknown, f"teach this test which record to open for {name}: {unknown}"
    if arguments & {"key", "token"}:
        return None
    return reverse(name, kwargs={a: values[a] for a in arguments})


def _a_supervision_of_pat(cast) -> int:
    from supervision.models import Session, Supervisee

    row = Supervisee.objects.filter(supporter=cast.pat_profile).first()
    if row is None:
        session = Session.objects.create(
            organisation=cast.riverside, format="one_to_one", arranged="planned", approach="peer",
            supervisor=cast.sina, recorded_by=cast.sina,
        )  # fmt: skip
        row = Supervisee.objects.create(organisation=cast.riverside, session=session, supporter=cast.pat_profile)
    return row.session_id


def names_of_the_cast(cast) -> list[str]:
    return [p.chosen_name for p in cast.peers.values()] + [m.user.display_name for m in cast.members.values()]


@pytest.mark.parametrize("actor", ["ada", "cleo", "pat"])
def test_no_page_title_names_a_person(cast, client_for, actor):
    client = client_for(actor)
    seen = 0
    for name, arguments in our_pages():
        url = named(cast, name, arguments)
        if url is None:
            continue
        response = client.get(url)
        assert "HX-Push-Url" not in response.headers and "HX-Replace-Url" not in response.headers, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        title = TITLE.search(response.content.decode())
        assert title, f"{url} has no <title>"
        seen += 1
        for person in names_of_the_cast(cast):
            assert not re.search(rf"\b{re.escape(person)}\b", title.group(1)), f"{url}: title names {person}"
    assert seen >= 8


def test_the_peer_record_and_the_supporter_page_are_called_what_they_are(cast, client_for):
    client = client_for("cleo")
    record = TITLE.search(client.get(f"/peers/{cast.amara.pk}/").content.decode()).group(1)
    supporter = TITLE.search(client.get(f"/supporters/{cast.pat_profile.pk}/").content.decode()).group(1)
    edit = TITLE.search(client.get(f"/peers/{cast.amara.pk}/edit/").content.decode()).group(1)
    assert record.startswith("Peer record") and supporter.startswith("Peer supporter")
    assert edit.startswith("Edit a peer")


def test_no_template_asks_htmx_to_push_or_replace_a_url():
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        for attribute in re.findall(r'hx-(?:push|replace)-url="([^"]*)"', text):
            assert attribute == "false", f"{template} puts a URL in the browser's history"


def test_a_search_is_sent_by_post_so_the_name_is_in_no_url(cast, client_for):
    client = client_for("cleo")
    page = client.get("/peers/").content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>', page).group(0)
    assert 'method="post"' in form and "hx-post=" in form and "hx-get=" not in form

    found = client.post("/peers/", {"q": "am"}, headers={"HX-Request": "true"}).content.decode()
    assert "Amara" in found and "Bea" not in found
    # A name in a URL is not searched for: nothing invites putting it there.
    listed = client.get("/peers/", {"q": "am"}).content.decode()
    assert "Amara" in listed and "Bea" in listed


def test_the_pages_of_a_search_are_posted_too(cast, client_for, monkeypatch):
    monkeypatch.setattr("people.caseload.PAGE_SIZE", 1)
    body = client_for("cleo").post("/peers/", {"q": "a"}).content.decode()
    assert 'form="peer-search" name="page" value="2"' in body
    assert "?page=" not in body and "q=a" not in body


def test_our_scripts_write_nothing_into_the_browsers_history():
    for script in Path(settings.BASE_DIR, "static", "js").rglob("*.js"):
        text = script.read_text()
        assert "pushState" not in text and "replaceState" not in text, script
