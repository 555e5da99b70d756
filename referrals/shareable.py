"""The details a peer may agree to share with a partner: the one list, each read from the record one
by one. Nothing else about a peer is ever shown to a partner, printed for them or sent to them.

A referral keeps the codes the peer chose (``SharedItem``); every page that shows a partner anything
calls ``shared_details(referral)``, which reads only those items. A new kind of detail is added here,
or nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from people.models import Peer


@dataclass(frozen=True)
class Item:
    code: str
    label: Promise
    # What the partner is shown: each line of it, read from the referral (and its peer). An empty list
    # says there is nothing recorded to share.
    read: Callable[..., list[str]]
    help: Promise | str = ""


def _text(value: str) -> list[str]:
    return [value] if value else []


def _contact(referral) -> list[str]:
    method = referral.contact_method
    if method is None:
        return []
    line = str(method.get_channel_display())
    return [f"{line}: {method.detail}" if method.detail else line]


def _needs(referral) -> list[str]:
    return [str(need.get_domain_display()) for need in referral.peer.needs.all()]


def _age(peer: Peer) -> list[str]:
    return _text(str(peer.get_age_band_display()) if peer.age_band else "")


ITEMS: tuple[Item, ...] = (
    Item("chosen_name", _("Their chosen name"), lambda r: _text(r.peer.chosen_name)),
    Item("pronouns", _("Their pronouns"), lambda r: _text(r.peer.pronouns)),
    Item("languages", _("The languages they speak"), lambda r: r.peer.language_names()),
    Item("age_band", _("Their age band"), lambda r: _age(r.peer)),
    Item("needs", _("The areas they would like support with"), _needs),
    Item(
        "contact",
        _("One way to reach them"),
        _contact,
        _("Only the one way chosen below, never the others."),
    ),
    Item("safe_times", _("The times it is safe to get in touch"), lambda r: _text(r.peer.safe_times)),
    Item("asked", _("What we are asking of the partner"), lambda r: _text(r.asked)),
    Item("note", _("A note written for the partner"), lambda r: _text(r.note_for_partner)),
)
BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}
CODES: tuple[str, ...] = tuple(BY_CODE)


@dataclass(frozen=True)
class Shown:
    code: str
    label: str
    lines: list[str]


def shared_details(referral, codes) -> list[Shown]:
    """What the partner sees: the chosen items only, in the registry's order, read now."""
    chosen = set(codes)
    return [Shown(item.code, str(item.label), item.read(referral)) for item in ITEMS if item.code in chosen]
