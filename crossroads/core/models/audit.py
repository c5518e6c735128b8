"""The audit log of reads of sensitive records."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.querysets import RestrictedManager


class AuditEvent(models.Model):
    """One access to sensitive data: who read what, when and from where.

    The audit log is itself sensitive: who looked at which case is protected
    information, so reading the log needs an explicit permission and is audited.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        LIST = "list", _("Listed")
        EXPORT = "export", _("Exported")
        SEARCH = "search", _("Found in search")
        DENIED = "denied", _("Access denied")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="audit_events",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)

    objects = RestrictedManager()
    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.user_name} {self.get_action_display()} {self.object_repr}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:auditevent", args=[self.pk])
