"""The competence pages: a supporter's level, sign-offs and shadowing; the organisation's framework."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import record_id_or_none, require
from access.policy import Do, can

from . import services
from .access import supporter_to_see, supporter_to_sign_off
from .choices import Work
from .forms import CompetenceForm, LevelChangeForm, LevelForm, SettingsForm, ShadowingForm, SignOffForm
from .models import Competence, HeldLevel, Level, LevelChange, Shadowing, SignOff

NOT_SAVED = "Some answers need another look. Nothing has been saved yet."


@login_required
def supporter_competence(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_to_see(request, supporter_id)
    verdicts = services.verdicts(supporter)
    held = HeldLevel.objects.filter(supporter=supporter).select_related("level").first()
    member = supporter.membership_id
    shadowing = list(
        Shadowing.objects.filter(Q(shadow_id=member) | Q(shadowed_id=member)).select_related(
            "shadow__user", "shadowed__user"
        )
    )
    for row in shadowing:
        row.they_shadowed = row.shadow_id == member
        row.colleague = (row.shadowed if row.they_shadowed else row.shadow).user.display_name
    context = {
        "supporter": supporter,
        "held": held,
        "verdicts": [(Work(work).label, verdict) for work, verdict in verdicts.items()],
        "sign_offs": SignOff.objects.filter(supporter=supporter).select_related("competence", "signed_by__user"),
        "shadowing": shadowing,
        "changes": LevelChange.objects.filter(supporter=supporter).select_related(
            "from_level", "to_level", "changed_by__user"
        ),
        "due": services.due_for_refresh(supporter),
        "may_sign_off": can(request.membership, Do.SIGN_OFF_COMPETENCE),
        "own": supporter.membership_id == request.membership.pk,
    }
    return render(request, "competence/supporter.html", context)


def _form_page(request, supporter, form, title: str, done) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            try:
                done(form.cleaned_data)
            except services.CompetenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("competence:supporter_competence", supporter_id=supporter.pk)
        messages.error(request, _(NOT_SAVED))
    return render(request, "competence/form.html", {"supporter": supporter, "form": form, "title": title})


@login_required
def sign_off(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_to_sign_off(request, supporter_id)
    form = SignOffForm(request.POST or None, organisation=request.organisation)

    def done(data):
        services.sign_off(
            supporter, data["competence"], by=request.membership, evidence=data["evidence"],
            signed_on=data["signed_on"], reference=data["reference"], note=data["note"],
        )  # fmt: skip

    return _form_page(request, supporter, form, _("Sign off a competence"), done)


@login_required
def change_level(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_to_sign_off(request, supporter_id)
    held = HeldLevel.objects.filter(supporter=supporter).first()
    initial = {"level": held.level_id, "recognised": held.recognised} if held else {}
    form = LevelChangeForm(request.POST or None, organisation=request.organisation, initial=initial)

    def done(data):
        services.change_level(
            supporter, data["level"], by=request.membership, reason=data["reason"], recognised=data["recognised"]
        )

    return _form_page(request, supporter, form, _("Change their responsibility level"), done)


@login_required
def shadowing(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = supporter_to_sign_off(request, supporter_id)
    form = ShadowingForm(request.POST or None, supporter=supporter)

    def done(data):
        services.record_shadowing(
            supporter, other=data["colleague"], they_shadowed=data["direction"] == "they_shadowed",
            by=request.membership, happened_on=data["happened_on"], work=data["work"],
            reflections=data["reflections"],
        )  # fmt: skip

    return _form_page(request, supporter, form, _("Record shadowing"), done)


@login_required
def framework(request: HttpRequest) -> HttpResponse:
    """The organisation's competences and levels, and whether sign-offs expire."""
    require(request, Do.MANAGE_COMPETENCE_FRAMEWORK, "competence")
    org = request.organisation
    action = request.POST.get("action")
    settings_form = SettingsForm(request.POST if action == "settings" else None, instance=services.settings_for(org.pk))
    editing = None
    if record_id_or_none(request.GET.get("competence")):
        editing = Competence.objects.filter(organisation=org, pk=request.GET["competence"]).first()
    competence_form = CompetenceForm(
        request.POST if action == "competence" else None, instance=editing or Competence(organisation=org)
    )
    if request.method == "POST":
        form = settings_form if action == "settings" else competence_form
        if action in ("settings", "competence") and form.is_valid():
            if action == "settings":
                services.save_settings(org, by=request.membership, fields=form.cleaned_data)
            else:
                services.save_competence(form.instance, by=request.membership, fields=form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("competence:framework")
        messages.error(request, _(NOT_SAVED))
    competences = list(Competence.objects.filter(organisation=org))
    levels = list(Level.objects.filter(organisation=org).prefetch_related("competences"))
    return render(
        request,
        "competence/framework.html",
        {
            "competences": competences,
            "levels": levels,
            "work_labels": dict(Work.choices),
            "settings_form": settings_form,
            "competence_form": competence_form,
            "editing": editing,
        },
    )


@login_required
def level(request: HttpRequest) -> HttpResponse:
    """Add a level, or change one (``?level=`` its number): the work it includes and what it needs."""
    require(request, Do.MANAGE_COMPETENCE_FRAMEWORK, "level")
    org = request.organisation
    instance = None
    if record_id_or_none(request.GET.get("level")):
        instance = Level.objects.filter(organisation=org, pk=request.GET["level"]).first()
    form = LevelForm(request.POST or None, instance=instance or Level(organisation=org), organisation=org)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_level(
                    form.instance, by=request.membership, fields=form.fields_to_save(),
                    competences=form.cleaned_data["competences"],
                )  # fmt: skip
            except services.CompetenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("competence:framework")
        messages.error(request, _(NOT_SAVED))
    return render(request, "competence/level.html", {"form": form, "level": instance})


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    """How many supporters hold each level: counts only, small numbers suppressed (evaluators too)."""
    require(request, Do.SEE_AGGREGATES, "level")
    return render(request, "competence/counts.html", {"figures": services.level_figures(request.organisation.pk)})
