"""The permission backend: object permissions from a user's roles and direct grants."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import models

from crossroads.core.permissions import Constraints, is_sensitive
from crossroads.users.models import ObjectPermission

#: What every active user may do with their own records, without a role.
OWN_RECORDS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    ("core", "job"): ("user", frozenset({"view"})),
    ("core", "objectchange"): ("user", frozenset({"view"})),
    ("users", "token"): ("user", frozenset({"view", "add", "delete"})),
}

CACHE_ATTRIBUTE = "_crossroads_permission_cache"


def load_permissions(user: Any) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """All constraint sets of a user's enabled permissions, by (app, model, action)."""
    granted = ObjectPermission.objects.filter(enabled=True).filter(
        models.Q(users=user) | models.Q(roles__users=user)
    ).distinct().prefetch_related("object_types")
    table: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for permission in granted:
        constraints = permission.constraint_list()
        for object_type in permission.object_types.all():
            for action in permission.actions:
                table[(object_type.app_label, object_type.model, action)].extend(constraints)
    return dict(table)


class ObjectPermissionBackend(ModelBackend):
    """Authenticate with username and password; authorize with object permissions."""

    def permission_table(self, user: Any) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        """The user's permissions, loaded once per user object (so once per request)."""
        table = getattr(user, CACHE_ATTRIBUTE, None)
        if table is None:
            table = load_permissions(user)
            setattr(user, CACHE_ATTRIBUTE, table)
        return table

    def get_constraints(self, user: Any, model: type[models.Model], action: str) -> Constraints:
        """Constraint sets granting ``action`` on ``model`` to ``user``; None if none do."""
        if not user.is_active:
            return None
        meta = model._meta
        key = (meta.app_label, meta.model_name or "")
        constraints = list(self.permission_table(user).get((*key, action), []))
        own = OWN_RECORDS.get(key)
        if own is not None and action in own[1]:
            constraints.append({own[0]: user.pk})
        return constraints or None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        """Django's ``user.has_perm("app.action_model")`` answered from object permissions."""
        from django.apps import apps

        if not user_obj.is_active:
            return False
        app_label, _, codename = perm.partition(".")
        action, _, model_name = codename.rpartition("_")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return False
        if user_obj.is_superuser and not is_sensitive(model):
            return True
        constraints = self.get_constraints(user_obj, model, action)
        if constraints is None:
            return False
        if obj is None:
            return True
        return model._default_manager.restrict(user_obj, action).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]
