"""Running training: the only code that changes a module, a cohort, attendance or a document.

``training_missing`` is what the competence app asks of a level's required modules (a module names the
codes of competence's levels it is required for); ``modules_done`` answers what one supporter has
done. Each function checks who is
asking, writes in a transaction and calls ``audit()``; a refusal is a ``TrainingError`` in words for
the person doing it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.policy import Do, can
from audit.log import audit
from audit.models import Action
from competence.models import Level
from organisations.models import Membership, Organisation
from people.choices import SupporterStage
from people.models import PeerSupporter
from recruitment.stages import move_along

from . import access
from .models import (
    Attendance,
    Cohort,
    CohortSession,
    CohortShare,
    DocumentAgreement,
    DocumentKind,
    DocumentVersion,
    Module,
    ModuleDone,
    Presence,
    ShareStatus,
    Trainee,
)
from .progress import Held, done_modules, missing


class TrainingError(Exception):
    """Something about training that cannot be done, in words for the person doing it."""


def _need(by: Membership, action: Do) -> None:
    if not can(by, action):
        raise TrainingError("That is not yours to do.")


# --- Modules and cohorts (the host's) --------------------------------------------------------------


@transaction.atomic
def add_module(*, by: Membership, **fields) -> Module:
    _need(by, Do.RUN_TRAINING)
    module = Module.objects.create(organisation_id=by.organisation_id, **fields)
    audit(by.user, Action.CREATE, module)
    return module


@transaction.atomic
def start_cohort(*, by: Membership, **fields) -> Cohort:
    _need(by, Do.RUN_TRAINING)
    cohort = Cohort.objects.create(organisation_id=by.organisation_id, **fields)
    audit(by.user, Action.CREATE, cohort)
    return cohort


@transaction.atomic
def add_session(cohort: Cohort, *, by: Membership, module: Module, on: date) -> CohortSession:
    _need(by, Do.RUN_TRAINING)
    if not access.is_host(by, cohort) or module.organisation_id != cohort.organisation_id:
        raise TrainingError("Only the organisation running the cohort adds its sessions, from its modules.")
    session = CohortSession.objects.create(organisation_id=cohort.organisation_id, cohort=cohort, module=module, on=on)
    audit(by.user, Action.CREATE, session)
    return session


@transaction.atomic
def enrol(cohort: Cohort, supporter: PeerSupporter, *, by: Membership) -> Trainee:
    """A supporter of the member's own organisation joins a cohort it may open (its own, or shared)."""
    _need(by, Do.RUN_TRAINING)
    if not access.cohorts_for(by).filter(pk=cohort.pk).exists():
        raise TrainingError("That cohort is not open to your organisation.")
    if supporter.organisation_id != by.organisation_id:
        raise TrainingError("That person does not work here.")
    trainee, made = Trainee.objects.get_or_create(
        organisation_id=by.organisation_id, cohort=cohort, supporter=supporter
    )
    if made:
        audit(by.user, Action.CREATE, trainee)
        move_along(supporter, SupporterStage.TRAINING, by=by, why=str(_("Joined a training cohort.")))
    return trainee


@transaction.atomic
def leave_cohort(trainee: Trainee, *, by: Membership) -> None:
    _need(by, Do.RUN_TRAINING)
    if trainee.organisation_id != by.organisation_id:
        raise TrainingError("That person does not work here.")
    audit(by.user, Action.DELETE, trainee)
    trainee.delete()


# --- Sharing a cohort with another organisation ------------------------------------------------------


@transaction.atomic
def invite(cohort: Cohort, guest: Organisation, *, by: Membership) -> CohortShare:
    """The host invites another organisation; nothing is shared until that organisation's admin accepts."""
    _need(by, Do.RUN_TRAINING)
    if not access.is_host(by, cohort):
        raise TrainingError("Only the organisation running the cohort invites others to it.")
    if guest.pk == cohort.organisation_id:
        raise TrainingError("That is your own organisation.")
    share, made = CohortShare.objects.get_or_create(
        organisation_id=cohort.organisation_id, cohort=cohort, guest=guest, defaults={"invited_by": by.user}
    )
    if not made and share.status == ShareStatus.WITHDRAWN:
        share.status, share.invited_by, share.answered_by, share.answered_at = ShareStatus.INVITED, by.user, None, None
        share.save(update_fields=["status", "invited_by", "answered_by", "answered_at"])
    audit(by.user, Action.CREATE if made else Action.UPDATE, share)
    return share


