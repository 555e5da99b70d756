"""A peer supporter's erasure, once they have moved on: what was theirs goes, what others' records hold stays.

Peer supporters are survivors too. What they told us about themselves (their lived experience, their
readiness conversations, the barriers they cleared, their self-care plan and check-ins, what was said in
their supervision) is erased as a peer's record is: rows that were only theirs are deleted; rows that the
counts need (how many were trained, signed off, moved on and why, by code) keep their codes and months
and nothing that points to anyone.

What stays as it was is the work they did in other people's records: the peers they supported
(assignments, contacts, offers, meetings, concerns) and the sessions other supporters shadowed them in.
Those are the peers' records and the organisation's account of its work; once the account is erased
they name "—". Exclusions that keep them apart from a peer stay too: they are that peer's safety.

The account (name, email, password, second step, sessions) is erased only when the person belongs to no
other organisation here; otherwise that other organisation still works with them, and only this
membership ends: it, and every row of this organisation that named the account, then name an erased
stand-in, so that this organisation's pages show "—" for them either way, and an invitation back here
starts a new path.

One thing is kept, encrypted, and only while an exclusion keeps them apart from someone here: the address
they were known by. If they are ever invited back, the exclusions follow their new profile (a peer's
safety outlasts the erasure).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from absences.models import Absence
from accounts.models import Invitation
from accounts.services import normalise_address, owns_address
from audit.log import audit
from audit.models import Action
from batches.models import BatchChoice
from competence.models import HeldLevel, LevelChange, Shadowing, SignOff
from contacts.models import ContactDraft
from diary.models import DiarySettings
from matching.models import AutomaticExclusionLift, KeepAway, SupporterDetails
from offers.models import Offer, OfferStatus
from organisations.models import Membership
from people.choices import SupporterStage
from people.models import Assignment, Peer, PeerSupporter
from recruitment.models import Barrier, CriterionNote, FormerPeerConsent, ReadinessConversation, StageChange
from resilience import ledger
from resilience.models import SignedInSession
from safeguarding.models import OnCall
from supervision.models import CaseloadNote, Frequency, Supervisee
from training.models import Attendance, DocumentAgreement, ModuleDone, Trainee
from wellbeing.models import CheckIn, DirectoryEntry, HardMoment, SelfCarePlan

from .services import ERASED_NAME, erased_values, month_of, write_as_is

User = get_user_model()

# Rows that were only theirs, deleted: (model, the field that points to them). Nothing in them is counted.
THEIRS: list[tuple[type[models.Model], str]] = [
    (SelfCarePlan, "member"),
    (CheckIn, "member"),
    (HardMoment, "member"),
    (DirectoryEntry, "member"),
    (Absence, "member"),
    (DiarySettings, "membership"),
    (ContactDraft, "member"),
    (SupporterDetails, "supporter"),  # age, times free, culture, their former record as a peer
    (KeepAway, "supporter"),  # places and circles they keep away from
    (AutomaticExclusionLift, "supporter"),
    (BatchChoice, "supporter"),  # pins and forbids of them in past batches
    (FormerPeerConsent, "supporter"),
    (Frequency, "supporter"),  # how often they were to be supervised, and why it changed
]

# Kept on every row: whose organisation it is.
OWN_LINKS = {"organisation"}

# Rows kept for the counts: (model, the field that points to them) and what of each row stays. Every
# other text is emptied, every other pointer to a person emptied, every date kept to its month.
KEPT_FOR_COUNTS: dict[type[models.Model], tuple[str, set[str]]] = {
    PeerSupporter: ("pk", {"organisation", "membership", "employment", "stage", "capacity"}),
    Membership: ("pk", {"user", "organisation", "role", "is_active"}),
    StageChange: ("supporter", {"supporter", "from_stage", "to_stage", "reason"}),
    ReadinessConversation: ("supporter", {"supporter", "judgement"}),
    Barrier: ("supporter", {"supporter", "status"}),
    SignOff: ("supporter", {"supporter", "competence", "evidence"}),
    HeldLevel: ("supporter", {"supporter", "level", "recognised"}),
    LevelChange: ("supporter", {"supporter", "from_level", "to_level", "recognised"}),
    Trainee: ("supporter", {"supporter", "cohort"}),
    ModuleDone: ("supporter", {"supporter", "module", "because", "marked_by"}),
    DocumentAgreement: ("supporter", {"supporter", "version"}),
    # Their place in each supervision session and the recurring topics (codes); the session stays.
    Supervisee: ("supporter", {"supporter", "session", "topics"}),
    # Sessions in which they shadowed someone: the other person and the kind of work stay.
    Shadowing: ("shadow", {"shadow", "shadowed", "work"}),
}

# Every other row that points to them is someone else's record and stays as it was (a peer's support,
# contacts, offers, batches and concerns; exclusions; sessions they led or were shadowed in);
# datarights/tests/test_supporter_erasure.py names each such pointer, found from the models.


# Rows of this organisation that name the account rather than the membership (who recorded, who made):
# every pointer to the account from a model with an organisation, found from the models. When another
# organisation keeps the account, this organisation's rows name the erased stand-in instead. Left: the
# membership (moved on its own) and the audit log, which is append-only: its admins still read who did what.
ACCOUNT_POINTERS_LEFT = {("organisations.Membership", "user"), ("audit.AuditEvent", "actor")}


def account_pointers() -> list[tuple[type[models.Model], str]]:
    found = []
    for model in apps.get_models():
        if not any(f.name == "organisation" for f in model._meta.concrete_fields):
            continue
        found += [
            (model, field.name)
            for field in model._meta.concrete_fields
            if field.is_relation
            and field.related_model is User
            and (model._meta.label, field.name) not in ACCOUNT_POINTERS_LEFT
        ]
    return found


# Theirs to erase, but about a peer too, so not in their own copy (a peer's data is the peer's): a
# lifted exclusion and a batch pin name a peer; a contact draft is a peer's contact, half written.
NOT_IN_THEIR_COPY = {AutomaticExclusionLift, BatchChoice, ContactDraft}
# Each kind of row in their copy, as they read it.
COPY_TITLES = {
    PeerSupporter: _lazy("Your profile"),
    SelfCarePlan: _lazy("Your self-care plan"),
    CheckIn: _lazy("Your check-ins"),
    HardMoment: _lazy("Hard moments you noted"),
    DirectoryEntry: _lazy("Your entry in the directory of peer supporters"),
    Absence: _lazy("Times away"),
    DiarySettings: _lazy("Your diary settings"),
    SupporterDetails: _lazy("What matching knows of you"),
    KeepAway: _lazy("Places and circles you keep away from"),
    FormerPeerConsent: _lazy("Your consent to link your earlier record as a peer"),
    Frequency: _lazy("How often you are supervised"),
    StageChange: _lazy("Your path, move by move"),
    ReadinessConversation: _lazy("Readiness conversations"),
    CriterionNote: _lazy("Notes from readiness conversations"),
    Barrier: _lazy("Things to clear"),
    SignOff: _lazy("Competences signed off"),
    HeldLevel: _lazy("Your level"),
    LevelChange: _lazy("Changes of level"),
    Trainee: _lazy("Training groups you joined"),
    Attendance: _lazy("Training sessions"),
    ModuleDone: _lazy("Training modules done"),
    DocumentAgreement: _lazy("Documents you read and agreed to"),
    Supervisee: _lazy("Your supervision sessions"),
    Shadowing: _lazy("Times you shadowed someone"),
}
# Rows of theirs reached through another of their rows: (model, the lookup from it to the supporter).
THROUGH: list[tuple[type[models.Model], str]] = [
    (CriterionNote, "conversation__supporter"),
    (Attendance, "trainee__supporter"),
]


class NotYetError(ValueError):
    """Erasure cannot happen yet, and the message says what to do first."""


def not_yet(supporter: PeerSupporter) -> list[str]:
    """What must happen before a supporter's erasure: moved on, their peers handed over, no offer waiting."""
    reasons = []
    if supporter.stage != SupporterStage.LEFT:
        reasons.append(_("Move them on first, with the reason, so that their path says why they left."))
    today = timezone.localdate()
    working = (
        Assignment.objects.filter(worker_id=supporter.membership_id)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("peer")
        .distinct()
        .count()
    )
    if working:
        reasons.append(
            ngettext(
                "They still work with %(count)d peer: hand the peer over first.",
                "They still work with %(count)d peers: hand them over first.",
                working,
            )
            % {"count": working}
        )
    if Offer.objects.filter(supporter=supporter, status=OfferStatus.OPEN).exists():
        reasons.append(_("An offer of them to a peer is still waiting for an answer: withdraw it first."))
    if PeerSupporter.objects.filter(supervisor_id=supporter.membership_id, erased_at__isnull=True).exists():
        reasons.append(_("They supervise other peer supporters: give them another supervisor first."))
    on_duty = Q(duty_coordinator_id=supporter.membership_id) | Q(default_deputy_id=supporter.membership_id)
    rota = OnCall.objects.filter(ends_on__gte=today)
    if rota.filter(on_duty).exists() or rota.filter(deputies__deputy_id=supporter.membership_id).exists():
        reasons.append(_("They are on the on-call rota for concerns: put someone else on it first."))
    return reasons


