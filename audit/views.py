from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from access.lookups import require
from access.policy import Do
from organisations.models import Membership

from .models import RECORD_TYPES, Action, AuditEvent


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Who"), queryset=Membership.objects.none(), required=False)
    action = forms.ChoiceField(label=_("What"), choices=[("", _("Anything"))] + Action.choices, required=False)
    record_type = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        choices=[("", _("Any")), *RECORD_TYPES.items()],
    )
    record_id = forms.CharField(label=_("Record number"), required=False, max_length=40)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Membership.objects.filter(organisation=organisation).select_related("user")
        self.fields["actor"].label_from_instance = lambda m: m.user.display_name


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """Organisation admins browse and filter their organisation's audit log."""
    require(request, Do.READ_AUDIT_LOG, "auditevent")
    form = AuditFilterForm(request.GET or None, organisation=request.organisation)
    events = AuditEvent.objects.filter(organisation=request.organisation).select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor=data["actor"].user)
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["record_type"]:
            events = events.filter(record_type=data["record_type"])
        if data["record_id"]:
            events = events.filter(record_id=data["record_id"].strip())
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"form": form, "page": page})
