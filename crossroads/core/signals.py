"""Signal handlers that keep the change log of every CrossroadsModel."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from crossroads.core.changes import log_change, snapshot
from crossroads.core.models.base import CrossroadsModel
from crossroads.core.models.changelog import ObjectChange


def is_logged(sender: type[models.Model]) -> bool:
    """Whether changes to a model go to the change log (all Crossroads models, and users)."""
    return issubclass(sender, CrossroadsModel) or getattr(sender, "changelog_enabled", False)


def remember_previous_state(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """Keep the stored state of a record about to be saved, to diff against."""
    if not is_logged(sender) or kwargs.get("raw"):
        return
    previous = None
    if instance.pk is not None and not instance._state.adding:
        stored = sender._base_manager.filter(pk=instance.pk).first()
        previous = snapshot(stored) if stored is not None else None
    instance._changelog_before = previous


def log_save(sender: type[models.Model], instance: Any, created: bool, **kwargs: Any) -> None:
    if not is_logged(sender) or kwargs.get("raw"):
        return
    before = getattr(instance, "_changelog_before", None)
    action = ObjectChange.Action.CREATE if created or before is None else ObjectChange.Action.UPDATE
    log_change(instance, action, None if action == "create" else before, snapshot(instance))
    instance._changelog_before = snapshot(instance)


def log_delete(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if is_logged(sender):
        log_change(instance, ObjectChange.Action.DELETE, snapshot(instance), None)


def log_relation_change(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    """Log additions to and removals from many-to-many fields of a logged record."""
    if action not in {"post_add", "post_remove", "post_clear"} or not is_logged(type(instance)):
        return
    for field in instance._meta.many_to_many:
        if field.remote_field.through is sender:
            related = getattr(instance, field.name).values_list("pk", flat=True)
            members = sorted(str(pk) for pk in related)
            log_change(
                instance, ObjectChange.Action.UPDATE, None, {field.name: members}, [field.name]
            )
            return


def connect() -> None:
    """Connect the change log to every logged model, and only to them.

    Receivers bound to particular senders leave other models (observations, audit
    events) free to be deleted in bulk with one DELETE instead of row by row.
    """
    for model in apps.get_models():
        if not is_logged(model):
            continue
        pre_save.connect(remember_previous_state, sender=model)
        post_save.connect(log_save, sender=model)
        post_delete.connect(log_delete, sender=model)
        for field in model._meta.many_to_many:
            m2m_changed.connect(log_relation_change, sender=field.remote_field.through)
