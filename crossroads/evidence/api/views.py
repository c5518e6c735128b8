"""API endpoints of the evidence base."""

from __future__ import annotations

from crossroads.core.api.viewsets import CrossroadsModelViewSet, CrossroadsReadOnlyViewSet
from crossroads.evidence import filtersets
from crossroads.evidence import models as m
from crossroads.evidence.api import serializers


class DataSourceViewSet(CrossroadsModelViewSet):
    queryset = m.DataSource.objects.all()
    serializer_class = serializers.DataSourceSerializer
    filterset_class = filtersets.DataSourceFilterSet


class ReleaseViewSet(CrossroadsReadOnlyViewSet):
    queryset = m.Release.objects.all()
    serializer_class = serializers.ReleaseSerializer
    filterset_class = filtersets.ReleaseFilterSet


class IndicatorViewSet(CrossroadsModelViewSet):
    queryset = m.Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet


class AreaViewSet(CrossroadsModelViewSet):
    queryset = m.Area.objects.all()
    serializer_class = serializers.AreaSerializer
    filterset_class = filtersets.AreaFilterSet


class AreaAliasViewSet(CrossroadsModelViewSet):
    queryset = m.AreaAlias.objects.all()
    serializer_class = serializers.AreaAliasSerializer
    filterset_class = filtersets.AreaAliasFilterSet


class ObservationViewSet(CrossroadsReadOnlyViewSet):
    queryset = m.Observation.objects.all()
    serializer_class = serializers.ObservationSerializer
    filterset_class = filtersets.ObservationFilterSet
