"""The browse page (``evidence:browse``) and the chart of a query as SVG (``evidence:chart``)."""

from __future__ import annotations

from django.urls import path

from crossroads.evidence.pages.browse.views import browse, chart

urlpatterns = [
    path("browse/", browse, name="browse"),
    path("chart/", chart, name="chart"),
]
