"""Key figures: the headline numbers a regional strategy opens with, for an area and a year.

Every figure is read through :func:`services.query.series` (so ``restrict()`` applies),
and carries its definition, its sources and vintages, its coverage (for regions) and
a link to the observations behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from crossroads.evidence.choices import AreaKind, FormulaKind, Unit
from crossroads.evidence.models import Indicator
from crossroads.evidence.services.derived import year_of
from crossroads.evidence.services.points import AreaInfo, Reference, ReleaseInfo
from crossroads.evidence.services.query import growth_between, series
from crossroads.evidence.services.values import Coverage, Value

#: More observations than this are linked by filters rather than by their ids.
MAX_LINKED_IDS = 150
TOP = 5
#: Indicators of the page's single figures, in order, by section.
SECTIONS: tuple[tuple[Promise, tuple[tuple[str, Promise], ...]], ...] = (
    (gettext_lazy("International migrants"), (
        ("MIG_STOCK", gettext_lazy("International migrants")),
        ("MIG_STOCK_PCT_POP", gettext_lazy("Share of the population")),
        ("MIG_FEMALE_PCT", gettext_lazy("Share of women among migrants")),
        ("MIG_SHARE_WORLD", gettext_lazy("Share of the world's migrants")),
        ("POP", gettext_lazy("Total population")),
    )),
    (gettext_lazy("Emigrants"), (
        ("EMIG_STOCK", gettext_lazy("Emigrants living abroad")),
        ("EMIG_PCT_POP", gettext_lazy("Emigrants as a share of the population")),
    )),
    (gettext_lazy("Refugees and asylum-seekers"), (
        ("REFUGEES", gettext_lazy("Refugees hosted")),
        ("ASYLUM_SEEKERS", gettext_lazy("Asylum-seekers hosted")),
        ("REFUGEES_ORIGINATING", gettext_lazy("Refugees originating from here")),
        ("ASYLUM_SEEKERS_ORIGINATING", gettext_lazy("Asylum-seekers originating from here")),
    )),
    (gettext_lazy("Internal displacement"), (
        ("IDP_CONFLICT_STOCK", gettext_lazy("IDPs (conflict and violence)")),
        ("IDP_DISASTER_STOCK", gettext_lazy("IDPs (disasters)")),
        ("IDP_CONFLICT_NEW", gettext_lazy("New displacements (conflict and violence)")),
        ("IDP_DISASTER_NEW", gettext_lazy("New displacements (disasters)")),
    )),
    (gettext_lazy("Remittances"), (
        ("REMIT_IN", gettext_lazy("Remittances received")),
        ("REMIT_IN_PCT_GDP", gettext_lazy("Remittances received, share of GDP")),
        ("REMIT_IN_PER_CAPITA", gettext_lazy("Remittances received per person")),
        ("REMIT_OUT", gettext_lazy("Remittances paid")),
    )),
)
HEADLINE = "MIG_STOCK"
GROWTH = "MIG_STOCK_GROWTH"


@dataclass
class Figure:
    """One headline figure for the chosen year (``value`` None: no data)."""

    key: str
    label: str
    indicator: Indicator
    value: Value | None
    display: str
    sources: list[ReleaseInfo]
    link: str
    #: Years with data for this figure (to point at when the chosen year has none).
    years: list[int] = field(default_factory=list)
    #: The closest years with data before and after the chosen one, when it has none.
    nearest: list[int] = field(default_factory=list)
    kind = "figure"

    @property
    def coverage(self) -> Coverage | None:
        return self.value.coverage if self.value else None


def nearest_years(years: Sequence[int], year: int | None) -> list[int]:
    """The closest years before and after ``year`` (for a figure without data that year)."""
    if year is None or year in years:
        return []
    return [*[y for y in years if y < year][-1:], *[y for y in years if y > year][:1]]


@dataclass
class Ranked:
    """One row of a ranking: a partner area and its figure."""

    area: AreaInfo
    value: Value
    display: str
    share: str
    link: str


@dataclass
class Ranking:
    """A list of partner areas (origins, destinations, corridors) for the chosen year."""

    key: str
    label: str
    indicator: Indicator
    rows: list[Ranked]
    sources: list[ReleaseInfo]
    note: str = ""
    kind = "ranking"


@dataclass
class Section:
    title: str
    figures: list[Figure | Ranking]


@dataclass
class KeyFigures:
    """The key figures of one area and year, and what the page needs to navigate."""

    area: AreaInfo
    is_region: bool
    year: int | None
    years: list[int]
    since: int | None
    since_years: list[int]
    sections: list[Section]
    members: list[AreaInfo]


def format_value(value: float | None, unit: str, *, signed: bool = False) -> str:
    """A value as the page shows it: grouped digits, %, US$ in millions or billions."""
    if value is None:
        return _("no data")
    if unit == Unit.PERCENT:
        decimals = 1 if abs(value) >= 1 or value == 0 else 2 if abs(value) >= 0.1 else 3
        # Django's number_format cuts digits off; round first (57.69 → "57.7", not "57.6").
        text = number_format(round(value, decimals), decimals, force_grouping=True) + " %"
        return ("+" + text) if signed and value > 0 else text
    if unit == Unit.USD:
        if abs(value) >= 1e9:
            return _("US$ %(amount)s billion") % {"amount": number_format(round(value / 1e9, 2), 2)}
        if abs(value) >= 1e6:
            return _("US$ %(amount)s million") % {"amount": number_format(round(value / 1e6, 1), 1)}
        return _("US$ %(amount)s") % {"amount": number_format(round(value), 0,
                                                               force_grouping=True)}
    if unit == Unit.USD_PER_CAPITA:
        return _("US$ %(amount)s") % {"amount": number_format(round(value), 0,
                                                           force_grouping=True)}
    if unit == Unit.RATIO:
        return number_format(round(value, 2), 2)
    return number_format(round(value), 0, force_grouping=True)


def observations_link(value: Value | None, area: AreaInfo, year: int | None,
                      indicator: Indicator, ref: Reference) -> str:
    """The observation list, filtered to the observations behind a figure."""
    base = reverse("evidence:observation_list")
    if value is None:
        return ""
    if value.observation_ids and len(value.observation_ids) <= MAX_LINKED_IDS:
        return f"{base}?id={','.join(str(i) for i in value.observation_ids)}"
    raw = indicator
    while raw.formula != FormulaKind.RAW and raw.numerator_id:
        raw = ref.indicator_by_pk(raw.numerator_id)
    query = f"?indicator_code={raw.code}"
    if year is not None:
        query += f"&year={year}"
    if area.kind != AreaKind.REGION:
        dimension = "origin_code" if indicator.formula == FormulaKind.SUM_BY_ORIGIN \
            else "area_code"
        query += f"&{dimension}={area.code}"
    if len(value.releases) == 1:
        query += f"&release_code={value.releases[0]}"
    return base + query


class Builder:
    """Reads the figures of one area (and the members of a region) for the page."""

    def __init__(self, user: Any, area: AreaInfo, ref: Reference) -> None:
        self.user, self.area, self.ref = user, area, ref
        self.releases = {r.code: r for r in ref.releases.values()}

    def series(self, code: str, **kwargs: Any) -> list[Value]:
        return series(self.user, code, areas=[self.area.code], reference=self.ref, **kwargs)

    def sources(self, values: Sequence[Value]) -> list[ReleaseInfo]:
        codes = sorted({c for v in values for c in v.releases},
                       key=lambda c: self.releases[c].rank)
        return [self.releases[c] for c in codes]

    def annual(self, code: str) -> dict[int, Value]:
        """An indicator's yearly values for the area, every year (one call)."""
        found = {}
        for value in self.series(code):
            year = year_of(value.period)
            if year is not None and value.value is not None:
                found[year] = value
        return found

    def figure(self, code: str, label: Promise, year: int | None,
               by_year: dict[int, Value]) -> Figure:
        indicator = self.ref.indicators[code]
        value = by_year.get(year) if year is not None else None
        return Figure(code, str(label), indicator, value,
                      format_value(value.value if value else None, indicator.unit),
                      self.sources([value] if value else []),
                      observations_link(value, self.area, year, indicator, self.ref),
                      sorted(by_year), nearest_years(sorted(by_year), year))

    def growth(self, year: int | None, since: int | None) -> Figure | None:
        if GROWTH not in self.ref.indicators:
            return None
        indicator = self.ref.indicators[GROWTH]
        value = None
        if year is not None and since is not None and since < year:
            value = growth_between(self.user, GROWTH, self.area.code, since, year,
                                   reference=self.ref)
        label = _("Change in the number of migrants since %(year)s") % {"year": since or "…"}
        return Figure(GROWTH, label, indicator, value,
                      format_value(value.value if value else None, indicator.unit, signed=True),
                      self.sources([value] if value else []),
                      observations_link(value, self.area, year, indicator, self.ref))

    def ranking(self, code: str, label: str | Promise, year: int, breakdown: str,
                total: Value | None) -> Ranking | None:
        if code not in self.ref.indicators:
            return None
        indicator = self.ref.indicators[code]
        values = [v for v in self.series(code, years=(year, year), breakdown=breakdown)
                  if v.value is not None and len(v.period) == 4]
        partner: Callable[[Value], str | None] = (
            (lambda v: v.origin) if breakdown == "origin" else (lambda v: v.destination))
        values = [v for v in values if self.is_country(partner(v))]
        values.sort(key=lambda v: -(v.value or 0))
        rows = [Ranked(self.ref.codes[partner(v) or ""], v,
                       format_value(v.value, indicator.unit), share_of(v, total),
                       observations_link(v, self.area, year, indicator, self.ref))
                for v in values[:TOP]]
        return Ranking(f"{code}_BY_{breakdown.upper()}", str(label), indicator, rows,
                       self.sources(values[:TOP]))

    def is_country(self, code: str | None) -> bool:
        return code is not None and self.ref.codes[code].kind == AreaKind.COUNTRY

    def corridor_costs(self, year: int) -> Ranking | None:
        """Average cost of sending money to the area, per corridor, for the year."""
        if "REMIT_COST" not in self.ref.indicators:
            return None
        indicator = self.ref.indicators["REMIT_COST"]
        targets = [self.ref.areas[m].code for m in self.ref.members.get(self.area.pk, ())] \
            or [self.area.code]
        values = series(self.user, "REMIT_COST", areas=targets, years=(year, year),
                        breakdown="origin", reference=self.ref)
        rows = [corridor_row(group, self.ref, self.area, year, indicator)
                for group in by_corridor(values).values()]
        volumes = self.corridor_volumes(targets)
        rows.sort(key=lambda row: (-volumes.get((row.value.area, row.value.origin), -1.0),
                                   row.value.area, row.area.code))
        shown = rows[:2 * TOP if len(targets) > 1 else TOP]
        note = _("The main corridors (sending country → receiving country) by the remittances "
                 "they carry; each cost is the mean of the year's surveys in that corridor, "
                 "and costs of different corridors are not averaged.")
        return Ranking("REMIT_COST_BY_ORIGIN", _("Average cost of sending money here"),
                       indicator, shown, self.sources([row.value for row in shown]), note)

    def corridor_volumes(self, targets: list[str]) -> dict[tuple[str, str | None], float]:
        """Remittances received per corridor, latest year with an estimate (for ranking)."""
        if "REMIT_IN" not in self.ref.indicators:
            return {}
        latest: dict[tuple[str, str | None], tuple[str, float]] = {}
        for value in series(self.user, "REMIT_IN", areas=targets, breakdown="origin",
                            reference=self.ref):
            key = (value.area, value.origin)
            if value.value is not None and value.period >= latest.get(key, ("", 0.0))[0]:
                latest[key] = (value.period, value.value)
        return {key: amount for key, (_, amount) in latest.items()}


