"""API endpoints of migration profiles: records, the editorial workflow and the document.

Records are read and written like every model's (``CrossroadsModelViewSet``). The
workflow steps are POSTs on a profile the user may *view*; whether the user may take
the step is the workflow's decision (``crossroads.profiles.workflow``), reported as
403 when the user lacks the permission and 400 when the profile is not in a state
that allows it. A profile nobody let the user see is 404, as everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.profiles import filtersets, workflow
from crossroads.profiles import models as m
from crossroads.profiles.api import serializers
from crossroads.profiles.document import document

#: Workflow steps (viewset actions) and the permission each needs on the profile.
STEPS = {"submit": CHANGE, "return_to_draft": workflow.APPROVE, "approve": workflow.APPROVE}
#: Actions on a profile the user may view (the step itself checks the rest).
ON_VISIBLE = (*STEPS, "new_version", "document")

REFUSED = OpenApiResponse(description="The step is not allowed in the profile's state "
                                      "(the reason is in `detail`).")
FORBIDDEN = OpenApiResponse(description="The user may not take this step.")
#: Security requirements of the document: signed in, or nobody (``{}``) for published ones
#: (OpenAPI security objects; drf-spectacular's hint says strings, it passes them through).
OPEN_TO_ANYONE: Any = [{"tokenAuth": []}, {"cookieAuth": []}, {}]


class WorkflowPermission(permissions.BasePermission):
    """Workflow steps need a signed-in user (and a write-enabled token); the document is
    open to anyone who may view the profile, anonymous visitors included once published."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if view.action == "document":
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return False
        token = request.auth
        return token is None or getattr(token, "write_enabled", True)


class ProfileViewSet(CrossroadsModelViewSet):
    """Migration profile editions. The frozen document and PDF are reached by link."""

    queryset = m.Profile.objects.defer("snapshot", "pdf", "previous__snapshot", "previous__pdf")
    serializer_class = serializers.ProfileSerializer
    filterset_class = filtersets.ProfileFilterSet

    def get_permissions(self) -> Sequence[Any]:
        if self.action in ON_VISIBLE:
            return [WorkflowPermission()]
        return super().get_permissions()

    def get_queryset(self) -> models.QuerySet[Any]:
        if self.action not in ON_VISIBLE:
            return super().get_queryset()
        return self.queryset.restrict(self.request.user, VIEW).select_related(  # type: ignore[attr-defined]
            "area", "organisation")

    def perform_destroy(self, instance: m.Profile) -> None:
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError as error:
            raise ValidationError({"detail": error.args[0]}) from error

    def take(self, step: str, request: Request, *args: Any) -> Response:
        """Run a workflow step on the requested profile; answer with the profile."""
        profile = self.get_object()
        needed = STEPS.get(step)
        if needed is not None and not workflow.allowed(request.user, profile, needed):
            raise PermissionDenied(_("You may not do this to %(profile)s.") % {"profile": profile})
        if step == "new_version" and not can(request.user, m.Profile, ADD):
            raise PermissionDenied(_("You may not start a new version of %(profile)s.")
                                   % {"profile": profile})
        try:
            result = getattr(workflow, step)(profile, request.user, *args)
        except workflow.WorkflowError as error:
            raise ValidationError({"detail": str(error)}) from error
        fresh = self.get_queryset().get(pk=result.pk)
        created = step == "new_version"
        return Response(self.get_serializer(fresh).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={200: serializers.ProfileSerializer, 400: REFUSED,
                                            403: FORBIDDEN},
                   summary="Send a draft for review")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        return self.take("submit", request)

    @extend_schema(request=serializers.CommentSerializer,
                   responses={200: serializers.ProfileSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Return a profile in review to its authors, with a comment")
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request: Request, pk: Any = None) -> Response:
        return self.take("return_to_draft", request, self.comment(request))

    @extend_schema(request=serializers.CommentSerializer,
                   responses={200: serializers.ProfileSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Approve and publish a profile in review")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        return self.take("approve", request, self.comment(request))

    @extend_schema(request=None, responses={201: serializers.ProfileSerializer, 400: REFUSED,
                                            403: FORBIDDEN},
                   summary="Start the next version of a published profile as a draft")
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request: Request, pk: Any = None) -> Response:
        return self.take("new_version", request)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT},
                   auth=OPEN_TO_ANYONE,
                   summary="The profile's document (frozen once published; public then)")
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: Any = None) -> Response:
        return Response(document(self.get_object(), request.user))

    @staticmethod
    def comment(request: Request) -> str:
        given = serializers.CommentSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return str(given.validated_data["comment"])


class ProfileReviewViewSet(CrossroadsModelViewSet):
    queryset = m.ProfileReview.objects.select_related("profile__area").defer(
        "profile__snapshot", "profile__pdf")
    serializer_class = serializers.ProfileReviewSerializer
    filterset_class = filtersets.ProfileReviewFilterSet
