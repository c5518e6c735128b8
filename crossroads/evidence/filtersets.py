"""FilterSets of the evidence base (used by the API and the list pages)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.evidence import models as m


class DataSourceFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.DataSource
        fields = filter_fields(m.DataSource)


class ReleaseFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Release
        fields = filter_fields(m.Release)


class ReleaseFileFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ReleaseFile
        fields = filter_fields(m.ReleaseFile)


class IndicatorFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Indicator
        fields = filter_fields(m.Indicator)


class AreaFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Area
        fields = filter_fields(m.Area)


class AreaAliasFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.AreaAlias
        fields = filter_fields(m.AreaAlias)


class ObservationFilterSet(CrossroadsFilterSet):
    """Observations by every dimension; codes as well as ids for indicator and areas."""

    indicator_code = django_filters.CharFilter(field_name="indicator__code",
                                               label=_("Indicator code"))
    area_code = django_filters.CharFilter(field_name="area__code", label=_("Area code"))
    origin_code = django_filters.CharFilter(field_name="origin__code", label=_("Origin code"))
    destination_code = django_filters.CharFilter(field_name="destination__code",
                                                 label=_("Destination code"))
    release_code = django_filters.CharFilter(field_name="release__code", label=_("Release code"))
    year = django_filters.NumberFilter(field_name="period_start__year", label=_("Year"))
    year__gte = django_filters.NumberFilter(field_name="period_start__year", lookup_expr="gte",
                                            label=_("From year"))
    year__lte = django_filters.NumberFilter(field_name="period_start__year", lookup_expr="lte",
                                            label=_("To year"))

    class Meta:
        model = m.Observation
        fields = filter_fields(m.Observation, exclude=("key",))
