"""The demo has believable contacts: most current supports have some, a few peers have gone quiet,
some contacts are outside what was agreed, one-off contacts are counted, goods are given."""

import time
from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from contacts import services
from contacts.models import Contact, ContactGoods, GoodsKind
from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope


def test_the_demo_has_contacts_of_every_sort(db):
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=2)
    elapsed = time.perf_counter() - started
    with all_organisations():
        for org in Organisation.objects.all():
            contacts = Contact.objects.filter(organisation=org)
            assert contacts.count() > 100
            assert contacts.filter(peer__isnull=True).exists()  # one-off contacts
            assert contacts.exclude(outside=[]).exists() and contacts.filter(outside=[]).count() > contacts.count() / 2
            assert contacts.exclude(note="").exists()
            assert ContactGoods.objects.filter(organisation=org).exists()
            assert GoodsKind.objects.filter(organisation=org).count() == 5
            kinds = dict(contacts.values_list("kind").annotate(n=Count("pk")))
            assert len(kinds) == 6
        supporter = Membership.objects.filter(role=Role.PEER_SUPPORTER).order_by("pk").first()
    with organisation_scope(supporter.organisation):
        assert sum(w.minutes for w in services.hours_by_week(supporter, 8)) > 0
        coordinator = Membership.objects.get(
            organisation=supporter.organisation, role=Role.COORDINATOR, user__email__startswith="coordinator@"
        )
        assert services.quiet_assignments(coordinator).exists()
    assert elapsed < 120
