from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import peer_for
from access.policy import Do
from audit.models import Action

from . import services


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
