"""Fetching one record for a request: the record and an entry saying who opened it, or a 404 and an
entry saying who was refused, filed under the organisation the request works in."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve

from access.lookups import TRIED_FROM_ELSEWHERE, peer_for, require, supporter_for
from access.policy import Do
from audit.models import Action, AuditEvent
from organisations.tenancy import all_organisations
from people.models import Peer


def _request(cast, name: str | None, path: str = "/"):
    """A request as the middleware leaves it: signed in as ``name``, working in their organisation."""
    request = RequestFactory().get(path)
    if name is None:  # no membership at all (the middleware found none)
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        return request
    membership = cast.members[name]
    request.user, request.membership, request.organisation = membership.user, membership, membership.organisation
    request.resolver_match = resolve(path)
    return request


def _entries():
    return [
        (e.actor_id, e.action, e.record_type, e.record_id, e.organisation_id, e.reason)
        for e in AuditEvent.objects.order_by("pk")
    ]


def test_an_allowed_peer_is_returned_and_its_opening_audited(in_riverside):
    cast = in_riverside
    peer = peer_for(_request(cast, "pat"), cast.amara.pk, Do.EDIT_PEER, action=Action.UPDATE, reason="why")
    assert peer == cast.amara
    assert _entries() == [(cast.user("pat").pk, Action.UPDATE, "peer", str(cast.amara.pk), cast.riverside.pk, "why")]


def test_opening_is_audited_as_a_view_with_no_reason_by_default(in_riverside):
    cast = in_riverside
    peer_for(_request(cast, "cleo"), cast.dee.pk)
    assert _entries() == [(cast.user("cleo").pk, Action.VIEW, "peer", str(cast.dee.pk), cast.riverside.pk, "")]


@pytest.mark.parametrize(
    ("name", "peer", "needs"),
    [
        ("pat", "bea", Do.SEE_PEERS),  # not theirs to see
        ("sina", "amara", Do.ASSIGN_WORKERS),  # theirs to see, not to assign
        ("eve", "amara", Do.SEE_PEERS),  # sees nobody
        ("cleo", "zed", Do.SEE_PEERS),  # another organisation's
    ],
)
def test_a_refused_peer_is_a_404_and_an_audited_denial_filed_in_our_organisation(in_riverside, name, peer, needs):
    cast = in_riverside
    with all_organisations():
        pk = cast.peers[peer].pk
    with pytest.raises(Http404):
        peer_for(_request(cast, name, f"/peers/{pk}/"), pk, needs)
    ours = [(cast.user(name).pk, Action.DENIED, "peer", str(pk), cast.riverside.pk, "")]
    # Another organisation's record: its admins hear of the attempt too (access/tests/test_refusals_*).
    theirs = [(cast.user(name).pk, Action.DENIED, "peer", str(pk), cast.harbour.pk, TRIED_FROM_ELSEWHERE)]
    assert _entries() == ours + (theirs if peer == "zed" else [])


def test_a_request_with_no_membership_is_refused_not_an_error(in_riverside):
    cast = in_riverside
    for lookup in (
        lambda r: peer_for(r, cast.amara.pk),
        lambda r: supporter_for(r, cast.pat_profile.pk),
        lambda r: require(r, Do.SEE_PEERS),
    ):
        with pytest.raises(Http404):
            lookup(_request(cast, None))
    # Filed with no organisation (there is none), and with Riverside, whose records were tried.
    assert {(e[1], e[0], e[4]) for e in _entries()} == {
        (Action.DENIED, None, None),
        (Action.DENIED, None, cast.riverside.pk),
    }
    assert sum(1 for e in _entries() if e[4] is None) == 3


def test_a_narrower_queryset_is_combined_with_what_the_member_sees(in_riverside):
    cast = in_riverside
    only_bea = Peer.objects.filter(pk=cast.bea.pk)
    # amara is visible to pat, but not in the queryset; bea is in it but not visible.
    for pk in (cast.amara.pk, cast.bea.pk):
        with pytest.raises(Http404):
            peer_for(_request(cast, "pat"), pk, queryset=only_bea)
    assert peer_for(_request(cast, "quinn"), cast.bea.pk, queryset=only_bea) == cast.bea


def test_a_supporter_profile_is_returned_and_audited(in_riverside):
    cast = in_riverside
    assert supporter_for(_request(cast, "sina"), cast.pat_profile.pk) == cast.pat_profile
    assert supporter_for(_request(cast, "cleo"), cast.pat_profile.pk, action=Action.UPDATE, edit=True)
    assert _entries() == [
        (cast.user("sina").pk, Action.VIEW, "peersupporter", str(cast.pat_profile.pk), cast.riverside.pk, ""),
        (cast.user("cleo").pk, Action.UPDATE, "peersupporter", str(cast.pat_profile.pk), cast.riverside.pk, ""),
    ]


@pytest.mark.parametrize(("name", "edit"), [("sina", True), ("pat", True), ("sina", False)])
def test_a_supporter_profile_the_member_may_not_edit_or_see_is_refused(in_riverside, name, edit):
    cast = in_riverside
    supporter = cast.pat_profile if edit else cast.quinn_profile
    with pytest.raises(Http404):
        supporter_for(_request(cast, name), supporter.pk, edit=edit)
    assert _entries() == [
        (cast.user(name).pk, Action.DENIED, "peersupporter", str(supporter.pk), cast.riverside.pk, "")
    ]


def test_a_list_page_a_role_may_not_use_is_refused_by_its_name(in_riverside):
    cast = in_riverside
    require(_request(cast, "ada", "/audit/"), Do.READ_AUDIT_LOG)  # allowed: nothing written
    assert _entries() == []
    with pytest.raises(Http404):
        require(_request(cast, "cleo", "/audit/"), Do.READ_AUDIT_LOG)
    with pytest.raises(Http404):
        require(_request(cast, "eve", "/peers/"), Do.SEE_PEERS, "peer")
    request = _request(cast, "eve", "/peers/")
    request.resolver_match = None
    with pytest.raises(Http404):
        require(request, Do.SEE_PEERS)
    eve, cleo, org = cast.user("eve").pk, cast.user("cleo").pk, cast.riverside.pk
    assert _entries() == [
        (cleo, Action.DENIED, "page", "log", org, ""),
        (eve, Action.DENIED, "peer", "peer_list", org, ""),
        (eve, Action.DENIED, "page", "", org, ""),
    ]
