"""Evaluators see contacts as counts only: small numbers suppressed, only contacts with peers who
agreed to be counted (and one-off contacts, which are nobody's record), never a name."""

from datetime import timedelta

from django.utils import timezone

from consent.models import ConsentText, Purpose
from consent.services import record_consent
from contacts import services
from contacts.tests.test_logging_a_contact import amaras
from organisations.tenancy import organisation_scope


def _log(cast, n, assignment=None, kind="emotional"):
    for _ in range(n):
        services.log_contact(
            by=cast.pat if assignment else cast.stef, assignment=assignment, entry=services.Entry("phone", 30, kind)
        )


def test_only_contacts_that_may_be_counted_are_counted(in_riverside):
    cast = in_riverside
    _log(cast, 6, amaras(cast))  # amara has not agreed to be counted
    _log(cast, 2, None, kind="practical")
    since = timezone.now() - timedelta(days=1)
    assert services.contact_counts(cast.riverside.pk, since)["total"] == 2
    record_consent(
        peer=cast.amara, by=cast.cleo, text=ConsentText.objects.get(language="en"), agreed=[Purpose.REPORTS],
        limits_explained_by=cast.cleo, limits_explained_at=timezone.now(),
    )  # fmt: skip
    counts = services.contact_counts(cast.riverside.pk, since)
    assert counts["total"] == 8 and counts["one_off"] == 2 and counts["by_kind"] == {"emotional": 6, "practical": 2}


def test_the_figures_page_shows_contacts_as_counts_with_small_numbers_suppressed(cast, client_for):
    with organisation_scope(cast.riverside):
        _log(cast, 2, None)
    page = client_for("eve").get("/figures/").content.decode()
    assert "Contacts, the last 12 weeks" in page and "fewer than 5" in page
    for name in ("Amara", "Pat", "Stef"):
        assert name not in page
