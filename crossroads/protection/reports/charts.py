"""Charts of the protection reports: Vega-Lite specs drawn as SVG on the server.

The charts are drawn from the tables as the reader sees them (:mod:`.tables`): a count
shown as ``<5`` is not drawn, and the text alternative says so. Specs and rendering are
the evidence base's (``crossroads.evidence.charts``), so every chart carries a title and
a description for screen readers inside its SVG; the page shows the table beneath.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from crossroads.evidence.charts.render import render_svg
from crossroads.evidence.charts.specs import BAR_COLOUR, Chart, base_spec
from crossroads.evidence.charts.text import ChartText
from crossroads.protection.reports.tables import Table, small_cell

Datum = dict[str, Any]


def note(table: Table) -> str:
    """The subtitle of a chart with protected cells: what is not drawn."""
    if not table.protected:
        return ""
    return _("Counts below %(n)s are shown as <%(n)s in the table and not drawn.") \
        % {"n": small_cell()}


def summary(kind: str, table: Table) -> str:
    """The text alternative: the kind of chart, its title, and every count as shown."""
    if len(table.columns) == 1:
        parts = [f"{row.label}: {row.cells[0]}" for row in table.rows]
    else:
        parts = [f"{row.label}, {label}: {cell}" for row in table.rows
                 for (_key, label), cell in zip(table.columns, row.cells, strict=True) if cell]
    sentence = _("%(kind)s of %(title)s: %(counts)s.") % {
        "kind": kind, "title": table.title, "counts": "; ".join(parts) or _("nothing counted")}
    return f"{sentence} {note(table)}".strip()


def drawn(table: Table) -> list[Datum]:
    """The cells a chart may draw: counts shown as numbers, zeros left out."""
    return [{"row": row.label, "column": label, "count": cell}
            for row in table.rows
            for (_key, label), cell in zip(table.columns, row.cells, strict=True)
            if isinstance(cell, int) and cell > 0]


def frame(table: Table, height: int, value: str, category: str = "") -> dict[str, Any]:
    """What every report chart shares: title, note on protected cells, size."""
    return base_spec(ChartText(title=table.title, note=note(table), value=value,
                               category=category), height)


def count_axis(title: str) -> dict[str, Any]:
    """A quantitative axis of whole counts."""
    return {"field": "count", "type": "quantitative", "title": title,
            "axis": {"format": "d", "tickMinStep": 1}}


def bars(table: Table, value: str) -> Chart | None:
    """Horizontal bars, one per category of a one-way table, each labelled with its count."""
    data = drawn(table)
    if not data:
        return None
    order = [row.label for row in table.rows]
    spec = {**frame(table, max(60, 24 * len(table.rows)), value), "data": {"values": data},
            "encoding": {"y": {"field": "row", "type": "nominal", "sort": order, "title": None,
                               "axis": {"labelLimit": 260}},
                         "x": count_axis(value)},
            "layer": [{"mark": {"type": "bar", "color": BAR_COLOUR}},
                      {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                       "encoding": {"text": {"field": "count", "type": "quantitative"}}}]}
    return Chart(spec, table.title, summary(_("Bar chart"), table))


def grouped_bars(table: Table, value: str, category: str) -> Chart | None:
    """Bars grouped by column (age group), one bar per row (sex) in each group."""
    data = drawn(table)
    if not data:
        return None
    rows = [row.label for row in table.rows]
    columns = [label for _key, label in table.columns]
    spec = {**frame(table, 260, value, category), "data": {"values": data}, "mark": "bar",
            "encoding": {"x": {"field": "column", "type": "nominal", "sort": columns,
                               "title": category, "axis": {"labelAngle": 0}},
                         "xOffset": {"field": "row", "sort": rows},
                         "y": count_axis(value),
                         "color": {"field": "row", "type": "nominal", "sort": rows,
                                   "title": None}}}
    return Chart(spec, table.title, summary(_("Grouped bar chart"), table))


def stacked_bars(table: Table, value: str) -> Chart | None:
    """Horizontal bars per row (service), stacked by column (status) in the table's order."""
    data = drawn(table)
    if not data:
        return None
    rows = [row.label for row in table.rows]
    columns = [label for _key, label in table.columns]
    for datum in data:
        datum["position"] = columns.index(datum["column"])
    spec = {**frame(table, max(60, 26 * len(rows)), value), "data": {"values": data},
            "mark": "bar",
            "encoding": {"y": {"field": "row", "type": "nominal", "sort": rows, "title": None,
                               "axis": {"labelLimit": 260}},
                         "x": {**count_axis(value), "stack": "zero"},
                         "color": {"field": "column", "type": "nominal", "sort": columns,
                                   "scale": {"domain": columns}, "title": None},
                         "order": {"field": "position", "type": "quantitative"}}}
    return Chart(spec, table.title, summary(_("Stacked bar chart"), table))


def month_segments(table: Table) -> list[Datum]:
    """The months drawn, numbered by stretch: a protected month ends a stretch, so the
    line is broken there rather than drawn through a count nobody may see."""
    data, segment = [], 0
    for row in table.rows:
        count = row.cells[0]
        if not isinstance(count, int):
            segment += 1
            continue
        data.append({"row": row.label, "date": f"{row.key}-01", "count": count,
                     "segment": segment})
    return data


def month_line(table: Table, value: str) -> Chart | None:
    """A line of counts per month, broken at a month whose count is protected."""
    data = month_segments(table)
    if not any(datum["count"] for datum in data):
        return None
    spec = {**frame(table, 240, value, _("Month")), "data": {"values": data},
            "mark": {"type": "line", "point": {"filled": True, "size": 45}, "strokeWidth": 2,
                     "color": BAR_COLOUR},
            "encoding": {"x": {"field": "date", "type": "temporal", "title": _("Month"),
                               "scale": {"type": "utc"},
                               "axis": {"format": "%Y-%m", "tickCount": "month"}},
                         "y": count_axis(value),
                         "detail": {"field": "segment", "type": "nominal"}}}
    return Chart(spec, table.title, summary(_("Line chart"), table))


def svg(chart: Chart | None) -> str:
    """The chart as SVG with its title and description inside, or "" when nothing is drawn."""
    return render_svg(chart) if chart is not None else ""


def caseload_charts(tables: dict[str, Table]) -> dict[str, Chart | None]:
    """The dashboard's charts, by the key of the table each one draws."""
    cases, persons = _("Cases"), _("Principals")
    return {
        "case_type": bars(tables["case_type"], cases),
        "status": bars(tables["status"], cases),
        "country": bars(tables["country"], cases),
        "month": month_line(tables["month"], cases),
        "sex_age": grouped_bars(tables["sex_age"], persons, _("Age group")),
    }


def delivery_charts(tables: dict[str, Table]) -> dict[str, Chart | None]:
    """The service-delivery report's charts, by the key of the table each one draws."""
    return {
        "referrals": stacked_bars(tables["referrals"], _("Referrals")),
        "assistance": bars(tables["assistance"], _("Services delivered")),
        "persons_by_sex_age": grouped_bars(tables["persons_by_sex_age"], _("Persons"),
                                           _("Age group")),
    }
