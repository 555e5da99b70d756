"""A supporter's own wellbeing pages, the supervisor's view of a supervisee's early warning, the
directory of peer supporters, and the organisation's supports and limits. Short views: the rule,
a form, one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can

from . import access, explain, gather, services
from .chart import trend_svg
from .forms import CheckInForm, DirectoryForm, HardMomentForm, LimitsForm, PlanForm, SharingForm, SupportForm
from .instrument import who5
from .models import CheckIn, DirectoryEntry, HardMoment, OrganisationSupport, SelfCarePlan, WarningSettings

SHOWN_CHECK_INS = 12  # on the supporter's own page, and in its chart


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _own(request: HttpRequest):
    require(request, Do.KEEP_OWN_WELLBEING, "wellbeing")
    profile = access.own_profile(request.membership)
    if profile is None:
        raise refuse(request, "wellbeing", "")
    return profile


def _explained(warning) -> dict:
    return {
        "level": warning.level,
        "level_words": explain.level_words(warning.level),
        "factors": [{"raised": f.raised, "words": explain.factor_words(f)} for f in warning.factors],
    }


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My wellbeing: my plan, my check-ins and their trend, my hard moments, the directory."""
    profile = _own(request)
    member = request.membership
    check_ins = list(CheckIn.objects.filter(member=member).select_related("coach__user")[:SHOWN_CHECK_INS])
    points = [(timezone.localtime(c.filed_at).date(), c.score) for c in reversed(check_ins) if c.score is not None]
    plan = SelfCarePlan.objects.filter(member=member).prefetch_related("supports").first()
    own_warning = gather.warnings_for([profile], last_supervised=gather.last_supervised_for([profile])).get(member.pk)
    return _private(
        render(
            request,
            "wellbeing/mine.html",
            {
                "plan": plan,
                "plan_supports": [s.shown_name(get_language()) for s in plan.supports.all()] if plan else [],
                "check_ins": check_ins,
                "points": points,
                "chart": trend_svg(points),
                "hard_moments": list(HardMoment.objects.filter(member=member)[:10]),
                "in_directory": DirectoryEntry.objects.filter(member=member).first(),
                "directory_form": DirectoryForm(),
                "warning": _explained(own_warning) if own_warning else None,
                "shared_with_me": access.shared_with(member).count(),
            },
        )
    )


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    _own(request)
    member = request.membership
    current = SelfCarePlan.objects.filter(member=member).first()
    supports = [s for s in OrganisationSupport.objects.filter(organisation=request.organisation) if not s.retired]
    if current:
        supports += [s for s in current.supports.all() if s.retired]
    initial = None
    if current:
        initial = {
            "what_helps": current.what_helps,
            "early_signs": current.early_signs,
            "who_i_turn_to": current.who_i_turn_to,
            "supports": list(current.supports.all()),
        }
    form = PlanForm(request.POST or None, initial=initial, supports=supports, language=get_language())
    if request.method == "POST" and form.is_valid():
        services.save_plan(
            member,
            what_helps=form.cleaned_data["what_helps"],
            early_signs=form.cleaned_data["early_signs"],
            who_i_turn_to=form.cleaned_data["who_i_turn_to"],
            supports=form.cleaned_data["supports"],
        )
        messages.success(request, _("Your self-care plan is saved. It is yours: nobody else reads it."))
        return redirect("wellbeing:mine")
    return _private(render(request, "wellbeing/plan.html", {"form": form}))


@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    _own(request)
    member = request.membership
    coaches = services.coaches_for(member)
    form = CheckInForm(request.POST or None, coaches=coaches)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.file_check_in(
                member,
                answers=form.answers(),
                wants_talk=data["wants_talk"],
                for_supervisor=data["for_supervisor"],
                share_with=data["share_with"],
                coach=data.get("coach"),
            )
        except services.WellbeingError as error:
            form.add_error(None, str(error))
        else:
            if filed.suggests_talk:
                messages.success(request, _("Thank you. Your supervisor will see that a conversation is suggested."))
            else:
                messages.success(request, _("Thank you for checking in."))
            return redirect("wellbeing:mine")
    instrument = who5()
    return _private(render(request, "wellbeing/check_in.html", {"form": form, "instrument": instrument}))


@login_required
@require_POST
def sharing(request: HttpRequest) -> HttpResponse:
    """Share one of my check-ins with more (or fewer) people."""
    _own(request)
    member = request.membership
    if not request.POST.get("check_in"):
        return redirect("wellbeing:mine")
    pk = record_id_or_none(request.POST.get("check_in"))
    found = CheckIn.objects.filter(pk=pk, member=member).first() if pk is not None else None
    if found is None:
        raise refuse(request, "checkin", request.POST.get("check_in", ""))
    form = SharingForm(request.POST, coaches=services.coaches_for(member))
    if form.is_valid():
        services.change_sharing(
            found, by=member, share_with=form.cleaned_data["share_with"], coach=form.cleaned_data["coach"]
        )
        messages.success(request, _("Who sees that check-in is changed."))
    else:
        messages.error(request, _("Choose the peer coach who sees it, or share it with nobody."))
    return redirect("wellbeing:mine")


@login_required
def hard_moment(request: HttpRequest) -> HttpResponse:
    _own(request)
    form = HardMomentForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.log_hard_moment(request.membership, **form.cleaned_data)
        messages.success(request, _("Noted. Be gentle with yourself today."))
        return redirect("wellbeing:mine")
    return _private(render(request, "wellbeing/hard_moment.html", {"form": form}))