def other_memberships(membership: Membership) -> bool:
    """Whether the person belongs to another organisation here (then their account is not ours to erase)."""
    return Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk).exists()


def _target(supporter: PeerSupporter, model: type[models.Model], field: str) -> Any:
    pointed = model._meta.get_field(field).related_model
    return supporter.membership_id if pointed is Membership else supporter.pk


@transaction.atomic
def erase_supporter(supporter: PeerSupporter, *, by: Membership, again: bool = False) -> PeerSupporter:
    """Erase what was a moved-on supporter's own; keep the counts and other people's records.

    ``again``: the erasure ledger erases someone a restore brought back, as the backup had them (perhaps
    not yet moved on): they are moved on and erased; peers they worked with keep the assignment, to be
    handed over.
    """
    supporter = PeerSupporter.objects.select_for_update().select_related("membership").get(pk=supporter.pk)
    if supporter.erased_at is not None:
        return supporter  # erased meanwhile (a second click, another tab): once is enough
    reasons = not_yet(supporter)
    if reasons and not again:
        raise NotYetError(reasons[0])
    membership = supporter.membership
    now = timezone.now()
    address = _kept_for_exclusions(supporter)
    CaseloadNote.objects.filter(supervisee__supporter=supporter).delete()  # lines about peers, in their supervision
    CriterionNote.objects.filter(conversation__supporter=supporter).delete()  # notes per readiness criterion
    # The invitations here that carried their name and address (found by the address, not by a pointer).
    Invitation.objects.filter(organisation_id=supporter.organisation_id, email__iexact=membership.user.email).delete()
    for model, field in THEIRS:
        model._default_manager.filter(**{f"{field}_id": _target(supporter, model, field)}).delete()
    for model, (field, kept) in KEPT_FOR_COUNTS.items():
        if model in (PeerSupporter, Membership):
            continue
        for row in model._default_manager.filter(**{f"{field}_id": _target(supporter, model, field)}):
            write_as_is(row, erased_values(row, kept, links=OWN_LINKS))
    write_as_is(
        supporter,
        erased_values(supporter, KEPT_FOR_COUNTS[PeerSupporter][1], links=OWN_LINKS)
        | {"erased_at": month_of(now), "stage": SupporterStage.LEFT, "returning_address": address},
    )
    write_as_is(
        membership, erased_values(membership, KEPT_FOR_COUNTS[Membership][1], links=OWN_LINKS) | {"is_active": False}
    )
    if other_memberships(membership):
        _leave_to_a_stand_in(membership)
    else:
        _erase_account(membership.user_id)
    audit(by.user, Action.ERASE, supporter)
    supporter.refresh_from_db()
    transaction.on_commit(
        partial(ledger.record_erasure, supporter.pk, supporter.organisation_id, by.pk, supporter.erased_at,
                kind=ledger.SUPPORTER)
    )  # fmt: skip
    return supporter


