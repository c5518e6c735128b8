"""Writing the change log: snapshots of records and the differences between them."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from crossroads.core.context import current_actor
from crossroads.core.models.changelog import ObjectChange

STAMP_FIELDS = frozenset({"created", "last_updated", "created_by", "updated_by"})


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's own field values as JSON-safe data (stamps left out)."""
    excluded = STAMP_FIELDS | set(getattr(instance, "changelog_exclude", ()))
    data = {
        field.name: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in excluded
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """Names of the fields whose values differ between two snapshots."""
    before, after = before or {}, after or {}
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))


def log_change(
    instance: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    fields: list[str] | None = None,
) -> ObjectChange | None:
    """Write one entry of the change log (none for an update that changed nothing)."""
    fields = fields if fields is not None else changed_fields(before, after)
    if action == ObjectChange.Action.UPDATE and not fields:
        return None
    actor = current_actor()
    user = actor.authenticated_user
    return ObjectChange.objects.create(
        user=user,
        user_name=user.get_username() if user else f"({actor.channel})",
        channel=actor.channel,
        address=actor.address,
        request_id=actor.request_id,
        action=action,
        object_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changed_fields=fields,
        prechange_data=before,
        postchange_data=after,
    )
