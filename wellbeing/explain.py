"""Each factor of the early warning in plain, blame-free words, for the supervisor and the supporter.
Never a check-in's answers: only whether it suggested a conversation, and whether it was lower."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import warning as w

LEVELS = {
    w.CLEAR: lambda: _("Nothing stands out"),
    w.WATCH: lambda: _("Something to keep an eye on"),
    w.TALK: lambda: _("A conversation is suggested"),
}


def level_words(level: str) -> str:
    return LEVELS[level]()


def factor_words(f: w.Factor) -> str:
    v, limit = f.value, f.limit
    if f.code == w.CASELOAD:
        return _("Caseload at %(share)s%% of their capacity (raised from %(limit)s%%).") % {"share": v, "limit": limit}
    if f.code == w.CONTACT_HOURS:
        return _("About %(hours)s hours of contact a week over four weeks (raised from %(limit)s).") % {
            "hours": v, "limit": limit,
        }  # fmt: skip
    if f.code == w.OUTSIDE_HOURS:
        return _("%(n)s contacts outside the agreed ways or times in four weeks (raised from %(limit)s).") % {
            "n": v, "limit": limit,
        }  # fmt: skip
    if f.code == w.CRISES:
        return _("%(n)s crisis contacts in four weeks (raised from %(limit)s).") % {"n": v, "limit": limit}
    if f.code == w.CONCERNS:
        return _("%(n)s safeguarding concerns about peers on their caseload in four weeks (raised from %(limit)s).") % {
            "n": v, "limit": limit,
        }  # fmt: skip
    if f.code == w.AGGRESSION:
        return _("%(n)s records of aggression met in eight weeks (raised from %(limit)s).") % {"n": v, "limit": limit}
    if f.code == w.GROUPS:
        if not f.recorded:
            return _("Group load: groups are not recorded here yet, so this counts as none.")
        return _("%(n)s group sessions a week (raised from %(limit)s).") % {"n": v, "limit": limit}
    if f.code == w.HARD_MOMENTS:
        return _("%(n)s hard moments they chose to log and count in four weeks (raised from %(limit)s).") % {
            "n": v, "limit": limit,
        }  # fmt: skip
    if f.code == w.CHECK_IN:
        if not f.recorded:
            return _("No check-in in the last four months.")
        if f.raised:
            return _("Their last check-in suggests a conversation.")
        return _("Their last check-in does not suggest a conversation.")
    if f.code == w.CHECK_IN_TREND:
        if not f.recorded:
            return _("No check-ins to compare yet.")
        if f.raised:
            return _("Their last check-in was lower than the one before, by a change that matters.")
        return _("Their check-ins are not lower than before.")
    if f.code == w.SUPERVISION:
        if not f.recorded:
            return _("No supervision recorded here yet.")
        return ngettext(
            "Last supervised %(n)s day ago (raised after %(limit)s).",
            "Last supervised %(n)s days ago (raised after %(limit)s).",
            v or 0,
        ) % {"n": v, "limit": limit}
    if f.code == w.DAY_OFF:
        if v is None:
            return _("No day off recorded, and no start date to count from.")
        if not f.recorded:
            return _("No day off recorded since they started, %(n)s days ago (raised after %(limit)s).") % {
                "n": v, "limit": limit,
            }  # fmt: skip
        return _("Last day off %(n)s days ago (raised after %(limit)s).") % {"n": v, "limit": limit}
    if f.code == w.ONLY_ONE:
        if f.raised:
            return _("They are the only peer supporter here.")
        return _("They are not the only peer supporter here.")
    raise ValueError(f.code)
