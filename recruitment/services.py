"""Every change to a peer supporter's stage, a post, the readiness criteria, a readiness conversation
or a barrier goes through these functions (transaction, audit). ``stages.move_to_stage`` (imported
here) is the only way a peer supporter's stage changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from matching import services as matching
from organisations.models import Membership
from people.choices import SupporterStage
from people.models import Peer, PeerSupporter

from .models import (
    DEFAULT_CRITERIA,
    Barrier,
    BarrierStatus,
    CriterionNote,
    FormerPeerConsent,
    Judgement,
    Post,
    Qualification,
    ReadinessConversation,
    ReadinessCriterion,
    StageChange,
)
from .stages import RecruitmentError, move_to_stage  # noqa: F401 (the stages' functions, here too)

# --- Stages (``stages.py``) ------------------------------------------------------------------------


def start_profile(membership: Membership) -> PeerSupporter:
    """A peer-supporter membership without a profile gets one at the first stage (applied), with its
    first history row. Called when someone joins as a peer supporter (recruitment.signals)."""
    supporter, created = PeerSupporter.objects.get_or_create(
        membership=membership, defaults={"organisation_id": membership.organisation_id}
    )
    if created:
        StageChange.objects.create(
            organisation_id=membership.organisation_id,
            supporter=supporter,
            to_stage=supporter.stage,
            by=membership.user,
        )
        from datarights.supporters import follow_back  # (datarights reads recruitment's models)

        follow_back(supporter)  # someone erased here who comes back: the exclusions that kept them apart follow
    return supporter


def history_of(supporter: PeerSupporter) -> list[StageChange]:
    return list(StageChange.objects.filter(supporter=supporter).select_related("by"))


def on_the_way(supporters) -> dict[str, list[PeerSupporter]]:
    """The people on the way in (and those paused, who may come back), by stage, in one query."""
    by_stage: dict[str, list[PeerSupporter]] = {s: [] for s in SupporterStage.values if s != SupporterStage.ACTIVE}
    listed = supporters.exclude(stage=SupporterStage.ACTIVE).select_related("membership__user")
    # Names and stages only: not the encrypted lived experience and times free of each of them.
    for supporter in listed.only("stage", "membership__user__display_name"):
        by_stage[supporter.stage].append(supporter)
    return by_stage


def counts_by_stage(organisation_id: int) -> dict[str, int]:
    """How many are at each stage: counts only (for evaluators and the dashboard)."""
    rows = (
        PeerSupporter.objects.filter(organisation_id=organisation_id)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = dict(rows)
    return {stage: found.get(stage, 0) for stage in SupporterStage.values}


COUNTS_SECONDS = 30


def _counts_key(organisation) -> str:
    # created_at too, as the dashboard's own counts: an organisation made again with the same id does not inherit.
    return f"recruitment:stages:{organisation.pk}:{organisation.created_at.timestamp():.6f}"


def kept_counts_by_stage(organisation) -> dict[str, int]:
    """``counts_by_stage``, kept like the dashboard's counts (forgotten on any change to a profile: signals.py)."""
    key = _counts_key(organisation)
    counts = cache.get(key)
    if counts is None:
        counts = counts_by_stage(organisation.pk)
        cache.set(key, counts, COUNTS_SECONDS)
    return counts


def forget_counts(organisation_id: int) -> None:
    from organisations.models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).only("pk", "created_at").first()
    if organisation is not None:
        cache.delete(_counts_key(organisation))


# --- Former peers ---------------------------------------------------------------------------------


@transaction.atomic
def link_former_peer(supporter: PeerSupporter, peer: Peer, *, by: Membership, agreed_on: date) -> FormerPeerConsent:
    """Link a peer supporter to their own record from when they were a peer here, with their consent.

    The link is matching's (``SupporterDetails.former_peer``): from then on what was recorded on
    that record (its exclusions, the places to keep away from) keeps them apart as a supporter too,
    and so does having gone through the program with someone.
    """
    if peer.organisation_id != supporter.organisation_id or peer.erased_at is not None:
        raise RecruitmentError(_("That record is not available."))
    if agreed_on > timezone.localdate():
        raise RecruitmentError(_("The day they agreed cannot be in the future."))
    matching.save_supporter_details(supporter, by=by, fields={"former_peer": peer})
    consent, _created = FormerPeerConsent.objects.update_or_create(
        supporter=supporter,
        defaults={"organisation_id": supporter.organisation_id, "agreed_on": agreed_on, "explained_by": by.user},
    )
    audit(by.user, Action.CONSENT_GIVEN, consent)
    return consent


# --- Posts ----------------------------------------------------------------------------------------


