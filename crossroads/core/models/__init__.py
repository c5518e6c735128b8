from crossroads.core.models.audit import AuditEvent
from crossroads.core.models.base import CrossroadsModel
from crossroads.core.models.changelog import ObjectChange
from crossroads.core.models.jobs import Job

__all__ = ["AuditEvent", "CrossroadsModel", "Job", "ObjectChange"]
