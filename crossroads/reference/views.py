"""Pages of reference data: generic pages per model, the country page, the framework."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from crossroads.core.views.generic import ObjectViews
from crossroads.reference import filtersets, forms, tables
from crossroads.reference import models as m
from crossroads.reference.services.country_facts import country_facts


class CountryViews(ObjectViews):
    model = m.Country
    filterset = filtersets.CountryFilterSet
    table = tables.CountryTable
    form = forms.CountryForm
    lookup_field = "iso3"
    detail_template = "reference/country.html"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return country_facts(request.user, obj)


class RegionViews(ObjectViews):
    model = m.Region
    filterset = filtersets.RegionFilterSet
    table = tables.RegionTable
    form = forms.RegionForm


class AdminAreaViews(ObjectViews):
    model = m.AdminArea
    filterset = filtersets.AdminAreaFilterSet
    table = tables.AdminAreaTable
    form = forms.AdminAreaForm
    list_actions = ((_("Import from CSV"), "reference:adminarea_import", "add"),)


class OfficeViews(ObjectViews):
    model = m.Office
    filterset = filtersets.OfficeFilterSet
    table = tables.OfficeTable
    form = forms.OfficeForm


class PartnerViews(ObjectViews):
    model = m.Partner
    filterset = filtersets.PartnerFilterSet
    table = tables.PartnerTable
    form = forms.PartnerForm


class RegionalBodyViews(ObjectViews):
    model = m.RegionalBody
    filterset = filtersets.RegionalBodyFilterSet
    table = tables.RegionalBodyTable
    form = forms.RegionalBodyForm


class MembershipViews(ObjectViews):
    model = m.Membership
    filterset = filtersets.MembershipFilterSet
    table = tables.MembershipTable
    form = forms.MembershipForm


class StrategicFrameworkViews(ObjectViews):
    model = m.StrategicFramework
    filterset = filtersets.StrategicFrameworkFilterSet
    table = tables.StrategicFrameworkTable
    form = forms.StrategicFrameworkForm


class StrategicObjectiveViews(ObjectViews):
    model = m.StrategicObjective
    filterset = filtersets.StrategicObjectiveFilterSet
    table = tables.StrategicObjectiveTable
    form = forms.StrategicObjectiveForm


class ThematicAreaViews(ObjectViews):
    model = m.ThematicArea
    filterset = filtersets.ThematicAreaFilterSet
    table = tables.ThematicAreaTable
    form = forms.ThematicAreaForm


class ThematicObjectiveViews(ObjectViews):
    model = m.ThematicObjective
    filterset = filtersets.ThematicObjectiveFilterSet
    table = tables.ThematicObjectiveTable
    form = forms.ThematicObjectiveForm


class OperationalPrincipleViews(ObjectViews):
    model = m.OperationalPrinciple
    filterset = filtersets.OperationalPrincipleFilterSet
    table = tables.OperationalPrincipleTable
    form = forms.OperationalPrincipleForm


class ActivityViews(ObjectViews):
    model = m.Activity
    filterset = filtersets.ActivityFilterSet
    table = tables.ActivityTable
    form = forms.ActivityForm


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    CountryViews,
    RegionViews,
    AdminAreaViews,
    OfficeViews,
    PartnerViews,
    RegionalBodyViews,
    MembershipViews,
    StrategicFrameworkViews,
    StrategicObjectiveViews,
    ThematicAreaViews,
    ThematicObjectiveViews,
    OperationalPrincipleViews,
    ActivityViews,
)
