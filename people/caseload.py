"""The caseload: one page of the peers a member sees, as plain rows.

Rows are dictionaries, not model instances: a page of fifty is read in two queries (the peers with
whether consent is in force, then who works with them) and drawn without building a Peer, an
Assignment, a Membership and a User for each line. The list shows one encrypted field, the pronouns;
the others are never read.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Page
from django.db.models import Exists, OuterRef
from django.urls import reverse

from access.policy import visible_peers
from alongside.paging import first_page_counted_from_its_rows
from consent.models import ConsentRecord
from organisations.models import Membership

from .choices import PrimaryNeed
from .models import Assignment

PAGE_SIZE = 50
_ANY_ID = 987654321  # stands for a peer's id in the record's address, reversed once for a whole page


def caseload_page(membership: Membership | None, *, name: str = "", page_number: object = None) -> Page:
    """The page ``page_number`` of the peers ``membership`` sees (whose name holds ``name``), in list order.

    Each row: ``pk``, ``chosen_name``, ``pronouns``, ``need`` (its label), ``has_consent``,
    ``working_with`` (the display names of who works with them now) and ``record_url``.
    """
    peers = visible_peers(membership)
    if name:
        peers = peers.filter(chosen_name__icontains=name)
    rows = peers.annotate(has_consent=Exists(ConsentRecord.objects.in_force().filter(peer=OuterRef("pk")))).values(
        "pk", "chosen_name", "pronouns", "primary_need", "has_consent"
    )
    page = first_page_counted_from_its_rows(rows, PAGE_SIZE, page_number)
    page.object_list = list(page.object_list)
    working_with: dict[int, list[str]] = defaultdict(list)
    current = Assignment.objects.current().filter(peer_id__in=[row["pk"] for row in page.object_list])
    for peer_id, worker_name in current.values_list("peer_id", "worker__user__display_name"):
        working_with[peer_id].append(worker_name)
    needs = dict(PrimaryNeed.choices)  # each label translated once a page, not once a row
    record_url = reverse("people:peer_detail", args=[_ANY_ID])
    for row in page.object_list:
        row["need"] = str(needs.get(row.pop("primary_need"), ""))
        row["working_with"] = working_with.get(row["pk"], [])
        row["record_url"] = record_url.replace(str(_ANY_ID), str(row["pk"]))
    return page
