"""Derived indicators, computed from observations (never typed in).

Formulas (``Indicator.formula``):

- ``ratio``: numerator ÷ denominator × factor, for the same area and period. The
  denominator comes from the numerator's own source when that source has it (UN DESA
  migrants over UN DESA population, as UN DESA publishes the share), else from the
  denominator's preferred source. A breakdown of the numerator the denominator does not
  have (migrants by origin over the total population) is divided by its total.
- ``share_of_world``: the area's value ÷ the world's (``denominator_filter.area``), of
  the same period and from the same release, else the same source, else the same
  producer; never across producers.
- ``sum_by_origin``: for an origin, the sum over destination countries (aggregate
  destinations such as "World" are never added).
- ``growth``: change between two years in percent of the earlier one.

A missing numerator or denominator gives no value (never a zero). Regional figures of
ratios are the ratio of the members' sums (``services/aggregates.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crossroads.evidence.choices import FormulaKind, Sex
from crossroads.evidence.models import Indicator
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.evidence.services import points as pts
from crossroads.evidence.services.aggregates import aggregate, is_additive, sum_regions
from crossroads.evidence.services.points import (
    DIMENSIONS,
    Dims,
    Frame,
    Key,
    Point,
    Reference,
    Selection,
    merged,
)
from crossroads.evidence.services.values import Coverage

Result = dict[Key, tuple[Point, Coverage | None]]


@dataclass
class Request:
    """One evaluation: who asks, what to read, and which areas are regions."""

    user: Any
    ref: Reference
    sel: Selection
    #: Areas whose own figures are wanted (None: every area with data).
    plain: frozenset[int] | None
    #: Regions (area id) and their member areas.
    regions: Mapping[int, Sequence[int]]

    def with_sel(self, sel: Selection) -> Request:
        return Request(self.user, self.ref, sel, self.plain, self.regions)


@dataclass
class Part:
    """A numerator or denominator: its points, and the breakdown it is read at."""

    frame: Frame
    #: Positions in Dims this part reads at fixed values (from its filter or its totals).
    fixed: Mapping[int, Any]
    #: Every source's point per figure (raw indicators), to match another part's source.
    candidates: pts.Candidates | None = None
    prefer: pts.Preference | None = None

    def dims(self, dims: Dims) -> Dims:
        values: list[Any] = list(dims)
        for position, value in self.fixed.items():
            values[position] = value
        return (values[0], values[1], values[2], values[3])

    def get(self, area: int, period: str, dims: Dims, like: Point | None = None) -> Point | None:
        """The point for a figure; from the same source as ``like`` when there is one."""
        key = (area, period, self.dims(dims))
        if like is None or self.candidates is None or self.prefer is None:
            return self.frame.get(key)
        sources = {self.prefer.ref.releases[r].source_code for r in like.releases}
        same = [p for p in self.candidates.get(key, ())
                if any(self.prefer.ref.releases[r].source_code in sources for r in p.releases)]
        return self.prefer.best(same) if same else self.frame.get(key)


def evaluate(indicator: Indicator, req: Request) -> Result:
    """The indicator's figures for the plain areas and the regions of a request."""
    formula = {
        FormulaKind.RATIO: ratio, FormulaKind.SHARE_OF_WORLD: share_of_world,
        FormulaKind.GROWTH: growth,
    }.get(indicator.formula)  # type: ignore[call-overload]
    if formula is not None:
        return formula(indicator, req)
    frame = area_frame(indicator, req.user, req.sel, req.ref)
    result: Result = {k: (p, None) for k, p in frame.items() if wanted(k[0], req)}
    if req.regions and is_additive(indicator):
        result.update(sum_regions(frame, req.regions, req.ref))
    return result


def wanted(area: int, req: Request) -> bool:
    return req.plain is None or area in req.plain


