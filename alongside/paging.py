"""Pages of a list that count themselves when they can.

Django's ``Paginator`` counts the whole list before it reads a page (one query more). A caseload of
a few fits on one page: reading one row more than a page holds tells whether there is more, and a
list that fits is counted from the rows read. A longer list is counted as usual, and its first page
is the rows already read.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def first_page_counted_from_its_rows(rows, per_page: int, page_number: object = None) -> Page:
    """``Paginator(rows, per_page).get_page(page_number)``, without the count when it is not needed."""
    paginator = Paginator(rows, per_page)
    if page_number not in (None, "", 1, "1"):
        return paginator.get_page(page_number)
    head = list(rows[: per_page + 1])
    if len(head) <= per_page:
        paginator.count = len(head)  # a cached_property: set, it is never asked of the database
    page = paginator.page(1)
    page.object_list = head[:per_page]
    return page
