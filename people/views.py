"""Screens for peers and peer supporters. Each view: check, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import peer_for, record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can, visible_peers, visible_supporters
from audit.models import Action, AuditEvent
from consent.services import consent_in_force

from . import services
from .caseload import PAGE_SIZE, caseload_page
from .forms import (
    AssignmentForm,
    ContactMethodFormSet,
    PeerForm,
    PeerSearchForm,
    PeerSupporterForm,
    contact_methods_from,
)
from .models import Assignment, ContactMethod
from .record import record_assignments

OPENINGS_SHOWN = 5


@login_required
def peer_list(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_PEERS, "peer")
    # A search is sent by POST, so a name typed here is never in a URL: not in the browser's
    # history, not in a proxy's access log. Pages of the results are POSTed the same way.
    searching = request.method == "POST"
    search = PeerSearchForm(request.POST if searching else None)
    name = search.cleaned_data["q"] if search.is_valid() else ""
    page_number = (request.POST if searching else request.GET).get("page")
    page = caseload_page(request.membership, name=name, page_number=page_number)
    template = "people/peer_list.html#results" if request.htmx else "people/peer_list.html"
    return render(request, template, {"page": page, "search": search, "can_add": can(request.membership, Do.ADD_PEER)})


def _peer_form_page(request, peer=None):
    form = PeerForm(request.POST or None, instance=peer)
    contact_qs = ContactMethod.objects.filter(peer=peer) if peer else ContactMethod.objects.none()
    formset = ContactMethodFormSet(request.POST or None, queryset=contact_qs, prefix="contact")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        if peer is None:
            peer = services.create_peer(
                membership=request.membership,
                fields=form.peer_fields(),
                needs=form.cleaned_data["needs"],
                contact_methods=contact_methods_from(formset),
            )
            messages.success(request, _("The peer has been added."))
        else:
            services.update_peer(
                peer=peer,
                by=request.membership,
                fields=form.peer_fields(),
                needs=form.cleaned_data["needs"],
                contact_methods=contact_methods_from(formset),
            )
            messages.success(request, _("Changes saved."))
        return redirect("people:peer_detail", peer_id=peer.pk)
    if request.method == "POST":
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "people/peer_form.html", {"form": form, "formset": formset, "peer": peer})


@login_required
def peer_create(request: HttpRequest) -> HttpResponse:
    require(request, Do.ADD_PEER, "peer")
    return _peer_form_page(request)


@login_required
def peer_edit(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.EDIT_PEER)
    return _peer_form_page(request, peer)


@login_required
def peer_detail(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id)
    membership = request.membership
    # Who, what kind, from and until: the reasons (encrypted) are not read for this list.
    assignments = list(record_assignments(peer))
    opened_by = list(AuditEvent.objects.openings_of(peer)[: OPENINGS_SHOWN + 1])  # one more: is there more?
    return render(
        request,
        "people/peer_detail.html",
        {
            "peer": peer,
            "needs": peer.needs.all(),
            "safe_contacts": peer.safe_contact_methods(),
            "consent": consent_in_force(peer),
            "assignments": assignments,
            "opened_by": opened_by[:OPENINGS_SHOWN],
            "opened_more": len(opened_by) > OPENINGS_SHOWN,
            "can_edit": can(membership, Do.EDIT_PEER),
            "can_assign": can(membership, Do.ASSIGN_WORKERS),
            "can_consent": can(membership, Do.RECORD_CONSENT),
            "can_export": can(membership, Do.EXPORT_RECORD),
            "can_erase": can(membership, Do.ERASE_RECORD),
        },
    )


@login_required
def peer_opened(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Everyone who has opened this record, newest first, for whoever may see the record."""
    peer = peer_for(request, peer_id)
    page = Paginator(AuditEvent.objects.openings_of(peer), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/peer_opened.html", {"peer": peer, "page": page})


@login_required
def peer_assign(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.ASSIGN_WORKERS)
    form = AssignmentForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign(peer=peer, by=request.membership, **form.cleaned_data)
        except services.AssignmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved who works with them."))
            return redirect("people:peer_detail", peer_id=peer.pk)
    return render(request, "people/assignment_form.html", {"form": form, "peer": peer})


@login_required
@require_POST
def assignment_end(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    peer = peer_for(request, peer_id, Do.ASSIGN_WORKERS, action=Action.UPDATE)
    assignment = None
    if record_id_or_none(assignment_id) is not None:
        assignment = Assignment.objects.filter(peer=peer, pk=assignment_id).first()
    if assignment is None:
        raise refuse(request, "assignment", assignment_id)
    services.end_assignment(assignment, by=request.membership)
    messages.success(request, _("That support has been ended from today."))
    return redirect("people:peer_detail", peer_id=peer.pk)


@login_required
def supporter_list(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_SUPPORTERS, "peersupporter")
    supporters = visible_supporters(request.membership).select_related("membership__user", "supervisor__user")
    page = Paginator(supporters, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = services.current_caseloads(s.membership_id for s in page)
    for supporter in page:
        supporter.caseload = counts.get(supporter.membership_id, 0)
    return render(request, "people/supporter_list.html", {"page": page})


@login_required
def supporter_detail(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_for(request, supporter_id)
    peers = visible_peers(request.membership).filter(
        pk__in=Assignment.objects.current().filter(worker=supporter.membership_id).values("peer_id")
    )
    return render(
        request,
        "people/supporter_detail.html",
        {
            "supporter": supporter,
            "peers": peers,
            "caseload": services.caseload_size(supporter),
            "can_edit": can(request.membership, Do.EDIT_SUPPORTERS),
        },
    )


@login_required
def supporter_edit(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_for(request, supporter_id, edit=True)
    form = PeerSupporterForm(request.POST or None, instance=supporter, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.update_supporter(supporter, by=request.membership, fields=form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("people:supporter_detail", supporter_id=supporter.pk)
    return render(request, "people/supporter_form.html", {"form": form, "supporter": supporter})