def area_frame(indicator: Indicator, user: Any, sel: Selection, ref: Reference) -> Frame:
    """The indicator's figures for single areas (no regions), for use as a component."""
    if indicator.formula == FormulaKind.RAW:
        return pts.Preference(indicator, ref).choose(raw_candidates(indicator, user, sel, ref))
    if indicator.formula == FormulaKind.SUM_BY_ORIGIN:
        if sel.breakdown == "origin":
            raise ValueError(f"{indicator.code} is a sum over origins: it has no origin "
                             "breakdown")
        base = ref.indicator_by_pk(indicator.numerator_id)
        return pts.read_by_origin(user, base, component_selection(base, sel, ref), ref)
    request = Request(user, ref, sel, sel.areas, {})
    return {key: point for key, (point, _) in evaluate(indicator, request).items()}


def raw_candidates(indicator: Indicator, user: Any, sel: Selection,
                   ref: Reference) -> pts.Candidates:
    """A raw indicator's points, every source's, with totals summed from origins if needed."""
    found = pts.read_candidates(user, indicator, sel)
    if sel.origin is None and sel.breakdown != "origin" \
            and "origin" in (indicator.disaggregations or []):
        pts.add_origin_parts(user, indicator, sel, ref, found)
    return found


def component_selection(indicator: Indicator, sel: Selection, ref: Reference) -> Selection:
    """A pinned release applies to a component only if the release has it."""
    if sel.release and not pts.release_has(indicator, sel.release, ref):
        return sel.but(release=None)
    return sel


def base_of(indicator: Indicator, ref: Reference) -> Indicator:
    """The raw indicator a derived one is ultimately read from (for release checks)."""
    while indicator.formula != FormulaKind.RAW and indicator.numerator_id:
        indicator = ref.indicator_by_pk(indicator.numerator_id)
    return indicator


def read_part(indicator: Indicator, sel: Selection, req: Request,
              fixed: Mapping[int, Any]) -> Part:
    """A component read at its fixed breakdown (from its filter or its totals)."""
    names = {position: name for name, (position, _) in DIMENSIONS.items()}
    changes: dict[str, Any] = {}
    for position, value in fixed.items():
        name = names[position]
        if name == "origin":
            changes["origin"] = value
        elif name in ("sex", "age"):
            changes[name] = value
    if sel.breakdown is not None and DIMENSIONS[sel.breakdown][0] in fixed:
        changes["breakdown"] = None
    part_sel = component_selection(base_of(indicator, req.ref), sel.but(**changes), req.ref)
    if indicator.formula != FormulaKind.RAW:
        return Part(area_frame(indicator, req.user, part_sel, req.ref), fixed)
    candidates = raw_candidates(indicator, req.user, part_sel, req.ref)
    prefer = pts.Preference(indicator, req.ref)
    return Part(prefer.choose(candidates), fixed, candidates, prefer)


def filter_positions(filters: Mapping[str, Any], ref: Reference) -> dict[int, Any]:
    """A numerator or denominator filter as fixed Dims positions (area is not a dimension)."""
    fixed: dict[int, Any] = {}
    for name, value in filters.items():
        if name == "area":
            continue
        if name not in DIMENSIONS:
            raise ValueError(f"unknown breakdown {name!r} in an indicator filter")
        position = DIMENSIONS[name][0]
        fixed[position] = ref.area(value).pk if name in ("origin", "destination") else value
    return fixed


def numerator_part(indicator: Indicator, req: Request) -> tuple[Part, Indicator]:
    numerator = req.ref.indicator_by_pk(indicator.numerator_id)
    fixed = filter_positions(indicator.numerator_filter or {}, req.ref)
    if req.sel.breakdown and DIMENSIONS[req.sel.breakdown][0] in fixed:
        raise ValueError(f"{indicator.code} cannot be broken down by {req.sel.breakdown}")
    return read_part(numerator, req.sel, req, fixed), numerator


def denominator_part(indicator: Indicator, req: Request) -> Part:
    """The denominator, at its totals for every breakdown it does not have."""
    denominator = req.ref.indicator_by_pk(indicator.denominator_id)
    has = set(denominator.disaggregations or [])
    fixed: dict[int, Any] = {position: total for name, (position, total) in DIMENSIONS.items()
                             if name not in has}
    fixed.update(filter_positions(indicator.denominator_filter or {}, req.ref))
    return read_part(denominator, req.sel, req, fixed)


