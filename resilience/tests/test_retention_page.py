"""An admin sets how long each kind of record is kept; a wrong number is shown back with what to fix."""

from django.urls import reverse

from organisations.tenancy import organisation_scope
from resilience.models import DEFAULT_DAYS, RetentionSettings


def test_the_admin_sees_the_defaults_and_sets_a_period(cast, client_for):
    client = client_for("ada")
    page = client.get(reverse("resilience:retention")).content.decode()
    assert f'value="{DEFAULT_DAYS["private_notes"]}"' in page
    form = dict(DEFAULT_DAYS, private_notes=365)
    assert client.post(reverse("resilience:retention"), form).status_code == 302
    with organisation_scope(cast.riverside):
        assert RetentionSettings.objects.get(organisation=cast.riverside).private_notes == 365


def test_a_wrong_period_is_shown_back(cast, client_for):
    client = client_for("ada")
    answer = client.post(reverse("resilience:retention"), dict(DEFAULT_DAYS, private_notes="0", raw_story="soon"))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert 'value="soon"' in page and "greater than or equal to 1" in page
    with organisation_scope(cast.riverside):
        assert not RetentionSettings.objects.exists()


def test_only_the_admin_sets_them(cast, client_for):
    assert client_for("cleo").get(reverse("resilience:retention")).status_code == 404
