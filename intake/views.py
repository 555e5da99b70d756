"""The intake conversation on a peer's record, the waiting list, and the waiting threshold."""

from __future__ import annotations

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from access.lookups import peer_for, require
from access.policy import Do, can
from people.choices import LANGUAGE_NAMES, SupporterGenderPreference, SupportFormat, SupportMode

from . import services
from .forms import ArrivalForm, IntakeForm, WaitingReasonForm, WaitingSettingsForm
from .models import NETWORK_LINK_CONCERNS, IntakeConversation, WaitingReason, WaitingSettings, WaitingStatus

PAGE_SIZE = 50
_ANY_ID = 987654321  # stands for a peer's id in an address reversed once for a whole list


@login_required
def peer_intake(request: HttpRequest, peer_id: int) -> HttpResponse:
    """The conversation in force, how they arrived, and the earlier conversations."""
    peer = peer_for(request, peer_id)
    membership = request.membership
    conversations = list(
        IntakeConversation.objects.filter(peer=peer).select_related("recorded_by").order_by("-recorded_at", "-pk")
    )
    current = next((c for c in conversations if c.superseded_at is None), None)
    return render(
        request,
        "intake/peer_intake.html",
        {
            "peer": peer,
            "current": current,
            "earlier": [c for c in conversations if c is not current],
            "arrival": services.arrival_of(peer),
            "sees_network_links": can(membership, Do.SEE_NETWORK_LINKS),
            "can_record": can(membership, Do.RECORD_INTAKE),
            "can_see_waiting_list": can(membership, Do.SEE_WAITING_LIST),
        },
    )


@login_required
def record_intake(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.RECORD_INTAKE)
    data = request.POST if request.method == "POST" else None
    membership = request.membership
    sees_network_links = can(membership, Do.SEE_NETWORK_LINKS)
    current = services.current_conversation(peer)
    arrival = services.arrival_of(peer)
    initial = model_to_dict(current, fields=list(services.ANSWERS)) if current else {}
    initial["had_on"] = timezone.localdate()
    form = IntakeForm(data, initial=initial, sees_network_links=sees_network_links)
    arrival_form = ArrivalForm(data, prefix="arrival", instance=arrival, organisation=request.organisation)
    # The conversation in force when the form was opened (hidden in it): a form sent twice, or a
    # conversation recorded meanwhile, saves nothing.
    posted_in_force = request.POST.get("in_force") if request.method == "POST" else None
    after = None if posted_in_force is None else _record_number(posted_in_force)
    if request.method == "POST":
        saved = False
        if form.is_valid() & arrival_form.is_valid():  # both, so both show their mistakes
            try:
                with transaction.atomic():
                    services.record_intake(
                        peer=peer, by=membership, answers=form.answers(), arrival=arrival_form.values(), after=after
                    )
                saved = True
            except services.SavedMeanwhileError:
                form.add_error(
                    None,
                    _(
                        "This conversation was saved again while this page was open (perhaps this one, sent "
                        "twice). Look at the one in force before saving again."
                    ),
                )
        if saved:
            # Said of what this member answered, never of an answer carried over that they may not read.
            answered_a_link = form.cleaned_data.get("network_link") in NETWORK_LINK_CONCERNS
            if answered_a_link and not sees_network_links:
                messages.warning(
                    request,
                    _("Saved. A coordinator will make sure they are never put with anyone linked to that network."),
                )
            else:
                messages.success(request, _("The intake conversation has been saved."))
            return redirect("intake:peer_intake", peer_id=peer.pk)
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(
        request,
        "intake/intake_form.html",
        {
            "peer": peer,
            "form": form,
            "arrival_form": arrival_form,
            "again": current is not None,
            "in_force": current.pk if current is not None else 0,
        },
    )


def _record_number(value: str) -> int:
    """An id from the form; -1 (no record) for anything else."""
    return int(value) if value.isdigit() and len(value) <= 18 else -1


@login_required
def waiting_list(request: HttpRequest) -> HttpResponse:
    """Peers waiting for a peer supporter, longest wait first: nobody waits silently."""
    require(request, Do.SEE_WAITING_LIST, "peer")
    membership = request.membership
    today = timezone.localdate()
    threshold = services.waiting_threshold(request.organisation)
    waiting = services.waiting_peers(membership, on=today)
    # The order is found from the indexes alone (ids only, all of them: their number is the list's
    # length, not a second scan to count them); then only the page's peers are read.
    page = Paginator(list(waiting.values_list("pk", flat=True)), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = waiting.filter(pk__in=ids).only(
        "pk",
        "organisation_id",
        "chosen_name",
        "languages",
        "supporter_language",
        "supporter_gender",
        "support_format",
        "support_modes",
    )
    found = {peer.pk: peer for peer in rows}
    page.object_list = [found[pk] for pk in ids if pk in found]
    # Each label translated once per language (not once a row) and each address worked out once.
    reasons, formats, genders, modes, languages = _labels(get_language())
    record_url = reverse("people:peer_detail", args=[_ANY_ID])
    reason_url = reverse("intake:waiting_reason", args=[_ANY_ID])
    for peer in page.object_list:
        peer.days_waiting = (today - peer.waiting_since).days
        peer.past_threshold = peer.days_waiting > threshold
        peer.reason_label = reasons.get(peer.waiting_reason or "", "")
        peer.language_labels = [languages.get(code, code) for code in peer.languages]
        peer.supporter_language_label = languages.get(peer.supporter_language, "")
        peer.format_label = formats.get(peer.support_format, "")
        peer.gender_label = genders.get(peer.supporter_gender, "")
        peer.mode_labels = [modes[m] for m in peer.support_modes if m in modes]
        peer.record_url = record_url.replace(str(_ANY_ID), str(peer.pk))
        peer.reason_url = reason_url.replace(str(_ANY_ID), str(peer.pk))
        peer.raises_a_network_link = peer.network_link in ("yes", "maybe")
    return render(request, "intake/waiting_list.html", {"page": page, "threshold": threshold})


@cache
def _labels(language: str | None) -> tuple[dict[str, str], ...]:
    """The waiting list's labels in one language: the codes' words, translated once a process."""
    return tuple(
        {code: str(label) for code, label in choices}
        for choices in (
            WaitingReason.choices,
            SupportFormat.choices,
            SupporterGenderPreference.choices,
            SupportMode.choices,
            LANGUAGE_NAMES.items(),
        )
    )


@login_required
def waiting_reason(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.SEE_WAITING_LIST)
    data = request.POST if request.method == "POST" else None
    status = WaitingStatus.objects.filter(peer=peer).first()
    form = WaitingReasonForm(data, initial={"reason": status.reason if status else ""})
    if request.method == "POST" and form.is_valid():
        services.set_waiting_reason(peer, form.cleaned_data["reason"], by=request.membership)
        messages.success(request, _("Saved why they are waiting."))
        return redirect("intake:waiting_list")
    return render(request, "intake/waiting_reason.html", {"peer": peer, "form": form, "status": status})


@login_required
def waiting_settings(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_ORGANISATION, "waitingsettings")
    data = request.POST if request.method == "POST" else None
    found = WaitingSettings.objects.filter(organisation=request.organisation).first()
    form = WaitingSettingsForm(data, instance=found)
    if request.method == "POST" and form.is_valid():
        services.set_waiting_threshold(
            request.organisation, days=form.cleaned_data["threshold_days"], by=request.membership
        )
        messages.success(request, _("Settings saved."))
        return redirect("organisations:settings")
    return render(request, "intake/waiting_settings.html", {"form": form})
