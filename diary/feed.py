"""The calendar feed (iCalendar) for a member's own phone: as much as they chose, never a name.

Each level adds to the one before (``FeedDetail``): the time and "Meeting" or "Appointment"; the
kind of appointment; the place; the peer's initials.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .choices import FeedDetail, Kind
from .models import DiarySettings, Meeting

LEVELS = list(FeedDetail.values)


def initials(name: str) -> str:
    """'Amara' -> 'A.'; 'Mary Jo Kay' -> 'M. J. K.' (three at most)."""
    letters = [part[0].upper() for part in name.split() if part[:1].isalpha()][:3]
    return " ".join(f"{letter}." for letter in letters)


def _shows(chosen: str, level: str) -> bool:
    return LEVELS.index(chosen if chosen in LEVELS else FeedDetail.TIME) >= LEVELS.index(level)


def summary(meeting: Meeting, detail: str) -> str:
    if _shows(detail, FeedDetail.KIND) and meeting.is_appointment:
        kinds: dict[str, str] = {
            Kind.DOCTOR: _("Appointment: a doctor"),
            Kind.COURT: _("Appointment: court"),
            Kind.HOUSING: _("Appointment: housing office"),
        }
        words = kinds.get(meeting.kind, _("Appointment"))
    else:
        words = _("Appointment") if meeting.is_appointment else _("Meeting")
    if _shows(detail, FeedDetail.INITIALS):
        letters = initials(meeting.peer.chosen_name)
        if letters:
            words = f"{words} ({letters})"
    return words


def calendar(chosen: DiarySettings, meetings: list[Meeting]) -> bytes:
    user = chosen.membership.user
    with translation.override(user.language or None):
        cal = Calendar()
        cal.add("prodid", "-//Alongside//Diary//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", _("Alongside diary"))
        now = timezone.now()
        for meeting in meetings:
            event = Event()
            event.add("uid", f"meeting-{meeting.pk}@alongside")
            event.add("dtstamp", now)
            event.add("last-modified", meeting.changed_at)
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.ends_at)
            event.add("summary", summary(meeting, chosen.feed_detail))
            if _shows(chosen.feed_detail, FeedDetail.PLACE) and meeting.place:
                event.add("location", meeting.place)
            cal.add_component(event)
    return cal.to_ical()