@login_required
@require_POST
def forget_hard_moment(request: HttpRequest) -> HttpResponse:
    _own(request)
    if not request.POST.get("moment"):
        return redirect("wellbeing:mine")
    pk = record_id_or_none(request.POST.get("moment"))
    found = HardMoment.objects.filter(pk=pk, member=request.membership).first() if pk is not None else None
    if found is None:
        raise refuse(request, "hardmoment", request.POST.get("moment", ""))
    services.forget_hard_moment(found, by=request.membership)
    messages.success(request, _("That moment has been taken off."))
    return redirect("wellbeing:mine")


@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """Check-ins a colleague chose to share with me as their peer coach."""
    require(request, Do.KEEP_OWN_WELLBEING, "wellbeing")
    shared = list(
        access.shared_with(request.membership)
        .filter(share_with="coach")
        .select_related("member__user")
        .order_by("-filed_at", "-pk")[:50]
    )
    return _private(render(request, "wellbeing/shared_with_me.html", {"shared": shared, "instrument": who5()}))


@login_required
def supporter_wellbeing(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A supervisee's early warning, factor by factor, and the check-ins they shared with me."""
    if not can(request.membership, Do.SEE_WELLBEING_WARNINGS):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    if supporter.supervisor_id != request.membership.pk:
        raise refuse(request, "peersupporter", supporter_id)
    found = gather.warnings_for([supporter], last_supervised=gather.last_supervised_for([supporter]))[
        supporter.membership_id
    ]
    shared = list(
        access.shared_with(request.membership)
        .filter(member_id=supporter.membership_id, share_with="supervisor")
        .order_by("-filed_at", "-pk")[:SHOWN_CHECK_INS]
    )
    suggested = CheckIn.objects.filter(member_id=supporter.membership_id, suggests_talk=True).values("filed_at").first()
    return _private(
        render(
            request,
            "wellbeing/supporter.html",
            {
                "supporter": supporter,
                "warning": _explained(found),
                "shared": shared,
                "last_suggested": suggested["filed_at"] if suggested else None,
                "instrument": who5(),
            },
        )
    )


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    require(request, Do.USE_SUPPORTER_DIRECTORY, "wellbeing")
    entries = services.directory_entries(request.membership)
    listed = DirectoryEntry.objects.filter(member=request.membership).first()
    form = DirectoryForm(initial={"glad_to_talk_about": listed.glad_to_talk_about} if listed else None)
    return _private(render(request, "wellbeing/directory.html", {"entries": entries, "listed": listed, "form": form}))


@login_required
@require_POST
def directory_join(request: HttpRequest) -> HttpResponse:
    require(request, Do.USE_SUPPORTER_DIRECTORY, "wellbeing")
    form = DirectoryForm(request.POST)
    if form.is_valid():
        services.join_directory(request.membership, glad_to_talk_about=form.cleaned_data["glad_to_talk_about"])
        messages.success(request, _("You are in the directory. You can leave it at any time."))
        return redirect("wellbeing:directory")
    entries = services.directory_entries(request.membership)
    return _private(render(request, "wellbeing/directory.html", {"entries": entries, "listed": None, "form": form}))


@login_required
@require_POST
def directory_leave(request: HttpRequest) -> HttpResponse:
    require(request, Do.USE_SUPPORTER_DIRECTORY, "wellbeing")
    services.leave_directory(request.membership)
    messages.success(request, _("You have left the directory. Nobody elsewhere sees you there now."))
    return redirect("wellbeing:directory")


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """The organisation's supports for its peer supporters, and the early warning's limits."""
    require(request, Do.MANAGE_WELLBEING, "wellbeing")
    organisation = request.organisation
    action = request.POST.get("action") if request.method == "POST" else None
    support_form = SupportForm(request.POST if action == "add" else None)
    current = WarningSettings.objects.filter(organisation=organisation).first() or WarningSettings(
        organisation=organisation
    )
    limits_form = LimitsForm(request.POST if action == "limits" else None, instance=current)
    if action == "add" and support_form.is_valid():
        try:
            services.add_support(by=request.membership, **support_form.cleaned_data)
        except services.WellbeingError as error:
            support_form.add_error("name", str(error))
        else:
            messages.success(request, _("The support is added."))
            return redirect("wellbeing:settings")
    if action in ("retire", "offer"):
        pk = record_id_or_none(request.POST.get("support"))
        support = OrganisationSupport.objects.filter(pk=pk, organisation=organisation).first() if pk else None
        if support is None:
            raise refuse(request, "organisationsupport", request.POST.get("support", ""))
        services.retire_support(support, by=request.membership, retired=action == "retire")
        messages.success(request, _("Saved."))
        return redirect("wellbeing:settings")
    if action == "limits" and limits_form.is_valid():
        services.save_limits(
            by=request.membership, **{n: limits_form.cleaned_data[n] for n in WarningSettings.LIMIT_FIELDS}
        )
        messages.success(request, _("The early warning's limits are saved."))
        return redirect("wellbeing:settings")
    supports = list(OrganisationSupport.objects.filter(organisation=organisation))
    return render(
        request,
        "wellbeing/settings.html",
        {"supports": supports, "support_form": support_form, "limits_form": limits_form},
    )
