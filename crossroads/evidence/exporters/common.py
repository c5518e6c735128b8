"""What every exporter shares: the figures to export, their labels, number formatting.

Exporters are pure functions over a list of :class:`~crossroads.evidence.services.values.Value`
(values in base units, the unit multiplier applied) and :class:`Labels` (names of the
codes they use). :func:`values_from_observations` turns stored observations into values,
so the same exporters serve observations and the query service's results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from crossroads.evidence.models import Area, Indicator, Observation, Release
from crossroads.evidence.services.values import Value

#: The code written for "no breakdown" (all origins, no destination), as in SDMX.
TOTAL = "_T"

OBSERVATION_FIELDS = (
    "indicator__code", "area__code", "period", "value", "unit_multiplier", "sex", "age",
    "origin__code", "destination__code", "status", "confidentiality", "release__code", "pk",
)


def values_from_observations(observations: Any) -> list[Value]:
    """The observations of a queryset as values (in base units, with their release)."""
    values = []
    for (indicator, area, period, value, multiplier, sex, age, origin, destination, status,
         confidentiality, release, pk) in observations.values_list(*OBSERVATION_FIELDS):
        values.append(Value(
            indicator=indicator, area=area, period=period,
            value=None if value is None else value * 10 ** multiplier,
            sex=sex, age=age, origin=origin, destination=destination, status=status,
            confidentiality=confidentiality, releases=(release,), observation_ids=(pk,),
        ))
    return values


@dataclass
class Labels:
    """Names of the codes an export uses: indicators (with units), areas, releases."""

    indicators: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    releases: dict[str, str] = field(default_factory=dict)
    ages: list[str] = field(default_factory=list)

    @classmethod
    def for_values(cls, values: Iterable[Value]) -> Labels:
        """The labels of exactly the codes that ``values`` use."""
        values = list(values)
        indicators = {v.indicator for v in values}
        areas = {code for v in values for code in (v.area, v.origin, v.destination) if code}
        releases = {code for v in values for code in v.releases}
        return cls.load(Indicator.objects.filter(code__in=indicators),
                        Area.objects.filter(code__in=areas),
                        Release.objects.filter(code__in=releases),
                        sorted({v.age for v in values}, key=age_order))

    @classmethod
    def everything(cls) -> Labels:
        """Labels of every indicator, area and age group (for a complete SDMX structure)."""
        ages = Observation.objects.order_by().values_list("age", flat=True).distinct()
        return cls.load(Indicator.objects.all(), Area.objects.all(), Release.objects.none(),
                        sorted(set(ages) | {TOTAL}, key=age_order))

    @classmethod
    def load(cls, indicators: Any, areas: Any, releases: Any, ages: list[str]) -> Labels:
        labels = cls(ages=ages)
        for code, name, unit, definition in indicators.values_list(
                "code", "name", "unit", "definition"):
            labels.indicators[code] = name
            labels.units[code] = unit
            labels.definitions[code] = definition
        labels.areas = dict(areas.values_list("code", "name"))
        labels.releases = dict(releases.values_list("code", "title"))
        return labels

    def area(self, code: str | None) -> str:
        return self.areas.get(code, "") if code else ""


def age_order(age: str) -> tuple[int, int, str]:
    """Total first, then age groups by their lower bound (``5-9`` before ``10-14``)."""
    if age == TOTAL:
        return (0, 0, age)
    digits = ""
    for char in age:
        if not char.isdigit():
            break
        digits += char
    return (1, int(digits) if digits else 10**6, age)


def format_number(value: float | None) -> str:
    """A value as text: whole numbers without ``.0``, others with 15 significant digits."""
    if value is None or math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")


def sort_values(values: Iterable[Value]) -> list[Value]:
    """Values in a stable, readable order: indicator, area, breakdown, period."""
    return sorted(values, key=lambda v: (
        v.indicator, v.area, v.origin or "", v.destination or "", v.sex, age_order(v.age),
        v.period,
    ))
