"""The referral pages. Each view: check (audited), call one service, render.

The partner's page (``partner_link``) is reached without an account: the token in its address is the
only key. It reads nothing from the session and writes nothing to it, sets no cookie (no CSRF cookie
either: the form posts back to the secret address, which a page elsewhere cannot know), is never
stored by the browser, and shows only what the peer agreed to share.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from access.lookups import peer_for, require
from access.policy import Do, can
from organisations.tenancy import organisation_scope

from . import services
from .access import OPENED_FOR, referral_for, visible_referrals
from .forms import ReferralForm, StepForm, TakeBackForm
from .models import Status


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    """The referrals still open of the peers this member looks after, overdue first."""
    require(request, Do.SEE_REFERRALS, "referral")
    today = timezone.localdate()
    referrals = list(
        visible_referrals(request.membership)
        .still_open()
        .select_related("peer", "partner")
        .only(
            "pk", "peer_id", "peer__chosen_name", "partner__name", "made_at", "status", "acknowledge_by",
            "outcome_by", "appointment_on", "warm_handoff", "sharing_ended_at",
        )
        .order_by("outcome_by", "pk")[:500]
    )  # fmt: skip
    for referral in referrals:
        referral.overdue = referral.is_overdue(today)
    referrals.sort(key=lambda r: not r.overdue)
    return _no_store(render(request, "referrals/referral_list.html", {"referrals": referrals}))


@login_required
def new_referral(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.MAKE_REFERRALS, reason=OPENED_FOR)
    form = ReferralForm(request.POST or None, peer=peer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, _link = services.make_referral(
                peer=peer,
                by=request.membership,
                partner=data["partner"],
                partner_email=data["partner_email"],
                asked=data["asked"],
                items=data["items"],
                contact_method=data.get("contact_method"),
                note_for_partner=data.get("note_for_partner", ""),
                warm_handoff=data.get("warm_handoff") or "",
                explained_at=data["explained_at"],
                acknowledge_by=data["acknowledge_by"],
                outcome_by=data["outcome_by"],
                base_url=_base_url(request),
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The referral is made. The partner's link is on its way to them."))
            return redirect("referrals:referral_detail", peer_id=peer.pk, referral_id=referral.pk)
    return _no_store(render(request, "referrals/referral_form.html", {"peer": peer, "form": form}))


def _detail_context(request: HttpRequest, referral, **extra) -> dict:
    may_change = can(request.membership, Do.MAKE_REFERRALS)
    codes = services.shared_codes(referral)
    context = {
        "referral": referral,
        "peer_id": referral.peer_id,
        "shared": services.partner_view(referral) if referral.is_sharing else [],
        "shared_codes": codes,
        "steps": services.steps_of(referral),
        "overdue": referral.is_overdue(),
        "may_change": may_change,
        "step_form": StepForm(allowed=services.next_answers(referral)) if may_change else None,
        "take_back_form": TakeBackForm(codes=codes) if may_change and referral.is_sharing else None,
    }
    context.update(extra)
    return context


@login_required
def referral_detail(request: HttpRequest, peer_id: int, referral_id: int) -> HttpResponse:
    referral = referral_for(request, peer_id, referral_id)
    return _no_store(render(request, "referrals/referral_detail.html", _detail_context(request, referral)))


@login_required
def referral_print(request: HttpRequest, peer_id: int, referral_id: int) -> HttpResponse:
    """What the partner was shown, printable (for the peer to keep, or for a warm handoff)."""
    referral = referral_for(request, peer_id, referral_id)
    shared = services.partner_view(referral)
    return _no_store(render(request, "referrals/referral_print.html", {"referral": referral, "shared": shared}))


@login_required
def record_step(request: HttpRequest, peer_id: int, referral_id: int) -> HttpResponse:
    referral = referral_for(request, peer_id, referral_id, Do.MAKE_REFERRALS)
    form = StepForm(request.POST or None, allowed=services.next_answers(referral))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_step(
                referral, by=request.membership, kind=data["kind"], on=data.get("on"), outcome=data.get("outcome", "")
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("referrals:referral_detail", peer_id=referral.peer_id, referral_id=referral.pk)
    context = _detail_context(request, referral, step_form=form)
    return _no_store(render(request, "referrals/referral_detail.html", context, status=200))


@login_required
def take_back(request: HttpRequest, peer_id: int, referral_id: int) -> HttpResponse:
    referral = referral_for(request, peer_id, referral_id, Do.MAKE_REFERRALS)
    codes = services.shared_codes(referral)
    form = TakeBackForm(request.POST or None, codes=codes)
    if request.method == "POST" and form.is_valid() and referral.sharing_ended_at is None:
        services.take_back(referral, by=request.membership, codes=form.cleaned_data["items"] or None)
        messages.success(request, _("Sharing has ended. The partner's link has stopped and they are being told."))
        return redirect("referrals:referral_detail", peer_id=referral.peer_id, referral_id=referral.pk)
    return _no_store(render(request, "referrals/take_back.html", {"referral": referral, "form": form}))


@login_required
@require_POST
def new_link(request: HttpRequest, peer_id: int, referral_id: int) -> HttpResponse:
    referral = referral_for(request, peer_id, referral_id, Do.MAKE_REFERRALS)
    try:
        services.send_new_link(referral, by=request.membership, base_url=_base_url(request))
    except services.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A new link is on its way to the partner. The earlier ones no longer work."))
    return redirect("referrals:referral_detail", peer_id=referral.peer_id, referral_id=referral.pk)


# --- The partner's page ---------------------------------------------------------------------------


def _partner_response(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the address is the key: never sent on to another page
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@csrf_exempt
def partner_link(request: HttpRequest, token: str) -> HttpResponse:
    """The partner reads what the peer agreed to share and gives their next answer."""
    link = services.find_link(token)
    if link is None:
        return _partner_response(request, "referrals/partner_closed.html", {"ended": False}, status=404)
    referral = link.referral
    with organisation_scope(referral.organisation):
        if not services.link_is_live(link):
            ended = referral.sharing_ended_at is not None
            return _partner_response(request, "referrals/partner_closed.html", {"ended": ended}, status=410)
        form = StepForm(request.POST or None, allowed=services.next_answers(referral))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                next_link = services.partner_answers(
                    link, kind=data["kind"], on=data.get("on"), outcome=data.get("outcome", ""),
                    base_url=_base_url(request),
                )  # fmt: skip
            except services.ReferralError as error:
                form.add_error(None, str(error))
            else:
                return _partner_response(
                    request,
                    "referrals/partner_thanks.html",
                    {"next_link": next_link, "organisation": referral.organisation, "closed": next_link is None},
                )
        context = {
            "referral": referral,
            "organisation": referral.organisation,
            "partner": referral.partner,
            "shared": services.partner_view(referral),
            "form": form,
            "acknowledged": referral.status != Status.SENT,
            "expires_at": link.expires_at,
        }
        return _partner_response(request, "referrals/partner_page.html", context)
