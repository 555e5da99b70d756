"""What is wrong with a record of an import, in the reader's language (the task stores codes)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

REASONS = {
    "missing": lambda d: _("is missing"),
    "format_uuid": lambda d: _("“%(value)s” is not an id in the UUID form HSDS asks for") % {"value": d},
    "format_email": lambda d: _("“%(value)s” is not an email address") % {"value": d},
    "format_uri": lambda d: _("“%(value)s” is not a web address") % {"value": d},
    "format_date-time": lambda d: _("“%(value)s” is not a date and time") % {"value": d},
    "type_string": lambda d: _("should be text"),
    "type_number": lambda d: _("should be a number"),
    "type_object": lambda d: _("should be one record (an object)"),
    "type_array": lambda d: _("should be a list"),
    "enum": lambda d: _("is not one of: %(values)s") % {"values": d},
    "too_long": lambda d: _("is longer than %(n)s characters") % {"n": d},
    "country": lambda d: _("“%(value)s” is not a two-letter country code") % {"value": d},
    "duplicate_id": lambda d: _("uses the id %(value)s twice") % {"value": d},
    "same_id_as": lambda d: _("has the same id as record %(n)s") % {"n": d},
    "same_name_as": lambda d: _("has the same name as record %(n)s") % {"n": d},
    "no_location": lambda d: _("names no location"),
    "unknown_location": lambda d: _("names a location that is not in the record"),
    "too_deep": lambda d: _("is nested too deeply to read"),
    "schema": lambda d: _("does not fit HSDS 3.0 (%(detail)s)") % {"detail": d},
    "shape": lambda d: _("The file holds no list of organizations (an HSDS page with “contents”, or a list)."),
    "not_json": lambda d: _("The file is not JSON."),
    "clash": lambda d: _("Another change to the directory was saved at the same time. Import the file again."),
}
WHOLE_FILE = frozenset({"shape", "not_json", "clash"})


@register.simple_tag
def problem_sentence(problem: dict) -> str:
    code, detail = problem.get("code", ""), problem.get("detail", "")
    reason = REASONS.get(code, lambda d: _("cannot be read"))(detail)
    if code in WHOLE_FILE or not problem.get("record"):
        return reason
    where = problem.get("place") or _("the record")
    if problem.get("name"):
        return _("Record %(n)s (“%(name)s”), %(place)s: %(reason)s") % {
            "n": problem["record"], "name": problem["name"], "place": where, "reason": reason,
        }  # fmt: skip
    return _("Record %(n)s, %(place)s: %(reason)s") % {"n": problem["record"], "place": where, "reason": reason}