@transaction.atomic
def accept_share(share: CohortShare, *, by: Membership) -> CohortShare:
    _need(by, Do.ANSWER_SHARED_COHORTS)
    if share.guest_id != by.organisation_id:
        raise TrainingError("That invitation is not to your organisation.")
    if share.status != ShareStatus.INVITED:
        raise TrainingError("That invitation is no longer open.")
    share.status, share.answered_by, share.answered_at = ShareStatus.ACCEPTED, by.user, timezone.now()
    share.save(update_fields=["status", "answered_by", "answered_at"])
    for organisation_id in (share.organisation_id, share.guest_id):  # both organisations' logs show it
        audit(by.user, Action.UPDATE, share, organisation_id=organisation_id, reason="shared cohort accepted")
    return share


@transaction.atomic
def withdraw_share(share: CohortShare, *, by: Membership) -> CohortShare:
    """Either side stops sharing: the host's coordinators, or the guest's admin."""
    hosts = share.organisation_id == by.organisation_id and can(by, Do.RUN_TRAINING)
    guests = share.guest_id == by.organisation_id and can(by, Do.ANSWER_SHARED_COHORTS)
    if not (hosts or guests):
        raise TrainingError("That is not yours to do.")
    share.status, share.answered_by, share.answered_at = ShareStatus.WITHDRAWN, by.user, timezone.now()
    share.save(update_fields=["status", "answered_by", "answered_at"])
    for organisation_id in (share.organisation_id, share.guest_id):
        audit(by.user, Action.UPDATE, share, organisation_id=organisation_id, reason="shared cohort withdrawn")
    return share


# --- Attendance ---------------------------------------------------------------------------------------


def trainees_at(session: CohortSession) -> list[Trainee]:
    """The trainees of the request's organisation in the session's cohort (the scope: never another's)."""
    return list(
        Trainee.objects.filter(cohort_id=session.cohort_id, supporter__erased_at__isnull=True)  # not the erased
        .select_related("supporter__membership__user")
        .order_by("supporter__membership__user__display_name", "pk")
    )


@transaction.atomic
def record_attendance(session: CohortSession, marks: Mapping[int, str], *, by: Membership) -> int:
    """Who came, for the member's own organisation's trainees; returns how many were recorded."""
    _need(by, Do.RECORD_ATTENDANCE)
    if not access.sessions_for(by).filter(pk=session.pk).exists():
        raise TrainingError("That session is not open to your organisation.")
    ours = {t.pk: t for t in Trainee.objects.filter(organisation_id=by.organisation_id, cohort_id=session.cohort_id)}
    if set(marks) - set(ours) or set(marks.values()) - set(Presence.values):
        raise TrainingError("Someone in that list is not in this cohort.")
    existing = {a.trainee_id: a for a in Attendance.objects.filter(session=session, trainee_id__in=list(marks))}
    for trainee_id, presence in marks.items():
        row = existing.get(trainee_id)
        if row is None:
            row = Attendance.objects.create(
                organisation_id=by.organisation_id,
                session=session,
                trainee=ours[trainee_id],
                presence=presence,
                recorded_by=by.user,
            )
            audit(by.user, Action.CREATE, row)
        elif row.presence != presence:
            row.presence, row.recorded_by = presence, by.user
            row.save(update_fields=["presence", "recorded_by", "recorded_at"])
            audit(by.user, Action.UPDATE, row)
    return len(marks)


@transaction.atomic
def mark_done(supporter: PeerSupporter, module: Module, *, because: str, by: Membership) -> ModuleDone:
    _need(by, Do.RUN_TRAINING)
    if supporter.organisation_id != by.organisation_id:
        raise TrainingError("That person does not work here.")
    row, _made = ModuleDone.objects.update_or_create(
        organisation_id=by.organisation_id,
        supporter=supporter,
        module=module,
        defaults={"because": because, "marked_by": by.user},
    )
    audit(by.user, Action.CREATE, row)
    return row


# --- Progress: what competence asks ----------------------------------------------------------------