def _kept_for_exclusions(supporter: PeerSupporter) -> str:
    """Their address, if an exclusion in force keeps them apart from someone here; otherwise nothing."""
    from matching.services import active_exclusions_of

    return normalise_address(supporter.membership.user.email) if active_exclusions_of(supporter).exists() else ""


def forget_address_unless_kept_apart(*supporters: PeerSupporter | None) -> None:
    """An erased profile's address goes once no exclusion in force keeps them apart from anyone here (one was
    lifted, say): it was kept for that alone."""
    from matching.services import active_exclusions_of

    for supporter in {s for s in supporters if s is not None}:
        if not active_exclusions_of(supporter).exists():
            PeerSupporter.objects.filter(pk=supporter.pk, erased_at__isnull=False).update(returning_address="")


def _erased_account_values(user) -> dict[str, Any]:
    user.set_unusable_password()
    return {
        "display_name": ERASED_NAME,
        "email": f"erased-{user.pk}@erased.invalid",
        "password": user.password,
        "is_active": False,
        "last_login": None,
        "date_joined": month_of(user.date_joined),
    }


def _erase_account(user_id: int) -> None:
    """Their name, email and ways to sign in go; the row stays for the records that name who did what."""
    user = User._default_manager.get(pk=user_id)
    User._default_manager.filter(pk=user_id).update(**_erased_account_values(user))
    EmailAddress.objects.filter(user_id=user_id).delete()
    Authenticator.objects.filter(user_id=user_id).delete()
    SignedInSession.objects.filter(user_id=user_id).delete()  # signed out everywhere


