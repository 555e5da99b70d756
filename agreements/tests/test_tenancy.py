"""The agreements and thresholds are scoped to their organisation like every record of person data."""

import pytest
from django_scopes.exceptions import ScopeError

from agreements.models import SharingThreshold, SupportAgreement
from organisations.tenancy import organisation_scope


@pytest.mark.parametrize("model", [SupportAgreement, SharingThreshold], ids=lambda m: m.__name__)
def test_outside_any_organisation_scope_they_raise(cast, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_inside_harbours_scope_riversides_agreement_never_comes_back(cast):
    with organisation_scope(cast.harbour):
        assert not SupportAgreement.objects.exists()
        assert not SupportAgreement.objects.filter(peer=cast.amara).exists()
        assert set(SharingThreshold.objects.values_list("organisation", flat=True)) == {cast.harbour.pk}
    with organisation_scope(cast.riverside):
        assert SupportAgreement.objects.filter(peer=cast.amara).exists()
