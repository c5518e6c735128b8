"""The vocabulary of authorization: actions, sensitivity, and the permission backend.

``core`` does not know how permissions are stored (that is ``users``); it asks the
backend named in ``settings.CROSSROADS_PERMISSION_BACKEND`` for the constraints that
apply to a user, a model and an action, and turns them into a queryset filter.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ACTIONS = (VIEW, ADD, CHANGE, DELETE)

#: A permission's constraints: ``None`` means "no permission"; a list of filter
#: dictionaries (OR-ed together, keys AND-ed) restricts it; an empty dict inside the
#: list means "all objects".
Constraints = list[dict[str, Any]] | None


class PermissionBackend(Protocol):
    """What ``restrict`` needs from whoever stores permissions."""

    def get_constraints(self, user: Any, model: type[models.Model], action: str) -> Constraints:
        """The constraint sets granting ``action`` on ``model`` to ``user``, or None."""
        ...


@cache
def permission_backend() -> PermissionBackend:
    """The configured permission backend (an instance, created once)."""
    backend: PermissionBackend = import_string(settings.CROSSROADS_PERMISSION_BACKEND)()
    return backend


def is_sensitive(model: type[models.Model] | models.Model) -> bool:
    """Whether a model holds sensitive data: deny-by-default, every read audited."""
    return bool(getattr(model, "sensitive", False))


def permission_codename(model: type[models.Model], action: str) -> str:
    """The ``app_label.action_model`` name of an action on a model (as Django names it)."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def can(user: Any, model: type[models.Model], action: str) -> bool:
    """Whether ``user`` holds any permission for ``action`` on ``model``.

    This gates a page or endpoint; which objects are reachable is still decided
    by ``restrict()``.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser and not is_sensitive(model):
        return True
    return permission_backend().get_constraints(user, model, action) is not None
