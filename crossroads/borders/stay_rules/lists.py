"""The lists of a country's whole traffic: current overstayers, exits without entry and
entries without exit.

Pairing runs in the database: each entry or exit is given the movement before and after
it for the same traveller (window functions ``Lag``/``Lead`` partitioned by person),
so an open stay is an entry with nothing after it, an exit without entry is an exit
with no entry just before it, and an entry without exit is an entry followed by another
entry. Only the open stays (the people present) are assessed in Python, with one query
for their crossings and one for the rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Lag, Lead
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.borders.choices import Movement
from crossroads.borders.models import Crossing
from crossroads.borders.stay_rules import services
from crossroads.reference.models import Country

#: Open stays older than this many days are listed as entries without exit.
DEFAULT_OPEN_DAYS = 90


def open_stay_days() -> int:
    """The age at which an open stay is listed (setting ``CROSSROADS_OPEN_STAY_DAYS``)."""
    return int(getattr(settings, "CROSSROADS_OPEN_STAY_DAYS", DEFAULT_OPEN_DAYS))


@dataclass(frozen=True)
class ListFilters:
    """What a list is asked for: the country and day, optionally a point and nationality."""

    country: Country
    on: date
    point: int | None = None
    nationality: str = ""
    older_than: int = DEFAULT_OPEN_DAYS


def sequenced(crossings: QuerySet[Crossing], filters: ListFilters) -> QuerySet[Crossing]:
    """Entries and exits in the country up to the day, each with the traveller's movement
    before and after it (and the time of the one after)."""
    order = [F("crossed_at").asc(), F("pk").asc()]
    window: dict[str, Any] = {"partition_by": [F("person_id")], "order_by": order}
    return services.presence_crossings(crossings, filters.country).filter(
        crossed_at__date__lte=filters.on,
    ).annotate(
        previous_movement=Window(Lag("movement"), **window),
        next_movement=Window(Lead("movement"), **window),
        next_crossed_at=Window(Lead("crossed_at"), **window),
    )


def picked(crossings: QuerySet[Crossing], filters: ListFilters, movement: str,
           *conditions: Q) -> QuerySet[Crossing]:
    """Crossings of ``movement`` meeting any of ``conditions`` on their neighbours.

    Only conditions on the window columns go inside the windowed query: a condition on
    an ordinary column there would be applied before the window and hide the
    neighbours. The movement, and the narrowing by point and nationality, are applied
    outside (so a traveller's exit elsewhere still closes an entry at the chosen point).
    """
    windowed = sequenced(crossings, filters)
    chosen = reduce(or_, (Q(pk__in=windowed.filter(c).values("pk")) for c in conditions))
    rows = crossings.filter(chosen, movement=movement)
    if filters.point is not None:
        rows = rows.filter(point_id=filters.point)
    if filters.nationality:
        rows = rows.filter(nationality=filters.nationality.upper())
    return rows.select_related("point", "person").prefetch_related("person__names").order_by(
        "crossed_at", "pk")


def open_entries(crossings: QuerySet[Crossing], filters: ListFilters) -> QuerySet[Crossing]:
    """Each present traveller's last entry (an entry with no movement after it)."""
    return picked(crossings, filters, Movement.ENTRY, Q(next_movement=None))


def exits_without_entry(crossings: QuerySet[Crossing], filters: ListFilters
                        ) -> QuerySet[Crossing]:
    """Exits with no entry just before them for the same traveller."""
    return picked(crossings, filters, Movement.EXIT, Q(previous_movement=None),
                  Q(previous_movement=Movement.EXIT))


@dataclass(frozen=True)
class OpenEntry:
    """An entry without exit: why it is listed and how long ago it was."""

    crossing: Crossing
    reason: str
    days: int
    next_entry: date | None = None


def entries_without_exit(crossings: QuerySet[Crossing], filters: ListFilters) -> list[OpenEntry]:
    """Entries followed by another entry, and open stays older than ``older_than`` days."""
    before = filters.on - timedelta(days=filters.older_than)
    followed = picked(crossings, filters, Movement.ENTRY, Q(next_movement=Movement.ENTRY),
                      Q(next_movement=None))
    reentered = sequenced(crossings, filters).filter(Q(next_movement=Movement.ENTRY))
    next_at = {row.pk: row.next_crossed_at for row in reentered}  # type: ignore[attr-defined]
    rows = []
    for crossing in followed:
        days = (filters.on - services.day_of(crossing)).days + 1
        if crossing.pk in next_at:
            again = timezone.localdate(next_at[crossing.pk])
            rows.append(OpenEntry(crossing, _("Entered again on %(day)s without a recorded "
                                              "exit.") % {"day": again}, days, again))
        elif services.day_of(crossing) < before:
            rows.append(OpenEntry(crossing, _("No exit recorded after %(days)s days.")
                                  % {"days": days}, days))
    return rows


def overstayers(crossings: QuerySet[Crossing], filters: ListFilters
                ) -> list[services.TravellerStatus]:
    """Travellers present on the day whose date to leave has passed, most days over first."""
    entries = list(open_entries(crossings, filters))
    if not entries:
        return []
    history_of = histories(crossings, filters, [e.person_id for e in entries])
    rules = list(services.rules_in_force(filters.country, filters.on))
    found = []
    for entry in entries:
        status = services.status_from(entry.person_id, filters.country, filters.on,
                                      history_of[entry.person_id], rules)
        status.history.last_entry = entry  # with its point and person already joined
        if status.is_overstaying:
            found.append(status)
    return sorted(found, key=lambda s: (-s.overstay_days, s.person_id))


def histories(crossings: QuerySet[Crossing], filters: ListFilters,
              people: list[int]) -> dict[int, services.StayHistory]:
    """Stay histories of the given travellers in one query."""
    by_person: dict[int, list[Crossing]] = defaultdict(list)
    rows = services.presence_crossings(crossings, filters.country).filter(
        person_id__in=people, crossed_at__date__lte=filters.on).select_related("point")
    for crossing in rows:
        by_person[crossing.person_id].append(crossing)
    return {person: services.pair_crossings(by_person[person]) for person in people}
