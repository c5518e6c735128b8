"""API endpoints of protection: cases (with workflow steps), approvals, tasks, notes,
consents, and the caseload counts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.viewsets import (
    CrossroadsModelViewSet,
    CrossroadsReadOnlyViewSet,
    StepsMixin,
)
from crossroads.people.api.views import FORBIDDEN, POST_ONLY, REFUSED, ReviewViewSet
from crossroads.protection import documents, filtersets, services, workflow
from crossroads.protection import models as m
from crossroads.protection.api import serializers as s


def refused(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict")
                           else {"detail": error.messages})


class CaseViewSet(StepsMixin, CrossroadsModelViewSet):
    """Cases the user may reach; workflow steps are POST actions needing *change*."""

    queryset = m.Case.objects.prefetch_related("casepersons__person")
    serializer_class = s.CaseSerializer
    filterset_class = filtersets.CaseFilterSet
    steps = ("move", "reopen", "request_approval", "screen", "attach")

    def respond(self, case: m.Case) -> Response:
        fresh = self.get_queryset().get(pk=case.pk)
        return Response(s.CaseSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=s.MoveSerializer,
                   responses={200: s.CaseSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Move the case to another status of the workflow")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def move(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        given = s.MoveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            moved = workflow.move(case, data["to_status"], request.user,
                                  closure_reason=data["closure_reason"], reason=data["reason"])
        except DjangoValidationError as error:
            raise refused(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return self.respond(moved)

    @extend_schema(request=s.ReopenSerializer,
                   responses={200: s.CaseSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Reopen a closed case, with a reason")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def reopen(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        given = s.ReopenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            reopened = workflow.reopen(case, request.user, given.validated_data["reason"])
        except DjangoValidationError as error:
            raise refused(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return self.respond(reopened)

    @extend_schema(request=s.ApprovalRequestSerializer,
                   responses={201: s.ApprovalSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Ask a supervisor to approve the assessment, case plan or closure")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY,
            url_path="request-approval")
    def request_approval(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        given = s.ApprovalRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            approval = workflow.request_approval(case, given.validated_data["step"],
                                                 request.user, given.validated_data["note"])
        except DjangoValidationError as error:
            raise refused(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return Response(s.ApprovalSerializer(
            approval, context=self.get_serializer_context()).data, status=201)


    @extend_schema(request=s.ScreenSerializer,
                   responses={201: s.ScreeningSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Record a vulnerability screening; the case takes its priority")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def screen(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        given = s.ScreenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            screening = services.screen(case, request.user, given.validated_data["answers"],
                                        given.validated_data.get("screened_on"))
        except DjangoValidationError as error:
            raise refused(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return Response(s.ScreeningSerializer(
            screening, context=self.get_serializer_context()).data, status=201)


    @extend_schema(request={"multipart/form-data": s.AttachSerializer},
                   responses={201: s.CaseDocumentSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Keep a document with the case (PDF, PNG or JPEG, size-limited)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY,
            parser_classes=[MultiPartParser])
    def attach(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        given = s.AttachSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            document = documents.attach(case, given.validated_data["file"],
                                        given.validated_data["title"])
        except DjangoValidationError as error:
            raise refused(error) from error
        return Response(s.CaseDocumentSerializer(
            document, context=self.get_serializer_context()).data, status=201)


class CaseDocumentViewSet(CrossroadsReadOnlyViewSet):
    """Documents of cases (their description; the file itself is served by the web page
    ``/protection/documents/{id}/``, permission-checked and audited)."""

    queryset = m.CaseDocument.objects.all()
    serializer_class = s.CaseDocumentSerializer
    filterset_class = filtersets.CaseDocumentFilterSet


class ApprovalViewSet(ReviewViewSet):
    """Approvals of case steps; a supervisor decides them (never the requester)."""

    queryset = m.Approval.objects.all()
    serializer_class = s.ApprovalSerializer
    filterset_class = filtersets.ApprovalFilterSet
    steps = ("decide",)

    @extend_schema(request=s.ApprovalDecisionSerializer,
                   responses={200: s.ApprovalSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Approve or refuse a step")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def decide(self, request: Request, pk: Any = None) -> Response:
        approval = self.get_object()
        given = s.ApprovalDecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            decided = workflow.decide(approval, request.user,
                                      approve=given.validated_data["approve"],
                                      note=given.validated_data["note"])
        except DjangoValidationError as error:
            raise refused(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return Response(s.ApprovalSerializer(
            decided, context=self.get_serializer_context()).data)


class TaskViewSet(CrossroadsModelViewSet):
    queryset = m.Task.objects.all()
    serializer_class = s.TaskSerializer
    filterset_class = filtersets.TaskFilterSet


class CaseNoteViewSet(CrossroadsModelViewSet):
    queryset = m.CaseNote.objects.all()
    serializer_class = s.CaseNoteSerializer
    filterset_class = filtersets.CaseNoteFilterSet


class ConsentViewSet(CrossroadsModelViewSet):
    queryset = m.Consent.objects.all()
    serializer_class = s.ConsentSerializer
    filterset_class = filtersets.ConsentFilterSet


