"""Reference periods: ``2015``, ``2015-S1``, ``2015-Q3``, ``2015-03``, ``2015-03-31``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from crossroads.evidence.choices import Frequency

PATTERNS = [
    (re.compile(r"^(\d{4})$"), Frequency.ANNUAL),
    (re.compile(r"^(\d{4})-S([12])$"), Frequency.HALF_YEAR),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Frequency.QUARTERLY),
    (re.compile(r"^(\d{4})-(\d{2})$"), Frequency.MONTHLY),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Frequency.DAILY),
]


@dataclass(frozen=True, slots=True)
class Period:
    """A reference period: its code, first and last day, and frequency."""

    code: str
    start: date
    end: date
    frequency: str

    @property
    def year(self) -> int:
        return self.start.year


def month_span(year: int, first: int, months: int) -> tuple[date, date]:
    last = first + months - 1
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def parse_period(text: object) -> Period:
    """A period from its code (a plain year may come as a number, e.g. 2015.0)."""
    code = str(text).strip()
    if re.fullmatch(r"\d{4}\.0", code):
        code = code[:4]
    for pattern, frequency in PATTERNS:
        match = pattern.match(code)
        if not match:
            continue
        year = int(match.group(1))
        try:
            if frequency == Frequency.ANNUAL:
                start, end = date(year, 1, 1), date(year, 12, 31)
            elif frequency == Frequency.HALF_YEAR:
                start, end = month_span(year, 6 * int(match.group(2)) - 5, 6)
            elif frequency == Frequency.QUARTERLY:
                start, end = month_span(year, 3 * int(match.group(2)) - 2, 3)
            elif frequency == Frequency.MONTHLY:
                start, end = month_span(year, int(match.group(2)), 1)
            else:
                start = end = date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            break
        return Period(code, start, end, frequency)
    raise ValueError(f"{code!r} is not a period (2015, 2015-S1, 2015-Q1, 2015-03, 2015-03-31)")
