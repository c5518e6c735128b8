"""Vega-Lite specs of the evidence charts: time series, ranked bars, corridors.

Each function takes figures (:class:`~crossroads.evidence.services.values.Value`) and
translated words (:class:`~crossroads.evidence.charts.text.ChartText`), and returns a
:class:`Chart`: the spec and a sentence that says what the chart shows (its text
alternative). ``render.render_svg`` turns a chart into SVG.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from crossroads.evidence.charts.text import (
    ChartText,
    Row,
    ranked_summary,
    series_label,
    series_summary,
)
from crossroads.evidence.importers.periods import parse_period
from crossroads.evidence.services.values import Value

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 640
BAR_COLOUR = "#1f5f99"
#: Dimensions of a Value a chart may draw series or categories by.
DIMENSIONS = ("area", "sex", "age", "origin", "destination")


@dataclass(frozen=True)
class Chart:
    """A chart ready to render: its Vega-Lite spec and its text alternative."""

    spec: dict[str, Any]
    title: str
    summary: str


def base_spec(text: ChartText, height: int) -> dict[str, Any]:
    """What every chart shares: schema, size, title and subtitle, fonts."""
    lines = text.title_lines()
    title: dict[str, Any] = {"text": lines if len(lines) > 1 else text.title, "anchor": "start",
                             "fontSize": 15}
    if text.subtitle_lines():
        title["subtitle"] = text.subtitle_lines()
    return {
        "$schema": SCHEMA, "width": WIDTH, "height": height, "title": title,
        "background": "white", "padding": 8,
        "config": {"font": "sans-serif", "view": {"stroke": None},
                   "axis": {"labelFontSize": 11, "titleFontSize": 12}},
    }


def known(values: Sequence[Value]) -> list[Value]:
    """The values that carry a number (missing and suppressed ones left out)."""
    return [v for v in values if v.value is not None]


def series_name(value: Value, by: Sequence[str], names: Mapping[str, str],
                joiner: str = " · ") -> str:
    """The label of a value's series or category, e.g. "Moldova · Female"."""
    return joiner.join(series_label(getattr(value, key), key, names) for key in by)


def value_axis(number_format: str) -> dict[str, Any]:
    """A value axis in the given d3 format, zero written as "0" (not "0M")."""
    return {"format": number_format, "labelExpr": "datum.value == 0 ? '0' : datum.label"}


# Time series ------------------------------------------------------------------------------

def time_series_rows(
    values: Sequence[Value], by: Sequence[str], names: Mapping[str, str]
) -> list[Row]:
    """One row per figure, in time order within each series."""
    rows = []
    for v in known(values):
        period = parse_period(v.period)
        rows.append({"series": series_name(v, by, names), "period": v.period,
                     "year": period.year, "date": period.start.isoformat(), "value": v.value})
    return sorted(rows, key=lambda row: (row["series"], row["date"]))


def time_axis(rows: Sequence[Row], title: str) -> dict[str, Any]:
    """The x encoding: years as numbers when every period is a year, dates otherwise."""
    if all(len(row["period"]) == 4 for row in rows):
        return {"field": "year", "type": "quantitative", "title": title,
                "scale": {"zero": False, "nice": False},
                "axis": {"format": "d", "tickMinStep": 1}}
    return {"field": "date", "type": "temporal", "title": title, "scale": {"type": "utc"},
            "axis": {"format": "%Y-%m"}}


def time_series(
    values: Sequence[Value], text: ChartText, *, by: Sequence[str] = ("area",),
    names: Mapping[str, str] | None = None, number_format: str = "~s",
) -> Chart:
    """A line per series (area, sex… as ``by`` says) over time, a marker per figure."""
    rows = time_series_rows(values, by, names or {})
    series = {"field": "series", "type": "nominal", "title": text.series or None}
    spec = {**base_spec(text, 320), "data": {"values": rows},
            "mark": {"type": "line", "point": {"filled": True, "size": 45}, "strokeWidth": 2},
            "encoding": {
                "x": time_axis(rows, text.category),
                "y": {"field": "value", "type": "quantitative", "title": text.value,
                      "axis": value_axis(number_format)},
                "color": series,
            }}
    if len({row["series"] for row in rows}) <= 1:
        spec["encoding"]["color"] = {"value": BAR_COLOUR}
    summary = series_summary(rows, _("Line chart of %(title)s") % {"title": text.title})
    return Chart(spec, text.title, summary)


# Ranked bars ------------------------------------------------------------------------------

def ranked_rows(
    values: Sequence[Value], by: Sequence[str], names: Mapping[str, str], top: int,
    joiner: str,
) -> list[Row]:
    """The ``top`` largest figures, largest first, each with its label."""
    ranked = sorted(known(values), key=lambda v: v.value or 0.0, reverse=True)[:top]
    return [{"label": series_name(v, by, names, joiner), "value": v.value,
             "status": v.status} for v in ranked]


