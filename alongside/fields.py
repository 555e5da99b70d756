"""Form fields every app shares."""

from __future__ import annotations

from django import forms


class RecordsField(forms.ModelMultipleChoiceField):
    """Several records by id; a value that cannot be an id is the field's "not one of the choices"
    message, not a database error (an id past the largest integer overflowed SQLite: a 500)."""

    def _check_values(self, value):
        from access.lookups import record_id_or_none

        for item in value or ():
            if record_id_or_none(item) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)
