"""A peer supporter downloads what we hold about them: everything that is theirs, nothing of a peer's.

What is theirs is what their erasure touches (datarights/tests/test_supporter_erasure.py's lists): each
kind of row is in the copy, row for row, except rows about a peer (a lifted exclusion, a batch pin),
which are the peer's.
"""

from __future__ import annotations

import json

from audit.models import Action, AuditEvent
from contacts.models import ContactDraft
from datarights.supporters import COPY_TITLES
from datarights.tests.test_supporter_erasure import GONE, KEPT, everything_of, pointers, rows_pointing
from organisations.tenancy import organisation_scope
from people.models import Assignment, Peer
from wellbeing.models import HardMoment


def about_a_peer(model) -> bool:
    """A row that must name a peer, or their support: the peer's, not the supporter's."""
    return (
        any(f.is_relation and f.related_model in (Peer, Assignment) and not f.null for f in model._meta.concrete_fields)
        or model is ContactDraft
    )  # a peer's contact, half written (its assignment may be empty: a one-off)


def test_a_supporter_downloads_everything_that_is_theirs_and_nothing_of_a_peers(cast_with_support_rows, client_for):
    cast = cast_with_support_rows
    with organisation_scope(cast.harbour):
        hana = everything_of(cast)
        HardMoment.objects.create(organisation=cast.harbour, member=hana.membership, words="The night bus home.")
        expected, the_peers = {}, set()
        for name in [*GONE, *KEPT]:
            model = pointers()[name].model
            if about_a_peer(model):
                the_peers.add(str(COPY_TITLES.get(model, model._meta.verbose_name_plural)))
            else:
                assert model in COPY_TITLES, f"say how {model.__name__} reads in a supporter's copy"
                expected[str(COPY_TITLES[model])] = rows_pointing(name, hana).count()

    response = client_for("hana").get("/wellbeing/my-record.json")

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    copy = json.loads(response.content)
    assert {kind: len(copy.get(kind, [])) for kind in expected} == expected
    assert the_peers and not the_peers & set(copy)
    text = response.content.decode()
    assert "The night bus home." in text
    for peer in ("Zed", "Yara"):
        assert peer not in text
    assert AuditEvent.objects.filter(action=Action.EXPORT, record_type="peersupporter", record_id=str(hana.pk)).exists()


def test_nobody_else_downloads_it(cast_with_support_rows, client_for):
    for name in ("hugo", "eve", "sina"):
        assert client_for(name).get("/wellbeing/my-record.json").status_code == 404


def test_their_copy_reads_in_words_and_points_to_no_peer(cast_with_support_rows, client_for):
    """Codes as their labels, people by name, days as dates, nothing empty, no organisation, no peer."""
    from datetime import date

    from matching.models import SupporterDetails
    from recruitment.models import StageChange
    from wellbeing.models import OrganisationSupport, SelfCarePlan

    cast = cast_with_support_rows
    with organisation_scope(cast.harbour):
        hana = everything_of(cast)
        SupporterDetails.objects.filter(supporter=hana).update(former_peer=cast.peers["yara"])
        moved = StageChange.objects.filter(supporter=hana, to_stage="left").get()
        therapy = OrganisationSupport.objects.create(organisation=cast.harbour, name="Paid therapy time")
        SelfCarePlan.objects.get(member=hana.membership).supports.add(
            therapy, through_defaults={"organisation": cast.harbour}
        )

    copy = json.loads(client_for("hana").get("/wellbeing/my-record.json").content)

    (details,) = copy["What matching knows of you"]
    assert "their own record from when they were a peer here" not in details
    assert not any("organisation" in key for rows in copy.values() for row in rows for key in row)
    (left,) = [row for row in copy["Your path, move by move"] if row.get("to") == "Moved on"]
    assert left["reason"] == "Work, study or life elsewhere" and left["why, in a few words"] == moved.why
    assert left["by"] == str(cast.user("hugo")) and "from" in left
    (sign_off,) = copy["Competences signed off"]
    assert sign_off["signed by"] == cast.members["hugo"].display_name
    assert date.fromisoformat(sign_off["date"]) == date.today()
    (plan,) = copy["Your self-care plan"]
    assert plan["supports"] == ["Paid therapy time"]  # the organisation's supports they use, by name
    (barrier,) = copy["Things to clear"]
    assert "the help offered" in barrier and barrier["where it is"] == "Cleared"
    assert all(value not in (None, "", [], {}) for rows in copy.values() for row in rows for value in row.values())
