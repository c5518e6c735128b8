"""The API's permission class: entry checks; objects come from ``restrict()``."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from crossroads.core.audit import audit_denied
from crossroads.core.permissions import ADD, CHANGE, DELETE, VIEW, can

METHOD_ACTIONS = {
    "GET": VIEW, "HEAD": VIEW, "OPTIONS": VIEW,
    "POST": ADD, "PUT": CHANGE, "PATCH": CHANGE, "DELETE": DELETE,
}


def action_for(request: Request) -> str:
    """The permission action an HTTP method asks for."""
    return METHOD_ACTIONS.get(request.method or "GET", VIEW)


class RestrictedObjectPermission(permissions.BasePermission):
    """Authenticated, holding a permission for the action, and a write-enabled token to write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        token = request.auth
        if request.method not in permissions.SAFE_METHODS and token is not None \
                and not getattr(token, "write_enabled", True):
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None:
            return True  # views without a model (API root, schema) check nothing more
        allowed = can(user, model, action_for(request))
        if not allowed:
            audit_denied(model, view.kwargs.get("pk", ""))
        return allowed


class ChangeStepPermission(permissions.BasePermission):
    """A POST step that changes a record (a decision, an end, a flag): signed in, a
    write-enabled token, and *change* on the model of the viewset's serializer."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        token = request.auth
        if not user or not user.is_authenticated or (
                token is not None and not getattr(token, "write_enabled", True)):
            return False
        model = view.get_serializer_class().Meta.model
        if not can(user, model, CHANGE):
            audit_denied(model, view.kwargs.get("pk", ""))
            return False
        return True
