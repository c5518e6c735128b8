"""API endpoints (added to ``/api/v1/protection/`` by ``crossroads.protection.api.urls``):
``trafficking-profiles/``, scoped like every other case record."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern
from rest_framework import serializers

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.core.api.serializers import CrossroadsModelSerializer, clean_as_saved
from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.protection import models as m
from crossroads.protection.models import CODE_LISTS

STAMPS = ["created", "last_updated"]


def code_list_field(field: str) -> serializers.ListField:
    """A list of HTCDS codes; an unknown code is a field error naming the valid ones."""
    vocabulary = CODE_LISTS[field]
    return serializers.ListField(child=serializers.ChoiceField(choices=vocabulary.choices),
                                 required=False, allow_empty=True)


class TraffickingProfileSerializer(CrossroadsModelSerializer):
    recruitment = code_list_field("recruitment")
    means_of_control = code_list_field("means_of_control")
    exploitation = code_list_field("exploitation")
    industries = code_list_field("industries")
    perpetrator_roles = code_list_field("perpetrator_roles")

    class Meta:
        model = m.TraffickingProfile
        fields = ["id", "display", "case", "case_person", "status", "status_decided_by",
                  "status_decided_on", "recruitment", "recruiter_relationship",
                  "means_of_control", "exploitation", "industries", "perpetrator_roles",
                  "recruitment_country", "recruitment_place", "transit_countries",
                  "exploitation_country", "exploitation_place", "exploitation_began",
                  "exploitation_ended", *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in CODE_LISTS:
            if name in attrs:
                attrs[name] = sorted(set(attrs[name]))
        clean_as_saved(self.instance, m.TraffickingProfile,
                       {k: v for k, v in attrs.items() if k != "transit_countries"})
        return attrs


class TraffickingProfileFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.TraffickingProfile
        fields = filter_fields(m.TraffickingProfile)


class TraffickingProfileViewSet(CrossroadsModelViewSet):
    """Trafficking profiles (HTCDS) of the cases the user may reach."""

    queryset = m.TraffickingProfile.objects.prefetch_related("transit_countries")
    serializer_class = TraffickingProfileSerializer
    filterset_class = TraffickingProfileFilterSet


def register(router: CrossroadsRouter) -> None:
    """Register this module's viewsets on the protection API router."""
    router.register("trafficking-profiles", TraffickingProfileViewSet)


#: Endpoints that are not viewsets.
urlpatterns: list[URLPattern] = []
