"""Observations read as points: the layer under the query, derived and aggregate services.

A *point* is one number with its provenance (status, confidentiality, releases,
observation ids), keyed by area, period and breakdown (:data:`Key`). Every read goes
through ``Observation.objects.restrict(user, "view")``; a read is one query, never
one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from django.db.models import Aggregate, Case, CharField, Count, Max, QuerySet, Sum, When
from django.db.models import Value as V

from crossroads.core.permissions import VIEW
from crossroads.evidence.choices import AreaKind, Sex
from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.evidence.services.snapshot import (
    AreaInfo,
    Reference,
    ReleaseInfo,
    UnknownCode,
)

__all__ = ["AreaInfo", "Reference", "ReleaseInfo", "UnknownCode"]

#: A breakdown: sex, age, origin area id, destination area id.
Dims = tuple[str, str, int | None, int | None]
#: A figure's identity: area id, period code, breakdown.
Key = tuple[int, str, Dims]
Frame = dict[Key, "Point"]

#: Position of each breakdown in :data:`Dims`, and the code of its total.
DIMENSIONS: dict[str, tuple[int, str | None]] = {
    "sex": (0, Sex.TOTAL.value), "age": (1, TOTAL_AGE), "origin": (2, None),
    "destination": (3, None),
}
STATUS_RANK = {"A": 0, "E": 1, "P": 2, "M": 3, "S": 4}
CONFIDENTIALITY_RANK = {"F": 0, "N": 1, "C": 2, "D": 3}
STATUS_BY_RANK = {rank: code for code, rank in STATUS_RANK.items()}
CONFIDENTIALITY_BY_RANK = {rank: code for code, rank in CONFIDENTIALITY_RANK.items()}
#: Origins that are parts of a total (aggregates like "World" or "Europe" are not).
PART_KINDS = (AreaKind.COUNTRY, AreaKind.HISTORIC, AreaKind.OTHER)
ROW_FIELDS = ("id", "area_id", "period", "sex", "age", "origin_id", "destination_id", "value",
              "unit_multiplier", "status", "confidentiality", "release_id")


class Point(NamedTuple):
    """One number (in base units) and where it comes from."""

    value: float | None
    status: str = "A"
    confidentiality: str = "F"
    releases: frozenset[int] = frozenset()
    ids: tuple[int, ...] = ()


def merged(points: Iterable[Point], value: float | None) -> Point:
    """A point computed from others: their worst status and confidentiality, all provenance."""
    points = list(points)
    return Point(
        value,
        STATUS_BY_RANK[max((STATUS_RANK.get(p.status, 0) for p in points), default=0)],
        CONFIDENTIALITY_BY_RANK[max((CONFIDENTIALITY_RANK.get(p.confidentiality, 0)
                                     for p in points), default=0)],
        frozenset().union(*(p.releases for p in points)),
        tuple(sorted({i for p in points for i in p.ids})),
    )


def with_dims(dims: Dims, **changes: Any) -> Dims:
    """``dims`` with some breakdowns changed, by name (sex, age, origin, destination)."""
    values: list[Any] = list(dims)
    for name, value in changes.items():
        values[DIMENSIONS[name][0]] = value
    return (values[0], values[1], values[2], values[3])


@dataclass(frozen=True)
class Selection:
    """Which observations of an indicator to read (areas as ids; ``None`` means all)."""

    areas: frozenset[int] | None = None
    years: tuple[int, int] | None = None
    sex: str | None = Sex.TOTAL.value
    age: str | None = TOTAL_AGE
    origin: int | None = None
    breakdown: str | None = None
    release: str | None = None
    periods: tuple[str, ...] | None = None
    #: Read every release, not only the current one (for vintage-aware choices).
    all_releases: bool = False

    def but(self, **changes: Any) -> Selection:
        return replace(self, **changes)


class IdList(Aggregate):
    """The ids of a group, comma-separated (GROUP_CONCAT; STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="STRING_AGG",
                           template="%(function)s(CAST(%(expressions)s AS text), ',')", **extra)


def ranked(field_name: str, ranks: dict[str, int]) -> Case:
    """A field's code as its rank, for MAX() over a group (missing values rank 0)."""
    whens = [When(**{field_name: code}, then=V(rank)) for code, rank in ranks.items() if rank]
    return Case(When(value__isnull=True, then=V(0)), *whens, default=V(0))