def output_keys(part: Part, sel: Selection) -> Frame:
    """The numerator re-keyed by the breakdown the caller asked for (filters undone)."""
    asked = {0: sel.sex or Sex.TOTAL.value, 1: sel.age or TOTAL_AGE, 2: sel.origin, 3: None}
    if not part.fixed:
        return part.frame
    rekeyed: Frame = {}
    for (area, period, dims), point in part.frame.items():
        values: list[Any] = list(dims)
        for position in part.fixed:
            values[position] = asked[position]
        rekeyed[(area, period, (values[0], values[1], values[2], values[3]))] = point
    return rekeyed


def divide(numerator: Point | None, denominator: Point | None, factor: float) -> Point | None:
    """numerator ÷ denominator × factor, or None if either is missing or the divisor is 0."""
    if numerator is None or denominator is None:
        return None
    if numerator.value is None or not denominator.value:
        return None
    return merged([numerator, denominator], numerator.value / denominator.value * factor)


def ratio(indicator: Indicator, req: Request) -> Result:
    """Numerator ÷ denominator × factor per area; for regions, the ratio of the sums."""
    num, numerator = numerator_part(indicator, req)
    den = denominator_part(indicator, req)
    keyed = output_keys(num, req.sel)
    result: Result = {}
    for (area, period, dims), point in keyed.items():
        if wanted(area, req):
            value = divide(point, den.get(area, period, dims, like=point), indicator.factor)
            if value is not None:
                result[(area, period, dims)] = (value, None)
    denominator = req.ref.indicator_by_pk(indicator.denominator_id)
    if req.regions and is_additive(numerator) and is_additive(denominator):
        result.update(regional_ratios(keyed, den, req, indicator.factor))
    return result


def regional_ratios(keyed: Frame, den: Part, req: Request, factor: float) -> Result:
    result: Result = {}
    for (period, dims), members_points in pts.by_area(keyed).items():
        for region, members in req.regions.items():
            dens = {m: p for m in members
                    if (p := den.get(m, period, dims, like=members_points.get(m))) is not None}
            summed = aggregate(members, [members_points, dens], req.ref)
            if summed is None:
                continue
            value = divide(summed[0][0], summed[0][1], factor)
            if value is not None:
                result[(region, period, dims)] = (value, summed[1])
    return result


def share_of_world(indicator: Indicator, req: Request) -> Result:
    """The area's (or region's summed) value as a share of the world's."""
    num, numerator = numerator_part(indicator, req)
    world_code = (indicator.denominator_filter or {}).get("area", "WORLD")
    world = req.ref.area(world_code)
    den_fixed = filter_positions(indicator.denominator_filter or {}, req.ref)
    denominator = req.ref.indicator_by_pk(indicator.denominator_id)
    world_sel = req.sel.but(areas=frozenset({world.pk}),
                            **{n: v for n, v in named(den_fixed).items() if n != "destination"})
    candidates = world_candidates(req.user, denominator, world_sel, den_fixed)
    keyed = output_keys(num, req.sel)
    result: Result = {}
    for (area, period, dims), point in keyed.items():
        if wanted(area, req):
            value = share(point, candidates.get((period, dims), []), req.ref, indicator.factor)
            if value is not None:
                result[(area, period, dims)] = (value, None)
    if req.regions and is_additive(numerator):
        for (region, period, dims), (point, coverage) in sum_regions(
                keyed, req.regions, req.ref).items():
            value = share(point, candidates.get((period, dims), []), req.ref, indicator.factor)
            if value is not None:
                result[(region, period, dims)] = (value, coverage)
    return result


def named(fixed: Mapping[int, Any]) -> dict[str, Any]:
    names = {position: name for name, (position, _) in DIMENSIONS.items()}
    return {names[position]: value for position, value in fixed.items()}


