"""Reading a profile's figures from ``evidence``, as items of the document.

Every number goes through ``evidence.services.query.series`` (so ``restrict()`` and
disclosure control apply) by way of the key-figures ``Builder``. A figure is the value
of the reference year or, failing that, of the latest earlier year (never a later
one: a 2013 profile says what was known of 2013); its footnote names the releases.
What is missing or old is written down for the data gaps annex as it is read.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from crossroads.evidence.charts.render import render_svg
from crossroads.evidence.charts.specs import Chart
from crossroads.evidence.pages.keyfigures import coverage_json
from crossroads.evidence.services.derived import year_of
from crossroads.evidence.services.keyfigures import Builder, Ranking, format_value
from crossroads.evidence.services.points import AreaInfo, Reference
from crossroads.evidence.services.values import Value
from crossroads.profiles.content.notes import Notes

Item = dict[str, Any]


class Gaps:
    """What the annex lists: figures with no data, and figures from old data."""

    def __init__(self) -> None:
        self.missing: list[Item] = []
        self.older: list[Item] = []
        self._seen: set[tuple[str, str]] = set()

    def no_data(self, key: str, label: str, section: str) -> None:
        if ("missing", key) not in self._seen:
            self._seen.add(("missing", key))
            self.missing.append({"key": key, "label": label, "section": section})

    def old(self, key: str, label: str, section: str, year: int, age: int) -> None:
        if ("older", key) not in self._seen:
            self._seen.add(("older", key))
            self.older.append({"key": key, "label": label, "section": section, "year": year,
                               "age": age})


class Reader:
    """The figures of one area up to one reference year, as document items."""

    def __init__(self, user: Any, area: AreaInfo, year: int, ref: Reference, *,
                 stale_after: int, language: str) -> None:
        self.user, self.area, self.year, self.ref = user, area, year, ref
        self.stale_after, self.language = stale_after, language
        self.build = Builder(user, area, ref)
        self.notes = Notes()
        self.gaps = Gaps()
        self.charts: dict[str, Item] = {}
        #: The year each ranking of partners was drawn from (charts draw the same year).
        self.ranked_years: dict[str, int] = {}
        self.section = ""
        self._annual: dict[str, dict[int, Value]] = {}

    # Reading ---------------------------------------------------------------------------

    def annual(self, code: str) -> dict[int, Value]:
        """The indicator's yearly values for the area up to the reference year."""
        if code not in self._annual:
            found = self.build.annual(code) if code in self.ref.indicators else {}
            self._annual[code] = {y: v for y, v in found.items() if y <= self.year}
        return self._annual[code]

    def pick(self, code: str) -> tuple[int, Value] | None:
        """The value of the reference year, or of the latest earlier year with data."""
        years = self.annual(code)
        if not years:
            return None
        latest = max(years)
        return latest, years[latest]

    def cite(self, code: str, values: list[Value]) -> int | None:
        return self.notes.cite(self.ref.indicators[code], self.build.sources(values))

    def age_check(self, key: str, label: str, year: int) -> None:
        if self.year - year > self.stale_after:
            self.gaps.old(key, label, self.section, year, self.year - year)

    # Items -----------------------------------------------------------------------------

    def figure(self, code: str, label: str | Promise) -> Item:
        """One number: its value, year, footnote and the observations behind it."""
        label = str(label)
        item: Item = {"type": "figure", "key": code, "label": label, "indicator": code,
                      "unit": "", "value": None, "display": _("no data"), "year": None,
                      "period": None, "note": None, "observations": [], "releases": [],
                      "coverage": None}
        picked = self.pick(code)
        if picked is None:
            self.gaps.no_data(code, label, self.section)
            return item
        year, value = picked
        indicator = self.ref.indicators[code]
        self.age_check(code, label, year)
        item.update(unit=indicator.unit, value=value.value, year=year, period=value.period,
                    display=format_value(value.value, indicator.unit),
                    note=self.cite(code, [value]), observations=list(value.observation_ids),
                    releases=list(value.releases), coverage=coverage_json(value.coverage))
        return item

    def figures(self, key: str, title: str | Promise, rows: list[tuple[str, Any]]) -> Item:
        """A table of single figures (label, value, year, footnote)."""
        return {"type": "figures", "key": key, "title": str(title),
                "rows": [self.figure(code, label) for code, label in rows]}

    def ranking(self, code: str, label: str | Promise, breakdown: str) -> Item:
        """The main partner countries (origins or destinations) in the latest year that has
        them (totals are often published for later years than the breakdown)."""
        label = str(label)
        key = f"{code}_BY_{breakdown.upper()}"
        item: Item = {"type": "ranking", "key": key, "label": label, "indicator": code,
                      "year": None, "note": None, "rows": [], "display": _("no data")}
        totals = self.annual(code)
        for year in sorted(totals, reverse=True):
            ranking = self.build.ranking(code, label, year, breakdown, totals[year])
            if ranking is not None and ranking.rows:
                self.age_check(key, label, year)
                self.ranked_years[key] = year
                return {**item, **ranking_rows(ranking), "year": year,
                        "note": self.cite(code, [row.value for row in ranking.rows])}
            if self.year - year > self.stale_after:
                break
        self.gaps.no_data(key, label, self.section)
        return item

    def corridor_costs(self) -> Item:
        """The cost of sending money to the area, per main corridor, latest surveyed year."""
        label = _("Average cost of sending money here")
        key = "REMIT_COST_BY_ORIGIN"
        item: Item = {"type": "ranking", "key": key, "label": label, "indicator": "REMIT_COST",
                      "year": None, "note": None, "rows": [], "display": _("no data")}
        for year in range(self.year, self.year - self.stale_after - 1, -1):
            ranking = self.build.corridor_costs(year)
            if ranking is None:
                break
            if ranking.rows:
                self.age_check(key, label, year)
                return {**item, **ranking_rows(ranking), "year": year, "explanation": ranking.note,
                        "note": self.cite("REMIT_COST", [row.value for row in ranking.rows])}
        self.gaps.no_data(key, label, self.section)
        return item

    def trend_table(self, key: str, title: str | Promise, rows: list[tuple[str, Any]],
                    anchor: str) -> Item:
        """Figures in the years with data of ``anchor`` (the last four up to the year)."""
        columns = sorted(self.annual(anchor))[-4:]
        table_rows = []
        for code, label in rows:
            values = self.annual(code)
            cells = [{"value": values[y].value if y in values else None,
                      "display": format_value(values[y].value, self.ref.indicators[code].unit)
                      if y in values else "–"} for y in columns]
            cited = [values[y] for y in columns if y in values]
            table_rows.append({"indicator": code, "label": str(label), "cells": cells,
                               "note": self.cite(code, cited) if cited else None})
        return {"type": "trend", "key": key, "title": str(title), "years": columns,
                "rows": table_rows if columns else []}

    def chart(self, key: str, chart: Chart | None) -> Item | None:
        """A chart item; the SVG is rendered now, in the profile's language."""
        if chart is None or not chart.spec.get("data", {}).get("values"):
            return None
        self.charts[key] = {"title": chart.title, "summary": chart.summary,
                            "svg": render_svg(chart, self.language)}
        return {"type": "chart", "key": key, "title": chart.title}

    def series_values(self, code: str, **kwargs: Any) -> list[Value]:
        """An indicator's values for the area up to the reference year (for charts)."""
        if code not in self.ref.indicators:
            return []
        return [v for v in self.build.series(code, **kwargs)
                if v.value is not None and (year_of(v.period) or 0) <= self.year]


def ranking_rows(ranking: Ranking) -> Item:
    return {"rows": [{"area": row.area.code, "name": str(row.area), "value": row.value.value,
                      "display": row.display, "share": row.share,
                      "observations": list(row.value.observation_ids)}
                     for row in ranking.rows]}