def year_list(*collections: dict[int, Value]) -> list[int]:
    return sorted({year for collection in collections for year in collection})


def share_of(value: Value, total: Value | None) -> str:
    if total is None or not total.value or value.value is None:
        return ""
    return format_value(value.value / total.value * 100, Unit.PERCENT)


def by_corridor(values: Sequence[Value]) -> dict[tuple[str, str | None], list[Value]]:
    groups: dict[tuple[str, str | None], list[Value]] = {}
    for value in values:
        if value.value is not None:
            groups.setdefault((value.area, value.origin), []).append(value)
    return groups


def corridor_row(group: list[Value], ref: Reference, area: AreaInfo, year: int,
                 indicator: Indicator) -> Ranked:
    """One corridor: the mean of its surveys in the year, with all their observations."""
    mean = sum(v.value or 0.0 for v in group) / len(group)
    first = group[0]
    combined = Value(indicator=first.indicator, area=first.area, period=str(year), value=mean,
                     origin=first.origin,
                     releases=tuple(dict.fromkeys(c for v in group for c in v.releases)),
                     observation_ids=tuple(i for v in group for i in v.observation_ids))
    surveys = ngettext("%(count)s survey", "%(count)s surveys", len(group)) % {
        "count": len(group)}
    return Ranked(ref.codes[first.origin or ""], combined, format_value(mean, indicator.unit),
                  surveys, observations_link(combined, area, year, indicator, ref))


