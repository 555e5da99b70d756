"""Words for the fit's criteria on the review page (the matching app's suggestions page has its own)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from matching.core import Criterion

CRITERIA = {
    Criterion.LIVED_EXPERIENCE: _("Lived experience"),
    Criterion.LANGUAGE: _("Language"),
    Criterion.GENDER: _("Gender"),
    Criterion.CULTURE: _("Culture or background"),
    Criterion.AGE: _("Age"),
    Criterion.ONE_TO_ONE: _("One-to-one or group"),
    Criterion.WAYS_OF_MEETING: _("Ways of meeting"),
    Criterion.AVAILABILITY: _("Availability"),
    Criterion.CAPACITY: _("Room in their caseload"),
}


def criterion_label(code: str) -> str:
    return str(CRITERIA.get(code, code))
