"""Whether a contact was outside what was agreed: a pure function of plain data, no database."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from matching.core import WEEKDAYS

from .choices import AGREEMENT_CHANNELS, Outside

# The parts of the day of the agreed-times slots, as hours [from, to). Late at night is in none of
# them, so a contact then is outside any agreed times.
PARTS = (("morning", 6, 12), ("afternoon", 12, 17), ("evening", 17, 22))


def slot_of(moment: datetime) -> str | None:
    """The slot code ("tue_morning") of a local time, or None late at night."""
    for part, start, end in PARTS:
        if start <= moment.hour < end:
            return f"{WEEKDAYS[moment.weekday()]}_{part}"
    return None


def outside_reasons(
    how: str,
    local_moment: datetime,
    *,
    channels: Collection[str] = (),
    never_channels: Collection[str] = (),
    agreed_times: Collection[str] = (),
) -> list[str]:
    """Why a contact made ``how`` at ``local_moment`` is outside an agreement (empty: it is not).

    A way of being in touch counts as agreed when one of the agreement's channels it covers is agreed
    and none of them is among the ways never to use; with no channels written down, only the ways
    never to use count. With no agreed times ticked, no time is outside.
    """
    reasons = []
    covered = AGREEMENT_CHANNELS.get(how, frozenset())
    if covered & set(never_channels) or (channels and not covered & set(channels)):
        reasons.append(Outside.CHANNEL.value)
    if agreed_times and slot_of(local_moment) not in set(agreed_times):
        reasons.append(Outside.TIME.value)
    return reasons
