"""What the browse page shows for a query: the table of figures and the chart that fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.evidence.charts.maps import choropleth
from crossroads.evidence.charts.specs import Chart, corridors, ranked_bars, time_series
from crossroads.evidence.charts.text import ChartText, format_number, series_label
from crossroads.evidence.choices import KosovoConvention, ObservationStatus, Unit
from crossroads.evidence.models import Area, Release
from crossroads.evidence.pages.browse.forms import BrowseQuery
from crossroads.evidence.services.values import Value

#: Rows shown in the page's table; downloads hold every row.
MAX_TABLE_ROWS = 500
#: Lines in a time series; the largest series (by their last figure) are kept.
MAX_SERIES = 10
KOSOVO = "XKX"
#: d3 formats of the axis and of labelled values, by unit.
FORMATS: dict[str, tuple[str, str]] = {
    Unit.PERCENT: (".1f", ",.1f"), Unit.RATIO: (".2f", ",.2f"),
    Unit.USD_PER_CAPITA: (",.0f", ",.0f"),
}
DEFAULT_FORMATS = ("~s", ",.0f")


@dataclass
class SourceInfo:
    """A release the figures come from, as the page cites it."""

    code: str
    title: str
    url: str
    source: str
    within_serbia: bool


@dataclass
class Results:
    """The figures of a query and how the page presents them."""

    query: BrowseQuery
    values: list[Value]
    names: dict[str, str]
    sources: dict[str, SourceInfo]
    chart: Chart | None = None
    chart_note: str = ""
    columns: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def rows(self) -> list[list[Cell]]:
        """The table's first MAX_TABLE_ROWS rows."""
        return [table_row(v, self.columns, self.names, self.sources)
                for v in self.values[:MAX_TABLE_ROWS]]

    @property
    def truncated(self) -> bool:
        return len(self.values) > MAX_TABLE_ROWS


def area_names(values: Sequence[Value], extra: Sequence[str] = ()) -> dict[str, str]:
    """Display names of the areas the figures mention, in the active language."""
    codes = {c for v in values for c in (v.area, v.origin, v.destination) if c} | set(extra)
    return {area.code: str(area) for area in Area.objects.filter(code__in=codes)}


def release_sources(values: Sequence[Value]) -> dict[str, SourceInfo]:
    """The releases the figures were read or computed from, by code."""
    codes = {code for v in values for code in v.releases}
    return {r.code: SourceInfo(
        r.code, r.title, reverse("evidence:release", args=[r.pk]), r.source.name,
        r.source.kosovo_convention == KosovoConvention.WITHIN_SERBIA,
    ) for r in Release.objects.filter(code__in=codes).select_related("source")}


def table_columns(values: Sequence[Value]) -> list[tuple[str, str]]:
    """The table's columns: breakdown columns only when some figure is broken down."""
    columns = [("area", _("Area")), ("period", _("Period"))]
    optional = [("sex", _("Sex"), "_T"), ("age", _("Age group"), "_T"),
                ("origin", _("Origin"), None), ("destination", _("Destination"), None)]
    for key, label, total in optional:
        if any(getattr(v, key) != total for v in values):
            columns.append((key, label))
    return columns + [("value", _("Value")), ("status", _("Status")),
                      ("sources", _("Sources"))]


@dataclass(frozen=True)
class Cell:
    """One cell of the table: text, and a link or the sources it cites."""

    text: str
    url: str = ""
    sources: tuple[SourceInfo, ...] = ()
    numeric: bool = False


def table_row(value: Value, columns: Sequence[tuple[str, str]], names: Mapping[str, str],
              sources: Mapping[str, SourceInfo]) -> list[Cell]:
    """One figure as the table shows it, a cell per column."""
    return [table_cell(value, key, names, sources) for key, _label in columns]


def table_cell(value: Value, key: str, names: Mapping[str, str],
               sources: Mapping[str, SourceInfo]) -> Cell:
    """The cell of one column for one figure; a raw figure links to its observation."""
    if key == "value":
        ids = value.observation_ids
        url = reverse("evidence:observation", args=[ids[0]]) if len(ids) == 1 else ""
        text = format_number(value.value) if value.value is not None else "—"
        return Cell(text, url=url, numeric=True)
    if key == "status":
        status = ObservationStatus(value.status).label if value.status in \
            ObservationStatus.values else value.status
        return Cell(str(status) + (f" ({value.coverage})" if value.coverage else ""))
    if key == "sources":
        return Cell("", sources=tuple(sources[c] for c in value.releases if c in sources))
    if key == "period":
        return Cell(value.period)
    return Cell(series_label(getattr(value, key), key, names))


def breakdown_keys(query: BrowseQuery, values: Sequence[Value]) -> tuple[str, ...]:
    """What tells the series (or bars) apart: the area and the broken-down dimension."""
    dimension = {"origin": "origin", "destination": "destination", "sex": "sex",
                 "age": "age"}.get(query.breakdown or "")
    several_areas = len({v.area for v in values}) > 1
    if dimension is None:
        return ("area",)
    if dimension == "origin":
        return ("origin", "area") if several_areas else ("origin",)
    return ("area", dimension) if several_areas else (dimension,)


