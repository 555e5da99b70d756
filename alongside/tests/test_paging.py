"""A list that fits on one page is counted from the rows read; a longer one is counted as Django does."""

from __future__ import annotations

from alongside.paging import first_page_counted_from_its_rows
from organisations.tenancy import organisation_scope
from people.models import Peer


def _peers(cast):
    return Peer.objects.filter(organisation=cast.riverside).order_by("pk").values_list("chosen_name", flat=True)


def test_a_list_that_fits_on_its_first_page_asks_one_question(cast, django_assert_num_queries):
    with organisation_scope(cast.riverside), django_assert_num_queries(1):
        page = first_page_counted_from_its_rows(_peers(cast), 10)
        assert list(page.object_list) == ["Amara", "Bea", "Cat", "Dee", "Fay"]
        assert (page.paginator.count, page.paginator.num_pages, page.has_next()) == (5, 1, False)


def test_a_longer_list_is_counted_and_its_first_page_is_the_rows_read(cast, django_assert_num_queries):
    with organisation_scope(cast.riverside), django_assert_num_queries(2):
        page = first_page_counted_from_its_rows(_peers(cast), 2)
        assert list(page.object_list) == ["Amara", "Bea"]
        assert (page.paginator.count, page.paginator.num_pages, page.has_next()) == (5, 3, True)


def test_other_pages_and_odd_page_numbers_are_django_s(cast):
    with organisation_scope(cast.riverside):
        assert list(first_page_counted_from_its_rows(_peers(cast), 2, "3").object_list) == ["Fay"]
        assert list(first_page_counted_from_its_rows(_peers(cast), 2, "x").object_list) == ["Amara", "Bea"]
        assert list(first_page_counted_from_its_rows(_peers(cast), 2, 99).object_list) == ["Fay"]