def _leave_to_a_stand_in(membership: Membership) -> None:
    """Another organisation keeps the account: here, the membership and every row that named the account
    name an erased account of their own, with no way to sign in. The person keeps their account, and
    their other organisations, as they were."""
    user_id = membership.user_id
    stand_in = User._default_manager.create(email=f"stand-in-{membership.pk}@erased.invalid", display_name="")
    User._default_manager.filter(pk=stand_in.pk).update(**_erased_account_values(stand_in))
    Membership.objects.filter(pk=membership.pk).update(user=stand_in)
    for model, field in account_pointers():
        rows = model._default_manager.filter(organisation_id=membership.organisation_id, **{f"{field}_id": user_id})
        rows.update(**{field: stand_in})


def follow_back(supporter: PeerSupporter) -> None:
    """A new profile: if its address was kept when someone was erased here, the exclusions that kept them
    apart from someone follow it (lifted or in force, as they were), and the address is no longer kept."""
    from matching.models import Exclusion

    user = supporter.membership.user
    earlier = [
        old
        for old in PeerSupporter.objects.filter(organisation_id=supporter.organisation_id, erased_at__isnull=False)
        .exclude(returning_address="")
        .only("pk", "returning_address")
        if owns_address(user, old.returning_address)  # the sign-in address, or another the account proved
    ]
    for old in earlier:
        for side in ("supporter", "other_supporter"):
            for exclusion in Exclusion.objects.filter(**{side: old}):
                Exclusion.objects.filter(pk=exclusion.pk).update(**{side: supporter})
                audit(supporter.membership.user, Action.UPDATE, exclusion, reason="followed them back")
        PeerSupporter.objects.filter(pk=old.pk).update(returning_address="")


def _shown(row: models.Model, field: models.Field) -> Any:
    """One field of one of their rows, as a person reads it: labels for codes, names for people."""
    value = getattr(row, field.attname)
    if value is None or value in ("", [], {}):
        return None
    if field.choices:
        return str(getattr(row, f"get_{field.name}_display")())
    if isinstance(field, models.ForeignKey):
        related = getattr(row, field.name)
        if isinstance(related, PeerSupporter | Membership):
            return related.membership.user.display_name if isinstance(related, PeerSupporter) else related.display_name
        return str(related)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(queryset: models.QuerySet) -> list[dict[str, Any]]:
    model = queryset.model
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "organisation" and getattr(f, "related_model", None) is not Peer
    ]
    rows = []
    for row in queryset:
        shown = {str(f.verbose_name): value for f in fields if (value := _shown(row, f)) is not None}
        for m2m in model._meta.many_to_many:  # the organisation's supports in their plan, say
            if names := [str(related) for related in getattr(row, m2m.name).all()]:
                shown[str(m2m.verbose_name)] = names
        rows.append(shown)
    return rows


def supporter_record(supporter: PeerSupporter) -> dict[str, list[dict[str, Any]]]:
    """Everything we hold that is theirs, kind by kind (what their erasure would touch), for them to read.

    Derived from the lists above, so that a kind of row added to erasure is in their copy too. Rows
    about peers (their caseload, lines about peers in supervision, lifted exclusions, batch pins) are
    the peers', not theirs, and a pointer to a peer is left out of every row.
    """
    kinds: list[tuple[type[models.Model], models.QuerySet]] = [
        (PeerSupporter, PeerSupporter.objects.filter(pk=supporter.pk)),
    ]
    for model, field in [
        *THEIRS,
        *((m, f) for m, (f, _kept) in KEPT_FOR_COUNTS.items() if m not in (PeerSupporter, Membership)),
    ]:
        if model not in NOT_IN_THEIR_COPY:
            kinds.append((model, model._default_manager.filter(**{f"{field}_id": _target(supporter, model, field)})))
    for model, lookup in THROUGH:
        kinds.append((model, model._default_manager.filter(**{lookup: supporter})))
    return {str(COPY_TITLES.get(model, model._meta.verbose_name_plural)): _rows(queryset) for model, queryset in kinds}


@transaction.atomic
def export_supporter_record(supporter: PeerSupporter, *, by: Membership) -> dict[str, list[dict[str, Any]]]:
    audit(by.user, Action.EXPORT, supporter, reason="json")
    return supporter_record(supporter)