def observations(user: Any, indicator: Indicator, sel: Selection) -> QuerySet[Observation]:
    """The observations of one indicator the user may see, narrowed by release and time."""
    # Disclosure control is applied to the figures query.series returns.
    qs: Any = Observation.objects.restrict(user, VIEW, include_protected=True).filter(
        indicator_id=indicator.pk
    )
    if sel.release:
        qs = qs.vintage(sel.release)
    elif not sel.all_releases:
        qs = qs.current()
    if sel.years:
        qs = qs.filter(period_start__gte=date(sel.years[0], 1, 1),
                       period_start__lte=date(sel.years[1], 12, 31))
    if sel.periods is not None:
        qs = qs.filter(period__in=sel.periods)
    if sel.breakdown == "sex":
        qs = qs.exclude(sex=Sex.TOTAL)
    elif sel.sex is not None:
        qs = qs.filter(sex=sel.sex)
    if sel.breakdown == "age":
        qs = qs.exclude(age=TOTAL_AGE)
    elif sel.age is not None:
        qs = qs.filter(age=sel.age)
    return qs.filter(destination__isnull=sel.breakdown != "destination")


Candidates = dict[Key, list[Point]]


class Preference:
    """Which figure to show when several sources give it: the indicator's preferred sources
    (``Indicator.source_priority``) in order, then any other, the newest release first."""

    def __init__(self, indicator: Indicator, ref: Reference) -> None:
        self.position = {code: i for i, code in enumerate(indicator.source_priority or [])}
        self.ref = ref

    def order(self, release_id: int) -> tuple[int, int]:
        info = self.ref.releases[release_id]
        return (self.position.get(info.source_code, len(self.position)), -info.rank)

    def best(self, points: list[Point]) -> Point:
        if len(points) == 1:
            return points[0]
        return min(points, key=lambda p: min(self.order(r) for r in p.releases))

    def choose(self, candidates: Candidates) -> Frame:
        return {key: self.best(points) for key, points in candidates.items()}


def read_candidates(user: Any, indicator: Indicator, sel: Selection) -> Candidates:
    """The selected observations as points: one per figure and source."""
    qs: Any = observations(user, indicator, sel)
    if sel.areas is not None:
        qs = qs.filter(area_id__in=sel.areas)
    if sel.breakdown == "origin":
        qs = qs.filter(origin__isnull=False)
    elif sel.origin is not None:
        qs = qs.filter(origin_id=sel.origin)
    else:
        qs = qs.filter(origin__isnull=True)
    found: Candidates = {}
    single: dict[int, frozenset[int]] = {}
    for (pk, area, period, sex, age, origin, destination, value, multiplier, status, conf,
         release) in qs.order_by().values_list(*ROW_FIELDS):
        releases = single.get(release)
        if releases is None:
            releases = single[release] = frozenset((release,))
        scaled = value if value is None or not multiplier else value * 10 ** multiplier
        found.setdefault((area, period, (sex, age, origin, destination)), []).append(
            Point(scaled, status, conf, releases, (pk,)))
    return found


def read_vintages(user: Any, indicator: Indicator,
                  sel: Selection) -> Iterator[tuple[Key, Point, bool]]:
    """Every release's point for the selected figures, and whether it is the current one."""
    qs: Any = observations(user, indicator, sel.but(all_releases=True, release=None))
    if sel.areas is not None:
        qs = qs.filter(area_id__in=sel.areas)
    qs = qs.filter(origin__isnull=True) if sel.origin is None else qs.filter(origin_id=sel.origin)
    for row in qs.order_by().values_list(*ROW_FIELDS, "is_latest"):
        (pk, area, period, sex, age, origin, destination, value, multiplier, status, conf,
         release, latest) = row
        scaled = None if value is None else value * 10 ** multiplier
        yield ((area, period, (sex, age, origin, destination)),
               Point(scaled, status, conf, frozenset((release,)), (pk,)), latest)


#: Summed rows by group (area, period, sex, age), then source: its latest release's rows.
Groups = dict[tuple[Any, ...], dict[str, list[dict[str, Any]]]]


def sum_groups(qs: QuerySet[Observation], area_field: str, destination_field: str | None,
               ref: Reference) -> Groups:
    """Observations summed in SQL by area, period, sex and age (and destination), per source.

    Of each source only its latest release in the group counts: a figure a newer release
    has is never added to parts that only an older release reported.
    """
    group = [area_field, "period", "sex", "age", "release_id", "unit_multiplier"]
    if destination_field:
        group.append(destination_field)
    rows = qs.order_by().values(*group).annotate(
        total=Sum("value"), valued=Count("value"), ids=IdList("id"),
        status_rank=Max(ranked("status", STATUS_RANK)),
        conf_rank=Max(ranked("confidentiality", CONFIDENTIALITY_RANK)),
    )
    groups: Groups = {}
    for row in rows:
        source = ref.releases[row["release_id"]].source_code
        held = groups.setdefault((row[area_field], row["period"], row["sex"], row["age"]),
                                 {}).setdefault(source, [])
        rank = ref.rank(row["release_id"])
        if held and rank < ref.rank(held[0]["release_id"]):
            continue
        if held and rank > ref.rank(held[0]["release_id"]):
            held.clear()
        held.append(row)
    return groups


