"""The base class of every Crossroads record."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from crossroads.core.context import current_actor
from crossroads.core.querysets import RestrictedManager


class CrossroadsModel(models.Model):
    """A record with created/updated stamps, a change log and ``objects.restrict()``.

    Set ``sensitive = True`` on a subclass to make it deny-by-default and to audit
    every read of it.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )

    objects = RestrictedManager()

    sensitive: ClassVar[bool] = False
    #: Records anyone may view, signed in or not, as a filter (e.g. ``{"status":
    #: "published"}``); None: only through permissions. Ignored on sensitive models.
    public_view: ClassVar[dict[str, Any] | None] = None
    #: Fields left out of the change log (large or derived values).
    changelog_exclude: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, stamping who created or last changed the record."""
        user = current_actor().authenticated_user
        if user is not None:
            if self._state.adding and self.created_by_id is None:
                self.created_by = user
            self.updated_by = user
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "updated_by", "last_updated"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The detail page of the record, by the ``<app>:<model>`` URL convention."""
        meta = self._meta
        try:
            return reverse(f"{meta.app_label}:{meta.model_name}", args=[self.pk])
        except NoReverseMatch:
            return ""
