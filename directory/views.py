"""The partner directory's pages. Each view: check (a refusal is an audited 404), one service, render.

The directory is the organisation's own: another organisation's partner, service, location or
import answers the same 404 as one that does not exist.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.lookups import record_id_or_none, refuse, require
from access.policy import Do, can
from organisations.models import Partner

from . import services
from .forms import ImportForm, LocationForm, PartnerForm, SearchForm, ServiceForm
from .models import DirectoryImport, Location, Service

PAGE_SIZE = 50


def _ours(request: HttpRequest, queryset: QuerySet, record_type: str, pk: object, needs: Do) -> Model:
    """One row of this organisation's directory, for a member who may ``needs``; otherwise an audited 404."""
    if not can(getattr(request, "membership", None), needs) or record_id_or_none(pk) is None:
        raise refuse(request, record_type, pk)
    found = queryset.filter(organisation=request.organisation, pk=pk).first()
    if found is None:
        raise refuse(request, record_type, pk)
    return found


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_DIRECTORY, "directory")
    form = SearchForm(request.GET or None, areas=services.areas(request.organisation))
    filters = form.cleaned_data if form.is_valid() else {}
    found = services.search(request.organisation, **{k: v for k, v in filters.items() if v})
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/directory.html",
        {
            "form": form,
            "page": page,
            "searched": bool(filters and any(filters.values())),
            "can_manage": can(request.membership, Do.MANAGE_DIRECTORY),
        },
    )


@login_required
def partners(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_DIRECTORY, "directory")
    rows = Partner.objects.filter(organisation=request.organisation).order_by("name", "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/partners.html",
        {"page": page, "can_manage": can(request.membership, Do.MANAGE_DIRECTORY)},
    )


@login_required
def partner(request: HttpRequest, partner_id: int) -> HttpResponse:
    found = _ours(request, Partner.objects.all(), "partner", partner_id, Do.SEE_DIRECTORY)
    return render(
        request,
        "directory/partner.html",
        {
            "partner": found,
            "services": found.services.prefetch_related("places__location").order_by("name", "pk"),
            "locations": found.locations.order_by("name", "address", "pk"),
            "can_manage": can(request.membership, Do.MANAGE_DIRECTORY),
        },
    )


@login_required
def partner_form(request: HttpRequest, partner_id: int | None = None) -> HttpResponse:
    if partner_id is None:
        require(request, Do.MANAGE_DIRECTORY, "partner")
        instance = Partner(organisation=request.organisation)
    else:
        instance = _ours(request, Partner.objects.all(), "partner", partner_id, Do.MANAGE_DIRECTORY)
    form = PartnerForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_partner(
                request.organisation, request.user, form.cleaned_data, None if partner_id is None else instance
            )
        except services.DirectoryError:
            form.add_error("name", _("There is already a partner with that name."))
        else:
            messages.success(request, _("The partner has been saved."))
            return redirect("directory:partner", partner_id=saved.pk)
    return render(request, "directory/partner_form.html", {"form": form, "partner": instance})


@login_required
def service_form(request: HttpRequest, partner_id: int | None = None, service_id: int | None = None) -> HttpResponse:
    if service_id is not None:
        instance = _ours(request, Service.objects.select_related("partner"), "service", service_id, Do.MANAGE_DIRECTORY)
        owner = instance.partner
    else:
        owner = _ours(request, Partner.objects.all(), "partner", partner_id, Do.MANAGE_DIRECTORY)
        instance = Service(organisation=request.organisation, partner=owner)
    form = ServiceForm(request.POST or None, instance=instance, partner=owner)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "locations"}
        services.save_service(
            owner, request.user, fields, form.cleaned_data["locations"], None if service_id is None else instance
        )
        messages.success(request, _("The service has been saved."))
        return redirect("directory:partner", partner_id=owner.pk)
    return render(request, "directory/service_form.html", {"form": form, "partner": owner, "service": instance})


@login_required
def location_form(request: HttpRequest, partner_id: int | None = None, location_id: int | None = None) -> HttpResponse:
    if location_id is not None:
        instance = _ours(
            request, Location.objects.select_related("partner"), "location", location_id, Do.MANAGE_DIRECTORY
        )
        owner = instance.partner
    else:
        owner = _ours(request, Partner.objects.all(), "partner", partner_id, Do.MANAGE_DIRECTORY)
        instance = Location(organisation=request.organisation, partner=owner)
    form = LocationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_location(owner, request.user, form.cleaned_data, None if location_id is None else instance)
        messages.success(request, _("The place has been saved."))
        return redirect("directory:partner", partner_id=owner.pk)
    return render(request, "directory/location_form.html", {"form": form, "partner": owner, "location": instance})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_DIRECTORY, "directory")
    document = services.export_directory(request.organisation, request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="partner-directory-hsds-{day}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_DIRECTORY, "directory")
    services.notice_stopped_imports(request.organisation)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        row = services.start_import(request.organisation, request.user, form.cleaned_data["file"])
        return redirect("directory:import_progress", import_id=row.pk)
    recent = DirectoryImport.objects.filter(organisation=request.organisation).defer("document")[:5]
    return render(
        request,
        "directory/import.html",
        {"form": form, "recent": recent, "limit_mb": services.IMPORT_LIMIT_BYTES // (1024 * 1024)},
    )


@login_required
def import_progress(request: HttpRequest, import_id: int) -> HttpResponse:
    row = _ours(request, DirectoryImport.objects.defer("document"), "directoryimport", import_id, Do.MANAGE_DIRECTORY)
    if not row.finished and services.notice_stopped_imports(request.organisation):
        row.refresh_from_db(fields=["status", "finished_at"])
    template = "directory/import_progress.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"row": row})
