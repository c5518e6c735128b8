"""Pages of core's own records: the change log, the audit log and jobs."""

from __future__ import annotations

from crossroads.core.filtersets import AuditEventFilterSet, JobFilterSet, ObjectChangeFilterSet
from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.core.tables import AuditEventTable, JobTable, ObjectChangeTable
from crossroads.core.views.generic import ObjectViews


class ObjectChangeViews(ObjectViews):
    model = ObjectChange
    filterset = ObjectChangeFilterSet
    table = ObjectChangeTable
    detail_template = "core/objectchange.html"


class AuditEventViews(ObjectViews):
    model = AuditEvent
    filterset = AuditEventFilterSet
    table = AuditEventTable


class JobViews(ObjectViews):
    model = Job
    filterset = JobFilterSet
    table = JobTable
