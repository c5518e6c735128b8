"""Stay rules for one traveller: days used, days left, the date they must leave.

A rule is one of:

- **rolling** — at most ``days`` days of presence in any ``window`` days (the 90/180
  rule): the days counted are those inside the window that ends on the day considered;
- **per entry** — at most ``days`` days from each entry;
- **validity** — present only up to the last day of a visa or permit;
- **unlimited**.

Days of entry and of exit both count as days of presence, as border authorities count
them. A stay with no exit is still going on. Everything here is plain dates, no
database: the crossings of a traveller are turned into :class:`Stay` values first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _


class RuleKind(StrEnum):
    ROLLING = "rolling"
    PER_ENTRY = "per_entry"
    VALIDITY = "validity"
    UNLIMITED = "unlimited"


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    days: int | None = None
    window: int | None = None
    valid_until: date | None = None

    def problem(self) -> str | None:
        """Why the rule cannot be applied (None: it can)."""
        if self.kind in (RuleKind.ROLLING, RuleKind.PER_ENTRY) and not (self.days or 0) > 0:
            return _("This rule needs a number of days greater than zero.")
        if self.kind == RuleKind.ROLLING and not (self.window or 0) >= (self.days or 0):
            return _("The period of a rolling rule must be at least its number of days.")
        if self.kind == RuleKind.VALIDITY and self.valid_until is None:
            return _("A rule by validity needs the last day of the visa or permit.")
        return None


@dataclass(frozen=True)
class Stay:
    entry: date
    exit: date | None = None  # None: still in the country

    def days_on(self, start: date, end: date, today: date) -> int:
        """Days of this stay inside [start, end], an open stay counted up to ``today``."""
        last = min(self.exit or today, end)
        first = max(self.entry, start)
        return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class Assessment:
    days_used: int | None
    days_left: int | None
    must_leave_by: date | None
    overstay_days: int

    @property
    def is_overstaying(self) -> bool:
        return self.overstay_days > 0


def check_stays(stays: Sequence[Stay]) -> None:
    """Refuse stays that cannot be: an exit before its entry, or overlapping stays."""
    ordered = sorted(stays, key=lambda s: s.entry)
    for stay in ordered:
        if stay.exit is not None and stay.exit < stay.entry:
            raise ValueError(_("An exit on %(exit)s comes before its entry on %(entry)s.")
                             % {"exit": stay.exit, "entry": stay.entry})
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.exit is None or before.exit > after.entry:
            raise ValueError(_("Two stays overlap: an entry on %(entry)s while the traveller "
                               "was still in the country.") % {"entry": after.entry})


def days_in_window(stays: Iterable[Stay], end: date, window: int, today: date) -> int:
    """Days of presence in the ``window`` days ending on ``end``."""
    start = end - timedelta(days=window - 1)
    return sum(stay.days_on(start, end, today) for stay in stays)


def assess(stays: Sequence[Stay], rule: Rule, on: date) -> Assessment:
    """Where a traveller stands under ``rule`` on day ``on``."""
    if (problem := rule.problem()) is not None:
        raise ValueError(problem)
    check_stays(stays)
    current = [s for s in stays if s.entry <= on and (s.exit is None or s.exit >= on)]
    if rule.kind == RuleKind.UNLIMITED:
        return Assessment(None, None, None, 0)
    if rule.kind == RuleKind.VALIDITY:
        assert rule.valid_until is not None
        left = (rule.valid_until - on).days + 1
        return Assessment(None, max(0, left), rule.valid_until, max(0, -left + 1) if left <= 0
                          else 0)
    assert rule.days is not None
    if rule.kind == RuleKind.PER_ENTRY:
        if not current:
            return Assessment(0, rule.days, None, 0)
        used = (on - current[0].entry).days + 1
        leave = current[0].entry + timedelta(days=rule.days - 1)
        return Assessment(used, max(0, rule.days - used), leave, max(0, used - rule.days))
    return rolling(stays, rule, on, bool(current))


def rolling(stays: Sequence[Stay], rule: Rule, on: date, present: bool) -> Assessment:
    """The rolling rule: days used in the window ending on ``on``; if present, the last
    day the traveller may stay (the day after which a window would hold too many days)."""
    assert rule.days is not None and rule.window is not None
    past = [s for s in stays if s.entry <= on]
    used = days_in_window(past, on, rule.window, on)
    overstay = max(0, used - rule.days)
    if not present:
        return Assessment(used, max(0, rule.days - used), None, overstay)
    if overstay:
        return Assessment(used, 0, last_lawful_day(past, rule, on), overstay)
    day = on
    # Staying on: each later day adds one and drops the day leaving the window. After a
    # whole window of presence the count no longer grows: the rule never binds.
    for _step in range(rule.window + 1):
        tomorrow = day + timedelta(days=1)
        if days_in_window(past, tomorrow, rule.window, tomorrow) > rule.days:
            return Assessment(used, (day - on).days, day, 0)
        day = tomorrow
    return Assessment(used, None, None, 0)


def last_lawful_day(stays: Sequence[Stay], rule: Rule, on: date) -> date:
    """For a traveller present and over the rolling limit on ``on``: the last day of the
    current stay on which the window still held no more than ``rule.days`` days (the day
    they should have left). The day before the current entry if even that day was over."""
    assert rule.days is not None and rule.window is not None
    current = max((s for s in stays if s.entry <= on), key=lambda s: s.entry)
    day = current.entry
    while day <= on and days_in_window(stays, day, rule.window, on) <= rule.days:
        day += timedelta(days=1)
    return day - timedelta(days=1)


def merge_touching(stays: Iterable[Stay]) -> list[Stay]:
    """Stays in order, one that starts on or before the day the one before ended joined
    to it.

    Border authorities count a day of presence once: leaving and coming back on the
    same day (a day trip across the border) does not make that day count twice.
    """
    merged: list[Stay] = []
    for stay in sorted(stays, key=lambda s: s.entry):
        last = merged[-1] if merged else None
        if last is not None and last.exit is not None and stay.entry <= last.exit:
            end = None if stay.exit is None else max(stay.exit, last.exit)
            merged[-1] = Stay(last.entry, end)
        else:
            merged.append(stay)
    return merged
