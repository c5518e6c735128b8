"""Reading numbers the way statistical sources write them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crossroads.evidence.choices import ObservationStatus

#: Markers sources use for "no figure": not available, not applicable, confidential.
MISSING = {"", "..", "...", "…", "n/a", "na", "nan", "x", ":", "—", "null", "none"}
#: "*" in UNHCR files: a small value (1–4) withheld to protect individuals.
SUPPRESSED = {"*"}
#: "-" in UN tables: magnitude nil (zero).
ZERO = {"-", "–"}
SEPARATORS = re.compile(r"[\s\u00a0\u202f',]")
FOOTNOTE_TAIL = re.compile(r"(?<=\d)\s*(\([a-z]\)|[a-z]|\*+)$")


@dataclass(frozen=True, slots=True)
class Reading:
    """A number read from a cell: its value (None when there is none) and status."""

    value: float | None
    status: str = ObservationStatus.NORMAL


class NotANumber(ValueError):
    """A cell that holds neither a number nor a known marker."""


def read_number(cell: object, decimal_comma: bool = False) -> Reading:
    """Read a cell: ``" 1 234 567"``, ``"1,234"``, ``".."``, ``"*"``, ``"-"``, ``"12.5 a"``.

    Thousands separators (spaces, non-breaking spaces, commas, apostrophes) are
    dropped; a trailing footnote marker is ignored. With ``decimal_comma`` a comma is
    the decimal separator instead. Raises :class:`NotANumber` for anything else.
    """
    if cell is None:
        return Reading(None, ObservationStatus.MISSING)
    if isinstance(cell, bool):
        raise NotANumber(f"{cell!r} is not a number")
    if isinstance(cell, int | float):
        if isinstance(cell, float) and math.isnan(cell):
            return Reading(None, ObservationStatus.MISSING)
        return Reading(float(cell))
    text = str(cell).strip()
    if text.casefold() in MISSING:
        return Reading(None, ObservationStatus.MISSING)
    if text in SUPPRESSED:
        return Reading(None, ObservationStatus.SUPPRESSED)
    if text in ZERO:
        return Reading(0.0)
    text = FOOTNOTE_TAIL.sub("", text)
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    cleaned = SEPARATORS.sub("", text)
    try:
        return Reading(float(cleaned))
    except ValueError:
        raise NotANumber(f"{str(cell).strip()!r} is not a number") from None
