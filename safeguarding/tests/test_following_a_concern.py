"""A supervisor or coordinator takes a concern, adds actions with dates, records whether the peer was
told first and what they want, decides on a report (never a peer supporter), and records the outcome.
Every step is kept; an overdue concern is loud on the dashboards of those who own it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.tenancy import organisation_scope
from safeguarding import services
from safeguarding.models import Concern, ConcernAction, ConcernStep

from .helpers import concern, raw


@pytest.fixture
def pats(cast):
    with organisation_scope(cast.riverside):
        return concern(cast)


def _post(client, c, step, **data):
    return client.post(f"/concerns/{c.pk}/", {"step": step, **{f"{step}-{k}": v for k, v in data.items()}})


def test_a_supervisor_follows_a_concern_to_its_outcome_and_every_step_is_kept(cast, client_for, pats):
    client = client_for("sina")
    assert client.post(f"/concerns/{pats.pk}/", {"step": "take"}).status_code == 302
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert _post(client, pats, "action", what="Call the housing office", due_on=due).status_code == 302
    assert _post(client, pats, "telling", peer_told="yes", peer_wishes="No police, for now.").status_code == 302
    page = client.get(f"/concerns/{pats.pk}/").content.decode()
    assert "What stays between us." in page  # the threshold, beside the report decision
    today = timezone.localdate().isoformat()
    assert _post(client, pats, "report", report="reported", authority="adult_safeguarding", reported_on=today,
                 notes="She agreed.").status_code == 302  # fmt: skip
    with organisation_scope(cast.riverside):
        action = ConcernAction.objects.get()
    assert client.post(f"/concerns/{pats.pk}/", {"step": "done", "action_id": action.pk}).status_code == 302
    assert _post(client, pats, "outcome", outcome="safe_now", notes="Moved.").status_code == 302
    with organisation_scope(cast.riverside):
        c = Concern.objects.get()
        assert c.owner == cast.sina and c.report_decided_by == cast.sina and c.closed_at is not None
        assert c.threshold.body == "What stays between us."
        kinds = list(ConcernStep.objects.filter(concern=c).values_list("kind", "by__user__display_name"))
    assert kinds == [
        ("raised", "Pat"), ("routed", None), ("routed", None), ("taken", "Sina"), ("action_added", "Sina"),
        ("told", "Sina"), ("wishes", "Sina"), ("report", "Sina"), ("action_done", "Sina"), ("outcome", "Sina"),
    ]  # fmt: skip
    for column, secret in (("peer_wishes", "No police"), ("report_notes", "She agreed"), ("outcome_notes", "Moved")):
        assert secret not in raw("safeguarding_concern", column, c.pk)
    assert "Call the housing" not in raw("safeguarding_concernaction", "what", action.pk)


def test_a_peer_supporter_never_decides_a_report_the_service_refuses_them(in_riverside, pats):
    cast = in_riverside
    with pytest.raises(services.SafeguardingError):
        services.record_report(
            pats, by=cast.pat, report="reported", authority="police", reported_on=timezone.localdate()
        )
    assert Concern.objects.get().report == "not_decided"


def test_the_raiser_sees_their_concern_but_no_form_to_decide_it(cast, client_for, pats):
    client = client_for("pat")
    page = client.get(f"/concerns/{pats.pk}/").content.decode()
    assert 'value="report"' not in page and 'value="take"' not in page
    today = timezone.localdate().isoformat()
    response = _post(client, pats, "report", report="reported", authority="police", reported_on=today)
    assert response.status_code == 200 and "never a peer supporter alone" in response.content.decode()
    with organisation_scope(cast.riverside):
        assert Concern.objects.get().report == "not_decided"


def test_not_told_first_needs_a_reason_kept_encrypted(cast, client_for, pats):
    client = client_for("sina")
    response = _post(client, pats, "telling", peer_told="no")
    assert response.status_code == 200 and "Say why they were not told first." in response.content.decode()
    _post(client, pats, "telling", peer_told="no", not_told_why="Telling her would put her at risk tonight.")
    assert "at risk" not in raw("safeguarding_concern", "not_told_why", pats.pk)


def test_an_untaken_concern_past_its_urgency_is_loud_on_the_dashboards_it_reached(cast, client_for, pats):
    with organisation_scope(cast.riverside):
        Concern.objects.filter(pk=pats.pk).update(take_by=timezone.now() - timedelta(minutes=1))
    for name in ("sina", "cleo"):
        page = client_for(name).get("/").content.decode()
        assert "overdue: nobody has taken it" in page and "1 overdue" in page, name


def test_an_overdue_action_is_loud_on_its_owners_dashboard_only(cast, client_for, pats):
    with organisation_scope(cast.riverside):
        services.take_concern(pats, by=cast.sina)
        services.add_action(pats, by=cast.sina, what="Call back", due_on=timezone.localdate() - timedelta(days=1))
    assert "an action is overdue" in client_for("sina").get("/").content.decode()
    assert "an action is overdue" not in client_for("cleo").get("/").content.decode()  # sina has it now


def test_a_made_up_step_or_action_is_the_page_again(cast, client_for, pats):
    client = client_for("sina")
    for data in ({"step": "delete"}, {"step": "done", "action_id": "999999"}, {"step": "done", "action_id": "x"}):
        assert client.post(f"/concerns/{pats.pk}/", data).status_code == 200
