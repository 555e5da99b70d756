from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import peer_for, require
from access.policy import Do
from audit.models import Action

from . import services
from .forms import ConsentForm, ConsentTextForm
from .models import ConsentRecord


@login_required
def record_consent(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.RECORD_CONSENT)
    text = services.current_text(request.organisation, request.GET.get("language") or request.LANGUAGE_CODE)
    current = services.consent_in_force(peer)
    initial = {}
    if current is not None:
        initial = {str(p): getattr(current, str(p)) for p in services.Purpose}
        initial["partners"] = list(current.partners.all())
    form = ConsentForm(request.POST or None, membership=request.membership, initial=initial)
    if text is None:
        messages.error(request, _("There is no consent text for this organisation yet. An admin needs to add one."))
        return redirect("people:peer_detail", peer_id=peer.pk)
    if request.method == "POST" and form.is_valid():
        services.record_consent(
            peer=peer,
            by=request.membership,
            text=text,
            agreed=form.agreed(),
            partners=form.cleaned_data["partners"],
            limits_explained_by=form.cleaned_data["limits_explained_by"],
            limits_explained_at=form.cleaned_data["limits_explained_at"],
        )
        messages.success(request, _("Consent recorded."))
        return redirect("people:peer_detail", peer_id=peer.pk)
    history = ConsentRecord.objects.filter(peer=peer).select_related("text", "recorded_by")
    return render(request, "consent/consent_form.html", {"peer": peer, "form": form, "text": text, "history": history})


@login_required
def withdraw_consent(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.RECORD_CONSENT, action=Action.VIEW)
    if request.method == "POST":
        services.withdraw_consent(peer=peer, by=request.membership)
        messages.success(
            request, _("Withdrawal recorded. From now on nothing that depended on their consent will happen.")
        )
        return redirect("people:peer_detail", peer_id=peer.pk)
    return render(request, "consent/withdraw_confirm.html", {"peer": peer, "consent": services.consent_in_force(peer)})


@login_required
def new_text(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_ORGANISATION, "consenttext")
    form = ConsentTextForm(request.POST or None, initial={"version": services.next_text_version(request.organisation)})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_text(organisation=request.organisation, by=request.membership, **form.cleaned_data)
        except services.ConsentTextError:
            form.add_error("version", _("That version already exists in that language. Use a new version number."))
        else:
            messages.success(request, _("The new consent text is published."))
            return redirect("organisations:settings")
    return render(request, "consent/text_form.html", {"form": form})
