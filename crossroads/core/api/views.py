"""API endpoints of core: change log, audit log, jobs."""

from __future__ import annotations

from crossroads.core.api.serializers import (
    AuditEventSerializer,
    JobSerializer,
    ObjectChangeSerializer,
)
from crossroads.core.api.viewsets import CrossroadsReadOnlyViewSet
from crossroads.core.filtersets import AuditEventFilterSet, JobFilterSet, ObjectChangeFilterSet
from crossroads.core.models import AuditEvent, Job, ObjectChange


class ObjectChangeViewSet(CrossroadsReadOnlyViewSet):
    queryset = ObjectChange.objects.select_related("object_type")
    serializer_class = ObjectChangeSerializer
    filterset_class = ObjectChangeFilterSet


class AuditEventViewSet(CrossroadsReadOnlyViewSet):
    queryset = AuditEvent.objects.select_related("object_type")
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilterSet


class JobViewSet(CrossroadsReadOnlyViewSet):
    queryset = Job.objects.all()
    serializer_class = JobSerializer
    filterset_class = JobFilterSet
