"""Stay rules applied to the crossings in the database: which rule a traveller is under,
their stays in a country, and where they stand on a day.

The arithmetic is in :mod:`crossroads.borders.stays`; this module only turns records
into its plain values. Reads of crossings go through ``restrict()`` in the callers
(views and API pass a restricted queryset in ``crossings``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.borders import stays
from crossroads.borders.choices import Movement
from crossroads.borders.models import Crossing, StayRule
from crossroads.people.models import Person
from crossroads.reference.models import Country

#: Movements that make or end presence; refusals and transits do not count.
PRESENCE_MOVEMENTS = (Movement.ENTRY, Movement.EXIT)


def rules_in_force(country: Country, on: date) -> QuerySet[StayRule]:
    """The country's stay rules that apply on ``on`` (open-ended dates are in force)."""
    return StayRule.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        country=country,
    ).select_related("nationality")


def precedence(rule: StayRule) -> tuple[int, bool, bool, bool, int]:
    """How specific a rule is: more named criteria first; between rules naming as many,
    nationality before visa or permit before document type (the law of entry is
    usually written per nationality). Equal rules for one combination are refused
    when entered (:func:`overlapping_rules`); the lower id settles what remains."""
    return (rule.specificity(), rule.nationality_id is not None, bool(rule.permit_kind),
            bool(rule.document_kind), -rule.pk if rule.pk else 0)


#: Nationality codes printed on documents that are not the country's ISO alpha-3 code.
DOCUMENT_CODES = {"D": "DEU", "RKS": "XKX"}


def country_code(nationality: str) -> str:
    """The ISO alpha-3 code (as reference countries carry it) of a recorded nationality."""
    code = (nationality or "").strip().upper().rstrip("<")
    return DOCUMENT_CODES.get(code, code)


def rule_matches(rule: StayRule, nationality: str, document_kind: str, permit_kind: str) -> bool:
    """Whether each criterion the rule names is the traveller's (empty: any)."""
    return ((rule.nationality is None or rule.nationality.iso3 == country_code(nationality))
            and rule.document_kind in ("", document_kind)
            and rule.permit_kind in ("", permit_kind))


def choose_rule(rules: Iterable[StayRule], nationality: str, document_kind: str,
                permit_kind: str) -> StayRule | None:
    """The most specific of ``rules`` (already in force) that matches the traveller."""
    matching = [r for r in rules if rule_matches(r, nationality, document_kind, permit_kind)]
    return max(matching, key=precedence, default=None)


def rule_for(country: Country, nationality: Country | str, document_kind: str,
             permit_kind: str, on: date) -> StayRule | None:
    """The most specific stay rule of ``country`` in force on ``on`` for a traveller of
    ``nationality`` (a country or its alpha-3 code) with this document and permit."""
    code = nationality.iso3 if isinstance(nationality, Country) else (nationality or "")
    return choose_rule(rules_in_force(country, on), code, document_kind or "",
                       permit_kind or "")


def overlapping_rules(rule: StayRule) -> QuerySet[StayRule]:
    """Other rules of the same country for exactly the same nationality, document and
    permit whose dates overlap ``rule``'s: with them the choice would be arbitrary."""
    others = StayRule.objects.filter(
        country_id=rule.country_id, nationality_id=rule.nationality_id,
        document_kind=rule.document_kind, permit_kind=rule.permit_kind)
    if rule.valid_to is not None:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=rule.valid_to))
    if rule.valid_from is not None:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=rule.valid_from))
    return others.exclude(pk=rule.pk) if rule.pk else others


def ambiguity(rule: StayRule) -> str | None:
    """Why ``rule`` cannot be saved next to the others (None: it can)."""
    clash = overlapping_rules(rule).first()
    if clash is None:
        return None
    return _("The rule “%(other)s” already applies to the same nationality, document "
             "and visa or permit on some of these dates: change its dates or this rule's "
             "criteria, so that one rule applies.") % {"other": clash.name}


def day_of(crossing: Crossing) -> date:
    """The day of a crossing in the configured time zone (as the database's ``__date``)."""
    return timezone.localdate(crossing.crossed_at)


# Stays --------------------------------------------------------------------------------

@dataclass
class StayHistory:
    """A traveller's crossings in one country paired into stays, with what does not pair."""

    stays: list[stays.Stay] = field(default_factory=list)
    #: Exits with no entry before them (the entry was not recorded, or was elsewhere).
    exits_without_entry: list[Crossing] = field(default_factory=list)
    #: Entries followed by another entry: the exit between them was not recorded.
    entries_without_exit: list[Crossing] = field(default_factory=list)
    #: The last entry (its nationality, document and permit decide the rule).
    last_entry: Crossing | None = None
    #: Every entry and exit read (for the audit log).
    crossings: list[Crossing] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.stays) and self.stays[-1].exit is None


def presence_crossings(crossings: QuerySet[Crossing], country: Country) -> QuerySet[Crossing]:
    """Entries and exits at the country's crossing points, oldest first."""
    return crossings.filter(point__country=country, movement__in=PRESENCE_MOVEMENTS).order_by(
        "crossed_at", "pk")