def sum_point(rows: list[dict[str, Any]]) -> Point:
    """The point of a group's rows (one per unit multiplier or destination)."""
    valued = [row for row in rows if row["valued"]]
    value = sum(row["total"] * 10 ** row["unit_multiplier"] for row in valued) if valued else None
    ids = tuple(sorted(int(i) for row in rows for i in str(row["ids"]).split(",") if i))
    status = max((row["status_rank"] for row in rows), default=0) if valued else STATUS_RANK["M"]
    return Point(value, STATUS_BY_RANK[status],
                 CONFIDENTIALITY_BY_RANK[max(row["conf_rank"] for row in rows)],
                 frozenset(row["release_id"] for row in rows), ids)


def add_origin_parts(user: Any, indicator: Indicator, sel: Selection, ref: Reference,
                     found: Candidates) -> None:
    """Add all-origins figures summed from the origins, for sources that report no total.

    One query (none if every source of the indicator reported totals), over the releases
    of sources without any total among ``found``; only
    origins that are parts of a whole (countries, former countries, "other"), never
    aggregates such as "World" or "Europe".
    """
    reporting = {ref.releases[r].source_code for points in found.values() for p in points
                 for r in p.releases}
    others = [info.pk for info in ref.releases_of(indicator) if info.source_code not in reporting]
    if not others:
        return
    qs: Any = observations(user, indicator, sel).filter(release_id__in=others,
                                                        origin__kind__in=PART_KINDS)
    if sel.areas is not None:
        qs = qs.filter(area_id__in=sel.areas)
    for (area, period, sex, age), by_source in sum_groups(qs, "area_id", None, ref).items():
        for rows in by_source.values():
            found.setdefault((area, period, (sex, age, None, None)), []).append(sum_point(rows))


def read_by_origin(user: Any, indicator: Indicator, sel: Selection, ref: Reference) -> Frame:
    """For each origin, the sum over its destination countries (emigrants, refugees abroad).

    The result is keyed by the origin as area; with ``breakdown="destination"`` one point
    per destination country, from the source chosen for the origin's total. Aggregate
    destinations are never added, and sources are never mixed in one sum.
    """
    qs: Any = observations(user, indicator, sel.but(breakdown=None)).filter(
        origin__isnull=False, area__kind=AreaKind.COUNTRY)
    if sel.areas is not None:
        qs = qs.filter(origin_id__in=sel.areas)
    by_destination = sel.breakdown == "destination"
    groups = sum_groups(qs, "origin_id", "area_id" if by_destination else None, ref)
    prefer = Preference(indicator, ref)
    frame: Frame = {}
    for (origin, period, sex, age), by_source in groups.items():
        rows = min(by_source.values(), key=lambda rows: prefer.order(rows[0]["release_id"]))
        if not by_destination:
            frame[(origin, period, (sex, age, None, None))] = sum_point(rows)
            continue
        for row in rows:
            key = (origin, period, (sex, age, None, row["area_id"]))
            frame[key] = sum_point([row, *frame_rows(frame, key)])
    return frame


def frame_rows(frame: Frame, key: Key) -> list[dict[str, Any]]:
    """Rows already summed for a key (a destination seen with another unit multiplier)."""
    point = frame.get(key)
    if point is None:
        return []
    return [{"valued": point.value is not None, "total": point.value or 0.0,
             "unit_multiplier": 0, "ids": ",".join(map(str, point.ids)),
             "status_rank": STATUS_RANK[point.status],
             "conf_rank": CONFIDENTIALITY_RANK[point.confidentiality],
             "release_id": next(iter(point.releases))}]


def by_area(frame: Frame) -> dict[tuple[str, Dims], dict[int, Point]]:
    """A frame regrouped by (period, breakdown), then area."""
    grouped: dict[tuple[str, Dims], dict[int, Point]] = {}
    for (area, period, dims), point in frame.items():
        grouped.setdefault((period, dims), {})[area] = point
    return grouped


def release_has(indicator: Indicator, release: str, ref: Reference) -> bool:
    """Whether a release holds any observation of an indicator (pinning falls back if not)."""
    return any(info.code == release for info in ref.releases_of(indicator))
