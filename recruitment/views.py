"""Recruitment screens. Each view: check, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can, visible_peers, visible_supporters
from people.choices import SupporterStage
from people.models import PeerSupporter

from . import access, services
from .forms import (
    BarrierForm,
    CloseBarrierForm,
    ConversationForm,
    CriterionForm,
    FormerPeerForm,
    MoveForm,
    PostForm,
    QualificationFormSet,
)
from .models import Barrier, CriterionNote, Post, ReadinessConversation, ReadinessCriterion


def _supporter(request: HttpRequest, supporter_id: int, action: Do) -> PeerSupporter:
    if not can(getattr(request, "membership", None), action):
        raise refuse(request, "peersupporter", supporter_id)
    return supporter_for(request, supporter_id)


@login_required
def on_the_way(request: HttpRequest) -> HttpResponse:
    """The coordinator's list of people on the way in, by stage (and those taking a break or moved on)."""
    require(request, Do.RUN_RECRUITMENT, "peersupporter")
    by_stage = services.on_the_way(visible_supporters(request.membership))
    stages = [(value, label, by_stage[value]) for value, label in SupporterStage.choices if value in by_stage]
    return render(request, "recruitment/on_the_way.html", {"stages": stages})


@login_required
def path(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A peer supporter's path: their stages with who, when and why, readiness and (for some) barriers."""
    supporter = _supporter(request, supporter_id, Do.SEE_PATHS)
    membership = request.membership
    runs = access.runs_recruitment(membership)
    conversations = ReadinessConversation.objects.filter(supporter=supporter).select_related("held_by")
    if runs:
        conversations = conversations.prefetch_related(
            Prefetch("notes", queryset=CriterionNote.objects.select_related("criterion"))
        )
    context = {
        "supporter": supporter,
        "history": services.history_of(supporter),
        "conversations": list(conversations),
        "runs": runs,
        "barriers": list(Barrier.objects.filter(supporter=supporter))
        if access.sees_barriers(membership, supporter)
        else None,
        "former_peer": access.former_peer_record(membership, supporter),
        "own": supporter.membership_id == membership.pk,
        "may_erase": supporter.stage == SupporterStage.LEFT and can(membership, Do.ERASE_RECORD),
    }
    return render(request, "recruitment/path.html", context)


@login_required
def move(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = _supporter(request, supporter_id, Do.RUN_RECRUITMENT)
    form = MoveForm(request.POST or None, current=supporter.stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_to_stage(supporter, form.cleaned_data["stage"], by=request.membership,
                                   why=form.cleaned_data["why"], reason=form.cleaned_data["reason"])  # fmt: skip
        except services.RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Their stage has been changed, and the change is kept in their history."))
            return redirect("recruitment:path", supporter_id=supporter.pk)
    return render(request, "recruitment/move.html", {"supporter": supporter, "form": form})


@login_required
def readiness(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = _supporter(request, supporter_id, Do.RUN_RECRUITMENT)
    criteria = services.criteria_for(request.organisation)
    form = ConversationForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_conversation(
                supporter, by=request.membership, held_on=data["held_on"], judgement=data["judgement"],
                reasons=data["reasons"], support_agreed=data["support_agreed"], talk_again_on=data["talk_again_on"],
                notes=form.notes(),
            )  # fmt: skip
        except services.RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The conversation has been kept. Their stage moves only when you move it."))
            return redirect("recruitment:path", supporter_id=supporter.pk)
    return render(request, "recruitment/readiness.html", {"supporter": supporter, "form": form})


@login_required
def barriers(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = _supporter(request, supporter_id, Do.RUN_RECRUITMENT)
    action = request.POST.get("action") if request.method == "POST" else None
    form = BarrierForm(request.POST if action == "add" else None)
    if action == "add" and form.is_valid():
        services.record_barrier(supporter, by=request.membership, **form.cleaned_data)
        messages.success(request, _("Kept privately, as something to clear."))
        return redirect("recruitment:barriers", supporter_id=supporter.pk)
    if action == "close":
        closing = CloseBarrierForm(request.POST)
        barrier = None
        if closing.is_valid() and record_id_or_none(closing.cleaned_data["barrier"]) is not None:
            barrier = Barrier.objects.filter(supporter=supporter, pk=closing.cleaned_data["barrier"]).first()
        if barrier is None:
            raise refuse(request, "barrier", request.POST.get("barrier", ""))
        services.close_barrier(barrier, by=request.membership, status=closing.cleaned_data["status"])
        messages.success(request, _("Saved."))
        return redirect("recruitment:barriers", supporter_id=supporter.pk)
    rows = list(Barrier.objects.filter(supporter=supporter))
    for row in rows:
        row.close_form = CloseBarrierForm(initial={"barrier": row.pk, "status": row.status})
    return render(request, "recruitment/barriers.html", {"supporter": supporter, "form": form, "barriers": rows})


@login_required
def former_peer(request: HttpRequest, supporter_id: int) -> HttpResponse:
    supporter = _supporter(request, supporter_id, Do.RUN_RECRUITMENT)
    form = FormerPeerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        peer = visible_peers(request.membership).filter(pk=form.cleaned_data["peer_number"]).first()
        if peer is None:
            form.add_error("peer_number", _("No record with that number is open to you here."))
        else:
            try:
                services.link_former_peer(
                    supporter, peer, by=request.membership, agreed_on=form.cleaned_data["agreed_on"]
                )
            except services.RecruitmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Linked. They are kept apart from those their earlier record says."))
                return redirect("recruitment:path", supporter_id=supporter.pk)
    current = access.former_peer_record(request.membership, supporter)
    return render(request, "recruitment/former_peer.html", {"supporter": supporter, "form": form, "current": current})


# --- The organisation's posts and criteria (about no person) --------------------------------------


@login_required
def posts(request: HttpRequest) -> HttpResponse:
    require(request, Do.RUN_RECRUITMENT, "post")
    found = Post.objects.filter(organisation=request.organisation).prefetch_related("qualifications")
    return render(request, "recruitment/posts.html", {"posts": found})


@login_required
def post_edit(request: HttpRequest, post_id: int | None = None) -> HttpResponse:
    if post_id is None:
        require(request, Do.RUN_RECRUITMENT, "post")
    post = None
    if post_id is not None:
        if can(getattr(request, "membership", None), Do.RUN_RECRUITMENT):
            post = Post.objects.filter(organisation=request.organisation, pk=post_id).first()
        if post is None:
            raise refuse(request, "post", post_id)
    initial = [{"what": q.what, "need": q.need} for q in post.qualifications.all()] if post else []
    form = PostForm(request.POST or None, instance=post)
    qualifications = QualificationFormSet(request.POST or None, initial=initial, prefix="q")
    if request.method == "POST" and form.is_valid() and qualifications.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.save_post(post, organisation=request.organisation, by=request.membership, fields=fields,
                           qualifications=[f.cleaned_data for f in qualifications if f.cleaned_data])  # fmt: skip
        messages.success(request, _("The post has been saved."))
        return redirect("recruitment:posts")
    return render(request, "recruitment/post_form.html", {"form": form, "qualifications": qualifications, "post": post})


@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    require(request, Do.RUN_RECRUITMENT, "readinesscriterion")
    found = services.criteria_for(request.organisation, with_retired=True)
    return render(request, "recruitment/criteria.html", {"criteria": found})


@login_required
def criterion_edit(request: HttpRequest, criterion_id: int | None = None) -> HttpResponse:
    if criterion_id is None:
        require(request, Do.RUN_RECRUITMENT, "readinesscriterion")
    criterion = None
    if criterion_id is not None:
        if can(getattr(request, "membership", None), Do.RUN_RECRUITMENT):
            criterion = ReadinessCriterion.objects.filter(organisation=request.organisation, pk=criterion_id).first()
        if criterion is None:
            raise refuse(request, "readinesscriterion", criterion_id)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.save_criterion(criterion, organisation=request.organisation, by=request.membership, fields=fields)
        messages.success(request, _("Saved. Conversations from now on use it."))
        return redirect("recruitment:criteria")
    return render(request, "recruitment/criterion_form.html", {"form": form, "criterion": criterion})