def world_candidates(user: Any, denominator: Indicator, sel: Selection,
                     fixed: Mapping[int, Any]) -> dict[tuple[str, Dims], list[Point]]:
    """Every release's world figure, by period and (output) breakdown."""
    candidates: dict[tuple[str, Dims], list[Point]] = {}
    for (_, period, dims), point, _latest in pts.read_vintages(user, denominator,
                                                               sel.but(release=None)):
        if point.value is None:
            continue
        values: list[Any] = list(dims)
        for position in fixed:
            values[position] = (sel.sex, sel.age, sel.origin, None)[position]
        out = (values[0] or Sex.TOTAL.value, values[1] or TOTAL_AGE, values[2], values[3])
        candidates.setdefault((period, out), []).append(point)
    return candidates


def share(point: Point, candidates: Iterable[Point], ref: Reference,
          factor: float) -> Point | None:
    """The point ÷ the world figure of its own release family."""
    world = same_family(point, list(candidates), ref)
    return divide(point, world, factor)


def same_family(point: Point, candidates: list[Point], ref: Reference) -> Point | None:
    """The candidate from the same release, else the same source, else the same producer."""
    releases = [ref.releases[r] for r in point.releases]
    tests: list[Callable[[int], bool]] = [
        lambda r: r in point.releases,
        lambda r: ref.releases[r].source_code in {x.source_code for x in releases},
        lambda r: ref.releases[r].producer in {x.producer for x in releases},
    ]
    for test in tests:
        fitting = [c for c in candidates if any(test(r) for r in c.releases)]
        if fitting:
            return max(fitting, key=lambda c: max(ref.rank(r) for r in c.releases))
    return None


def year_of(period: str) -> int | None:
    """The year of an annual period ("2015"), None for other periods."""
    return int(period) if len(period) == 4 and period.isdigit() else None


def change(first: Point | None, last: Point | None, factor: float) -> Point | None:
    """(last − first) ÷ first × factor, or None without both or when first is 0."""
    if first is None or last is None or first.value is None or not first.value \
            or last.value is None:
        return None
    return merged([first, last], (last.value - first.value) / first.value * factor)


def growth(indicator: Indicator, req: Request) -> Result:
    """Change between consecutive available years ("2010/2015"), per area and region."""
    base = req.ref.indicator_by_pk(indicator.numerator_id)
    frame = area_frame(base, req.user, component_selection(base, req.sel, req.ref), req.ref)
    series: dict[tuple[int, Dims], dict[int, Point]] = {}
    for (area, period, dims), point in frame.items():
        year = year_of(period)
        if year is not None and point.value is not None:
            series.setdefault((area, dims), {})[year] = point
    result: Result = {}
    for (area, dims), by_year in series.items():
        if not wanted(area, req):
            continue
        years = sorted(by_year)
        for first, last in zip(years, years[1:], strict=False):
            value = change(by_year[first], by_year[last], indicator.factor)
            if value is not None:
                result[(area, f"{first}/{last}", dims)] = (value, None)
    if req.regions and is_additive(base):
        result.update(regional_growth(series, req, indicator.factor))
    return result


def regional_growth(series: Mapping[tuple[int, Dims], Mapping[int, Point]], req: Request,
                    factor: float) -> Result:
    """Growth of a region's total over the members covered in both years."""
    result: Result = {}
    dims_set = {dims for _, dims in series}
    for region, members in req.regions.items():
        for dims in dims_set:
            member_series = {m: series.get((m, dims), {}) for m in members}
            years = sorted({y for s in member_series.values() for y in s})
            for first, last in zip(years, years[1:], strict=False):
                value = regional_change(member_series, first, last, members, req.ref, factor)
                if value is not None:
                    result[(region, f"{first}/{last}", dims)] = value
    return result


def regional_change(member_series: Mapping[int, Mapping[int, Point]], first: int, last: int,
                    members: Sequence[int], ref: Reference,
                    factor: float) -> tuple[Point, Coverage] | None:
    """The change of the members' sum between two years, over members covered in both."""
    before = {m: s[first] for m, s in member_series.items() if first in s}
    after = {m: s[last] for m, s in member_series.items() if last in s}
    summed = aggregate(members, [before, after], ref)
    if summed is None:
        return None
    value = change(summed[0][0], summed[0][1], factor)
    return None if value is None else (value, summed[1])