def ranked_bars(
    values: Sequence[Value], text: ChartText, *, by: Sequence[str] = ("area",), top: int = 20,
    names: Mapping[str, str] | None = None, number_format: str = ",.0f",
    axis_format: str = "~s", joiner: str = " · ",
) -> Chart:
    """Horizontal bars of the largest figures (areas, or corridors with ``by=("origin",
    "area")`` and ``joiner=" → "``), each bar labelled with its value."""
    rows = ranked_rows(values, by, names or {}, top, joiner)
    order = [row["label"] for row in rows]
    y = {"field": "label", "type": "nominal", "title": text.category or None, "sort": order,
         "axis": {"labelLimit": 260}}
    x = {"field": "value", "type": "quantitative", "title": text.value,
         "axis": value_axis(axis_format)}
    spec = {**base_spec(text, max(60, 22 * len(rows))), "data": {"values": rows},
            "encoding": {"y": y, "x": x},
            "layer": [
                {"mark": {"type": "bar", "color": BAR_COLOUR}},
                {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                 "encoding": {"text": {"field": "value", "type": "quantitative",
                                       "format": number_format}}},
            ]}
    summary = ranked_summary(rows, _("Bar chart of %(title)s") % {"title": text.title})
    return Chart(spec, text.title, summary)


# Corridors --------------------------------------------------------------------------------

def corridor_rows(
    values: Sequence[Value], names: Mapping[str, str], top: int
) -> tuple[list[Row], list[Row]]:
    """The ``top`` corridors as origin → destination links, and the labels of both ends.

    Ends are ranked by the total of their corridors, largest at the top of each side.
    """
    corridors = [v for v in known(values) if v.origin]
    corridors = sorted(corridors, key=lambda v: v.value or 0.0, reverse=True)[:top]
    origins = rank_ends(corridors, "origin")
    destinations = rank_ends(corridors, "area")
    links = [{"origin": series_label(v.origin, "origin", names),
              "destination": series_label(v.area, "area", names), "value": v.value,
              "y": origins[v.origin or ""], "y2": destinations[v.area]} for v in corridors]
    ends = [{"side": 0, "y": y, "label": series_label(code, "origin", names)}
            for code, y in origins.items()]
    ends += [{"side": 1, "y": y, "label": series_label(code, "area", names)}
             for code, y in destinations.items()]
    return links, ends


def rank_ends(corridors: Sequence[Value], key: str) -> dict[str, float]:
    """Vertical positions (0 top … 1 bottom) of one side's areas, by total of their flows."""
    totals: dict[str, float] = {}
    for v in corridors:
        code = str(getattr(v, key))
        totals[code] = totals.get(code, 0.0) + (v.value or 0.0)
    ranked = sorted(totals, key=lambda code: totals[code], reverse=True)
    return {code: (i + 0.5) / len(ranked) for i, code in enumerate(ranked)}


def end_labels(
    ends: list[Row], x: dict[str, Any], y: dict[str, Any], align: str, dx: int
) -> dict[str, Any]:
    """A text layer naming one side's areas beside the ends of their links."""
    return {"data": {"values": ends},
            "mark": {"type": "text", "fontSize": 11, "baseline": "middle", "align": align,
                     "dx": dx},
            "encoding": {"x": {**x, "field": "side"}, "y": {**y, "field": "y"},
                         "text": {"field": "label"}}}


def corridors(
    values: Sequence[Value], text: ChartText, *, top: int = 15,
    names: Mapping[str, str] | None = None, origin_title: str = "", destination_title: str = "",
) -> Chart:
    """Links from origins (left) to destinations (right), as wide as their figure."""
    links, ends = corridor_rows(values, names or {}, top)
    y = {"type": "quantitative", "scale": {"domain": [0, 1], "reverse": True}, "axis": None}
    x = {"type": "quantitative", "scale": {"domain": [0, 1]}, "axis": None}
    rows_tall = max(sum(e["side"] == 0 for e in ends), sum(e["side"] == 1 for e in ends))
    spec = {**base_spec(text, max(80, 26 * rows_tall)), "layer": [
        {"data": {"values": links},
         "mark": {"type": "rule", "opacity": 0.55, "strokeCap": "round", "color": BAR_COLOUR},
         "encoding": {"x": {**x, "datum": 0}, "x2": {"datum": 1},
                      "y": {**y, "field": "y"}, "y2": {"field": "y2"},
                      "strokeWidth": {"field": "value", "type": "quantitative",
                                      "scale": {"range": [1, 14]}, "title": text.value or None,
                                      "legend": {"orient": "bottom", "direction": "horizontal",
                                                 "format": ",.0f"}}}},
        end_labels([e for e in ends if e["side"] == 0], x, y, "right", -6),
        end_labels([e for e in ends if e["side"] == 1], x, y, "left", 6),
    ], "width": 360}
    if origin_title or destination_title:
        spec["title"]["subtitle"] = [*spec["title"].get("subtitle", []),
                                     f"{origin_title} → {destination_title}"]
    rows = [{"label": f"{link['origin']} → {link['destination']}", "value": link["value"]}
            for link in links]
    summary = ranked_summary(rows, _("Corridor chart of %(title)s") % {"title": text.title})
    return Chart(spec, text.title, summary)