def _held_for_each(supporter_ids: Iterable[int]) -> dict[int, list[Held]]:
    """By supporter: every session of every cohort they are in (a shared cohort's too), with their presence."""
    places = list(
        Trainee.objects.filter(supporter_id__in=list(supporter_ids)).values_list("pk", "cohort_id", "supporter_id")
    )
    if not places:
        return {}
    presence = {
        (trainee, session): value
        for trainee, session, value in Attendance.objects.filter(trainee_id__in=[p[0] for p in places]).values_list(
            "trainee_id", "session_id", "presence"
        )
    }
    by_cohort: dict[int, list[tuple[int, int]]] = defaultdict(list)  # cohort -> (place, supporter)
    for place, cohort, supporter in places:
        by_cohort[cohort].append((place, supporter))
    sessions = CohortSession.objects.with_scopes_disabled().filter(cohort_id__in=list(by_cohort))
    held: dict[int, list[Held]] = defaultdict(list)
    for pk, cohort, module, on in sessions.values_list("pk", "cohort_id", "module_id", "on"):
        for place, supporter in by_cohort[cohort]:
            held[supporter].append(Held(cohort, module, on, presence.get((place, pk), "")))
    return held


def _done_ids_each(supporter_ids: Iterable[int]) -> dict[int, set[int]]:
    """By supporter: the ids of the modules they have done (attended, or marked done)."""
    ids = list(supporter_ids)
    held = _held_for_each(ids)
    marked: dict[int, list[int]] = defaultdict(list)
    for supporter, module in ModuleDone.objects.filter(supporter_id__in=ids).values_list("supporter_id", "module_id"):
        marked[supporter].append(module)
    today = timezone.localdate()
    return {pk: done_modules(held.get(pk, ()), marked.get(pk, ()), today) for pk in ids}


def _done_ids(supporter_id: int) -> set[int]:
    return _done_ids_each([supporter_id])[supporter_id]


def modules_done(membership: Membership) -> set[int]:
    """The ids of the modules this peer supporter has done (a shared cohort's modules among them).

    Call it inside the membership's organisation's scope (the request's, or ``organisation_scope``).
    """
    supporter_id = PeerSupporter.objects.filter(membership=membership).values_list("pk", flat=True).first()
    return set() if supporter_id is None else _done_ids(supporter_id)


def _titles(ids: set[int]) -> set[str]:
    rows = Module.objects.with_scopes_disabled().filter(pk__in=list(ids)).values_list("title", flat=True)
    return {title.casefold() for title in rows}


