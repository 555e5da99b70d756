"""Every change matching makes goes through these functions: each checks, writes in a transaction and audits.

Exclusions are audited under their own record type ("exclusion"), read only in the admins' audit log;
nothing a supporter can read says an exclusion concerning them exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from organisations.models import Membership
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from . import core, profiles
from .candidates import Candidate, candidates
from .keepaway import digests
from .models import AutomaticExclusionLift, Exclusion, KeepAway, MatchingSettings, PeerWishes, SupporterDetails
from .rules import Someone, blocked_pairs, pairing_facts, person_of


class MatchingError(ValueError):
    pass


def _side(someone: Someone, prefix: str = "") -> dict[str, Someone]:
    return {f"{prefix}{'peer' if isinstance(someone, Peer) else 'supporter'}": someone}


def _same_organisation(*people: Someone | Membership) -> None:
    if len({p.organisation_id for p in people}) != 1:
        raise MatchingError(_("That person is not in this organisation."))


# --- Exclusions ------------------------------------------------------------------------------


@transaction.atomic
def record_exclusion(*, first: Someone, second: Someone, by: Membership, reason: str, note: str = "") -> Exclusion:
    """Record that ``first`` and ``second`` must never be put together."""
    _same_organisation(first, second, by)
    if person_of(first) == person_of(second):
        raise MatchingError(_("Choose someone else: a person cannot be kept from themselves."))
    for exclusion in active_exclusions_of(first):
        if person_of(second) in exclusion.sides:
            raise MatchingError(_("These two are already kept apart."))
    exclusion = Exclusion.objects.create(
        organisation_id=first.organisation_id,
        reason=reason,
        note=note,
        recorded_by=by.user,
        **_side(first),
        **_side(second, "other_"),
    )
    audit(by.user, Action.CREATE, exclusion)
    return exclusion


@transaction.atomic
def lift_exclusion(exclusion: Exclusion, *, by: Membership, reason: str) -> Exclusion:
    """Lift an exclusion: kept, with who lifted it, when and why."""
    if not reason.strip():
        raise MatchingError(_("Say why it is lifted."))
    if exclusion.is_lifted:
        raise MatchingError(_("This has already been lifted."))
    exclusion.lifted_at = timezone.now()
    exclusion.lifted_by = by.user
    exclusion.lift_reason = reason
    exclusion.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit(by.user, Action.UPDATE, exclusion)
    from datarights.supporters import forget_address_unless_kept_apart  # (datarights reads matching's models)

    forget_address_unless_kept_apart(exclusion.supporter, exclusion.other_supporter)
    return exclusion


def exclusions_of(someone: Someone):
    """Every exclusion one side of which is ``someone``, in force or lifted (newest first)."""
    field = "peer" if isinstance(someone, Peer) else "supporter"
    return (
        Exclusion.objects.filter(**{field: someone}) | Exclusion.objects.filter(**{f"other_{field}": someone})
    ).select_related(
        "peer",
        "supporter__membership__user",
        "other_peer",
        "other_supporter__membership__user",
        "recorded_by",
        "lifted_by",
    )


def active_exclusions_of(someone: Someone):
    return exclusions_of(someone).filter(lifted_at__isnull=True)


@dataclass(frozen=True)
class AutomaticExclusion:
    """A supporter who was once a peer here and a peer who went through the program with them."""

    supporter: PeerSupporter
    peer: Peer
    lifted: AutomaticExclusionLift | None


def automatic_exclusions_of(someone: Someone) -> list[AutomaticExclusion]:
    """The automatic exclusions concerning ``someone``, in force or lifted. A constant number of queries."""
    lifts = {
        (lift.supporter_id, lift.peer_id): lift
        for lift in AutomaticExclusionLift.objects.filter(**_side(someone)).select_related("lifted_by")
    }
    if isinstance(someone, Peer):
        supporters = list(
            profiles.candidate_supporters(someone.organisation_id).filter(matching_details__former_peer__isnull=False)
        )
        facts = pairing_facts([someone, *supporters])
        pairs = [(s, someone) for s in supporters]
    else:
        details = SupporterDetails.objects.filter(supporter=someone).first()
        if details is None or details.former_peer_id is None:
            return []
        # Only those who had a peer supporter their former record had can have gone through it with them
        # (the groups issue adds those of the same groups or cohorts here, as it fills PairingFacts.cohorts).
        workers = Assignment.objects.filter(
            peer_id=details.former_peer_id, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False
        ).values("worker_id")
        peers = list(
            Peer.objects.filter(
                organisation_id=someone.organisation_id,
                erased_at__isnull=True,
                assignments__kind=AssignmentKind.PEER_SUPPORT,
                assignments__worker__in=workers,
            )
            .exclude(pk=details.former_peer_id)
            .distinct()
            .only("pk", "organisation_id", "chosen_name", "erased_at")
        )
        facts = pairing_facts([someone, *peers])
        pairs = [(someone, p) for p in peers]
    unlifted = replace(facts, lifted=frozenset())
    return [
        AutomaticExclusion(s, p, lifts.get((s.pk, p.pk)))
        for s, p in pairs
        if core.automatically_kept_apart(s.pk, p.pk, unlifted)
    ]


@transaction.atomic
def lift_automatic_exclusion(
    *, supporter: PeerSupporter, peer: Peer, by: Membership, reason: str
) -> AutomaticExclusionLift:
    """A coordinator lifts the automatic exclusion of a former peer (now a supporter) and a peer."""
    _same_organisation(supporter, peer, by)
    if not reason.strip():
        raise MatchingError(_("Say why it is lifted."))
    lift, created = AutomaticExclusionLift.objects.get_or_create(
        organisation_id=peer.organisation_id,
        supporter=supporter,
        peer=peer,
        defaults={"reason": reason, "lifted_by": by.user},
    )
    if not created:
        raise MatchingError(_("This has already been lifted."))
    audit(by.user, Action.CREATE, lift)
    return lift


def working_together_though_kept_apart(someone: Someone) -> list[Assignment]:
    """Support in force (or planned) between ``someone`` and a person they are now kept apart from.

    An exclusion, a shared place or a former-peer link recorded after they were matched does not end
    the support on its own: the coordinator is told, and ends it on the peer's record. Three queries.
    """
    going_on = Assignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()), worker__isnull=False
    ).select_related("peer", "worker__user")
    if isinstance(someone, Peer):
        found = list(going_on.filter(peer=someone))
        supporters = {
            s.membership_id: s for s in PeerSupporter.objects.filter(membership__in=[a.worker_id for a in found])
        }
        blocked = blocked_pairs([someone], supporters.values())
        return [a for a in found if a.worker_id in supporters and (someone.pk, supporters[a.worker_id].pk) in blocked]
    found = list(going_on.filter(worker=someone.membership_id))
    blocked = blocked_pairs({a.peer_id: a.peer for a in found}.values(), [someone])
    return [a for a in found if (a.peer_id, someone.pk) in blocked]


# --- Places and circles to keep away from ------------------------------------------------------


@transaction.atomic
def add_keep_away(someone: Someone, *, kind: str, words: str, by: Membership) -> KeepAway:
    _same_organisation(someone, by)
    if not core.normalised(words):
        raise MatchingError(_("Write the name of the place or circle."))
    row = KeepAway.objects.create(
        organisation_id=someone.organisation_id,
        kind=kind,
        words=words.strip(),
        digests=digests(words),
        recorded_by=by.user,
        **_side(someone),
    )
    audit(by.user, Action.CREATE, row)
    return row


@transaction.atomic
def remove_keep_away(row: KeepAway, *, by: Membership) -> None:
    audit(by.user, Action.DELETE, row)
    row.delete()


# --- Wishes, details, settings -----------------------------------------------------------------


@transaction.atomic
def save_peer_wishes(peer: Peer, *, by: Membership, fields: Mapping) -> PeerWishes:
    wishes, _created = PeerWishes.objects.get_or_create(peer=peer, defaults={"organisation_id": peer.organisation_id})
    for name, value in fields.items():
        setattr(wishes, name, value)
    wishes.save()
    audit(by.user, Action.UPDATE, wishes)
    return wishes


@transaction.atomic
def save_supporter_details(supporter: PeerSupporter, *, by: Membership, fields: Mapping) -> SupporterDetails:
    details, _created = SupporterDetails.objects.get_or_create(
        supporter=supporter, defaults={"organisation_id": supporter.organisation_id}
    )
    former = fields.get("former_peer")
    if former is not None and former.organisation_id != supporter.organisation_id:
        raise MatchingError(_("That record is not in this organisation."))
    if "former_peer" in fields and getattr(former, "pk", None) != details.former_peer_id:
        # A lift was given for what one former record said: linked to another (or none), it no longer holds.
        for lift in AutomaticExclusionLift.objects.filter(supporter=supporter):
            audit(by.user, Action.DELETE, lift)
            lift.delete()
    for name, value in fields.items():
        setattr(details, name, value)
    details.save()
    audit(by.user, Action.UPDATE, details)
    return details


@transaction.atomic
def save_settings(organisation, *, by: Membership, good_enough: int, weights: Mapping[str, int]) -> MatchingSettings:
    row, _created = MatchingSettings.objects.get_or_create(organisation=organisation)
    row.good_enough = max(0, min(100, good_enough))
    row.weights = dict(core.Weights(weights).values)
    row.save()
    audit(by.user, Action.UPDATE, row)
    return row


# --- Suggestions for one peer ----------------------------------------------------------------


@dataclass(frozen=True)
class Suggested:
    supporter: Candidate
    fit: core.Fit


@dataclass(frozen=True)
class NotSuggested:
    supporter: Candidate
    reason: str
    fit: core.Fit | None


@dataclass(frozen=True)
class Suggestions:
    wish: core.PeerWish
    good_enough: int
    suggested: list[Suggested]
    left_out: list[NotSuggested]


def suggest_for(peer: Peer, *, prefers_staff: bool | None = None) -> Suggestions:
    """The ranked supporters for one peer and why each other one was left out. A constant number of queries.

    ``prefers_staff`` tries the peer's "would rather have a staff member without lived experience"
    either way without saving it (None: as they said). Who is kept apart is asked afresh every time.
    """
    settings = profiles.settings_for(peer.organisation_id)
    wish = profiles.peer_wish(peer)
    if prefers_staff is not None:
        wish = replace(wish, prefers_staff_without_lived_experience=prefers_staff)
    supporters = candidates(peer.organisation_id)
    blocked = {supporter_id for _peer_id, supporter_id in blocked_pairs([peer], supporters)}
    offers = profiles.offers_for(wish, supporters, blocked)
    ranking = core.rank(wish, offers, blocked, settings.good_enough, settings.weights)
    by_id = {s.pk: s for s in supporters}
    omitted = {o.supporter_id: o for o in ranking.left_out}
    return Suggestions(
        wish=wish,
        good_enough=settings.good_enough,
        suggested=[Suggested(by_id[s.supporter_id], s.fit) for s in ranking.suggested],
        # In the page's order (by name), so that nothing about a reason shows in where a name stands.
        left_out=[NotSuggested(s, omitted[s.pk].reason, omitted[s.pk].fit) for s in supporters if s.pk in omitted],
    )


# --- A peer's data rights: their copy, and erasure --------------------------------------------------


def record_of(peer: Peer) -> dict:
    """What matching holds about the peer, for their copy of their record.

    Exclusions concerning them are not in it: each names someone else and a reason given to keep
    people safe (a risk of manipulation, a link to a network), which the safeguarding and
    third-party exemptions keep out of a copy; a coordinator can speak with them about it.
    """
    from .choices import CRITERION_LABELS, SLOT_CHOICES, Priority

    wishes = PeerWishes.objects.filter(peer=peer).first()
    slots = dict(SLOT_CHOICES)
    priorities = dict(Priority.choices)
    return {
        "what_matters_most": [
            f"{CRITERION_LABELS[c]}: {priorities.get(w, w)}"
            for c, w in (wishes.priorities.items() if wishes else ())
            if c in CRITERION_LABELS
        ],
        "times_free": [str(slots.get(s, s)) for s in (wishes.availability if wishes else ())],
        "supporter_age": str(wishes.get_supporter_age_display()) if wishes and wishes.supporter_age else None,
        "would_rather_have_staff": bool(wishes and wishes.prefers_staff_without_lived_experience),
        "places_to_keep_away_from": [
            {"what_kind": str(row.get_kind_display()), "name": row.words} for row in KeepAway.objects.filter(peer=peer)
        ],
    }


def forget(peer: Peer, *, by: Membership) -> None:
    """Erasure: remove every matching row of the peer's, keeping everyone else safe.

    A supporter who was once this peer is still kept from those who went through the program with
    them: before the link to the record goes, each automatic exclusion in force becomes a recorded one.
    """
    for details in SupporterDetails.objects.filter(former_peer=peer).select_related("supporter"):
        supporter = details.supporter
        for kept in automatic_exclusions_of(supporter):
            if kept.lifted is None:
                record_exclusion(first=supporter, second=kept.peer, by=by, reason="not_said")
        # What was recorded on their former record kept them apart as the same person: it stays on them.
        already = {side for e in active_exclusions_of(supporter) for side in e.sides}
        for exclusion in active_exclusions_of(peer):
            if exclusion.sides[0] == person_of(peer):
                other = exclusion.other_peer or exclusion.other_supporter
            else:
                other = exclusion.peer or exclusion.supporter
            if person_of(other) in already or person_of(other) == person_of(supporter):
                continue
            record_exclusion(first=supporter, second=other, by=by, reason=exclusion.reason, note=exclusion.note)
            already.add(person_of(other))
        for row in KeepAway.objects.filter(peer=peer):
            moved = KeepAway.objects.create(
                organisation_id=supporter.organisation_id,
                supporter=supporter,
                kind=row.kind,
                words=row.words,
                digests=row.digests,
                recorded_by=by.user,
            )
            audit(by.user, Action.CREATE, moved)
        details.former_peer = None
        details.save(update_fields=["former_peer"])
    PeerWishes.objects.filter(peer=peer).delete()
    KeepAway.objects.filter(peer=peer).delete()
    (Exclusion.objects.filter(peer=peer) | Exclusion.objects.filter(other_peer=peer)).delete()
    AutomaticExclusionLift.objects.filter(peer=peer).delete()
