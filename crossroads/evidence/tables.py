"""Tables of the evidence base."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.evidence import models as m


class DataSourceTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.DataSource
        fields = ("name", "code", "producer", "kind", "periodicity", "kosovo_convention")


class ReleaseTable(CrossroadsTable):
    title = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Release
        fields = ("title", "source", "vintage", "published", "imported_at", "imported_by")


class ReleaseFileTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.ReleaseFile
        fields = ("name", "release", "sha256", "size", "rows")


class IndicatorTable(CrossroadsTable):
    code = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Indicator
        fields = ("code", "name", "unit", "formula", "numerator", "denominator")


class AreaTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Area
        fields = ("name", "code", "kind", "m49", "country", "region")


class AreaAliasTable(CrossroadsTable):
    label = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.AreaAlias
        fields = ("label", "area", "note")


class ObservationTable(CrossroadsTable):
    value = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(CrossroadsTable.Meta):
        model = m.Observation
        fields = ("indicator", "area", "period", "sex", "age", "origin", "destination", "value",
                  "unit_multiplier", "status", "release")
