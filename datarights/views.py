from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import peer_for, refuse, require, supporter_for
from access.policy import Do, can
from audit.models import Action
from people.models import PeerSupporter

from . import services, supporters


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_json(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.EXPORT_RECORD, action=Action.VIEW)
    record = services.export_peer_record(peer, by=request.membership, fmt="json")
    response = HttpResponse(
        json.dumps(record, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="alongside-record-{peer.pk}.json"'
    return _no_store(response)


@login_required
def export_html(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.EXPORT_RECORD, action=Action.VIEW)
    record = services.export_peer_record(peer, by=request.membership, fmt="html")
    return _no_store(render(request, "datarights/record.html", {"peer": peer, "record": record}))


@login_required
def erase(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.ERASE_RECORD, action=Action.VIEW)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "erase":
            services.erase_peer(peer, by=request.membership)
            messages.success(request, _("The record has been erased. Only de-identified counts remain."))
            return redirect("people:peer_list")
        error = _("Tick the box to confirm, or go back if you did not mean to erase.")
    return render(request, "datarights/erase_confirm.html", {"peer": peer, "error": error})


@login_required
def erase_supporter(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A peer supporter who has moved on: what was theirs is erased, once what must come first is done."""
    if not can(getattr(request, "membership", None), Do.ERASE_RECORD):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "erase":
            try:
                supporters.erase_supporter(supporter, by=request.membership)
            except supporters.NotYetError as not_yet:
                error = str(not_yet)
            else:
                messages.success(request, _("What they told us about themselves has been erased."))
                return redirect("recruitment:on_the_way")
        else:
            error = _("Tick the box to confirm, or go back if you did not mean to erase.")
    context = {
        "supporter": supporter,
        "error": error,
        "not_yet": supporters.not_yet(supporter),
        "account_kept": supporters.other_memberships(supporter.membership),
    }
    return render(request, "datarights/erase_supporter.html", context)


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """A peer supporter's own copy of what we hold about them (never anyone else's: no id to change)."""
    require(request, Do.COPY_OWN_RECORD, "peersupporter")
    supporter = PeerSupporter.objects.filter(membership=request.membership, erased_at__isnull=True).first()
    if supporter is None:
        raise refuse(request, "peersupporter", "")
    record = supporters.export_supporter_record(supporter, by=request.membership)
    response = HttpResponse(
        json.dumps(record, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="alongside-my-record.json"'
    return _no_store(response)
