"""The FilterSet of crossings (the API and the list page)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.borders.models import Crossing
from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.reference.models import Country


class CrossingFilterSet(CrossroadsFilterSet):
    """By point (or its country), movement, time range, nationality, screening, …"""

    country = django_filters.ModelChoiceFilter(
        field_name="point__country", queryset=Country.objects.all(),
        label=_("Country of the crossing point"))
    crossed_after = django_filters.IsoDateTimeFilter(
        field_name="crossed_at", lookup_expr="gte", label=_("Crossed on or after"))
    crossed_before = django_filters.IsoDateTimeFilter(
        field_name="crossed_at", lookup_expr="lte", label=_("Crossed on or before"))

    class Meta:
        model = Crossing
        fields = filter_fields(Crossing)
