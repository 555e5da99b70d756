from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import require
from access.policy import Do

from . import services
from .forms import AbsenceForm, ChangeDatesForm
from .models import Absence


def _absence(request: HttpRequest) -> Absence:
    """The absence named in the form, of this organisation (the scope holds it to one), or 404."""
    raw = request.POST.get("absence", "")
    if not raw.isdigit() or len(raw) > 12:
        raise Http404
    found = Absence.objects.filter(pk=int(raw), organisation=request.organisation).select_related("member").first()
    if found is None:
        raise Http404
    return found


@login_required
def away(request: HttpRequest) -> HttpResponse:
    """Who is away, and recording it: one page, for coordinators and admins."""
    require(request, Do.RECORD_ABSENCES, "absence")
    action = request.POST.get("action", "record") if request.method == "POST" else None
    form = AbsenceForm(request.POST if action == "record" else None, organisation=request.organisation)
    change_errors: dict[int, ChangeDatesForm] = {}
    if action == "record" and form.is_valid():
        services.record_absence(by=request.membership, **form.cleaned_data)
        messages.success(request, _("Saved. Their peers can now be given cover."))
        return redirect("absences:away")
    if action == "change":
        absence = _absence(request)
        dates = ChangeDatesForm(request.POST)
        if dates.is_valid():
            services.change_absence(absence, by=request.membership, **dates.cleaned_data)
            messages.success(request, _("The dates have been changed."))
            return redirect("absences:away")
        change_errors[absence.pk] = dates
    if action == "cancel":
        services.cancel_absence(_absence(request), by=request.membership)
        messages.success(request, _("That absence has been taken off."))
        return redirect("absences:away")
    absences = list(services.upcoming(request.organisation))
    for absence in absences:
        absence.dates_form = change_errors.get(absence.pk) or ChangeDatesForm(
            initial={"starts_on": absence.starts_on, "ends_on": absence.ends_on}, prefix=None
        )
    return render(request, "absences/away.html", {"form": form, "absences": absences})
