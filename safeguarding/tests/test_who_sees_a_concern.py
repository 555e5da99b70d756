"""Who sees a concern: its raiser, those it was sent to, its owner, coordinators and admins. Another
peer supporter of the same peer never does, nor a supervisor it was not sent to, nor an evaluator,
nor another organisation: they get an audited 404, the same as for a concern that does not exist."""

from __future__ import annotations

import pytest

from audit.models import Action, AuditEvent
from conftest import assign
from organisations.tenancy import organisation_scope
from safeguarding import services
from safeguarding.access import visible_concerns

from .helpers import away, concern, rota


@pytest.fixture
def pats(cast):
    """pat's concern about amara (reaching sina and cleo); quinn works with amara too."""
    with organisation_scope(cast.riverside):
        assign(cast.amara, cast.quinn)
        return concern(cast)


@pytest.mark.parametrize(
    ("name", "sees"),
    [("pat", True), ("sina", True), ("cleo", True), ("ada", True), ("quinn", False), ("sol", False),
     ("rio", False), ("stef", False), ("eve", False), ("hugo", False)],
)  # fmt: skip
def test_who_opens_pats_concern(cast, client_for, pats, name, sees):
    user = cast.user(name)
    denied = AuditEvent.objects.filter(actor=user, action=Action.DENIED).count()
    response = client_for(name).get(f"/concerns/{pats.pk}/")
    if sees:
        assert response.status_code == 200
        assert "her old boss found her address" in response.content.decode()
        assert AuditEvent.objects.filter(
            actor=user,
            action=Action.VIEW,
            record_type="peer",
            record_id=str(cast.amara.pk),
            reason="safeguarding concern",
        ).exists()
    else:
        assert response.status_code == 404
        assert "old boss" not in response.content.decode()
        refusal = AuditEvent.objects.filter(actor=user, action=Action.DENIED).order_by("-pk").first()
        assert AuditEvent.objects.filter(actor=user, action=Action.DENIED).count() == denied + 1
        assert (refusal.record_type, refusal.record_id) == ("concern", str(pats.pk))


def test_another_supporter_of_the_same_peer_sees_only_their_own(cast, client_for, pats):
    with organisation_scope(cast.riverside):
        quinns = concern(cast, by="quinn", what="Quinn's worry.")
        assert list(visible_concerns(cast.quinn)) == [quinns]
        assert list(visible_concerns(cast.pat)) == [pats]
    assert "Quinn&#x27;s worry" not in client_for("pat").get(f"/peers/{cast.amara.pk}/").content.decode()
    listed = client_for("pat").get("/concerns/").content.decode()
    assert f"/concerns/{pats.pk}/" in listed and f"/concerns/{quinns.pk}/" not in listed


def test_a_deputy_sees_what_reached_them_even_about_a_peer_they_do_not_work_with(cast, client_for):
    with organisation_scope(cast.riverside):
        rota(cast, deputies={"sina": "sol"})
        away(cast, "sina")
        c = concern(cast)
    assert client_for("sol").get(f"/concerns/{c.pk}/").status_code == 200
    assert client_for("sina").get(f"/concerns/{c.pk}/").status_code == 404  # away: it went to sol instead


def test_an_erased_peers_concerns_are_seen_by_nobody(cast, client_for, pats):
    from datarights.services import erase_peer

    with organisation_scope(cast.riverside):
        erase_peer(cast.amara, by=cast.cleo)
    for name in ("cleo", "ada", "pat", "sina"):
        assert client_for(name).get(f"/concerns/{pats.pk}/").status_code == 404, name


def test_a_number_that_cannot_be_an_id_is_an_audited_404(cast, client_for):
    assert client_for("cleo").get(f"/concerns/{2**64}/").status_code == 404


def test_the_services_refuse_a_supporter_who_does_not_see_the_concern(in_riverside, pats):
    cast = in_riverside
    with pytest.raises(services.SafeguardingError):
        services.take_concern(pats, by=cast.sol)
    with pytest.raises(services.SafeguardingError):
        services.take_concern(pats, by=cast.pat)  # a peer supporter follows their concern, never handles it
