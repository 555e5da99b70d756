"""Cover while a peer supporter is away: a named cover for each of their peers, arranged on one page,
seen by the cover supporter only during the cover, never a pair kept apart, the peer told safely, and
the cover following the absence when its dates change."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from absences import services as absences
from access.policy import visible_peers
from competence.testing import allow_alone
from conftest import assign, make_peer, queries_asked
from continuity import services
from continuity.models import Cover
from matching import services as matching
from organisations.tenancy import organisation_scope
from people.models import Assignment, AssignmentKind, ContactMethod

TODAY = timezone.localdate


def day(n: int):
    return TODAY() + timedelta(days=n)


@pytest.fixture
def away(in_riverside):
    """pat is away for a week from today; pat supports amara and dee."""
    cast = in_riverside
    assign(cast.dee, cast.pat)
    cast.absence = absences.record_absence(
        member=cast.pat, by=cast.cleo, starts_on=day(0), ends_on=day(6), kind="leave"
    )
    return cast


def support_of(cast, peer):
    return Assignment.objects.get(peer=peer, worker=cast.pat, kind=AssignmentKind.PEER_SUPPORT)


def cover_url(cast):
    return reverse("continuity:cover", args=[cast.pat_profile.pk]) + f"?absence={cast.absence.pk}"


def covers(cast):
    return {(c.peer.chosen_name, c.assignment.worker.user.display_name) for c in Cover.objects.select_related(
        "peer", "assignment__worker__user")}  # fmt: skip


def test_the_coordinator_arranges_cover_for_all_their_peers_on_one_page(away, client_for):
    cast = away
    client = client_for("cleo")
    page = client.get(cover_url(cast)).content.decode()
    assert "Amara" in page and "Dee" in page and "suggested" in page
    amaras, dees = support_of(cast, cast.amara), support_of(cast, cast.dee)
    response = client.post(
        cover_url(cast),
        {
            "absence": cast.absence.pk,
            "action": "arrange",
            f"cover-{amaras.pk}": cast.quinn_profile.pk,
            f"cover-{dees.pk}": cast.rio_profile.pk,
        },
    )
    assert response.status_code == 302
    assert covers(cast) == {("Amara", "Quinn"), ("Dee", "Rio")}
    cover = Assignment.objects.get(peer=cast.amara, kind=AssignmentKind.COVER)
    assert (cover.worker, cover.starts_on, cover.ends_on) == (cast.quinn, day(0), day(6))
    amaras.refresh_from_db()
    assert amaras.ends_on is None, "the away supporter's own support is never ended"
    # Saved again with the same choice: nothing new.
    client.post(
        cover_url(cast), {"absence": cast.absence.pk, "action": "arrange", f"cover-{amaras.pk}": cast.quinn_profile.pk}
    )
    assert Assignment.objects.filter(kind=AssignmentKind.COVER).count() == 2


def test_the_cover_supporter_sees_the_peer_only_during_the_cover(away):
    cast = away
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(2), ends_on=day(5))
    services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.quinn_profile}, by=cast.cleo)
    seen = {}
    for n in (0, 1, 2, 5, 6, 30):
        with mock.patch("django.utils.timezone.localdate", return_value=day(n)):
            seen[n] = (
                visible_peers(cast.quinn).filter(pk=cast.amara.pk).exists(),
                visible_peers(cast.pat).filter(pk=cast.amara.pk).exists(),
            )
    assert seen == {0: (False, True), 1: (False, True), 2: (True, True), 5: (True, True), 6: (False, True),
                    30: (False, True)}  # fmt: skip


def test_a_pair_kept_apart_is_never_proposed_nor_accepted_and_never_says_why(away, client_for):
    cast = away
    matching.record_exclusion(first=cast.amara, second=cast.quinn_profile, by=cast.cleo, reason="not_said")
    plan = {row.peer.chosen_name: [s.pk for s in row.options] for row in services.cover_plan(cast.absence)}
    assert cast.quinn_profile.pk not in plan["Amara"] and cast.quinn_profile.pk in plan["Dee"]
    client = client_for("cleo")
    amaras = support_of(cast, cast.amara)
    response = client.post(
        cover_url(cast), {"absence": cast.absence.pk, "action": "arrange", f"cover-{amaras.pk}": cast.quinn_profile.pk}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Not available" in body and "exclusion" not in body.lower() and "kept apart" not in body.lower()
    assert not Cover.objects.exists() and not Assignment.objects.filter(kind=AssignmentKind.COVER).exists()


def test_someone_away_at_the_same_time_is_not_offered(away):
    cast = away
    absences.record_absence(member=cast.rio, by=cast.cleo, starts_on=day(5), ends_on=day(9), kind="away")
    for row in services.cover_plan(cast.absence):
        assert cast.rio_profile.pk not in [s.pk for s in row.options]
    with pytest.raises(services.CoverNotAvailableError):
        services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.rio_profile}, by=cast.cleo)


def _cover_amara(cast):
    services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.quinn_profile}, by=cast.cleo)
    return Assignment.objects.get(peer=cast.amara, kind=AssignmentKind.COVER)


def test_back_early_the_cover_ends_on_the_new_last_day(away):
    cast = away
    cover = _cover_amara(cast)
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(3))
    cover.refresh_from_db()
    assert cover.ends_on == day(3)


def test_away_longer_the_cover_runs_to_the_new_last_day(away):
    cast = away
    cover = _cover_amara(cast)
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(10))
    cover.refresh_from_db()
    assert cover.ends_on == day(10)


def test_away_longer_a_cover_kept_apart_since_ends_as_arranged_and_the_page_says_so(away, client_for):
    cast = away
    cover = _cover_amara(cast)
    matching.record_exclusion(first=cast.amara, second=cast.quinn_profile, by=cast.cleo, reason="not_said")
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(10))
    cover.refresh_from_db()
    assert cover.ends_on == day(6)
    assert "no cover after this" in client_for("cleo").get(cover_url(cast)).content.decode()


def test_away_longer_while_the_cover_is_away_then_too_ends_as_arranged(away):
    cast = away
    cover = _cover_amara(cast)
    absences.record_absence(member=cast.quinn, by=cast.cleo, starts_on=day(8), ends_on=day(12), kind="away")
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(10))
    cover.refresh_from_db()
    assert cover.ends_on == day(6)


def test_an_absence_moved_later_moves_a_cover_that_has_not_begun(away):
    cast = away
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(3), ends_on=day(6))
    cover = _cover_amara(cast)
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(4), ends_on=day(8))
    cover.refresh_from_db()
    assert (cover.starts_on, cover.ends_on) == (day(4), day(8))


def test_an_absence_taken_off_before_it_begins_takes_its_cover_off(away):
    cast = away
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(3), ends_on=day(6))
    _cover_amara(cast)
    absences.cancel_absence(cast.absence, by=cast.cleo)
    assert not Assignment.objects.filter(kind=AssignmentKind.COVER).exists() and not Cover.objects.exists()


def test_an_absence_taken_off_while_it_runs_ends_its_cover(away):
    cast = away
    cover = _cover_amara(cast)
    absences.cancel_absence(cast.absence, by=cast.cleo)
    cover.refresh_from_db()
    assert cover.ends_on == day(0), "begun today, it ends today (never before it began)"


def test_a_planned_ending_cuts_a_cover_short(away):
    cast = away
    cover = _cover_amara(cast)
    services.plan_ending(support_of(cast, cast.amara), by=cast.cleo, on=day(2), reason="moving_away")
    cover.refresh_from_db()
    assert cover.ends_on == day(2)


def test_the_peer_is_told_who_through_a_safe_channel_in_their_language(away, client_for):
    cast = away
    cast.amara.languages = ["fr", "en"]
    cast.amara.save()
    safe = ContactMethod.objects.create(organisation=cast.riverside, peer=cast.amara, channel="text", is_safe=True)
    unsafe = ContactMethod.objects.create(organisation=cast.riverside, peer=cast.amara, channel="email")
    cover = Cover.objects.get(assignment=_cover_amara(cast))
    client = client_for("cleo")
    page = client.get(cover_url(cast)).content.decode()
    assert "pendant son absence" in page.lower() or "est absent" in page.lower(), "the message is not in French"
    assert f'<option value="{safe.pk}">Text message' in page
    assert f'<option value="{unsafe.pk}">Email' not in page, "an unsafe way is offered"
    told = {"absence": cast.absence.pk, "action": "told", "cover": cover.pk, "language": "fr"}
    response = client.post(cover_url(cast), told | {"method": unsafe.pk})
    assert response.status_code == 200 and "marked as safe" in response.content.decode()
    cover.refresh_from_db()
    assert cover.told_at is None
    assert client.post(cover_url(cast), told | {"method": safe.pk}).status_code == 302
    cover.refresh_from_db()
    assert (cover.told_channel, cover.told_language, cover.told_until) == ("text", "fr", day(6))
    assert "Quinn" in cover.message and "Pat" in cover.message and "Amara" not in cover.message
    body = client.get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert "They were told on" in body
    # The dates change: the page says to tell them again.
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(3))
    assert "tell them again" in client.get(cover_url(cast)).content.decode()


def test_the_away_supporters_supervisor_sees_the_cover(away, client_for):
    cast = away
    _cover_amara(cast)
    body = client_for("sina").get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert "Quinn covers from" in body


@pytest.mark.parametrize("player", ["sina", "pat", "quinn", "stef", "eve", "hugo"])
def test_only_coordinators_and_admins_of_the_organisation_arrange_cover(away, client_for, player):
    cast = away
    client = client_for(player)
    amaras = support_of(cast, cast.amara)
    assert client.get(cover_url(cast)).status_code == 404
    post = {"absence": cast.absence.pk, "action": "arrange", f"cover-{amaras.pk}": cast.quinn_profile.pk}
    assert client.post(cover_url(cast), post).status_code == 404
    assert not Cover.objects.exists()


def test_a_harbour_coordinator_cannot_arrange_cover_with_their_own_people(away, client_for):
    cast = away
    client = client_for("hugo")
    with organisation_scope(cast.harbour):
        url = reverse("continuity:cover", args=[cast.hana_profile.pk])
        assert client.get(url).status_code == 200
    amaras = support_of(cast, cast.amara)
    response = client.post(
        url, {"absence": cast.absence.pk, "action": "arrange", f"cover-{amaras.pk}": cast.hana_profile.pk}
    )
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Cover.objects.exists()


def test_the_cover_page_asks_as_many_questions_for_many_peers_as_for_few(away, client_for):
    cast = away
    client = client_for("cleo")
    url = cover_url(cast)

    def more_peers(start, stop):
        for n in range(start, stop):
            peer = make_peer(cast.riverside, f"Row peer {n}", cast.user("cleo"))
            ContactMethod.objects.create(organisation=cast.riverside, peer=peer, channel="text", is_safe=True)
            assign(peer, cast.pat)
        plan = services.cover_plan(cast.absence)
        services.arrange_cover(
            cast.absence, picks={r.support.pk: cast.quinn_profile for r in plan if r.cover is None}, by=cast.cleo
        )

    more_peers(0, 2)
    at_n, _ = queries_asked(client, url)
    more_peers(2, 6)
    at_3n, body = queries_asked(client, url)
    assert "Row peer 5" in body
    assert at_n == at_3n, f"{at_n} -> {at_3n}"
    assert at_3n <= 20, at_3n


@pytest.mark.parametrize("stage", ["training", "paused", "left"])
def test_someone_not_taking_peers_is_not_offered_as_cover(away, stage):
    cast = away
    cast.rio_profile.stage = stage
    cast.rio_profile.save(update_fields=["stage"])
    for row in services.cover_plan(cast.absence):
        assert cast.rio_profile.pk not in [s.pk for s in row.options]
    with pytest.raises(services.CoverNotAvailableError):
        services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.rio_profile}, by=cast.cleo)


def test_someone_whose_level_does_not_let_them_work_alone_is_not_offered_as_cover(away):
    cast = away
    allow_alone(cast.rio_profile, False)  # competence.rules.may_do: no level, no one-to-one alone
    for row in services.cover_plan(cast.absence):
        assert cast.rio_profile.pk not in [s.pk for s in row.options]
    with pytest.raises(services.CoverNotAvailableError):
        services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.rio_profile}, by=cast.cleo)


def test_a_cover_supporter_no_longer_allowed_alone_does_not_run_on_when_the_absence_grows(away):
    cast = away
    services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.rio_profile}, by=cast.cleo)
    allow_alone(cast.rio_profile, False)
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(12))
    assert Cover.objects.get().assignment.ends_on == day(6), "the cover ran on with someone not allowed alone"


def test_a_cover_supporter_no_longer_taking_peers_does_not_run_on_when_the_absence_grows(away):
    cast = away
    services.arrange_cover(cast.absence, picks={support_of(cast, cast.amara).pk: cast.rio_profile}, by=cast.cleo)
    cast.rio_profile.stage = "paused"
    cast.rio_profile.save(update_fields=["stage"])
    absences.change_absence(cast.absence, by=cast.cleo, starts_on=day(0), ends_on=day(12))
    assert Cover.objects.get().assignment.ends_on == day(6), "the cover ran on with someone who has paused"
