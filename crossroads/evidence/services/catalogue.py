"""The data catalogue: which sources have which indicator for which years, for an area.

For a country (or a region: its members), a matrix indicator × year whose cells name
the releases with data; gaps inside a series and stale series (latest year older than
``stale_after`` years) are marked; where different data sources give different values
for the same figure, both are listed with the difference. Every read goes through
``Observation.objects.restrict(user, "view")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count

from crossroads.core.permissions import VIEW
from crossroads.evidence.choices import FormulaKind
from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.services.points import AreaInfo, Reference, ReleaseInfo

#: Default: a series whose latest year is more than this many years old is stale.
STALE_AFTER = 5
#: Default: values of two sources differing by more than this (percent) disagree.
TOLERANCE = 1.0
#: Default first column (older years on request).
FIRST_YEAR = 1990
MAX_DISAGREEMENTS = 100


@dataclass
class Cell:
    """One indicator in one year: the releases with data (and, for a region, how many
    members each covers)."""

    year: int
    releases: list[ReleaseInfo] = field(default_factory=list)
    members: dict[str, int] = field(default_factory=dict)
    state: str = "empty"  # "data", "gap" (inside the series) or "empty" (outside it)
    #: Whether sources disagree on a figure of this indicator and year.
    disagreement: bool = False
    #: (short label from the legend, release, members with data or None) per release.
    entries: list[tuple[str, ReleaseInfo, int | None]] = field(default_factory=list)


@dataclass
class Row:
    indicator: Indicator
    label: str
    cells: list[Cell]
    first_year: int | None
    last_year: int | None
    stale: bool
    releases: list[ReleaseInfo]


@dataclass
class Disagreement:
    """The same figure from different data sources, with different values."""

    indicator: Indicator
    area: AreaInfo
    period: str
    breakdown: str
    values: list[tuple[ReleaseInfo, float]]
    difference: float
    percent: float | None


@dataclass
class Catalogue:
    area: AreaInfo
    is_region: bool
    members: list[AreaInfo]
    years: list[int]
    rows: list[Row]
    disagreements: list[Disagreement]
    more_disagreements: int
    stale_after: int
    tolerance: float
    this_year: int
    #: Short labels of the releases in the cells, and the releases they stand for.
    legend: list[tuple[str, ReleaseInfo]] = field(default_factory=list)


def catalogue(user: Any, area_code: str, *, stale_after: int = STALE_AFTER,
              tolerance: float = TOLERANCE, first_year: int | None = None,
              last_year: int | None = None, reference: Reference | None = None,
              today: date | None = None) -> Catalogue:
    """The catalogue of one area (raises ``UnknownCode`` for an unknown area)."""
    ref = reference or Reference.load()
    area = ref.area(area_code)
    members = ref.members.get(area.pk) or (area.pk,)
    is_region = area.pk in ref.members
    this_year = (today or date.today()).year
    raw = [i for i in ref.indicators.values() if i.formula == FormulaKind.RAW]
    by_origin = [i for i in ref.indicators.values() if i.formula == FormulaKind.SUM_BY_ORIGIN]
    availability = read_availability(user, raw, "area_id", members)
    availability.update(read_availability(
        user, [ref.indicator_by_pk(i.numerator_id) for i in by_origin], "origin_id", members,
        rename={i.numerator_id: i for i in by_origin}))
    found = [year for years in availability.values() for year in years]
    start = first_year or max(min(found, default=this_year), FIRST_YEAR)
    end = last_year or max(found, default=this_year)
    columns = list(range(start, end + 1))
    rows = [build_row(indicator, availability.get(indicator.pk, {}), columns, ref,
                      this_year - stale_after, is_region)
            for indicator in sorted([*raw, *by_origin], key=lambda i: i.code)]
    found_disagreements = disagreements(user, raw, members, ref, tolerance, totals_only=is_region)
    mark_disagreements(rows, found_disagreements)
    return Catalogue(area, is_region, [ref.areas[m] for m in members] if is_region else [],
                     columns, rows, found_disagreements[:MAX_DISAGREEMENTS],
                     max(0, len(found_disagreements) - MAX_DISAGREEMENTS), stale_after,
                     tolerance, this_year, label_cells(rows))


def label_cells(rows: list[Row]) -> list[tuple[str, ReleaseInfo]]:
    """Number the releases (by source, then date) so that cells stay narrow."""
    used = {r.pk: r for row in rows for r in row.releases}
    ordered = sorted(used.values(), key=lambda r: (r.source_code, r.rank, r.code))
    labels = {r.pk: str(n) for n, r in enumerate(ordered, start=1)}
    for row in rows:
        for cell in row.cells:
            cell.entries = [(labels[r.pk], r, cell.members.get(r.code)) for r in cell.releases]
    return [(labels[r.pk], r) for r in ordered]


def mark_disagreements(rows: list[Row], found: list[Disagreement]) -> None:
    """Flag the cells (indicator and year) where sources disagree."""
    flagged = {(d.indicator.pk, int(d.period[:4])) for d in found}
    for row in rows:
        for cell in row.cells:
            cell.disagreement = (row.indicator.pk, cell.year) in flagged


Availability = dict[int, dict[int, dict[int, int]]]  # indicator → year → release → areas


def read_availability(user: Any, indicators: Iterable[Indicator], area_field: str,
                      areas: Iterable[int], rename: dict[Any, Indicator] | None = None,
                      ) -> Availability:
    """For each indicator and year, the releases with data and how many areas they cover.

    ``area_field`` is "area_id" (figures about the areas) or "origin_id" (figures about
    people from the areas, e.g. emigrants). One query.
    """
    ids = [i.pk for i in indicators]
    if not ids:
        return {}
    rows = (Observation.objects.restrict(user, VIEW)
            .filter(indicator_id__in=ids, **{f"{area_field}__in": list(areas)})
            .exclude(value=None).order_by()
            .values("indicator_id", "period", "release_id")
            .annotate(areas=Count(area_field, distinct=True)))
    found: Availability = {}
    for row in rows:
        indicator = (rename or {}).get(row["indicator_id"])
        key = indicator.pk if indicator else row["indicator_id"]
        year = int(row["period"][:4])
        releases = found.setdefault(key, {}).setdefault(year, {})
        releases[row["release_id"]] = max(releases.get(row["release_id"], 0), row["areas"])
    return found


def build_row(indicator: Indicator, years: dict[int, dict[int, int]], columns: list[int],
              ref: Reference, stale_before: int, is_region: bool) -> Row:
    """One indicator's cells; empty cells between its first and last year are gaps."""
    first, last = (min(years), max(years)) if years else (None, None)
    cells = []
    for year in columns:
        releases = years.get(year, {})
        cell = Cell(year, sorted((ref.releases[r] for r in releases), key=lambda r: r.rank))
        if is_region:
            cell.members = {ref.releases[r].code: n for r, n in releases.items()}
        if releases:
            cell.state = "data"
        elif first is not None and last is not None and first < year < last:
            cell.state = "gap"
        cells.append(cell)
    used = {r for by_release in years.values() for r in by_release}
    return Row(indicator, str(indicator), cells, first, last,
               last is not None and last < stale_before,
               sorted((ref.releases[r] for r in used), key=lambda r: r.rank))


