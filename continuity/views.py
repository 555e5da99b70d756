"""Endings, coming back and cover. Each view: check (audited), call one service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from absences import services as absences
from access.lookups import peer_for, refuse, supporter_for
from access.policy import Do, can
from people.models import ContactMethod, PeerSupporter

from . import services
from .access import ending_for
from .forms import ClosingConversationForm, ComingBackForm, EndingForm
from .models import ClosingConversation, Cover


@login_required
def plan_ending(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """When the support will end and why: planned with the peer, so that it can end well."""
    assignment = ending_for(request, peer_id, assignment_id)
    initial = {"ends_on": assignment.ends_on or timezone.localdate(), "reason": assignment.ending_reason or None}
    form = EndingForm(request.POST or None, initial={k: v for k, v in initial.items() if v})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_ending(
                assignment, by=request.membership, on=form.cleaned_data["ends_on"], reason=form.cleaned_data["reason"]
            )
        except services.ContinuityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The ending is planned. The support goes on until that day."))
            return redirect("people:peer_detail", peer_id=assignment.peer_id)
    return render(
        request, "continuity/ending_form.html", {"assignment": assignment, "peer": assignment.peer, "form": form}
    )


@login_required
def closing_conversation(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """What was said at the end, in the peer's words, and what they would like if they come back."""
    assignment = ending_for(request, peer_id, assignment_id)
    if assignment.ends_on is None:
        messages.info(request, _("Plan the ending first; then record the closing conversation."))
        return redirect("continuity:plan_ending", peer_id=assignment.peer_id, assignment_id=assignment.pk)
    existing = ClosingConversation.objects.filter(assignment=assignment).first()
    initial = {"had_on": min(assignment.ends_on, timezone.localdate())}
    if existing is not None:
        initial = {
            "had_on": existing.had_on,
            "in_their_words": existing.in_their_words,
            "come_back_to": existing.come_back_to,
            "if_they_come_back": existing.if_they_come_back,
        }
    form = ClosingConversationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_closing_conversation(assignment, by=request.membership, **form.cleaned_data)
        except services.ContinuityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The closing conversation is saved. The door stays open."))
            return redirect("people:peer_detail", peer_id=assignment.peer_id)
    response = render(
        request,
        "continuity/closing_form.html",
        {"assignment": assignment, "peer": assignment.peer, "form": form, "existing": existing},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def coming_back(request: HttpRequest, peer_id: int) -> HttpResponse:
    """A peer whose support ended comes back: a new peer support, the history kept."""
    peer = peer_for(request, peer_id, Do.ASSIGN_WORKERS)
    if services.has_peer_support_now_or_planned(peer):
        messages.info(request, _("They already have a peer supporter."))
        return redirect("people:peer_detail", peer_id=peer.pk)
    last = services.last_ended_support(peer)
    suggested = services.suggested_on_return(peer)
    form = ComingBackForm(
        request.POST or None, organisation=request.organisation, initial={"supporter": suggested} if suggested else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.come_back(peer, supporter=form.cleaned_data["supporter"], by=request.membership)
        except services.ContinuityError as error:
            form.add_error("supporter", str(error))
        else:
            messages.success(request, _("Welcome back: their new peer support starts today. What came before is kept."))
            return redirect("people:peer_detail", peer_id=peer.pk)
    return render(
        request,
        "continuity/coming_back.html",
        {"peer": peer, "form": form, "last": last, "suggested": suggested},
    )


def _number(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 12 else None


@login_required
def cover(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """Cover for all of an away peer supporter's peers, on one page: who covers each (someone who may
    work with them is suggested; the coordinator chooses), and telling each peer who, safely."""
    if not can(getattr(request, "membership", None), Do.ARRANGE_COVER):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    away = list(absences.upcoming(request.organisation).filter(member=supporter.membership_id))
    wanted = _number(request.POST.get("absence") or request.GET.get("absence"))
    absence = next((a for a in away if a.pk == wanted), away[0] if away else None)
    refused: set[int] = set()
    told_error: tuple[int, str] | None = None
    if request.method == "POST" and absence is not None:
        action = request.POST.get("action")
        if action == "arrange":
            try:
                services.arrange_cover(absence, picks=_picks(request, absence), by=request.membership)
            except services.CoverNotAvailableError as error:
                refused = set(error.support_ids)
                messages.error(request, str(error))
            except services.ContinuityError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Cover is saved. Now let each peer know who, in a safe way."))
                return _back_to_cover(supporter.pk, absence.pk)
        elif action == "told":
            found = Cover.objects.filter(pk=_number(request.POST.get("cover")) or 0, absence=absence).first()
            method = None
            if found is not None:
                method = ContactMethod.objects.filter(
                    pk=_number(request.POST.get("method")) or 0, peer=found.peer_id
                ).first()
            try:
                if found is None or method is None:
                    raise services.ContinuityError(
                        _("Choose one of the ways of reaching them that they marked as safe.")
                    )
                services.record_told(
                    found, by=request.membership, method=method, language=request.POST.get("language", "")
                )
            except services.ContinuityError as error:
                told_error = (found.pk if found else 0, str(error))
                messages.error(request, str(error))
            else:
                messages.success(request, _("Saved that they were told."))
                return _back_to_cover(supporter.pk, absence.pk)
    rows = services.cover_plan(absence) if absence is not None else []
    _prepare_telling(rows, request.LANGUAGE_CODE, request.POST if told_error else None)
    return render(
        request,
        "continuity/cover.html",
        {
            "supporter": supporter,
            "absences": away,
            "absence": absence,
            "rows": rows,
            "refused": refused,
            "told_error": told_error,
            "languages": settings.LANGUAGES,
            "posted": request.POST if refused else None,
        },
    )


def _back_to_cover(supporter_id: int, absence_id: int) -> HttpResponse:
    return redirect(f"{reverse('continuity:cover', args=[supporter_id])}?absence={absence_id}")


def _picks(request: HttpRequest, absence) -> dict[int, PeerSupporter | None]:
    """The cover chosen for each peer (``cover-<their support's id>``: a supporter's id, or empty)."""
    chosen: dict[int, int | None] = {}
    for name, value in request.POST.items():
        if name.startswith("cover-") and (support_id := _number(name.removeprefix("cover-"))) is not None:
            chosen[support_id] = _number(value)
    found = PeerSupporter.objects.filter(
        pk__in=[pk for pk in chosen.values() if pk is not None], organisation=absence.organisation_id
    ).select_related("membership")
    supporters = {s.pk: s for s in found}
    picks: dict[int, PeerSupporter | None] = {}
    for support_id, pk in chosen.items():
        if pk is not None and pk not in supporters:
            raise services.CoverNotAvailableError([support_id])
        picks[support_id] = supporters.get(pk) if pk is not None else None
    return picks


def _prepare_telling(rows, page_language: str, posted) -> None:
    """For each cover: the peer's safe ways of being reached, and the message in their language."""
    covered = [row for row in rows if row.cover is not None]
    methods: dict[int, list[ContactMethod]] = {}
    for method in ContactMethod.objects.filter(peer__in=[r.peer.pk for r in covered], is_safe=True):
        methods.setdefault(method.peer_id, []).append(method)
    for row in covered:
        row.cover.covers = row.support  # the message names the away supporter (already loaded)
        row.safe_methods = methods.get(row.peer.pk, [])
        row.language = services.peers_language(row.peer, page_language)
        if posted and posted.get("cover") == str(row.cover.pk) and posted.get("language") in dict(settings.LANGUAGES):
            row.language = posted["language"]
        row.message = services.cover_message(row.cover, row.language)
