"""The single authorization path: ``Model.objects.restrict(user, action)``."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.core.exceptions import FieldError
from django.db import models
from django.db.models import Q

from crossroads.core.permissions import VIEW, is_sensitive, permission_backend

_M = TypeVar("_M", bound=models.Model)


def resolve_tokens(value: Any, user: Any) -> Any:
    """Replace ``$user`` tokens in a constraint value with attributes of the user.

    ``"$user"`` is the user, ``"$user.organisation"`` their organisation,
    ``"$user.organisation.country"`` its country; lists are resolved item by item.
    """
    if isinstance(value, list):
        return [resolve_tokens(item, user) for item in value]
    if not isinstance(value, str) or not value.startswith("$user"):
        return value
    target: Any = user
    for attribute in value.split(".")[1:]:
        target = getattr(target, attribute, None)
        if target is None:
            return None
    return target


def constraints_to_q(constraints: list[dict[str, Any]], user: Any) -> Q:
    """Turn permission constraints into one filter: dicts OR-ed, keys AND-ed.

    A dictionary whose ``$user`` token resolves to nothing (a user without an
    organisation) matches nothing, not the records whose field is empty.
    """
    parts = []
    for c in constraints:
        resolved = {key: resolve_tokens(value, user) for key, value in c.items()}
        if any(isinstance(c[key], str) and c[key].startswith("$user") and value is None
               for key, value in resolved.items()):
            continue
        parts.append(Q(**resolved))
    return reduce(or_, parts) if parts else Q(pk__in=[])


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset that can be narrowed to what a user may do."""

    def restrict(self, user: Any, action: str = VIEW) -> RestrictedQuerySet[_M]:
        """Only the objects on which ``user`` may perform ``action``.

        Anonymous users get nothing, except the records a model declares public
        (``public_view``: a filter of records anyone may view, such as published
        profiles). Superusers get everything except sensitive models, which need an
        explicit permission like anyone else.
        """
        public = public_q(self.model, action)
        if user is None or not getattr(user, "is_authenticated", False) \
                or not getattr(user, "is_active", True):
            return self.filter(public) if public is not None else self.none()
        if user.is_superuser and not is_sensitive(self.model):
            return self
        constraints = permission_backend().get_constraints(user, self.model, action)
        if constraints is None:
            return self.filter(public) if public is not None else self.none()
        if any(not c for c in constraints):
            return self
        try:
            granted = constraints_to_q(constraints, user)
            restricted = self.filter(granted if public is None else granted | public)
            # Constraints across relations may join many rows per object.
            if any("__" in key for c in constraints for key in c):
                restricted = restricted.distinct()
            return restricted
        except (FieldError, ValueError, TypeError):
            # A constraint naming a field the model lacks grants nothing (fail closed).
            return self.filter(public) if public is not None else self.none()


def public_q(model: type[models.Model], action: str) -> Q | None:
    """The records of ``model`` anyone may view (never of a sensitive model), or None."""
    public = getattr(model, "public_view", None)
    if action != VIEW or not public or is_sensitive(model):
        return None
    return Q(**public)


class RestrictedManager(models.Manager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    """The default manager of every Crossroads model."""
