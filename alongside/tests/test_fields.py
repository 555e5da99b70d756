"""Several records chosen by id: an id no record can have is a form mistake, never a 500."""

import pytest
from django import forms

from accounts.models import User
from alongside.fields import RecordsField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "0", "x"])
def test_an_id_no_record_can_have_is_not_one_of_the_choices(value):
    field = RecordsField(queryset=User.objects.all())
    with pytest.raises(forms.ValidationError) as raised:
        field.clean([value])
    assert raised.value.code in ("invalid_pk_value", "invalid_choice")