def pair_crossings(ordered: Iterable[Crossing]) -> StayHistory:
    """Pair entries with the next exit, in time order.

    An entry followed by another entry is reported and counted as one day (the day of
    entry is the only day of presence the records prove); an exit with no entry before
    it is reported and not counted. A re-entry on the day of an exit joins that stay.
    """
    history = StayHistory()
    found: list[stays.Stay] = []
    open_entry: Crossing | None = None
    for crossing in ordered:
        history.crossings.append(crossing)
        day = day_of(crossing)
        if crossing.movement == Movement.ENTRY:
            if open_entry is not None:
                history.entries_without_exit.append(open_entry)
                found.append(stays.Stay(day_of(open_entry), day_of(open_entry)))
            open_entry = history.last_entry = crossing
        elif open_entry is None:
            history.exits_without_entry.append(crossing)
        else:
            found.append(stays.Stay(day_of(open_entry), day))
            open_entry = None
    if open_entry is not None:
        found.append(stays.Stay(day_of(open_entry)))
    history.stays = stays.merge_touching(found)
    return history


def stays_of(person: Person | int, country: Country, crossings: QuerySet[Crossing] | None = None,
             until: date | None = None) -> StayHistory:
    """A person's stays in ``country`` from their crossings (optionally up to ``until``)."""
    queryset = crossings if crossings is not None else Crossing.objects.all()
    queryset = presence_crossings(queryset.filter(person=person), country)
    if until is not None:
        queryset = queryset.filter(crossed_at__date__lte=until)
    return pair_crossings(queryset.select_related("point"))


# Where a traveller stands --------------------------------------------------------------

@dataclass
class TravellerStatus:
    """A traveller's standing in a country on a day, with the problems found on the way."""

    person_id: int
    country: Country
    on: date
    present: bool
    rule: StayRule | None
    days_used: int | None = None
    days_left: int | None = None
    must_leave_by: date | None = None
    overstay_days: int = 0
    entered_on: date | None = None
    problems: list[str] = field(default_factory=list)
    history: StayHistory = field(default_factory=StayHistory)

    @property
    def is_overstaying(self) -> bool:
        return self.present and self.overstay_days > 0


def arithmetic_rule(rule: StayRule, entry: Crossing | None) -> stays.Rule:
    """The plain rule of :mod:`stays` for a stored rule (validity from the entry's permit)."""
    valid_until = entry.permit_valid_until if entry is not None else None
    return stays.Rule(stays.RuleKind(rule.kind), days=rule.days, window=rule.window,
                      valid_until=valid_until)


def history_problems(history: StayHistory) -> list[str]:
    """What a border officer should check in the records: unpaired crossings."""
    problems = [_("Exit on %(day)s at %(point)s without a recorded entry.")
                % {"day": day_of(c), "point": c.point.code}
                for c in history.exits_without_entry]
    problems += [_("Entry on %(day)s at %(point)s without a recorded exit before the next "
                   "entry (counted as one day).") % {"day": day_of(c),
                                                     "point": c.point.code}
                 for c in history.entries_without_exit]
    return problems


def status_from(person_id: int, country: Country, on: date, history: StayHistory,
                rules: Iterable[StayRule]) -> TravellerStatus:
    """Assess a traveller whose stay history and the country's rules in force are known."""
    entry = history.last_entry
    rule = None if entry is None else choose_rule(
        rules, entry.nationality, entry.document_kind, entry.permit_kind)
    status = TravellerStatus(person_id, country, on, history.present, rule, history=history,
                             problems=history_problems(history))
    if history.present:
        status.entered_on = history.stays[-1].entry
    if entry is None:
        status.problems.append(_("No entry into this country is recorded."))
        return status
    if rule is None:
        status.problems.append(_("No stay rule of this country applies to this traveller."))
        return status
    apply_rule(status, history, arithmetic_rule(rule, entry))
    return status


def apply_rule(status: TravellerStatus, history: StayHistory, rule: stays.Rule) -> None:
    """Fill in days used and left, the date to leave and the overstay (or the reason not)."""
    try:
        result = stays.assess(history.stays, rule, status.on)
    except ValueError as error:
        status.problems.append(str(error))
        return
    status.days_used, status.days_left = result.days_used, result.days_left
    status.must_leave_by = result.must_leave_by
    status.overstay_days = result.overstay_days
    if not status.present and rule.kind in (stays.RuleKind.VALIDITY, stays.RuleKind.PER_ENTRY):
        # A traveller who has left is not overstaying a visa or an entry now.
        status.overstay_days, status.must_leave_by = 0, None


def assess_traveller(person: Person | int, country: Country, on: date,
                     crossings: QuerySet[Crossing] | None = None) -> TravellerStatus:
    """Where a traveller stands in ``country`` on ``on``: the rule (from the latest entry's
    nationality, document and permit), days used and left, the date to leave, overstay."""
    person_id = person if isinstance(person, int) else person.pk
    history = stays_of(person_id, country, crossings, until=on)
    return status_from(person_id, country, on, history, rules_in_force(country, on))


def describe(rule: StayRule | None) -> dict[str, Any] | None:
    """The rule as the API shows it in a traveller's status."""
    if rule is None:
        return None
    return {"id": rule.pk, "name": rule.name, "kind": rule.kind, "days": rule.days,
            "window": rule.window, "legal_basis": rule.legal_basis}
