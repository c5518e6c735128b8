"""Pages of the evidence base: generic pages per model."""

from __future__ import annotations

from crossroads.core.views.generic import ObjectViews
from crossroads.evidence import filtersets, forms, tables
from crossroads.evidence import models as m


class DataSourceViews(ObjectViews):
    model = m.DataSource
    filterset = filtersets.DataSourceFilterSet
    table = tables.DataSourceTable
    form = forms.DataSourceForm


class ReleaseViews(ObjectViews):
    model = m.Release
    filterset = filtersets.ReleaseFilterSet
    table = tables.ReleaseTable


class ReleaseFileViews(ObjectViews):
    model = m.ReleaseFile
    filterset = filtersets.ReleaseFileFilterSet
    table = tables.ReleaseFileTable


class IndicatorViews(ObjectViews):
    model = m.Indicator
    filterset = filtersets.IndicatorFilterSet
    table = tables.IndicatorTable
    form = forms.IndicatorForm


class AreaViews(ObjectViews):
    model = m.Area
    filterset = filtersets.AreaFilterSet
    table = tables.AreaTable
    form = forms.AreaForm


class AreaAliasViews(ObjectViews):
    model = m.AreaAlias
    filterset = filtersets.AreaAliasFilterSet
    table = tables.AreaAliasTable
    form = forms.AreaAliasForm


class ObservationViews(ObjectViews):
    model = m.Observation
    filterset = filtersets.ObservationFilterSet
    table = tables.ObservationTable


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    DataSourceViews, ReleaseViews, ReleaseFileViews, IndicatorViews, AreaViews, AreaAliasViews,
    ObservationViews,
)
