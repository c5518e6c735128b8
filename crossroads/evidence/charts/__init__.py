"""Charts of the evidence base, as Vega-Lite specs rendered to SVG on the server.

Pages and PDF reports show the same picture: a spec function (``specs``, ``maps``)
turns figures into a :class:`~crossroads.evidence.charts.specs.Chart`, and
:func:`~crossroads.evidence.charts.render.render_svg` renders it (cached) with its
title and text alternative inside the SVG.
"""

from __future__ import annotations

from crossroads.evidence.charts.maps import choropleth
from crossroads.evidence.charts.render import render_svg
from crossroads.evidence.charts.specs import Chart, corridors, ranked_bars, time_series
from crossroads.evidence.charts.text import ChartText

__all__ = ["Chart", "ChartText", "choropleth", "corridors", "ranked_bars", "render_svg",
           "time_series"]
