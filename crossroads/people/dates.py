"""Dates of birth as records give them: whole, year and month, year only, or approximate."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def problem(self) -> str | None:
        """Why these parts are not a date that can exist (None: they can)."""
        if self.day is not None and self.month is None:
            return _("A day of birth needs a month.")
        if self.month is not None and self.year is None:
            return _("A month of birth needs a year.")
        if not (self.year and self.month and self.day):
            return None
        if not 1 <= self.month <= 12:
            return _("There is no month %(month)s.") % {"month": self.month}
        last = calendar.monthrange(self.year, self.month)[1]
        if not 1 <= self.day <= last:
            return _("%(year)s-%(month)02d has no day %(day)s.") % {
                "year": self.year, "month": self.month, "day": self.day}
        if date(self.year, self.month, self.day) > date.today():
            return _("A date of birth cannot be in the future.")
        return None

    def __str__(self) -> str:
        if self.year is None:
            return "–"
        text = str(self.year)
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return ("~" + text) if self.approximate else text

    def as_date(self) -> date | None:
        """The full date, when every part is known."""
        if self.year and self.month and self.day and self.problem() is None:
            return date(self.year, self.month, self.day)
        return None
