"""FilterSets of reference data (used by the API and the list views)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.reference import models as m


class CountryFilterSet(CrossroadsFilterSet):
    regions = django_filters.ModelMultipleChoiceFilter(
        queryset=m.Region.objects.all(), label=_("Regions")
    )

    class Meta:
        model = m.Country
        fields = {**filter_fields(m.Country), "regions": ["exact"]}


class RegionFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Region
        fields = filter_fields(m.Region)


class AdminAreaFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.AdminArea
        fields = filter_fields(m.AdminArea)


class OfficeFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Office
        fields = filter_fields(m.Office)


class PartnerFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Partner
        fields = filter_fields(m.Partner)


class RegionalBodyFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.RegionalBody
        fields = filter_fields(m.RegionalBody)


class MembershipFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Membership
        fields = filter_fields(m.Membership)


class StrategicFrameworkFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.StrategicFramework
        fields = filter_fields(m.StrategicFramework)


class StrategicObjectiveFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.StrategicObjective
        fields = filter_fields(m.StrategicObjective)


class ThematicAreaFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ThematicArea
        fields = filter_fields(m.ThematicArea)


class ThematicObjectiveFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ThematicObjective
        fields = filter_fields(m.ThematicObjective)


class OperationalPrincipleFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.OperationalPrinciple
        fields = filter_fields(m.OperationalPrinciple)


class ActivityFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Activity
        fields = filter_fields(m.Activity)
