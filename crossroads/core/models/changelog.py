"""The change log: every create, update and delete, with the fields that changed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import VIEW, can, is_sensitive, permission_backend
from crossroads.core.querysets import RestrictedQuerySet


class ObjectChangeQuerySet(RestrictedQuerySet["ObjectChange"]):
    def restrict(self, user: Any, action: str = VIEW) -> RestrictedQuerySet[ObjectChange]:
        """As for any model, and never changes of sensitive records the user may not view.

        A change entry holds the record's data, so it is as sensitive as the record.
        """
        from django.apps import apps

        restricted = super().restrict(user, action)
        for model in (m for m in apps.get_models() if is_sensitive(m)):
            object_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            of_this_type = Q(object_type=object_type)
            if not can(user, model, VIEW):
                restricted = restricted.exclude(of_this_type)
                continue
            constraints = permission_backend().get_constraints(user, model, VIEW) or []
            if any(not c for c in constraints):
                continue  # may view every record, deleted ones included
            # Only the changes of the records the user may view (object_id is text).
            visible = model._default_manager.restrict(user, VIEW).annotate(  # type: ignore[attr-defined]
                key=Cast("pk", output_field=models.CharField())
            ).values("key")
            restricted = restricted.exclude(of_this_type & ~Q(object_id__in=visible))
        return restricted


class ObjectChange(models.Model):
    """One change to one record: who, when, from where, before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="changes",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True)
    request_id = models.UUIDField(_("request"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    prechange_data = models.JSONField(_("before"), null=True, blank=True)
    postchange_data = models.JSONField(_("after"), null=True, blank=True)

    objects = ObjectChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("change log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:objectchange", args=[self.pk])
