"""Recording access to sensitive data in the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from crossroads.core.context import current_actor
from crossroads.core.models.audit import AuditEvent
from crossroads.core.permissions import is_sensitive


def audit_access(
    model: type[models.Model], objects: Iterable[models.Model], action: str = AuditEvent.Action.VIEW
) -> int:
    """Write one audit event per object read, if the model is sensitive. Returns the count."""
    if not is_sensitive(model):
        return 0
    actor = current_actor()
    user = actor.authenticated_user
    object_type = ContentType.objects.get_for_model(model)
    common: dict[str, Any] = {
        "user": user,
        "user_name": user.get_username() if user else "",
        "action": action,
        "object_type": object_type,
        "channel": actor.channel,
        "address": actor.address,
        "path": actor.path[:500],
    }
    events = [
        AuditEvent(object_id=str(obj.pk), object_repr=str(obj)[:200], **common) for obj in objects
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)


def audit_denied(model: type[models.Model], object_id: Any) -> None:
    """Record a refused attempt to reach a sensitive record."""
    if not is_sensitive(model):
        return
    actor = current_actor()
    user = actor.authenticated_user
    AuditEvent.objects.create(
        user=user, user_name=user.get_username() if user else "",
        action=AuditEvent.Action.DENIED, object_type=ContentType.objects.get_for_model(model),
        object_id=str(object_id)[:64], channel=actor.channel, address=actor.address,
        path=actor.path[:500],
    )
