"""The demo's support agreements: each organisation's information-sharing threshold (English and
French), and agreements for most current peer supports, a few of them past their review date.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the assignments exist. Rows are made with ``bulk_create``; returns how many.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from organisations.models import Membership, Organisation
from people.models import Assignment, AssignmentKind

from .choices import Channel, HowOften, OwnStory, PeerExperience
from .models import SharingThreshold, SupportAgreement

THRESHOLDS = {
    "en": (
        "What you tell your peer supporter stays between the two of you and the people who support "
        "their work (their supervisor), with three exceptions.\n\n"
        "We must share what you tell us if someone's life is in danger, if a child or an adult at risk "
        "is being harmed or is likely to be, or if a court orders us to.\n\n"
        "Outside these, nothing is passed on without your agreement."
    ),
    "fr": (
        "Ce que vous dites à votre pair-aidant reste entre vous deux et les personnes qui soutiennent "
        "son travail (sa superviseure ou son superviseur), avec trois exceptions.\n\n"
        "Nous devons transmettre ce que vous nous dites si la vie de quelqu'un est en danger, si un enfant "
        "ou un adulte vulnérable subit ou risque de subir des violences, ou si un tribunal nous l'ordonne.\n\n"
        "En dehors de ces cas, rien n'est transmis sans votre accord."
    ),
}
HOURS = [
    "Weekdays, 10am to 4pm",
    "Tuesdays and Thursdays, 9am to 5pm",
    "Weekday afternoons",
    "Mondays to Fridays, 9 to 3",
]
OUT_OF_HOURS = [
    "The office line, weekdays 9 to 5; otherwise the national helpline",
    "The duty coordinator on the office number",
    "The 24-hour helpline on the card we gave you",
]
CRISIS = [
    "Call 999 if you are in danger now; then the duty coordinator",
    "The 24-hour helpline, or 999 in an emergency",
    "The crisis team number on your card, or A&E",
]
# The same hours as ticked times (weekday x part of the day), so contacts can be compared with them.
TIMES = {
    HOURS[0]: [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")],
    HOURS[1]: [f"{d}_{p}" for d in ("tue", "thu") for p in ("morning", "afternoon")],
    HOURS[2]: [f"{d}_afternoon" for d in ("mon", "tue", "wed", "thu", "fri")],
    HOURS[3]: [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")],
}
NOTES = ["", "", "Texts first, so you can say whether it is a good time to call.", "Never leave a voicemail."]
OTHER = ["", "", "We meet at the library, not at the drop-in.", "Bring the forms from the housing office."]
CHANNEL_SETS = [
    ["in_person", "phone_call"],
    ["phone_call", "text"],
    ["messaging_app", "video_call"],
    ["in_person", "text"],
]


def seed_agreements(organisation: Organisation, *, seed: int, by: Membership) -> int:
    """``seed`` comes from the demo's own random state (without drawing from it); ``by`` publishes."""
    rng = random.Random(seed)  # noqa: S311 (fictional demo data, not secrets)
    today = timezone.localdate()
    thresholds = SharingThreshold.objects.bulk_create(
        [
            SharingThreshold(
                organisation=organisation, version=1, language=language, body=body, published_by_id=by.user_id
            )
            for language, body in THRESHOLDS.items()
        ]
    )
    threshold_id = thresholds[0].pk  # shown in English when the agreement was written down
    current = (
        Assignment.objects.current()
        .filter(organisation=organisation, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False)
        .select_related("worker")
        .order_by("pk")
    )
    rows, past_review = [], 0
    for assignment in current:
        if rng.random() < 0.15:
            continue  # the first meeting has not happened yet
        first = min(assignment.starts_on + timedelta(days=rng.randint(0, 10)), today)
        versions = [first]
        if (today - first).days > 100:  # looked at again since
            versions.append(first + timedelta(days=rng.randint(80, min(100, (today - first).days))))
        overdue = past_review < 2 or rng.random() < 0.06
        for number, agreed_on in enumerate(versions, start=1):
            last = number == len(versions)
            review_on = agreed_on + timedelta(weeks=12)
            if last and overdue:
                review_on = today - timedelta(days=rng.randint(3, 40))
                past_review += 1
            elif last and review_on < today:
                review_on = today + timedelta(days=rng.randint(7, 60))
            rows.append(
                _agreement(rng, organisation, assignment, number, agreed_on, max(review_on, agreed_on), threshold_id)
            )
            rows[-1].recorded_by_id = assignment.worker.user_id
    SupportAgreement.objects.bulk_create(rows, batch_size=1000)
    return len(thresholds) + len(rows)


def _agreement(rng, organisation, assignment, number: int, agreed_on: date, review_on: date, threshold_id):
    channels = rng.choice(CHANNEL_SETS)
    never = [Channel.SOCIAL_MEDIA] if rng.random() < 0.7 else []
    neither = rng.random() < 0.15
    return SupportAgreement(
        organisation=organisation,
        peer_id=assignment.peer_id,
        assignment=assignment,
        version=number,
        agreed_on=agreed_on,
        how_often=rng.choice([HowOften.WEEKLY] * 3 + [HowOften.FORTNIGHTLY, HowOften.TWICE_A_WEEK, HowOften.MONTHLY]),
        channels=channels,
        never_channels=never,
        contact_notes=rng.choice(NOTES),
        contact_hours=(hours := rng.choice(HOURS)),
        agreed_times=TIMES[hours],
        out_of_hours=rng.choice(OUT_OF_HOURS),
        supporter_story=OwnStory.NO if neither else rng.choice([OwnStory.WHEN_IT_HELPS, OwnStory.NOT_DECIDED]),
        peer_experience=PeerExperience.NO if neither else rng.choice(list(PeerExperience.values)),
        threshold_id=threshold_id,
        crisis_contact=rng.choice(CRISIS),
        review_on=review_on,
        other_notes=rng.choice(OTHER),
    )
