"""The check-in's instrument as data: the WHO-5 Well-Being Index, read from
``content/instruments/who5/`` (its wording and NOTICE live there, outside the code licence), and
our scoring of it. Our own unscored questions (a conversation, anything to say) are in the form."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    name: str
    citation: str
    recall: str
    items: tuple[tuple[str, str], ...]  # (id, wording)
    options: tuple[tuple[int, str], ...]  # (value, wording)
    poor: int
    likely_depression: int
    meaningful_change: int

    def score(self, answers: dict[str, int | None]) -> int | None:
        """Sum × 4, 0 to 100; None when an item was skipped (the sum would say less than was felt)."""
        values = [answers.get(item_id) for item_id, _ in self.items]
        if any(v is None for v in values):
            return None
        return 4 * sum(int(v) for v in values if v is not None)

    def is_low(self, score: int | None) -> bool:
        """At or below the band the owner calls poor wellbeing (50 on WHO-5)."""
        return score is not None and score <= self.poor


@cache
def who5() -> Instrument:
    folder = Path(settings.BASE_DIR) / "content" / "instruments" / "who5"
    data = json.loads((folder / "items.json").read_text(encoding="utf-8"))
    return Instrument(
        id=data["id"],
        version=data["version"],
        name=data["name"],
        citation=data["citation"],
        recall=data["recall"],
        items=tuple((item["id"], item["text"]) for item in data["items"]),
        options=tuple((option["value"], option["text"]) for option in data["options"]),
        poor=data["bands"]["poor"],
        likely_depression=data["bands"]["likely_depression"],
        meaningful_change=data["meaningful_change"],
    )
