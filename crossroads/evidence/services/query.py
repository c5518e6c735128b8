"""The query service: figures of any indicator, for areas and regions, as :class:`Value`.

Charts, browse pages, exports and key figures read numbers only through
:func:`series` and :func:`growth_between`. Observations are read through
``Observation.objects.restrict(user, "view")`` and nothing else: of each source its
latest release (unless a vintage is pinned), and where several sources give the same
figure, the indicator's preferred source (``Indicator.source_priority``); values in
base units (unit multiplier applied). Regions (areas of kind region, e.g. ``SEEECA``)
get regional aggregates with their coverage (``services/aggregates.py``); derived
indicators are computed by ``services/derived.py``. Results are cached until the data
changes, per access (the SQL of the user's ``restrict()``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet

from crossroads.core.permissions import VIEW
from crossroads.evidence.choices import FormulaKind, Sex
from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.evidence.services import points as pts
from crossroads.evidence.services.aggregates import aggregate, is_additive
from crossroads.evidence.services.derived import (
    Request,
    Result,
    area_frame,
    change,
    component_selection,
    evaluate,
)
from crossroads.evidence.services.points import (
    DIMENSIONS,
    Point,
    Reference,
    Selection,
    UnknownCode,
)
from crossroads.evidence.services.values import Coverage, Value

__all__ = ["Reference", "UnknownCode", "growth_between", "series"]

BREAKDOWNS = tuple(DIMENSIONS)
#: Computed figures are kept until the data changes (the key holds the data version).
CACHE_SECONDS = 24 * 3600


def series(
    user: Any, indicator: str, *, areas: Sequence[str] | None = None,
    years: tuple[int, int] | None = None, sex: str | None = Sex.TOTAL.value,
    age: str | None = TOTAL_AGE, origin: str | None = None, breakdown: str | None = None,
    release: str | None = None, reference: Reference | None = None,
) -> list[Value]:
    """The figures of one indicator the user may see, one :class:`Value` per figure.

    ``areas`` are area codes (None: every area with data; regions are only computed
    when named). ``origin=None`` is the all-origins figure (summed from the origins
    when a source reports no total); ``breakdown`` ("origin", "destination", "sex",
    "age") returns one value per origin, destination, sex (F, M) or age group instead.
    ``sex``/``age`` None means any. ``release`` pins a vintage (release code).
    ``reference`` is a :class:`Reference` snapshot to reuse across calls of one page.
    Raises :class:`UnknownCode` for unknown codes, ValueError for impossible requests.
    """
    ref = reference or Reference.load()
    ind = ref.indicator(indicator)
    if breakdown is not None and breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r} (one of {', '.join(BREAKDOWNS)})")
    key = cache_key(user, ref, indicator, None if areas is None else tuple(areas), years, sex,
                    age, origin, breakdown, release)
    cached = cache.get(key)
    if cached is not None:
        return unpack(cached)
    plain, regions = split_areas(areas, ref)
    sel = Selection(
        areas=None if areas is None else frozenset(plain).union(*regions.values()),
        years=years, sex=sex, age=age, origin=ref.area(origin).pk if origin else None,
        breakdown=breakdown, release=release,
    )
    result = evaluate(ind, Request(user, ref, sel, None if areas is None else plain, regions))
    values = disclose(user, ind, to_values(ind, result, ref), ref, regions)
    cache.set(key, pack(values), CACHE_SECONDS)
    return values


def disclose(user: Any, indicator: Indicator, values: list[Value], ref: Reference,
             regions: dict[int, tuple[int, ...]]) -> list[Value]:
    """Apply disclosure control for users without access to the underlying records.

    Counts of an indicator with a small-cell threshold are protected (primary and
    secondary suppression). A derived figure built from such counts is withheld
    altogether: a ratio could otherwise reveal the suppressed count.
    """
    from crossroads.evidence.services.disclosure import needs_protection, protect_for

    if indicator.formula == FormulaKind.RAW:
        members = {str(ref.code(region)): [str(ref.code(m)) for m in ms]
                   for region, ms in regions.items()}
        return protect_for(user, values, indicator, regions=members or None)
    inputs = [ref.indicator_by_pk(pk) for pk in (indicator.numerator_id, indicator.denominator_id)
              if pk is not None]
    if not any(needs_protection(user, i) for i in inputs):
        return values
    return [withheld(v) for v in values]


def withheld(value: Value) -> Value:
    """A figure hidden by disclosure control."""
    return replace(value, value=None, status="S", confidentiality="C", observation_ids=())


def pack(values: list[Value]) -> list[tuple[Any, ...]]:
    """Values as plain tuples (pickled ten times faster than dataclasses)."""
    return [(v.indicator, v.area, v.period, v.value, v.sex, v.age, v.origin, v.destination,
             v.status, v.confidentiality, v.releases,
             None if v.coverage is None else (v.coverage.covered, v.coverage.members,
                                              v.coverage.missing, v.coverage.included_in_others),
             v.observation_ids) for v in values]


def unpack(rows: list[tuple[Any, ...]]) -> list[Value]:
    return [Value(indicator=row[0], area=row[1], period=row[2], value=row[3], sex=row[4],
                  age=row[5], origin=row[6], destination=row[7], status=row[8],
                  confidentiality=row[9], releases=row[10],
                  coverage=None if row[11] is None else Coverage(*row[11]),
                  observation_ids=row[12]) for row in rows]


def cache_key(user: Any, ref: Reference, *request: Any) -> str:
    """The cache key of a request: what was asked, the data version, and who may see what.

    Who may see what is the SQL of ``restrict(user, "view")`` itself, so users with the
    same access share entries and nobody reads figures computed for wider access.
    """
    try:
        audience = str(Observation.objects.restrict(user, VIEW, include_protected=True).query)
    except EmptyResultSet:
        audience = "nobody"
    from crossroads.evidence.services.disclosure import sees_microdata

    microdata = sees_microdata(user)
    text = repr((request, ref.version, audience, microdata))
    return "evidence:series:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def split_areas(codes: Iterable[str] | None,
                ref: Reference) -> tuple[frozenset[int], dict[int, tuple[int, ...]]]:
    """Area codes as ids of single areas, and regions with their members."""
    plain: set[int] = set()
    regions: dict[int, tuple[int, ...]] = {}
    for code in codes or ():
        area = ref.area(code)
        if ref.is_region(area.pk):
            regions[area.pk] = ref.members[area.pk]
        else:
            plain.add(area.pk)
    return frozenset(plain), regions


def to_values(indicator: Indicator, result: Result, ref: Reference) -> list[Value]:
    """Points as Values, sorted by area code, period and breakdown."""
    values = [value_of(indicator, key, point, coverage, ref)
              for key, (point, coverage) in result.items()]
    return sorted(values, key=lambda v: (v.area, v.period, v.sex, v.age, v.origin or "",
                                         v.destination or ""))


def value_of(indicator: Indicator, key: pts.Key, point: Point, coverage: Coverage | None,
             ref: Reference) -> Value:
    area, period, (sex, age, origin, destination) = key
    return Value(
        indicator=indicator.code, area=ref.areas[area].code, period=period, value=point.value,
        sex=sex, age=age, origin=ref.code(origin), destination=ref.code(destination),
        status=point.status, confidentiality=point.confidentiality,
        releases=ref.release_codes(point.releases), coverage=coverage,
        observation_ids=point.ids,
    )


def growth_between(
    user: Any, indicator: str, area: str, y1: int, y2: int, *,
    sex: str = Sex.TOTAL.value, age: str = TOTAL_AGE, origin: str | None = None,
    reference: Reference | None = None,
) -> Value | None:
    """The change of an indicator between two years, in percent of the first (or None).

    ``indicator`` is a growth indicator (MIG_STOCK_GROWTH: its numerator is used) or
    any indicator (its own change). The earlier year is read from the same release as
    the later one when that release has it, so revisions do not pose as change. For a
    region, the change of the members' total over the members covered in both years.
    The Value's period is "y1/y2".
    """
    ref = reference or Reference.load()
    key = cache_key(user, ref, "growth", indicator, area, y1, y2, sex, age, origin)
    cached = cache.get(key)
    if cached is not None:
        return unpack(cached)[0] if cached else None
    value = compute_growth(user, ref, indicator, area, y1, y2, sex, age, origin)
    cache.set(key, pack([value]) if value else [], CACHE_SECONDS)
    return value


def compute_growth(user: Any, ref: Reference, indicator: str, area: str, y1: int, y2: int,
                   sex: str, age: str, origin: str | None) -> Value | None:
    """The change of ``growth_between``, computed (not cached)."""
    ind = ref.indicator(indicator)
    base = ref.indicator_by_pk(ind.numerator_id) if ind.formula == FormulaKind.GROWTH else ind
    factor = ind.factor if ind.formula == FormulaKind.GROWTH else 100.0
    target = ref.area(area)
    members = ref.members.get(target.pk) or (target.pk,)
    if ref.is_region(target.pk) and not is_additive(base):
        return None
    sel = Selection(areas=frozenset(members), sex=sex, age=age,
                    origin=ref.area(origin).pk if origin else None,
                    periods=(str(y1), str(y2)))
    before, after = year_points(user, base, sel, ref, str(y1), str(y2))
    if ref.is_region(target.pk):
        summed = aggregate(members, [before, after], ref)
        if summed is None:
            return None
        point, coverage = change(summed[0][0], summed[0][1], factor), summed[1]
    else:
        point, coverage = change(before.get(target.pk), after.get(target.pk), factor), None
    if point is None:
        return None
    key = (target.pk, f"{y1}/{y2}", (sex, age, sel.origin, None))
    return value_of(ind, key, point, coverage, ref)


def year_points(user: Any, base: Indicator, sel: Selection, ref: Reference, first: str,
                last: str) -> tuple[dict[int, Point], dict[int, Point]]:
    """Each area's points for two years; the first from the later one's release if it can."""
    frame = area_frame(base, user, component_selection(base, sel, ref), ref)
    dims = (sel.sex or Sex.TOTAL.value, sel.age or TOTAL_AGE, sel.origin, None)
    before = {a: p for (a, period, d), p in frame.items() if period == first and d == dims}
    after = {a: p for (a, period, d), p in frame.items() if period == last and d == dims}
    if base.formula == FormulaKind.RAW:
        for (area, period, d), point, _ in pts.read_vintages(user, base,
                                                             sel.but(periods=(first,))):
            later = after.get(area)
            if d == dims and period == first and later is not None \
                    and point.releases <= later.releases and point.value is not None:
                before[area] = point
    return before, after