def disagreements(user: Any, indicators: list[Indicator], areas: Iterable[int],
                  ref: Reference, tolerance: float, totals_only: bool,
                  periods: Iterable[str] | None = None) -> list[Disagreement]:
    """Figures that different data sources report with values differing beyond tolerance.

    Each source speaks through its latest release that has the figure (revisions of one
    source are not disagreements). Largest relative differences first. ``periods``
    limits the figures to those periods (default: all).
    """
    base: Any = Observation.objects.restrict(user, VIEW)
    qs: Any = (base.current()
               .filter(indicator_id__in=[i.pk for i in indicators], area_id__in=list(areas))
               .exclude(value=None).order_by())
    if totals_only:
        qs = qs.totals()
    if periods is not None:
        qs = qs.filter(period__in=list(periods))
    figures: dict[tuple[Any, ...], dict[str, tuple[int, float, ReleaseInfo]]] = {}
    for (indicator, area, period, sex, age, origin, destination, value, multiplier,
         release) in qs.values_list("indicator_id", "area_id", "period", "sex", "age",
                                    "origin_id", "destination_id", "value", "unit_multiplier",
                                    "release_id"):
        info = ref.releases[release]
        by_source = figures.setdefault((indicator, area, period, sex, age, origin, destination),
                                       {})
        held = by_source.get(info.source_code)
        if held is None or info.rank > held[0]:
            by_source[info.source_code] = (info.rank, value * 10 ** multiplier, info)
    found = [disagreement(key, list(by_source.values()), ref)
             for key, by_source in figures.items() if len(by_source) > 1]
    kept = [d for d in found if d is not None
            and (d.percent is None or d.percent > tolerance)]
    return sorted(kept, key=lambda d: (d.breakdown != "", -(d.percent or float("inf"))))


def disagreement(key: tuple[Any, ...], held: list[tuple[int, float, ReleaseInfo]],
                 ref: Reference) -> Disagreement | None:
    indicator, area, period, sex, age, origin, destination = key
    values = sorted(((info, value) for _, value, info in held), key=lambda pair: pair[1])
    low, high = values[0][1], values[-1][1]
    if high == low:
        return None
    parts = [f"sex {sex}" if sex != "_T" else "", f"age {age}" if age != "_T" else "",
             f"origin {ref.code(origin)}" if origin else "",
             f"destination {ref.code(destination)}" if destination else ""]
    return Disagreement(ref.indicator_by_pk(indicator), ref.areas[area], period,
                        ", ".join(p for p in parts if p), values, high - low,
                        (high - low) / low * 100 if low else None)


def as_json(found: Catalogue) -> dict[str, Any]:
    """The catalogue as JSON data (the page's ``.json`` variant)."""
    return {
        "area": {"code": found.area.code, "name": str(found.area), "is_region": found.is_region},
        "members": [m.code for m in found.members], "years": found.years,
        "stale_after": found.stale_after, "tolerance_percent": found.tolerance,
        "rows": [{
            "indicator": row.indicator.code, "name": row.label, "first_year": row.first_year,
            "last_year": row.last_year, "stale": row.stale,
            "releases": [r.code for r in row.releases],
            "cells": {str(c.year): {"state": c.state, "releases": [r.code for r in c.releases],
                                    "disagreement": c.disagreement,
                                    **({"members": c.members} if found.is_region else {})}
                      for c in row.cells},
        } for row in found.rows],
        "disagreements": [{
            "indicator": d.indicator.code, "area": d.area.code, "period": d.period,
            "breakdown": d.breakdown, "difference": d.difference, "percent": d.percent,
            "values": [{"release": r.code, "source": r.source_name, "value": v}
                       for r, v in d.values],
        } for d in found.disagreements],
        "more_disagreements": found.more_disagreements,
    }
