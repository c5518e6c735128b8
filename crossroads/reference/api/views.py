"""API endpoints of reference data."""

from __future__ import annotations

from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.reference import filtersets
from crossroads.reference import models as m
from crossroads.reference.api import serializers


class CountryViewSet(CrossroadsModelViewSet):
    queryset = m.Country.objects.all()
    serializer_class = serializers.CountrySerializer
    filterset_class = filtersets.CountryFilterSet


class RegionViewSet(CrossroadsModelViewSet):
    queryset = m.Region.objects.all().prefetch_related("countries")
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet


class AdminAreaViewSet(CrossroadsModelViewSet):
    queryset = m.AdminArea.objects.all()
    serializer_class = serializers.AdminAreaSerializer
    filterset_class = filtersets.AdminAreaFilterSet


class OfficeViewSet(CrossroadsModelViewSet):
    queryset = m.Office.objects.all()
    serializer_class = serializers.OfficeSerializer
    filterset_class = filtersets.OfficeFilterSet


class PartnerViewSet(CrossroadsModelViewSet):
    queryset = m.Partner.objects.all()
    serializer_class = serializers.PartnerSerializer
    filterset_class = filtersets.PartnerFilterSet


class RegionalBodyViewSet(CrossroadsModelViewSet):
    queryset = m.RegionalBody.objects.all()
    serializer_class = serializers.RegionalBodySerializer
    filterset_class = filtersets.RegionalBodyFilterSet


class MembershipViewSet(CrossroadsModelViewSet):
    queryset = m.Membership.objects.all()
    serializer_class = serializers.MembershipSerializer
    filterset_class = filtersets.MembershipFilterSet


class StrategicFrameworkViewSet(CrossroadsModelViewSet):
    queryset = m.StrategicFramework.objects.all()
    serializer_class = serializers.StrategicFrameworkSerializer
    filterset_class = filtersets.StrategicFrameworkFilterSet


class StrategicObjectiveViewSet(CrossroadsModelViewSet):
    queryset = m.StrategicObjective.objects.all()
    serializer_class = serializers.StrategicObjectiveSerializer
    filterset_class = filtersets.StrategicObjectiveFilterSet


class ThematicAreaViewSet(CrossroadsModelViewSet):
    queryset = m.ThematicArea.objects.all()
    serializer_class = serializers.ThematicAreaSerializer
    filterset_class = filtersets.ThematicAreaFilterSet


class ThematicObjectiveViewSet(CrossroadsModelViewSet):
    queryset = m.ThematicObjective.objects.all()
    serializer_class = serializers.ThematicObjectiveSerializer
    filterset_class = filtersets.ThematicObjectiveFilterSet


class OperationalPrincipleViewSet(CrossroadsModelViewSet):
    queryset = m.OperationalPrinciple.objects.all()
    serializer_class = serializers.OperationalPrincipleSerializer
    filterset_class = filtersets.OperationalPrincipleFilterSet


class ActivityViewSet(CrossroadsModelViewSet):
    queryset = m.Activity.objects.all()
    serializer_class = serializers.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet
