"""FilterSets of the referral mechanism (used by the API and the list pages)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.protection import models as m
from crossroads.protection.choices import Service
from crossroads.protection.nrm.referrals import overdue_q

SENT, RECEIVED = "sent", "received"
SIDES = [(SENT, _("Sent by my organisation")), (RECEIVED, _("Received by my organisation"))]


class ServiceProviderFilterSet(CrossroadsFilterSet):
    service = django_filters.ChoiceFilter(label=_("Service offered"), choices=Service.choices,
                                          field_name="offers__service", distinct=True)
    country__iso3 = django_filters.CharFilter(label=_("Country code"),
                                              lookup_expr="iexact")

    class Meta:
        model = m.ServiceProvider
        fields = filter_fields(m.ServiceProvider)


class ServiceOfferFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ServiceOffer
        fields = filter_fields(m.ServiceOffer)


def own_organisation(request: Any) -> Any:
    return getattr(getattr(request, "user", None), "organisation_id", None)


class ReferralFilterSet(CrossroadsFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    side = django_filters.ChoiceFilter(label=_("Mine"), method="filter_side", choices=SIDES)

    class Meta:
        model = m.Referral
        fields = filter_fields(m.Referral)

    def filter_overdue(self, queryset: QuerySet[Any], name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_side(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        organisation = own_organisation(self.request)
        if value == SENT:
            return queryset.filter(case__organisation_id=organisation)
        if value == RECEIVED:
            return queryset.filter(receiving_organisation_id=organisation)
        return queryset


class CaseTransferFilterSet(CrossroadsFilterSet):
    side = django_filters.ChoiceFilter(label=_("Mine"), method="filter_side", choices=SIDES)

    class Meta:
        model = m.CaseTransfer
        fields = filter_fields(m.CaseTransfer)

    def filter_side(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        organisation = own_organisation(self.request)
        if value == SENT:
            return queryset.filter(from_organisation_id=organisation)
        if value == RECEIVED:
            return queryset.filter(to_organisation_id=organisation)
        return queryset