def training_missing(wanted: Mapping[int, tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """What competence asks: for each supporter id -> (their organisation id, the code of the level they
    hold), the titles of that level's required modules they have not done, in the modules' order; a
    supporter with nothing missing is left out. One query when no level held asks for a module, six at
    most for any number of supporters. Call it inside the organisation's scope."""
    if not wanted:
        return {}
    required: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    rows = Module.objects.filter(organisation_id__in={org for org, _code in wanted.values()})
    for pk, org, title, codes in rows.values_list("pk", "organisation_id", "title", "required_for"):
        for code in codes or ():
            required[(org, code)].append((pk, title))
    asking = [pk for pk, key in wanted.items() if required.get(key)]
    if not asking:
        return {}
    done = _done_ids_each(asking)
    titles = dict(
        Module.objects.with_scopes_disabled().filter(pk__in=set().union(*done.values())).values_list("pk", "title")
    )
    left_out: dict[int, tuple[str, ...]] = {}
    for pk in asking:
        needed = required[wanted[pk]]
        done_titles = {titles[i].casefold() for i in done[pk] if i in titles}
        left = set(missing(needed, done[pk], done_titles))
        if left:
            left_out[pk] = tuple(title for module, title in needed if module in left)
    return left_out


def level_names(organisation_id: int) -> dict[str, str]:
    """The organisation's responsibility levels (competence's rows), code -> name in the current language:
    what a module may be required for."""
    return {level.code: str(level) for level in Level.objects.filter(organisation_id=organisation_id)}


def name_levels(modules: Iterable[Module], organisation_id: int) -> None:
    """Give each module ``level_names``: the names of the levels it is required for (a code whose level
    was removed shows as it is)."""
    names = level_names(organisation_id)
    for module in modules:
        module.level_names = [names.get(code, code) for code in module.required_for]


@dataclass
class Progress:
    """What a trainee's page shows: each module of the organisation, done or not, and their cohorts."""

    modules: list[tuple[Module, bool]] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)
    done_count: int = 0
    to_agree: list[DocumentVersion] = field(default_factory=list)
    agreed: list[DocumentAgreement] = field(default_factory=list)


def progress_of(supporter: PeerSupporter) -> Progress:
    done = _done_ids(supporter.pk)
    titles = _titles(done)
    modules = list(Module.objects.filter(organisation_id=supporter.organisation_id))
    name_levels(modules, supporter.organisation_id)
    rows = [(m, m.pk in done or m.title.casefold() in titles) for m in modules]
    cohort_ids = Trainee.objects.filter(supporter=supporter).values_list("cohort_id", flat=True)
    cohorts = list(Cohort.objects.with_scopes_disabled().filter(pk__in=list(cohort_ids)))
    return Progress(
        modules=rows,
        cohorts=cohorts,
        done_count=sum(1 for _m, is_done in rows if is_done),
        to_agree=documents_to_agree(supporter),
        agreed=list(
            DocumentAgreement.objects.filter(supporter=supporter).select_related("version").order_by("-agreed_at")
        ),
    )


# --- Documents in versions ---------------------------------------------------------------------------


def current_versions(organisation_id: int) -> list[DocumentVersion]:
    """The version in force of each document the organisation has (the latest)."""
    latest = (
        DocumentVersion.objects.filter(organisation_id=organisation_id)
        .values("kind")
        .annotate(number=Max("number"))
        .values_list("kind", "number")
    )
    wanted = dict(latest)
    rows = DocumentVersion.objects.filter(organisation_id=organisation_id, kind__in=list(wanted))
    order = list(DocumentKind.values)
    found = [v for v in rows if wanted.get(v.kind) == v.number]
    return sorted(found, key=lambda v: order.index(v.kind))


def how_many_to_agree(supporter: PeerSupporter) -> int:
    """How many versions in force the supporter has not agreed to yet, in one query (the dashboard)."""
    newer = DocumentVersion.objects.filter(
        organisation_id=OuterRef("organisation_id"), kind=OuterRef("kind"), number__gt=OuterRef("number")
    )
    agreed = DocumentAgreement.objects.filter(version=OuterRef("pk"), supporter=supporter)
    return (
        DocumentVersion.objects.filter(organisation_id=supporter.organisation_id)
        .exclude(Exists(newer))
        .exclude(Exists(agreed))
        .count()
    )


def documents_to_agree(supporter: PeerSupporter) -> list[DocumentVersion]:
    agreed = set(DocumentAgreement.objects.filter(supporter=supporter).values_list("version_id", flat=True))
    return [v for v in current_versions(supporter.organisation_id) if v.pk not in agreed]


@transaction.atomic
def publish_version(*, by: Membership, kind: str, text: str) -> DocumentVersion:
    """A new version of a document: every supporter is asked to read and agree to it again."""
    _need(by, Do.RUN_TRAINING)
    last = DocumentVersion.objects.filter(organisation_id=by.organisation_id, kind=kind).aggregate(n=Max("number"))
    version = DocumentVersion.objects.create(
        organisation_id=by.organisation_id, kind=kind, number=(last["n"] or 0) + 1, text=text, published_by=by.user
    )
    audit(by.user, Action.CREATE, version)
    return version


@transaction.atomic
def agree(version: DocumentVersion, *, by: Membership) -> DocumentAgreement:
    """The supporter themselves says they have read the version in force and agree to it."""
    _need(by, Do.AGREE_DOCUMENTS)
    supporter = PeerSupporter.objects.filter(membership=by).first()
    if supporter is None or version.organisation_id != by.organisation_id:
        raise TrainingError("That is not yours to do.")
    if version.pk not in {v.pk for v in current_versions(by.organisation_id)}:
        raise TrainingError("A newer version of that document is waiting for you.")
    row, made = DocumentAgreement.objects.get_or_create(
        organisation_id=by.organisation_id, version=version, supporter=supporter
    )
    if made:
        audit(by.user, Action.CREATE, row)
    return row


# --- Counts (the dashboard; evaluators see only these) -----------------------------------------------


def counts(organisation_id: int) -> dict[str, int]:
    """How many of the organisation's supporters are in a cohort, and the cohorts and modules it runs."""
    return {
        "trainees": Trainee.objects.filter(organisation_id=organisation_id).values("supporter_id").distinct().count(),
        "cohorts": Cohort.objects.filter(organisation_id=organisation_id).count(),
        "modules": Module.objects.filter(organisation_id=organisation_id).aggregate(n=Count("pk"))["n"],
    }


def presence_at(session: CohortSession) -> dict[int, str]:
    """What was recorded at a session for this organisation's trainees (the scope: never another's)."""
    return dict(Attendance.objects.filter(session=session).values_list("trainee_id", "presence"))


COUNT_LABELS = [
    ("trainees", _("Peer supporters in a training cohort")),
    ("cohorts", _("Training cohorts")),
    ("modules", _("Training modules")),
]
