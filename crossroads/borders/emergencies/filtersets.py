"""FilterSets of emergency mode (used by the API and the list pages)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.borders import models as m
from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields


class EmergencyOperationFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.EmergencyOperation
        fields = filter_fields(m.EmergencyOperation)


class ArrivalGroupFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ArrivalGroup
        fields = filter_fields(m.ArrivalGroup)


class ArrivalFilterSet(CrossroadsFilterSet):
    """Arrivals; ``vulnerability`` finds those flagged with one code, ``flagged`` any."""

    operation = django_filters.ModelChoiceFilter(
        field_name="group__operation", queryset=m.EmergencyOperation.objects.all(),
        label=_("Operation"))
    vulnerability = django_filters.ChoiceFilter(
        choices=choices.Vulnerability.choices, method="with_vulnerability",
        label=_("Vulnerability"))
    flagged = django_filters.BooleanFilter(method="with_any_flag", label=_("Flagged"))

    class Meta:
        model = m.Arrival
        fields = filter_fields(m.Arrival)

    def with_vulnerability(self, queryset: models.QuerySet[Any], name: str,
                           value: str) -> models.QuerySet[Any]:
        # JSON containment is not portable (SQLite): look for the quoted code in the text.
        return queryset.annotate(flags_text=Cast("vulnerabilities", models.TextField())).filter(
            flags_text__contains=f'"{value}"')

    def with_any_flag(self, queryset: models.QuerySet[Any], name: str,
                      value: bool | None) -> models.QuerySet[Any]:
        if value is None:
            return queryset
        return queryset.exclude(vulnerabilities=[]) if value else queryset.filter(
            vulnerabilities=[])


class EmergencyReferralFilterSet(CrossroadsFilterSet):
    operation = django_filters.ModelChoiceFilter(
        field_name="arrival__group__operation", queryset=m.EmergencyOperation.objects.all(),
        label=_("Operation"))

    class Meta:
        model = m.EmergencyReferral
        fields = filter_fields(m.EmergencyReferral)
