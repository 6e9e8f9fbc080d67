"""What kind of evidence a source is, and how current it was last found to be.

``x-evidence`` is required on every entry; readers see its plain words beside
each reference. ``x-current-checked`` (YYYY-MM-DD) is required on guidelines
and labels, which newer versions replace; ``x-superseded-by`` names the entry
that replaced this one.
"""

from __future__ import annotations

import datetime
from typing import Any

from medkb._core.messages import N_, _

EVIDENCE_FIELD = "x-evidence"
CURRENT_CHECKED_FIELD = "x-current-checked"
SUPERSEDED_BY_FIELD = "x-superseded-by"

#: Each evidence type, with the words readers see.
EVIDENCE_TYPES: dict[str, Any] = {
    "guideline": N_("Guideline"),
    "systematic-review": N_("Systematic review"),
    "trial": N_("Single trial"),
    "observational": N_("Observational study"),
    "consensus": N_("Expert consensus"),
    "narrative-review": N_("Narrative review"),
    "label": N_("Drug label or regulator's notice"),
    "abstract": N_("Conference abstract, not a full paper"),
    "book": N_("Book"),
    "other": N_("Other source"),
}
#: Types that a newer version replaces, so their currency must be checked.
VERSIONED = frozenset({"guideline", "label"})
#: How long a currency check holds before it must be done again.
CURRENCY_MONTHS = 12


def evidence_type(fields: dict[str, str]) -> str:
    return fields.get(EVIDENCE_FIELD, "").strip().lower()


def plain_words(kind: str) -> str | None:
    words = EVIDENCE_TYPES.get(kind)
    return None if words is None else _(words)


def checked_on(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def due_after(checked: datetime.date) -> datetime.date:
    """The day a check made on *checked* runs out: 12 months on."""
    month = checked.month - 1 + CURRENCY_MONTHS
    year, month = checked.year + month // 12, month % 12 + 1
    # 29 February, or the 31st of a shorter month: the month's last day.
    for day in (checked.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
