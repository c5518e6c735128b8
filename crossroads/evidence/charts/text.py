"""The words around a chart: titles passed in translated, and its text alternative."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: Characters per line of a chart's title and subtitle (charts are 640 pixels wide).
TITLE_WIDTH, SUBTITLE_WIDTH = 70, 105


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (words are not cut)."""
    return textwrap.wrap(text, width, break_long_words=False) or [text]


@dataclass(frozen=True)
class ChartText:
    """Titles and labels of one chart, already in the reader's language.

    ``subtitle`` may hold several lines (one per source). ``value`` titles the value axis
    or the colour legend (e.g. "Persons"), ``category`` the other axis (e.g. "Year"),
    ``series`` the legend of lines (e.g. "Area"); ``note`` follows the subtitle (e.g.
    "Kosovo is counted within Serbia by …"); ``no_data`` names areas without a figure.
    """

    title: str
    subtitle: str = ""
    value: str = ""
    category: str = ""
    series: str = ""
    note: str = ""
    no_data: str = ""

    def title_lines(self) -> list[str]:
        """The title, wrapped to fit the chart's width."""
        return wrap(self.title, TITLE_WIDTH)

    def subtitle_lines(self) -> list[str]:
        """The subtitle then the note, wrapped, one source per line (new lines kept)."""
        return [line for text in (self.subtitle, self.note) if text
                for part in text.splitlines() for line in wrap(part, SUBTITLE_WIDTH)]


#: One datum of a chart, as Vega-Lite reads it (JSON-ready).
Row = dict[str, Any]


def format_number(value: float | None, decimals: int | None = None) -> str:
    """A number as the reader's locale writes it, thousands grouped, precision by size."""
    if value is None:
        return _("no data")
    if decimals is None:
        decimals = default_decimals(value)
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def default_decimals(value: float) -> int:
    """Decimals worth showing: none for counts, more for small shares and ratios."""
    size = abs(value)
    if float(value).is_integer() or size >= 100:
        return 0
    return 1 if size >= 10 else 2 if size >= 1 else 3


def label(code: str | None, names: Mapping[str, str]) -> str:
    """The display name of an area code (the code itself when no name is known)."""
    if code is None:
        return _("All")
    return names.get(code, code)


def ranked_summary(rows: Sequence[Row], describe: str, top: int = 3) -> str:
    """A sentence naming the largest values, e.g. "…: Russia (11,643,276), Ukraine (…)"."""
    if not rows:
        return _("%(chart)s: no data.") % {"chart": describe}
    leaders = ", ".join(f"{row['label']} ({format_number(row['value'])})"
                        for row in rows[:top])
    return _("%(chart)s, %(count)d values. Highest: %(leaders)s.") % {
        "chart": describe, "count": len(rows), "leaders": leaders}


def series_summary(rows: Sequence[Row], describe: str) -> str:
    """A clause per series giving its first and last value, e.g. "Moldova from 1 in 1990 …"."""
    series: dict[str, list[Row]] = {}
    for row in rows:
        series.setdefault(str(row["series"]), []).append(row)
    if not series:
        return _("%(chart)s: no data.") % {"chart": describe}
    parts = []
    for name, points in series.items():
        first, last = points[0], points[-1]
        parts.append(_("%(series)s from %(first)s in %(start)s to %(last)s in %(end)s") % {
            "series": name, "first": format_number(first["value"]),
            "start": first["period"], "last": format_number(last["value"]),
            "end": last["period"]})
    return f"{describe}: {'; '.join(parts)}."


def series_label(code: str | None, key: str, names: Mapping[str, str]) -> str:
    """The display name of a series code (areas by name, sexes and ages as words)."""
    if key == "sex":
        return {"_T": _("Total"), "F": _("Female"), "M": _("Male")}.get(code or "", code or "")
    if key == "age":
        return _("All ages") if code in (None, "_T") else str(code)
    return label(code, names)