def key_figures(user: Any, area_code: str, *, year: int | None = None,
                since: int | None = None, reference: Reference | None = None) -> KeyFigures:
    """The key figures of an area (country or region) for a year (default: the latest).

    Raises ``UnknownCode`` for an unknown area.
    """
    ref = reference or Reference.load()
    area = ref.area(area_code)
    build = Builder(user, area, ref)
    annual = {code: build.annual(code) for _, figures in SECTIONS for code, _label in figures
              if code in ref.indicators}
    years = year_list(*annual.values())
    headline_years = sorted(annual.get(HEADLINE, {}))
    if year is None and years:
        year = (headline_years or years)[-1]
    since_years = [y for y in headline_years if year is not None and y < year]
    if since is None and since_years:
        earlier = [y for y in since_years if year is not None and y <= year - 5]
        since = (earlier or since_years)[-1]
    sections = [Section(str(title), [build.figure(code, label, year, annual[code])
                                     for code, label in figures if code in annual])
                for title, figures in SECTIONS]
    growth = build.growth(year, since)
    if growth is not None:
        sections[0].figures.append(growth)
    if year is not None:
        add_rankings(build, sections, year, annual)
    members = [ref.areas[m] for m in ref.members.get(area.pk, ())]
    return KeyFigures(area, area.pk in ref.members, year, years, since, since_years,
                      [s for s in sections if s.figures], members)


def add_rankings(build: Builder, sections: list[Section], year: int,
                 annual: dict[str, dict[int, Value]]) -> None:
    """Top origins of immigrants, top destinations of emigrants, corridor costs."""
    ranked = [
        (0, build.ranking(HEADLINE, gettext_lazy("Main countries of origin of immigrants"),
                          year, "origin", annual.get(HEADLINE, {}).get(year))),
        (1, build.ranking("EMIG_STOCK", gettext_lazy("Main countries of destination of "
                                                     "emigrants"),
                          year, "destination", annual.get("EMIG_STOCK", {}).get(year))),
        (4, build.corridor_costs(year)),
    ]
    for index, ranking in ranked:
        if ranking is not None:
            sections[index].figures.append(ranking)
