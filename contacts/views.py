"""The contact log's pages. Each view: check (audited), call one service, render."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import peer_for, record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can
from organisations.models import Membership
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment, Need

from . import services
from .access import assignment_to_log, loggable_assignments, may_read_note, seen_contacts
from .choices import Engagement, Outside
from .forms import ContactForm, GoodsKindForm, QuietWeeksForm
from .models import Contact, GoodsKind

DRAFT_SALT = "contacts.draft"
DRAFT_KEY_AGE = 12 * 3600  # a form left open longer than this is not taken back after signing in
OUTSIDE_WORDS = dict(Outside.choices)  # lazy: said in the language of each page


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def draft_key(member: Membership, assignment: Assignment | None) -> str:
    """Says, signed, whose draft a form's input is: kept even when it arrives signed out."""
    return signing.dumps([member.pk, assignment.pk if assignment else 0], salt=DRAFT_SALT)


def _keep_signed_out_input(request: HttpRequest, assignment_id: int) -> bool:
    """The session ended (idle sign-out, or it expired) while the form was open: keep what was sent as
    the member's draft, if the form's signed key says whose it is and the support still goes on.
    The draft is offered back on the form after they sign in again; nothing is kept in the browser.
    """
    try:
        member_pk, for_assignment = signing.loads(
            request.POST.get("draft_key", ""), salt=DRAFT_SALT, max_age=DRAFT_KEY_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if for_assignment != assignment_id:
        return False
    with all_organisations():
        member = Membership.objects.filter(pk=member_pk, is_active=True).select_related("organisation").first()
    if member is None:
        return False
    with organisation_scope(member.organisation):
        assignment = None
        if assignment_id:
            assignment = loggable_assignments(member).filter(pk=assignment_id).first()
            if assignment is None:
                return False
        services.save_draft(member=member, assignment=assignment, fields=services.draft_fields_from(request.POST))
    return True


def _signed_out(request: HttpRequest, assignment_id: int, back_to: str) -> HttpResponse:
    kept = request.method == "POST" and _keep_signed_out_input(request, assignment_id)
    if kept and request.headers.get("HX-Request"):
        return render(request, "contacts/draft_status.html", {"signed_out": True, "back_to": back_to})
    return redirect_to_login(back_to, settings.LOGIN_URL)


def _contact_form(request, membership, assignment, *, data=None, initial=None, to_show=True):
    """The form; ``to_show``: with the peer's own needs first and the way of their last contact as
    the default (two queries a form that is only checked and saved does not need)."""
    peer_needs = ()
    how = "in_person"
    if assignment is not None and to_show:
        peer_needs = tuple(Need.objects.filter(peer_id=assignment.peer_id).values_list("domain", flat=True))
        last = Contact.objects.filter(assignment=assignment).values_list("how", flat=True).first()
        how = last or how
    return ContactForm(
        data,
        initial=initial,
        goods=services.goods_offered(membership.organisation_id),
        peer_needs=peer_needs,
        how=how,
    )


def _draft_initial(draft) -> dict:
    fields = dict(draft.fields or {})
    return {k: v for k, v in fields.items() if isinstance(v, str | list)}


def _log(request: HttpRequest, assignment: Assignment | None, draft_url: str) -> HttpResponse:
    membership = request.membership
    draft = services.draft_for(membership, assignment) if request.method == "GET" else None
    carry_on = draft is not None and request.GET.get("draft") == "carry-on"
    if request.method == "POST":
        form = _contact_form(request, membership, assignment, data=request.POST, to_show=False)
        if form.is_valid():
            try:
                contact = services.log_contact(by=membership, assignment=assignment, entry=form.entry())
            except services.ContactError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The contact is logged."))
                if contact.outside:
                    messages.info(
                        request,
                        _(
                            "This one was outside what you agreed (%(why)s). That happens: worth a word "
                            "with your supervisor if it keeps happening."
                        )
                        % {"why": ", ".join(str(OUTSIDE_WORDS[Outside(code)]) for code in contact.outside)},
                    )
                if assignment is not None and request.POST.get("then") == "worry":
                    # Straight on to "Something worries me", about this peer, from this contact.
                    raise_url = reverse("safeguarding:raise", args=[assignment.peer_id])
                    return redirect(f"{raise_url}?contact={contact.pk}")
                return redirect("contacts:start")
        # Not saved: what was typed is kept as the draft too, so leaving now loses nothing.
        services.save_draft(member=membership, assignment=assignment, fields=services.draft_fields_from(request.POST))
        errors = form.errors
        form = _contact_form(request, membership, assignment, data=request.POST)
        form._errors = errors  # the same answers, shown with the peer's own needs first
    else:
        form = _contact_form(request, membership, assignment, initial=_draft_initial(draft) if carry_on else None)
    return _no_store(
        render(
            request,
            "contacts/log.html",
            {
                "form": form,
                "assignment": assignment,
                "peer": assignment.peer if assignment else None,
                "draft": None if carry_on else draft,
                "carrying_on": carry_on,
                "draft_url": draft_url,
                "draft_key": draft_key(membership, assignment),
                "may_raise_concerns": can(membership, Do.RAISE_CONCERNS),
            },
        )
    )


def log(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """The log form for a contact with a peer the member works with."""
    if not request.user.is_authenticated:
        return _signed_out(request, assignment_id, request.get_full_path())
    assignment = assignment_to_log(request, peer_id, assignment_id)
    return _log(request, assignment, reverse("contacts:draft", args=[assignment.peer_id, assignment.pk]))


def one_off(request: HttpRequest) -> HttpResponse:
    """A contact with someone who has no record (a drop-in, a phone call): counted, no name asked."""
    if not request.user.is_authenticated:
        return _signed_out(request, 0, request.get_full_path())
    require(request, Do.LOG_CONTACTS, "contact")
    return _log(request, None, reverse("contacts:one_off_draft"))


def _save_draft(request: HttpRequest, assignment: Assignment | None) -> HttpResponse:
    draft = services.save_draft(
        member=request.membership, assignment=assignment, fields=services.draft_fields_from(request.POST)
    )
    return _no_store(render(request, "contacts/draft_status.html", {"draft": draft}))


def draft(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """While typing (htmx, debounced): keep what is typed on the server, encrypted."""
    if not request.user.is_authenticated:
        return _signed_out(request, assignment_id, reverse("contacts:log", args=[peer_id, assignment_id]))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _save_draft(request, assignment_to_log(request, peer_id, assignment_id, audited=False))


def one_off_draft(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _signed_out(request, 0, reverse("contacts:one_off"))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request, Do.LOG_CONTACTS, "contact")
    return _save_draft(request, None)


@login_required
@require_POST
def discard_draft(request: HttpRequest) -> HttpResponse:
    require(request, Do.LOG_CONTACTS, "contact")
    raw = request.POST.get("assignment", "")
    services.discard_draft(request.membership, record_id_or_none(raw) if raw else None)
    messages.success(request, _("The draft is discarded."))
    back = request.POST.get("back", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("contacts:start")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a supporter lands to log: the peers they work with, their drafts, a one-off contact."""
    require(request, Do.LOG_CONTACTS, "contact")
    membership = request.membership
    assignments = list(
        loggable_assignments(membership)
        .select_related("peer")
        .only("pk", "peer_id", "peer__chosen_name", "kind")
        .order_by("peer__chosen_name", "pk")
    )
    drafts = list(services.drafts_of(membership))
    return _no_store(render(request, "contacts/start.html", {"assignments": assignments, "drafts": drafts}))


def _week_rows(contacts):
    return list(contacts.select_related("peer").order_by("-happened_at", "-pk"))


@login_required
def my_week(request: HttpRequest) -> HttpResponse:
    """The supporter's own week: their contacts since Monday, hours per week, and any outside what was agreed."""
    require(request, Do.LOG_CONTACTS, "contact")
    membership = request.membership
    monday = services.week_start(timezone.localdate())
    since = timezone.make_aware(datetime.combine(monday, datetime.min.time()))
    contacts = _week_rows(seen_contacts(membership).filter(worker=membership, happened_at__gte=since))
    weeks = services.hours_by_week(membership, 8)
    outside = services.outside_agreement(membership, monday - timedelta(weeks=3))
    return _no_store(
        render(
            request,
            "contacts/my_week.html",
            {"contacts": contacts, "weeks": weeks, "outside": outside, "monday": monday, "reasons": OUTSIDE_WORDS},
        )
    )


@login_required
def supporter_contacts(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A supporter's hours per week and contacts outside what was agreed (their supervisor, coordinators)."""
    if not can(getattr(request, "membership", None), Do.SEE_CONTACTS):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    worker = supporter.membership
    weeks = services.hours_by_week(worker, 12)
    outside = services.outside_agreement(worker, timezone.localdate() - timedelta(weeks=12))
    return _no_store(
        render(
            request,
            "contacts/supporter_contacts.html",
            {"supporter": supporter, "weeks": weeks, "outside": outside, "reasons": OUTSIDE_WORDS},
        )
    )


@login_required
def peer_contacts(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Every contact with a peer that this member may see, newest first, a page at a time."""
    peer = peer_for(request, peer_id, Do.SEE_CONTACTS, reason="contact log")
    contacts = (
        seen_contacts(request.membership)
        .filter(peer=peer)
        .select_related("worker__user")
        .prefetch_related("goods__kind")
    )
    page = Paginator(contacts, 25).get_page(request.GET.get("page"))
    for contact in page.object_list:
        contact.note_shown = may_read_note(request.membership, contact)
    return _no_store(
        render(
            request,
            "contacts/peer_contacts.html",
            {"peer": peer, "page": page, "contacts": page.object_list, "engagement": services.engagement_of(peer)},
        )
    )


@login_required
@require_POST
def engagement(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """The supporter marks a peer as drifted away, or back in touch. The history stays."""
    assignment = assignment_to_log(request, peer_id, assignment_id)
    status = request.POST.get("status", "")
    if status not in Engagement.values:
        messages.error(request, _("Choose drifted away or back in touch."))
    else:
        services.mark_engagement(by=request.membership, assignment=assignment, status=status)
        messages.success(request, _("Noted. Nothing is closed: the door stays open."))
    return redirect("contacts:not_heard_from")


@login_required
def not_heard_from(request: HttpRequest) -> HttpResponse:
    """A gentle list: the peers not heard from in N weeks, with only the safe ways to reach them."""
    require(request, Do.SEE_CONTACTS, "contact")
    membership = request.membership
    weeks = services.quiet_weeks(membership.organisation_id)
    page = Paginator(services.quiet_assignments(membership, weeks=weeks), 50).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    ways = services.safe_ways([a.peer for a in rows])
    for assignment in rows:
        assignment.safe = ways[assignment.peer_id]
        assignment.mine = assignment.worker_id == membership.pk
    return _no_store(
        render(
            request,
            "contacts/not_heard_from.html",
            {
                "page": page,
                "rows": rows,
                "weeks": weeks,
                "organisation_wide": membership.role in ("admin", "coordinator"),
            },
        )
    )


@login_required
def contact_settings(request: HttpRequest) -> HttpResponse:
    """How long a silence is, and the goods and services the organisation gives."""
    require(request, Do.SET_CONTACT_SETTINGS, "contactsettings")
    organisation, membership = request.organisation, request.membership
    weeks_form = QuietWeeksForm(initial={"quiet_weeks": services.quiet_weeks(organisation.pk)})
    goods_form = GoodsKindForm()
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "weeks":
                weeks_form = QuietWeeksForm(request.POST)
                if weeks_form.is_valid():
                    services.set_quiet_weeks(organisation, weeks=weeks_form.cleaned_data["quiet_weeks"], by=membership)
                    messages.success(request, _("Settings saved."))
                    return redirect("contacts:settings")
            elif what == "goods":
                goods_form = GoodsKindForm(request.POST)
                if goods_form.is_valid():
                    services.add_goods_kind(organisation, name=goods_form.cleaned_data["name"], by=membership)
                    messages.success(request, _("Added to the list."))
                    return redirect("contacts:settings")
            elif what == "offered":
                kind = GoodsKind.objects.filter(
                    organisation=organisation, pk=record_id_or_none(request.POST.get("kind", ""))
                ).first()
                if kind is not None:
                    services.set_goods_offered(kind, offered=request.POST.get("offered") == "yes", by=membership)
                    messages.success(request, _("Settings saved."))
                return redirect("contacts:settings")
        except services.ContactError as error:
            (weeks_form if what == "weeks" else goods_form).add_error(None, str(error))
    return render(
        request,
        "contacts/settings.html",
        {
            "weeks_form": weeks_form,
            "goods_form": goods_form,
            "goods": GoodsKind.objects.filter(organisation=organisation),
        },
    )