def series_title(keys: Sequence[str]) -> str:
    """The legend title of a chart's series, e.g. "Area · Sex"."""
    titles = {"area": _("Area"), "sex": _("Sex"), "age": _("Age group"), "origin": _("Origin"),
              "destination": _("Destination")}
    return " · ".join(titles[key] for key in keys)


def chart_kind(query: BrowseQuery, values: Sequence[Value]) -> str:
    """The chart asked for, or the one that fits: a line over several years, else bars."""
    if query.chart != "auto":
        return query.chart
    if len({v.period for v in values}) > 1:
        return "line"
    return "corridors" if query.breakdown == "origin" else "bars"


def chart_text(query: BrowseQuery, sources: Mapping[str, SourceInfo], values: Sequence[Value],
               period: str = "") -> ChartText:
    """Title (indicator and year), source line, unit and the Kosovo note of a chart."""
    used = {code for v in values for code in v.releases}
    cited = sorted({s.title for code, s in sources.items() if code in used})
    title = str(query.indicator) + (f", {period}" if period else "")
    note = ""
    within = sorted({s.source for code, s in sources.items() if code in used and s.within_serbia})
    if within and KOSOVO in query.areas:
        note = _("Kosovo is counted within Serbia by %(sources)s.") % {
            "sources": ", ".join(within)}
    if len(cited) > 1:
        subtitle = "\n".join([_("Sources:"), *cited])
    else:
        subtitle = _("Source: %(source)s") % {"source": cited[0]} if cited else ""
    return ChartText(title=title, subtitle=subtitle, value=query.indicator.get_unit_display(),
                     category=_("Year"), series="", note=note)


def latest_period(values: Sequence[Value]) -> str:
    """The most recent period that has a figure."""
    return max((v.period for v in values if v.value is not None), default="")


def largest_series(values: Sequence[Value], keys: Sequence[str]) -> list[Value]:
    """The values of the MAX_SERIES series with the largest last figure."""
    last: dict[tuple[Any, ...], tuple[str, float]] = {}
    for v in values:
        if v.value is not None:
            key = tuple(getattr(v, k) for k in keys)
            last[key] = max(last.get(key, ("", 0.0)), (v.period, v.value))
    kept = set(sorted(last, key=lambda k: last[k][1], reverse=True)[:MAX_SERIES])
    return [v for v in values if tuple(getattr(v, k) for k in keys) in kept]


def build_chart(results: Results, countries: Sequence[str]) -> None:
    """Choose and build the chart of the results (or say why there is none).

    ``countries`` are those a map colours (the others are drawn in grey).
    """
    query, values = results.query, [v for v in results.values if v.value is not None]
    if not values:
        results.chart_note = _("No figures match this query.")
        return
    kind, keys = chart_kind(query, values), breakdown_keys(query, values)
    axis_format, label_format = FORMATS.get(query.indicator.unit, DEFAULT_FORMATS)
    names, sources = results.names, results.sources
    if kind == "line":
        shown = largest_series(values, keys)
        if len(shown) < len(values):
            results.chart_note = _("The chart shows the %(count)d largest series; the table "
                                   "has them all.") % {"count": MAX_SERIES}
        text = replace(chart_text(query, sources, shown), series=series_title(keys))
        results.chart = time_series(shown, text, by=keys, names=names, number_format=axis_format)
        return
    period = latest_period(values)
    if len({v.period for v in values}) > 1:
        results.chart_note = _("The chart shows %(period)s, the latest period.") % {
            "period": period}
    current = [v for v in values if v.period == period]
    text = chart_text(query, sources, current, period)
    if kind == "map":
        build_map(results, current, text, countries, axis_format)
    elif kind == "corridors" and any(v.origin for v in current):
        results.chart = corridors(current, replace(text, category=""), names=names,
                                  origin_title=_("Origin"), destination_title=_("Destination"))
    else:
        joiner = " → " if keys[0] == "origin" and len(keys) > 1 else " · "
        results.chart = ranked_bars(current, replace(text, category=""), by=keys, names=names,
                                    number_format=label_format, axis_format=axis_format,
                                    joiner=joiner)


def build_map(results: Results, values: Sequence[Value], text: ChartText,
              countries: Sequence[str], number_format: str) -> None:
    """A map of one figure per country (totals only: no breakdown)."""
    totals = [v for v in values if v.sex == "_T" and v.age == "_T" and v.origin is None
              and v.destination is None]
    if not totals:
        results.chart_note = _("The map shows one figure per country: choose no breakdown.")
        return
    names = {**area_names([], countries), **results.names}
    results.chart = choropleth(totals, replace(text, no_data=_("No data")), members=countries,
                               names=names, number_format=number_format,
                               outside_label=_("Outside the region"))
