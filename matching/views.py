"""Matching screens. Each view: check, call one service, render.

Exclusions are shown only to those who may record them (coordinators and admins). Everyone else
who sees a supporter left out of the suggestions for an exclusion reads only "not available".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.lookups import peer_for, record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can, visible_peers, visible_supporters
from people.models import Peer

from . import services
from .forms import (
    ExclusionForm,
    KeepAwayForm,
    LiftForm,
    MatchingSettingsForm,
    PeerWishesForm,
    SupporterDetailsForm,
)
from .models import KeepAway, PeerWishes, SupporterDetails
from .profiles import settings_for
from .rules import Someone


@login_required
def suggestions(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.ASSIGN_WORKERS)
    # Try the "would rather have a staff member without lived experience" choice either way (not saved).
    staff = {"1": True, "0": False}.get(request.GET.get("staff", ""))
    found = services.suggest_for(peer, prefers_staff=staff)
    return render(
        request,
        "matching/suggestions.html",
        {
            "peer": peer,
            "found": found,
            "prefers_staff": found.wish.prefers_staff_without_lived_experience,
            "trying": staff is not None,
            "can_edit_wishes": can(request.membership, Do.EDIT_PEER),
            "can_manage": can(request.membership, Do.MANAGE_MATCHING),
        },
    )


@login_required
def peer_wishes(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.EDIT_PEER)
    instance = PeerWishes.objects.filter(peer=peer).first() or PeerWishes(peer=peer, organisation=peer.organisation)
    form = PeerWishesForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            services.save_peer_wishes(peer, by=request.membership, fields=form.wishes())
            messages.success(request, _("Changes saved."))
            return redirect("people:peer_detail", peer_id=peer.pk)
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "matching/peer_wishes.html", {"form": form, "peer": peer})


@login_required
def supporter_details(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_for(request, supporter_id, edit=True)
    instance = SupporterDetails.objects.filter(supporter=supporter).first() or SupporterDetails(
        supporter=supporter, organisation=supporter.organisation
    )
    form = SupporterDetailsForm(request.POST or None, instance=instance, peers=visible_peers(request.membership))
    if request.method == "POST":
        if form.is_valid():
            services.save_supporter_details(supporter, by=request.membership, fields=form.details())
            messages.success(request, _("Changes saved."))
            if services.working_together_though_kept_apart(supporter):
                messages.warning(request, str(STILL_TOGETHER))
            return redirect("people:supporter_detail", supporter_id=supporter.pk)
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "matching/supporter_details.html", {"form": form, "supporter": supporter})


STILL_TOGETHER = gettext_lazy(
    "Some of those they are now kept apart from still work together with them. Nothing ends on its own: "
    "see who on the page of who they must never be put with."
)


@login_required
def matching_settings(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_MATCHING)
    current = settings_for(request.organisation)
    form = MatchingSettingsForm(request.POST or None, weights=current.weights, good_enough=current.good_enough)
    if request.method == "POST":
        if form.is_valid():
            services.save_settings(
                request.organisation,
                by=request.membership,
                good_enough=form.cleaned_data["good_enough"],
                weights=form.weights(),
            )
            messages.success(request, _("Changes saved."))
            return redirect("matching:settings")
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "matching/settings.html", {"form": form})


# --- Exclusions and places to keep away from, on a peer's or a supporter's record -------------------


@login_required
def peer_exclusions(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.RECORD_EXCLUSIONS)
    return _exclusions_page(request, peer, reverse("people:peer_detail", args=[peer.pk]))


@login_required
def supporter_exclusions(request: HttpRequest, supporter_id: int) -> HttpResponse:
    if not can(getattr(request, "membership", None), Do.RECORD_EXCLUSIONS):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    return _exclusions_page(request, supporter, reverse("people:supporter_detail", args=[supporter.pk]))


def _chosen(rows, value):
    pk = record_id_or_none(value)
    return next((row for row in rows if row.pk == pk), None) if pk else None


def _exclusions_page(request: HttpRequest, someone: Someone, back: str) -> HttpResponse:
    membership = request.membership
    peers = visible_peers(membership)
    supporters = visible_supporters(membership).select_related("membership__user")
    if isinstance(someone, Peer):
        peers = peers.exclude(pk=someone.pk)
    else:
        supporters = supporters.exclude(pk=someone.pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    exclusion_form = ExclusionForm(request.POST if action == "record" else None, supporters=supporters, peers=peers)
    lift_form = LiftForm(request.POST if action in ("lift", "lift_automatic") else None, prefix="lift")
    place_form = KeepAwayForm(request.POST if action == "add_place" else None)
    exclusions = list(services.exclusions_of(someone))
    automatic = services.automatic_exclusions_of(someone)
    places = list(KeepAway.objects.filter(**services._side(someone)))
    error = None
    if action:
        try:
            with transaction.atomic():
                done = _do(
                    request, action, someone, exclusion_form, lift_form, place_form, exclusions, automatic, places
                )
        except services.MatchingError as problem:
            error, done = str(problem), False
        if done:
            messages.success(request, _("Saved."))
            return redirect(request.path)
        messages.error(request, error or _("Some answers need another look. Nothing has been saved yet."))
    return render(
        request,
        "matching/exclusions.html",
        {
            "someone": someone,
            "is_peer": isinstance(someone, Peer),
            "back": back,
            "exclusions": [_shown(e, someone) for e in exclusions],
            "automatic": automatic,
            "places": places,
            "exclusion_form": exclusion_form,
            "lift_form": lift_form,
            "place_form": place_form,
            "action": action,
            "still_together": services.working_together_though_kept_apart(someone),
        },
    )


def _do(request, action, someone, exclusion_form, lift_form, place_form, exclusions, automatic, places) -> bool:
    by = request.membership
    if action == "record" and exclusion_form.is_valid():
        data = exclusion_form.cleaned_data
        services.record_exclusion(first=someone, second=data["other"], by=by, reason=data["reason"], note=data["note"])
        return True
    if action == "lift" and lift_form.is_valid():
        exclusion = _chosen(exclusions, request.POST.get("exclusion"))
        if exclusion is None:
            return False
        services.lift_exclusion(exclusion, by=by, reason=lift_form.cleaned_data["reason"])
        return True
    if action == "lift_automatic" and lift_form.is_valid():
        key = (record_id_or_none(request.POST.get("supporter")), record_id_or_none(request.POST.get("peer")))
        found = next((a for a in automatic if (a.supporter.pk, a.peer.pk) == key and a.lifted is None), None)
        if found is None:
            return False
        services.lift_automatic_exclusion(
            supporter=found.supporter, peer=found.peer, by=by, reason=lift_form.cleaned_data["reason"]
        )
        return True
    if action == "add_place" and place_form.is_valid():
        data = place_form.cleaned_data
        services.add_keep_away(someone, kind=data["kind"], words=data["words"], by=by)
        return True
    if action == "remove_place":
        place = _chosen(places, request.POST.get("place"))
        if place is None:
            return False
        services.remove_keep_away(place, by=by)
        return True
    return False


def _shown(exclusion, someone: Someone) -> dict:
    """The other side of an exclusion, as this record's page names them."""
    first, second = exclusion.sides
    mine = ("peer", someone.pk) if isinstance(someone, Peer) else ("supporter", someone.pk)
    if first == mine:
        other = exclusion.other_peer or exclusion.other_supporter
    else:
        other = exclusion.peer or exclusion.supporter
    return {"exclusion": exclusion, "other": other, "other_is_peer": isinstance(other, Peer)}
