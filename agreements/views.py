"""The support agreement's pages. Each view: check (audited), call one service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from access.lookups import record_id_or_none, require
from access.policy import Do

from . import services
from .access import assignment_for, may_record
from .forms import AgreementForm, LanguageForm, ThresholdForm
from .models import SharingThreshold

LANGUAGES = dict(settings.LANGUAGES)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
def agreement(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """The agreement in force (or an earlier version, ``?version=N``) and every version's date."""
    assignment = assignment_for(request, peer_id, assignment_id)
    versions = list(services.versions(assignment))
    shown = versions[0] if versions else None
    asked = request.GET.get("version")
    if asked is not None:
        number = record_id_or_none(asked)
        shown = next((v for v in versions if v.version == number), None)
        if shown is None:
            raise Http404
    return _no_store(
        render(
            request,
            "agreements/agreement.html",
            {
                "assignment": assignment,
                "peer": assignment.peer,
                "agreement": shown,
                "in_force": versions[0] if versions else None,
                "versions": versions,
                "can_record": may_record(request.membership, assignment),
            },
        )
    )


@login_required
def record(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """The peer's own supporter records what they agreed: a new version, the old ones kept."""
    assignment = assignment_for(request, peer_id, assignment_id, to_record=True)
    current = services.in_force(assignment)
    threshold = services.current_threshold(request.organisation, request.LANGUAGE_CODE)
    if threshold is None:
        messages.error(
            request,
            _("There is no information-sharing threshold for this organisation yet. An admin needs to add one."),
        )
        return redirect("agreements:agreement", peer_id=assignment.peer_id, assignment_id=assignment.pk)
    form = AgreementForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_agreement(
                assignment=assignment, by=request.membership, terms=form.terms(), threshold=threshold
            )
        except services.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The agreement is saved. Earlier versions are kept as they were."))
            return redirect("agreements:agreement", peer_id=assignment.peer_id, assignment_id=assignment.pk)
    return _no_store(
        render(
            request,
            "agreements/agreement_form.html",
            {
                "assignment": assignment,
                "peer": assignment.peer,
                "form": form,
                "threshold": threshold,
                "current": current,
            },
        )
    )


def _peers_language(request: HttpRequest, peer) -> str:
    asked = request.GET.get("language")
    if asked in LANGUAGES:
        return asked
    first = peer.languages[0] if peer.languages else ""
    return first if first in LANGUAGES else request.LANGUAGE_CODE


@login_required
def for_the_peer(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """The agreement in force, in plain words, in the peer's language; printable."""
    assignment = assignment_for(request, peer_id, assignment_id)
    language = _peers_language(request, assignment.peer)
    agreement = services.in_force(assignment)
    threshold = services.threshold_in(agreement.threshold, language) if agreement and agreement.threshold else None
    with translation.override(language):
        response = render(
            request,
            "agreements/for_the_peer.html",
            {
                "assignment": assignment,
                "agreement": agreement,
                "threshold": threshold,
                "language": language,
                "language_form": LanguageForm(initial={"language": language}),
            },
        )
    return _no_store(response)


@login_required
def thresholds(request: HttpRequest) -> HttpResponse:
    """The organisation's information-sharing threshold: every version, and a new one."""
    require(request, Do.SET_SHARING_THRESHOLD, "sharingthreshold")
    organisation = request.organisation
    form = ThresholdForm(request.POST or None, initial={"version": services.next_threshold_version(organisation)})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_threshold(organisation=organisation, by=request.membership, **form.cleaned_data)
        except services.AgreementError:
            form.add_error("version", _("That version already exists in that language. Use a new version number."))
        else:
            messages.success(request, _("The information-sharing threshold is published."))
            return redirect("agreements:thresholds")
    return render(
        request,
        "agreements/thresholds.html",
        {"form": form, "thresholds": SharingThreshold.objects.filter(organisation=organisation)},
    )
