"""Tables of reference data."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.reference import models as m


class CountryTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Country
        fields = ("name", "name_ru", "iso3", "iso2", "numeric", "official_name")


class RegionTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Region
        fields = ("name", "code", "kind", "parent")


class AdminAreaTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.AdminArea
        fields = ("name", "pcode", "level", "country", "parent", "name_local")


class OfficeTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Office
        fields = ("name", "code", "kind", "country", "city", "telephone", "email")


class PartnerTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Partner
        fields = ("name", "acronym", "kind", "country")


class RegionalBodyTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.RegionalBody
        fields = ("name", "code", "kind", "launched")


class MembershipTable(CrossroadsTable):
    body = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Membership
        fields = ("body", "country", "status", "since")


class StrategicFrameworkTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.StrategicFramework
        fields = ("name", "code", "region", "period_start", "period_end")


class FrameworkPartTable(CrossroadsTable):
    code = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        fields: tuple[str, ...] = ("code", "title", "framework")


class StrategicObjectiveTable(FrameworkPartTable):
    class Meta(FrameworkPartTable.Meta):
        model = m.StrategicObjective


class ThematicAreaTable(FrameworkPartTable):
    class Meta(FrameworkPartTable.Meta):
        model = m.ThematicArea


class ThematicObjectiveTable(FrameworkPartTable):
    class Meta(FrameworkPartTable.Meta):
        model = m.ThematicObjective
        fields = ("code", "title", "area", "framework")


class OperationalPrincipleTable(FrameworkPartTable):
    class Meta(FrameworkPartTable.Meta):
        model = m.OperationalPrinciple


class ActivityTable(CrossroadsTable):
    description = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Activity
        fields = ("description", "objective", "position")