@transaction.atomic
def save_post(
    post: Post | None, *, organisation, by: Membership, fields: Mapping, qualifications: Iterable[Mapping]
) -> Post:
    post = post or Post(organisation=organisation)
    for name, value in fields.items():
        setattr(post, name, value)
    created = post.pk is None
    post.save()
    post.qualifications.all().delete()
    Qualification.objects.bulk_create(
        [
            Qualification(organisation=organisation, post=post, what=q["what"].strip(), need=q["need"])
            for q in qualifications
            if q.get("what", "").strip()
        ]
    )
    audit(by.user, Action.CREATE if created else Action.UPDATE, post)
    return post


# --- Readiness criteria ---------------------------------------------------------------------------


def criteria_for(organisation, *, with_retired: bool = False) -> list[ReadinessCriterion]:
    """The organisation's criteria; the defaults are written the first time anyone asks for them."""
    organisation_id = getattr(organisation, "pk", organisation)
    found = ReadinessCriterion.objects.filter(organisation_id=organisation_id)
    if not found.exists():
        with transaction.atomic():
            ReadinessCriterion.objects.bulk_create(
                [
                    ReadinessCriterion(
                        organisation_id=organisation_id,
                        default_code=code,
                        name=en,
                        name_fr=fr,
                        prompt=prompt,
                        position=i,
                    )
                    for i, (code, en, fr, prompt, _time) in enumerate(DEFAULT_CRITERIA)
                ]
            )
    if not with_retired:
        found = found.filter(retired=False)
    return list(found)


@transaction.atomic
def save_criterion(criterion: ReadinessCriterion | None, *, organisation, by: Membership, fields: Mapping):
    criterion = criterion or ReadinessCriterion(
        organisation=organisation,
        position=1 + max((c.position for c in criteria_for(organisation, with_retired=True)), default=0),
    )
    for name, value in fields.items():
        setattr(criterion, name, value)
    created = criterion.pk is None
    criterion.save()
    audit(by.user, Action.CREATE if created else Action.UPDATE, criterion)
    return criterion


# --- Readiness conversations ----------------------------------------------------------------------


@transaction.atomic
def record_conversation(
    supporter: PeerSupporter,
    *,
    by: Membership,
    held_on: date,
    judgement: str,
    reasons: str,
    support_agreed: str = "",
    talk_again_on: date | None = None,
    notes: Mapping[int, tuple[str, bool]] = {},
) -> ReadinessConversation:
    """Keep a readiness conversation: notes per criterion, and the judgement the people in it reached,
    with its reasons. Nothing is added up and nothing decides for them; the stage moves only when a
    coordinator moves it."""
    if judgement not in Judgement.values:
        raise RecruitmentError(_("Choose a judgement."))
    if not reasons.strip():
        raise RecruitmentError(_("Say the reasons for the judgement."))
    if judgement == Judgement.NOT_YET and talk_again_on is None:
        raise RecruitmentError(_("Say when to talk again."))
    if judgement != Judgement.NOT_YET:
        talk_again_on = None
    criteria = {c.pk: c for c in criteria_for(supporter.organisation_id)}
    conversation = ReadinessConversation.objects.create(
        organisation_id=supporter.organisation_id,
        supporter=supporter,
        held_on=held_on,
        held_by=by.user,
        judgement=judgement,
        reasons=reasons.strip(),
        support_agreed=support_agreed.strip() if judgement == Judgement.READY_WITH_SUPPORT else "",
        talk_again_on=talk_again_on,
    )
    CriterionNote.objects.bulk_create(
        [
            CriterionNote(
                organisation_id=supporter.organisation_id,
                conversation=conversation,
                criterion=criteria[pk],
                note=note.strip(),
                to_come_back_to=flag,
            )
            for pk, (note, flag) in notes.items()
            if pk in criteria and (note.strip() or flag)
        ]
    )
    audit(by.user, Action.CREATE, conversation)
    return conversation


# --- Barriers -------------------------------------------------------------------------------------


@transaction.atomic
def record_barrier(supporter: PeerSupporter, *, by: Membership, what: str, help_offered: str = "") -> Barrier:
    if not what.strip():
        raise RecruitmentError(_("Say what is in the way."))
    barrier = Barrier.objects.create(
        organisation_id=supporter.organisation_id,
        supporter=supporter,
        what=what.strip(),
        help_offered=help_offered.strip(),
        recorded_by=by.user,
    )
    audit(by.user, Action.CREATE, barrier)
    return barrier


@transaction.atomic
def close_barrier(barrier: Barrier, *, by: Membership, status: str, help_offered: str | None = None) -> Barrier:
    if status not in BarrierStatus.values:
        raise RecruitmentError(_("Choose where it is."))
    barrier.status = status
    barrier.closed_on = None if status == BarrierStatus.OPEN else timezone.localdate()
    if help_offered is not None:
        barrier.help_offered = help_offered.strip()
    barrier.save()
    audit(by.user, Action.UPDATE, barrier)
    return barrier
