"""A check-in is the supporter's: their supervisor sees that a conversation is suggested, and the
answers only when the supporter shares them; a peer coach they name sees what was shared with them;
nobody else ever (other supporters, another supervisor, coordinators, admins, evaluators)."""

from __future__ import annotations

import pytest

from organisations.tenancy import organisation_scope
from wellbeing import services
from wellbeing.access import shared_with
from wellbeing.models import CheckIn

pytestmark = pytest.mark.django_db

NOTE = "The visit on Tuesday stayed with me all week."
LOW = {str(i): 1 for i in range(1, 6)}  # 20 out of 100: poor wellbeing
GOOD = {str(i): 4 for i in range(1, 6)}  # 80


def _file(cast, who="pat", answers=LOW, **kwargs) -> CheckIn:
    with organisation_scope(cast.riverside):
        return services.file_check_in(cast.members[who], answers=answers, for_supervisor=NOTE, **kwargs)


def _page(client_for, who, cast, supporter="pat_profile"):
    return client_for(who).get(f"/supporters/{cast.supporters[supporter].pk}/wellbeing/")


def test_by_default_the_supervisor_sees_only_that_a_conversation_is_suggested(cast, client_for):
    _file(cast)
    response = _page(client_for, "sina", cast)
    body = response.content.decode()
    assert response.status_code == 200
    assert "A conversation is suggested" in body and "Their last check-in suggests a conversation." in body
    assert NOTE not in body and "20 out of 100" not in body and "Wellbeing" not in body.split("<h2>")[-1]


def test_a_good_check_in_suggests_nothing(cast, client_for):
    filed = _file(cast, answers=GOOD)
    assert not filed.suggests_talk and filed.score == 80
    assert "Their last check-in does not suggest a conversation." in _page(client_for, "sina", cast).content.decode()


def test_asking_for_a_conversation_suggests_one_whatever_the_score(cast):
    assert _file(cast, answers=GOOD, wants_talk="yes").suggests_talk


def test_shared_with_their_supervisor_the_supervisor_reads_it(cast, client_for):
    _file(cast, share_with="supervisor")
    body = _page(client_for, "sina", cast).content.decode()
    assert NOTE in body and "Wellbeing 20 out of 100." in body


def test_another_supervisor_never_opens_it(cast, client_for):
    _file(cast, share_with="supervisor")
    assert _page(client_for, "sol", cast).status_code == 404
    with organisation_scope(cast.riverside):
        assert not shared_with(cast.sol).exists()


@pytest.mark.parametrize("who", ["cleo", "ada", "eve", "stef", "quinn", "rio", "pat"])
def test_nobody_else_opens_the_supervisors_view(cast, client_for, who):
    _file(cast, share_with="supervisor")
    assert _page(client_for, who, cast).status_code == 404


def test_a_peer_coach_they_name_reads_only_what_was_shared_with_them(cast, client_for):
    _file(cast, share_with="coach", coach=cast.quinn)
    _file(cast, answers=GOOD)  # not shared
    body = client_for("quinn").get("/wellbeing/shared-with-me/").content.decode()
    assert NOTE in body and "Pat" in body and body.count("shared-check-in") == 1
    assert NOTE not in client_for("rio").get("/wellbeing/shared-with-me/").content.decode()
    # Shared with a coach is not shared with the supervisor.
    assert NOTE not in _page(client_for, "sina", cast).content.decode()


def test_other_supporters_never_see_anyone_elses_check_ins(cast, client_for):
    _file(cast, share_with="supervisor")
    body = client_for("quinn").get("/wellbeing/").content.decode()
    assert NOTE not in body and "No check-ins yet" in body
    with organisation_scope(cast.riverside):
        assert not shared_with(cast.quinn).exists()


def test_the_coach_must_be_a_peer_supporter_here(cast):
    with pytest.raises(services.WellbeingError):
        _file(cast, share_with="coach", coach=cast.sina)
    with pytest.raises(services.WellbeingError):
        _file(cast, share_with="coach", coach=cast.pat)


def test_only_the_supporter_changes_who_sees_it(cast, client_for):
    filed = _file(cast)
    with organisation_scope(cast.riverside), pytest.raises(services.WellbeingError):
        services.change_sharing(filed, by=cast.sina, share_with="supervisor")
    # Through the page, another supporter's check-in is the audited 404 and nothing changes.
    response = client_for("quinn").post(
        "/wellbeing/check-in/sharing/", {"check_in": filed.pk, "share_with": "supervisor"}
    )
    assert response.status_code == 404
    client_for("pat").post("/wellbeing/check-in/sharing/", {"check_in": filed.pk, "share_with": "supervisor"})
    with organisation_scope(cast.riverside):
        assert CheckIn.objects.get(pk=filed.pk).share_with == "supervisor"


def test_the_supporter_sees_their_own_trend_with_a_table(cast, client_for):
    _file(cast, answers=GOOD)
    _file(cast)
    body = client_for("pat").get("/wellbeing/").content.decode()
    assert '<svg class="trend" role="img"' in body and "<polyline" in body
    assert "<td>80</td>" in body and "<td>20</td>" in body


def test_a_skipped_question_leaves_the_check_in_unscored(cast, client_for):
    response = client_for("pat").post(
        "/wellbeing/check-in/", {"item_1": "3", "item_2": "3", "share_with": "nobody", "wants_talk": ""}
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        filed = CheckIn.objects.get(member=cast.pat)
    assert filed.score is None and filed.answers == {"1": 3, "2": 3, "3": None, "4": None, "5": None}


def test_bad_input_is_shown_again_with_what_to_fix(cast, client_for):
    response = client_for("pat").post(
        "/wellbeing/check-in/", {"item_1": "9", "share_with": "coach", "for_supervisor": "kept"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Nothing has been saved yet" in body and "kept" in body
    with organisation_scope(cast.riverside):
        assert not CheckIn.objects.exists()
