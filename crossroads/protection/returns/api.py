"""API endpoints (added to ``/api/v1/protection/`` by ``crossroads.protection.api.urls``).

``return-applications/`` (list, read, apply; steps ``decide``, ``arrange-travel``,
``confirm-departure``, ``confirm-arrival``, ``withdraw``), ``travel-arrangements/``
(read), ``reintegration-plans/`` (list, read, agree or change), ``reintegration-assistance/``
(list, read, add; step ``deliver``) and ``monitoring-visits/`` (list, read, record).
Everything is written through the return services; a refused step answers 400 with the
reason, a step outside the user's permission 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.urls import URLPattern
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.core.api.viewsets import (
    CrossroadsModelViewSet,
    CrossroadsReadOnlyViewSet,
    StepsMixin,
)
from crossroads.core.permissions import VIEW
from crossroads.people.api.views import FORBIDDEN, POST_ONLY, REFUSED
from crossroads.protection import models as m
from crossroads.protection.api.views import refused
from crossroads.protection.returns import filtersets, reintegration, services
from crossroads.protection.returns import serializers as s

#: Records are created through the services and never edited or deleted directly.
READ_AND_CREATE = ["get", "post", "head", "options"]
#: What a record shown by its application needs (``case: country``), joined once.
SHOWN_WITH_APPLICATION = ("application__case", "application__country_of_return")


def carry_out(step: Callable[..., Any], *args: Any) -> Any:
    """Run a service step; its refusals become 400 (with the reason) or 403."""
    try:
        return step(*args)
    except DjangoValidationError as error:
        raise refused(error) from error
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error


def visible_or_400(model: type[models.Model], user: Any, pk: Any, field: str) -> Any:
    """The record ``pk`` of ``model`` if ``user`` may view it; a field error otherwise."""
    manager: Any = model._default_manager
    found = manager.restrict(user, VIEW).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("No such record, or you may not see it.")]})
    return found


class ReturnApplicationViewSet(StepsMixin, CrossroadsModelViewSet):
    """Return applications the user may reach; steps are POST actions needing *change*."""

    queryset = m.ReturnApplication.objects.all()
    serializer_class = s.ReturnApplicationSerializer
    filterset_class = filtersets.ReturnApplicationFilterSet
    http_method_names = READ_AND_CREATE
    steps = ("decide", "arrange_travel", "confirm_departure", "confirm_arrival", "withdraw")

    def respond(self, application: m.ReturnApplication, code: int = 200) -> Response:
        fresh = m.ReturnApplication.objects.get(pk=application.pk)
        return Response(s.ReturnApplicationSerializer(
            fresh, context=self.get_serializer_context()).data, status=code)

    def given(self, serializer: type[Any]) -> Any:
        data = serializer(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data

    @extend_schema(request=s.ApplySerializer,
                   responses={201: s.ReturnApplicationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Apply for assisted voluntary return for a person in a case")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = s.ApplySerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        data = given.validated_data
        case = visible_or_400(m.Case, request.user, data["case"], "case")
        applicant = m.CasePerson.objects.restrict(request.user, VIEW).filter(
            case=case, pk=data["applicant"]).first()
        if applicant is None:
            raise ValidationError({"applicant": [_("This person is not in this case.")]})
        application = carry_out(services.apply, request.user, case, applicant,
                                data["country_of_return"], data["destination"],
                                data["applied_on"])
        return self.respond(application, status.HTTP_201_CREATED)

    @extend_schema(request=s.DecideSerializer,
                   responses={200: s.ReturnApplicationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Answer the eligibility questions: eligible or not, with reasons")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def decide(self, request: Request, pk: Any = None) -> Response:
        application = self.get_object()
        answers = self.given(s.DecideSerializer).validated_data["answers"]
        return self.respond(carry_out(services.decide_eligibility, request.user, application,
                                      answers))

    @extend_schema(request=s.TravelSerializer,
                   responses={200: s.TravelArrangementSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Arrange the travel; the application becomes travel ready")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY,
            url_path="arrange-travel")
    def arrange_travel(self, request: Request, pk: Any = None) -> Response:
        application = self.get_object()
        plan = self.given(s.TravelSerializer).plan()
        travel = carry_out(services.arrange_travel, request.user, application, plan)
        return Response(s.TravelArrangementSerializer(
            travel, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ConfirmSerializer,
                   responses={200: s.ReturnApplicationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Confirm the returnee's departure")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY,
            url_path="confirm-departure")
    def confirm_departure(self, request: Request, pk: Any = None) -> Response:
        application = self.get_object()
        at = self.given(s.ConfirmSerializer).validated_data["at"]
        return self.respond(carry_out(services.confirm_departure, request.user, application,
                                      at))

    @extend_schema(request=s.ConfirmSerializer,
                   responses={200: s.ReturnApplicationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Confirm the returnee's arrival")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY,
            url_path="confirm-arrival")
    def confirm_arrival(self, request: Request, pk: Any = None) -> Response:
        application = self.get_object()
        at = self.given(s.ConfirmSerializer).validated_data["at"]
        return self.respond(carry_out(services.confirm_arrival, request.user, application, at))

    @extend_schema(request=s.WithdrawSerializer,
                   responses={200: s.ReturnApplicationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Withdraw the application before departure, with a reason")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def withdraw(self, request: Request, pk: Any = None) -> Response:
        application = self.get_object()
        reason = self.given(s.WithdrawSerializer).validated_data["reason"]
        return self.respond(carry_out(services.withdraw, request.user, application, reason))


class TravelArrangementViewSet(CrossroadsReadOnlyViewSet):
    """Travel arrangements (made by the ``arrange-travel`` step of an application)."""

    queryset = m.TravelArrangement.objects.select_related(*SHOWN_WITH_APPLICATION)
    serializer_class = s.TravelArrangementSerializer
    filterset_class = filtersets.TravelArrangementFilterSet


class ReintegrationPlanViewSet(CrossroadsModelViewSet):
    """Reintegration plans; posting one for an application that has a plan changes it."""

    queryset = m.ReintegrationPlan.objects.select_related(*SHOWN_WITH_APPLICATION)
    serializer_class = s.ReintegrationPlanSerializer
    filterset_class = filtersets.ReintegrationPlanFilterSet
    http_method_names = READ_AND_CREATE

    @extend_schema(request=s.PlanInputSerializer,
                   responses={201: s.ReintegrationPlanSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Agree (or change) the reintegration plan of an application")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = s.PlanInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        application = visible_or_400(m.ReturnApplication, request.user,
                                      given.validated_data["application"], "application")
        plan = carry_out(reintegration.make_plan, request.user, application, given.plan())
        return Response(s.ReintegrationPlanSerializer(
            plan, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


class ReintegrationAssistanceViewSet(StepsMixin, CrossroadsModelViewSet):
    """Assistance in reintegration plans: planned, then delivered (the ``deliver`` step)."""

    queryset = m.ReintegrationAssistance.objects.all()
    serializer_class = s.ReintegrationAssistanceSerializer
    filterset_class = filtersets.ReintegrationAssistanceFilterSet
    http_method_names = READ_AND_CREATE
    steps = ("deliver",)

    @extend_schema(responses={201: s.ReintegrationAssistanceSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Plan a piece of reintegration assistance")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        assistance = carry_out(reintegration.add_assistance, request.user, data["plan"],
                               data["dimension"], data["kind"], data.get("description", ""),
                               data.get("value"))
        return Response(s.ReintegrationAssistanceSerializer(
            assistance, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DeliverSerializer,
                   responses={200: s.ReintegrationAssistanceSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Record the day the assistance was delivered")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def deliver(self, request: Request, pk: Any = None) -> Response:
        assistance = self.get_object()
        given = s.DeliverSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        delivered = carry_out(reintegration.deliver, request.user, assistance,
                              given.validated_data["delivered_on"])
        return Response(s.ReintegrationAssistanceSerializer(
            delivered, context=self.get_serializer_context()).data)


class MonitoringVisitViewSet(CrossroadsModelViewSet):
    """Monitoring visits after arrival, with their sustainability scores."""

    queryset = m.MonitoringVisit.objects.select_related(
        *(f"plan__{name}" for name in SHOWN_WITH_APPLICATION))
    serializer_class = s.MonitoringVisitSerializer
    filterset_class = filtersets.MonitoringVisitFilterSet
    http_method_names = READ_AND_CREATE

    @extend_schema(request=s.VisitInputSerializer,
                   responses={201: s.MonitoringVisitSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Record a monitoring visit; the scores come from its answers")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = s.VisitInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        plan = visible_or_400(m.ReintegrationPlan, request.user, data["plan"], "plan")
        visit = carry_out(reintegration.record_visit, request.user, plan, data["answers"],
                          data["visited_on"], data["notes"])
        return Response(s.MonitoringVisitSerializer(
            visit, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


def register(router: CrossroadsRouter) -> None:
    """Register this module's viewsets on the protection API router."""
    router.register("return-applications", ReturnApplicationViewSet)
    router.register("travel-arrangements", TravelArrangementViewSet)
    router.register("reintegration-plans", ReintegrationPlanViewSet)
    router.register("reintegration-assistance", ReintegrationAssistanceViewSet)
    router.register("monitoring-visits", MonitoringVisitViewSet)


#: Endpoints that are not viewsets.
urlpatterns: list[URLPattern] = []
