"""Screens for batches: the list (and starting a cohort), the review, starting a re-match.

Each view: check, call one service, render. Nothing reaches a peer before the coordinator sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can
from audit.models import Action
from matching import core
from matching.choices import CRITERION_LABELS
from matching.explain import reason_text
from matching.profiles import peer_wishes, settings_for, supporter_offers
from people.models import Peer, PeerSupporter

from . import services
from .access import batch_for, visible_batches
from .forms import ACTIONS, PairChoiceForm
from .models import BatchChoice, BatchKind, BatchPlace

# A cohort is at most this many of the peers who have waited longest: a batch a coordinator can
# review, and a solve that stays quick however long the waiting list grows.
COHORT_MOST = 500


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    require(request, Do.RUN_BATCHES, "batch")
    batches = visible_batches(request.membership).select_related("leaving_supporter__membership__user")
    batches = batches.annotate(
        peers=Count("places"), proposed=Count("places", filter=Q(places__proposed__isnull=False))
    )[:50]
    waiting = services.waiting_peers(request.membership).count()
    not_asked = services.without_an_intake(request.membership).count()
    return render(
        request,
        "batches/batch_list.html",
        {"batches": batches, "waiting": waiting, "not_asked": not_asked, "most": COHORT_MOST},
    )


@login_required
@require_POST
def batch_start(request: HttpRequest) -> HttpResponse:
    require(request, Do.RUN_BATCHES, "batch")
    try:
        batch = services.start_cohort(by=request.membership, most=COHORT_MOST)
    except services.BatchError as error:
        messages.error(request, str(error))
        return redirect("batches:batch_list")
    messages.success(request, _("A proposal is ready for your review. Nothing has been sent."))
    return redirect("batches:batch_detail", batch_id=batch.pk)


@login_required
def rematch_start(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """Re-matching the peers of a supporter who is leaving: confirm, then a batch to review."""
    if not can(getattr(request, "membership", None), Do.RUN_BATCHES):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    peers = services.leaving_supporters_peers(supporter)
    error = ""
    if request.method == "POST":
        try:
            batch = services.start_rematch(supporter=supporter, by=request.membership)
        except services.BatchError as refused:
            error = str(refused)
        else:
            messages.success(request, _("A proposal is ready for your review. Nothing has been sent."))
            return redirect("batches:batch_detail", batch_id=batch.pk)
    return render(request, "batches/rematch_start.html", {"supporter": supporter, "peers": peers, "error": error})


def _explained(places: list[BatchPlace], organisation) -> dict[int, core.Fit]:
    """Each proposed pair's fit, criterion by criterion (a constant number of queries)."""
    proposed = [p for p in places if p.proposed_id]
    if not proposed:
        return {}
    matching = settings_for(organisation)
    wishes = {w.peer_id: w for w in peer_wishes([p.peer for p in proposed])}
    supporters = list({p.proposed_id: p.proposed for p in proposed}.values())
    offered = {o.supporter_id: o for o in supporter_offers(supporters)}
    return {p.pk: core.fit(wishes[p.peer_id], offered[p.proposed_id], matching.weights) for p in proposed}


@dataclass(frozen=True)
class Explained:
    label: str
    points: int
    most: int
    reason: str


def _criteria(fit: core.Fit | None) -> list[Explained]:
    if fit is None:
        return []
    return [
        Explained(str(CRITERION_LABELS[c.criterion]), c.points, c.most, reason_text(c.criterion, c.reason))
        for c in fit.criteria
        if c.most
    ]


def _act(request: HttpRequest, batch, form: PairChoiceForm) -> HttpResponse | None:
    """Carry out the posted action; a response when it worked, None to show the page with the error."""
    action = request.POST.get("action", "")
    by = request.membership
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the batch."))
        return None
    try:
        if action == "solve":
            services.solve_batch(batch, by=by)
            messages.success(request, _("Solved again with your choices. Nothing has been sent."))
        elif action == "send":
            sent = services.send_batch(batch, by=by)
            messages.success(
                request,
                _("%(offered)d offers are waiting for answers; %(waiting)d keep their place on the waiting list.")
                % {"offered": sent.offered, "waiting": sent.waiting},
            )
        elif action == "set_aside":
            services.set_aside(batch, by=by)
            messages.success(request, _("The batch has been set aside. Nothing was sent."))
        elif action == "clear":
            choice_id = record_id_or_none(request.POST.get("choice"))
            if choice_id is None:
                messages.error(request, _("Choose what to do with the batch."))
                return None
            services.clear_choice(batch, choice_id=choice_id, by=by)
            messages.success(request, _("That choice has been removed. Solve again to see the difference."))
        else:
            if not form.is_valid():
                messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
                return None
            services.choose(
                batch,
                peer=form.cleaned_data["peer"],
                supporter=form.cleaned_data["supporter"],
                kind=form.cleaned_data["kind"],
                by=by,
            )
            messages.success(request, _("Your choice is saved. Solve again to see the difference."))
    except services.BatchError as error:
        messages.error(request, str(error))
        return None
    return redirect("batches:batch_detail", batch_id=batch.pk)


@login_required
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The review: each peer, the supporter proposed and why; pins and forbids; solve again; send."""
    posting = request.method == "POST"
    batch = batch_for(request, batch_id, action=Action.UPDATE if posting else Action.VIEW)
    peers = Peer.objects.filter(batch_places__batch=batch).order_by("chosen_name", "pk").only("pk", "chosen_name")
    supporters = (
        PeerSupporter.objects.filter(organisation=batch.organisation, erased_at__isnull=True)  # never the erased
        .select_related("membership__user")
        .order_by("membership__user__display_name", "pk")
    )
    form = PairChoiceForm(request.POST if posting else None, peers=peers, supporters=supporters)
    if posting and batch.is_open:
        with transaction.atomic():
            done = _act(request, batch, form)
        if done is not None:
            return done
        batch.refresh_from_db()
    places = list(
        BatchPlace.objects.filter(batch=batch)
        .select_related("peer", "proposed__membership__user", "offer")
        .order_by("peer__chosen_name", "pk")
    )
    fits = _explained(places, batch.organisation) if batch.is_open else {}
    for place in places:
        place.explained = _criteria(fits.get(place.pk))
        place.told = services.what_they_will_be_told(batch, place)
    choices = list(BatchChoice.objects.filter(batch=batch).select_related("peer", "supporter__membership__user"))
    kept = {(p.peer_id, p.proposed_id) for p in places if p.pinned}
    for choice in choices:
        choice.kept = (choice.peer_id, choice.supporter_id) in kept
    return render(
        request,
        "batches/batch_detail.html",
        {
            "batch": batch,
            "places": places,
            "choices": choices,
            "form": form,
            "is_rematch": batch.kind == BatchKind.REMATCH,
            "proposed": sum(1 for p in places if p.proposed_id),
        },
    )
