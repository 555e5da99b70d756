"""Small helpers for the agreement tests (the cast is in the project's conftest.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from agreements.models import SharingThreshold
from agreements.services import Terms, record_agreement
from organisations.tenancy import all_organisations
from people.models import Assignment

FRENCH_THRESHOLD = (
    "Ce que vous dites reste entre vous et votre pair-aidant·e, sauf si la vie ou la sécurité de quelqu'un "
    "est en danger.\n\nDans ce cas, nous en parlons d'abord avec vous."
)


def amaras_assignment(cast) -> Assignment:
    return Assignment.objects.get(peer=cast.amara, worker=cast.pat)


def terms(**changes) -> Terms:
    values = {"how_often": "weekly", "review_on": timezone.localdate() + timedelta(weeks=12)}
    values.update(changes)
    return Terms(**values)


def record(cast, assignment=None, by=None, **changes):
    assignment = assignment or amaras_assignment(cast)
    threshold = SharingThreshold.objects.filter(organisation=assignment.organisation, language="en").first()
    return record_agreement(assignment=assignment, by=by or cast.pat, terms=terms(**changes), threshold=threshold)


def url(cast, name: str = "agreement", assignment=None, peer=None) -> str:
    if assignment is None:
        with all_organisations():
            assignment = amaras_assignment(cast)
    peer = peer or assignment.peer
    tail = {"agreement": "", "record": "new/", "for_the_peer": "for-the-peer/"}[name]
    return f"/peers/{peer.pk}/assignments/{assignment.pk}/agreement/{tail}"


FORM = {
    "agreed_on": "",
    "how_often": "weekly",
    "channels": ["phone_call", "in_person"],
    "never_channels": ["social_media"],
    "contact_notes": "Texts first, then a call.",
    "contact_hours": "Weekdays, 10am to 4pm",
    "out_of_hours": "The Riverside office line, or the national helpline",
    "supporter_story": "no",
    "peer_experience": "no",
    "sharing_notes": "Nothing about her sister goes in the notes.",
    "crisis_contact": "Call 999, then the duty coordinator on 0800 000 000",
    "review_on": "",
    "other_notes": "We meet at the library, not the drop-in.",
}


def form(**changes) -> dict:
    data = dict(FORM)
    today = timezone.localdate()
    data["agreed_on"] = today.isoformat()
    data["review_on"] = (today + timedelta(weeks=8)).isoformat()
    data.update(changes)
    return data
