"""Every field of every reference model has a filter."""

from __future__ import annotations

from crossroads.reference import filtersets as f
from crossroads.testing.suites import FilterSetTestCases


class CountryFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.CountryFilterSet


class RegionFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.RegionFilterSet


class AdminAreaFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.AdminAreaFilterSet


class OfficeFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.OfficeFilterSet


class PartnerFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.PartnerFilterSet


class RegionalBodyFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.RegionalBodyFilterSet


class MembershipFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.MembershipFilterSet


class StrategicFrameworkFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.StrategicFrameworkFilterSet


class StrategicObjectiveFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.StrategicObjectiveFilterSet


class ThematicAreaFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.ThematicAreaFilterSet


class ThematicObjectiveFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.ThematicObjectiveFilterSet


class OperationalPrincipleFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.OperationalPrincipleFilterSet


class ActivityFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.ActivityFilterSet
