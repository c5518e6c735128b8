"""The base API viewset: every read through ``restrict()``, every write checked after save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.permissions import (
    ChangeStepPermission,
    RestrictedObjectPermission,
    action_for,
)
from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import CHANGE
from crossroads.core.views.generic import related_fields


class CrossroadsModelViewSet(viewsets.ModelViewSet):
    """CRUD for one model, filtered by its FilterSet, authorized by ``restrict()``.

    Subclasses set ``queryset`` (for the model and any ``prefetch_related``),
    ``serializer_class`` and ``filterset_class``.
    """

    ordering_fields = "__all__"

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = super().get_queryset()
        model = queryset.model
        return queryset.restrict(self.request.user, action_for(self.request)).select_related(  # type: ignore[attr-defined]
            *related_fields(model)
        ).order_by(*(model._meta.ordering or ["pk"]))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        audit_access(queryset.model, rows, AuditEvent.Action.LIST)
        serializer = self.get_serializer(rows, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def get_object(self) -> Any:
        """The object, through ``restrict()``; every reach for a sensitive one is audited."""
        model = self.get_queryset().model
        try:
            instance = super().get_object()
        except Http404:
            audit_denied(model, self.kwargs.get(self.lookup_url_kwarg or self.lookup_field))
            raise
        audit_access(model, [instance], AuditEvent.Action.VIEW)
        return instance

    def perform_create(self, serializer: Any) -> None:
        self.save_within_permission(serializer)

    def perform_update(self, serializer: Any) -> None:
        self.save_within_permission(serializer)

    def save_within_permission(self, serializer: Any) -> None:
        """Save, then roll back unless the saved record is within the user's permission."""
        with transaction.atomic():
            instance = serializer.save()
            if not self.get_queryset().filter(pk=instance.pk).exists():
                raise PermissionDenied(_("You may not save a record with these values."))


class CrossroadsReadOnlyViewSet(CrossroadsModelViewSet):
    """Read-only endpoints (logs, jobs): GET only."""

    http_method_names = ["get", "head", "options"]


class StepsMixin:
    """Custom POST actions (``steps``: review decisions, ending an operation) need
    *change* on the record, whatever the HTTP method would otherwise ask for."""

    steps: tuple[str, ...] = ()
    request: Any

    def get_permissions(self) -> Sequence[Any]:
        if getattr(self, "action", None) in self.steps:
            return [ChangeStepPermission()]
        return [RestrictedObjectPermission()]

    def get_queryset(self) -> models.QuerySet[Any]:
        if getattr(self, "action", None) in self.steps:
            model: Any = self.get_serializer_class().Meta.model  # type: ignore[attr-defined]
            return model.objects.restrict(self.request.user, CHANGE).select_related(  # type: ignore[no-any-return]
                *related_fields(model))
        return super().get_queryset()  # type: ignore[misc,no-any-return]
