from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import require
from access.policy import Do
from consent.models import ConsentText

from . import services
from .forms import OrganisationSettingsForm, PartnerForm
from .middleware import SESSION_KEY
from .models import Partner


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Work in another of the user's organisations. Only one organisation's people show at a time."""
    chosen = request.POST.get("organisation", "")
    # Only the user's own active memberships (already read by the tenancy middleware) can be chosen;
    # anything else, a number or not, changes nothing.
    membership = next((m for m in request.memberships if str(m.organisation_id) == chosen.strip()), None)
    if membership is not None:
        request.session[SESSION_KEY] = membership.organisation_id
    return redirect("home:dashboard")


def _settings_page(request, settings_form=None, partner_form=None, status=200):
    organisation = request.organisation
    return render(
        request,
        "organisations/settings.html",
        {
            "settings_form": settings_form or OrganisationSettingsForm(instance=organisation),
            "partner_form": partner_form or PartnerForm(organisation=organisation),
            "partners": Partner.objects.filter(organisation=organisation),
            "consent_texts": ConsentText.objects.all(),
        },
        status=status,
    )


@login_required
def organisation_settings(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_ORGANISATION, "organisation")
    if request.method == "POST":
        form = OrganisationSettingsForm(request.POST, instance=request.organisation)
        if form.is_valid():
            services.update_settings(request.organisation, **form.cleaned_data)
            messages.success(request, _("Settings saved."))
            return redirect("organisations:settings")
        return _settings_page(request, settings_form=form)
    return _settings_page(request)


@login_required
@require_POST
def add_partner(request: HttpRequest) -> HttpResponse:
    require(request, Do.MANAGE_ORGANISATION, "partner")
    form = PartnerForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        try:
            services.add_partner(request.organisation, **form.cleaned_data)
        except services.PartnerError:
            form.add_error("name", _("There is already a partner with that name."))
        else:
            messages.success(request, _("Partner added."))
            return redirect("organisations:settings")
    return _settings_page(request, partner_form=form)
