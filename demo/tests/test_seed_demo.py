"""The demo seed: every role can sign in, running it twice changes nothing, a seed repeats itself."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from demo import cast
from organisations.models import Membership, Organisation
from organisations.tenancy import all_organisations
from people.models import Peer, PeerSupporter


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, quiet=True, **options)
    return out.getvalue()


def snapshot() -> dict:
    with all_organisations():
        return {
            "peers": sorted(Peer.objects.values_list("organisation__slug", "chosen_name", "age_band", "primary_need")),
            "supporters": PeerSupporter.objects.count(),
            "users": User.objects.count(),
        }


def test_two_organisations_with_a_sign_in_for_every_role(db):
    seed()
    for spec in cast.ORGANISATIONS:
        org = Organisation.objects.get(slug=spec["slug"])
        roles = set(Membership.objects.filter(organisation=org).values_list("role", flat=True))
        assert roles == {role for role, _ in cast.ROLE_USERS}
        with all_organisations():
            assert Peer.objects.filter(organisation=org).count() == spec["peers_per_scale"]
    both = User.objects.get(email=f"both@{cast.DEMO_EMAIL_DOMAIN}")
    assert both.memberships.count() == 2


def test_running_it_again_changes_nothing(db):
    seed()
    first = snapshot()
    assert "already there" not in seed()  # quiet
    assert snapshot() == first


def test_the_same_seed_gives_the_same_people_and_scale_multiplies_them(db):
    def seeded(**options):
        with transaction.atomic():
            seed(**options)
            result = snapshot()
            transaction.set_rollback(True)
        return result

    assert seeded(seed=7) == seeded(seed=7)
    assert seeded(seed=7) != seeded(seed=8)
    assert len(seeded(scale=3)["peers"]) == 3 * sum(o["peers_per_scale"] for o in cast.ORGANISATIONS)
