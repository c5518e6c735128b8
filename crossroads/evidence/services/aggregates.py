"""Regional aggregates: sums over a region's members, with coverage and the Kosovo rule.

A regional figure is the sum of its members' figures for counts of people and amounts
of money; a percentage is never averaged but recomputed from the summed numerator and
denominator over the members that have both (see ``services/derived.py``). Each
regional figure says how many members it covers ("19 of 20 members").

Kosovo (UNSC resolution 1244): UN DESA and UNHCR count Kosovo within Serbia. When
Serbia's figure comes from such a source, Kosovo is *included in others*: it is not
missing, and a separate Kosovo figure (from the World Bank or IDMC) is not added, so
nobody is counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crossroads.evidence.choices import FormulaKind, KosovoConvention, Unit
from crossroads.evidence.models import Indicator
from crossroads.evidence.services.points import Dims, Frame, Key, Point, Reference, merged
from crossroads.evidence.services.values import Coverage

#: Members a source may count within another member, with the convention that says so.
COUNTED_WITHIN: dict[str, tuple[str, str]] = {
    "XKX": ("SRB", KosovoConvention.WITHIN_SERBIA.value),
}
#: Units whose values add up across areas.
ADDITIVE_UNITS = {Unit.PERSONS.value, Unit.USD.value}

#: How a member stands in one component of a regional figure.
VALUED, WITHIN, ABSENT = "valued", "within", "absent"


def is_additive(indicator: Indicator) -> bool:
    """Whether regional figures of the indicator are sums of the members' figures."""
    if indicator.formula == FormulaKind.SUM_BY_ORIGIN:
        return True
    return indicator.formula == FormulaKind.RAW and indicator.unit in ADDITIVE_UNITS


def counts_within(point: Point | None, convention: str, ref: Reference) -> bool:
    """Whether a host's figure comes from a source that counts the other member within it."""
    if point is None or point.value is None:
        return False
    return any(ref.releases[r].kosovo_convention == convention for r in point.releases)


def standing(member: int, component: Mapping[int, Point], ref: Reference,
             codes: Mapping[str, int]) -> str:
    """Whether a member has a value in a component, is counted within another, or neither."""
    host = COUNTED_WITHIN.get(ref.areas[member].code)
    if host is not None and host[0] in codes \
            and counts_within(component.get(codes[host[0]]), host[1], ref):
        return WITHIN
    point = component.get(member)
    return VALUED if point is not None and point.value is not None else ABSENT


def aggregate(members: Sequence[int], components: Sequence[Mapping[int, Point]],
              ref: Reference) -> tuple[list[Point], Coverage] | None:
    """Each component summed over the members that all components cover, and the coverage.

    A member counted within another member is covered only if its host is. Returns None
    when no member is covered (a figure with zero coverage is not a value).
    """
    codes = {ref.areas[m].code: m for m in members}
    states = {m: [standing(m, c, ref, codes) for c in components] for m in members}
    covered = {m for m, s in states.items() if ABSENT not in s and WITHIN not in s}
    for member, member_states in states.items():
        host = COUNTED_WITHIN.get(ref.areas[member].code)
        if ABSENT not in member_states and WITHIN in member_states and host \
                and codes[host[0]] in covered:
            covered.add(member)
    if not covered:
        return None
    sums = []
    for index, component in enumerate(components):
        points = [component[m] for m in members
                  if m in covered and states[m][index] == VALUED]
        sums.append(merged(points, sum(p.value or 0.0 for p in points)))
    coverage = Coverage(
        covered=len(covered), members=len(members),
        missing=tuple(ref.areas[m].code for m in members if m not in covered),
        included_in_others=tuple(ref.areas[m].code for m in members
                                 if m in covered and WITHIN in states[m]),
    )
    return sums, coverage


def sum_regions(frame: Frame, regions: Mapping[int, Sequence[int]],
                ref: Reference) -> dict[Key, tuple[Point, Coverage]]:
    """Regional totals of an additive frame: one per region, period and breakdown."""
    grouped: dict[tuple[str, Dims], dict[int, Point]] = {}
    for (area, period, dims), point in frame.items():
        grouped.setdefault((period, dims), {})[area] = point
    totals: dict[Key, tuple[Point, Coverage]] = {}
    for region, members in regions.items():
        for (period, dims), points in grouped.items():
            result = aggregate(members, [points], ref)
            if result is not None:
                totals[(region, period, dims)] = (result[0][0], result[1])
    return totals
