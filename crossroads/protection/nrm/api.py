"""API endpoints (added to ``/api/v1/protection/`` by ``crossroads.protection.api.urls``):
the directory (``providers``, ``offers``), ``referrals`` and ``transfers`` with their
steps, and the NRM dashboard (``nrm/dashboard/``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.core.api.viewsets import CrossroadsModelViewSet, StepsMixin
from crossroads.core.permissions import CHANGE, VIEW, can
from crossroads.people.api.views import FORBIDDEN, POST_ONLY, REFUSED
from crossroads.protection import models as m
from crossroads.protection.api.views import refused
from crossroads.protection.nrm import dashboard, filtersets, referrals, sharing, transfers
from crossroads.protection.nrm import serializers as s
from crossroads.users.models import Organisation

GET_POST = ["get", "post", "head", "options"]


class ServiceProviderViewSet(CrossroadsModelViewSet):
    """The directory of service providers (not sensitive; editing is permission-scoped)."""

    queryset = m.ServiceProvider.objects.all()
    serializer_class = s.ServiceProviderSerializer
    filterset_class = filtersets.ServiceProviderFilterSet


class ServiceOfferViewSet(CrossroadsModelViewSet):
    """Services each provider offers, with their capacity."""

    queryset = m.ServiceOffer.objects.all()
    serializer_class = s.ServiceOfferSerializer
    filterset_class = filtersets.ServiceOfferFilterSet


def full_cases(user: Any, rows: Any) -> set[int]:
    """Of the cases of ``rows``, those ``user`` may view (they see those rows in full)."""
    ids = {row.case_id for row in rows}
    return set(m.Case.objects.restrict(user, VIEW).filter(pk__in=ids)
               .values_list("pk", flat=True))


def run(step: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a service step, turning its refusals into API errors (400 or 403)."""
    try:
        return step(*args, **kwargs)
    except DjangoValidationError as error:
        raise refused(error) from error
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error


class CaseScopedViewSet(StepsMixin, CrossroadsModelViewSet):
    """Rows shown in full only to users who may view their case; steps need *change*."""

    http_method_names = GET_POST

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        instance = args[0] if args else kwargs.get("instance")
        if instance is not None:
            rows = instance if isinstance(instance, list | tuple) or hasattr(
                instance, "model") else [instance]
            context = kwargs.setdefault("context", self.get_serializer_context())
            context["full_cases"] = full_cases(self.request.user, rows)
        return super().get_serializer(*args, **kwargs)

    def respond(self, row: Any, status: int = 200) -> Response:
        fresh = self.get_queryset().model.objects.select_related("case").get(pk=row.pk)
        return Response(self.get_serializer(fresh).data, status=status)


class ReferralViewSet(CaseScopedViewSet):
    """Referrals sent by the user's cases or received by their organisation.

    POST creates one (and sends it with ``send``); the steps ``send`` and ``cancel`` are the
    referring side's, ``accept``, ``reject`` and ``complete`` the receiving organisation's.
    Filter ``overdue=true`` lists overdue ones; ``side=sent|received`` one's own."""

    queryset = m.Referral.objects.select_related("case").prefetch_related(*sharing.PREFETCH)
    serializer_class = s.ReferralSerializer
    filterset_class = filtersets.ReferralFilterSet
    steps = ("send", "accept", "reject", "complete", "cancel")

    @extend_schema(request=s.ReferralCreateSerializer,
                   responses={201: s.ReferralSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Refer a person in a case to a provider (consent checked)")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = s.ReferralCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        user = request.user
        case_person = m.CasePerson.objects.restrict(user, VIEW) \
            .filter(pk=data.pop("case_person")).first()
        provider = m.ServiceProvider.objects.restrict(user, VIEW) \
            .filter(pk=data.pop("provider")).first()
        if case_person is None:
            raise ValidationError({"case_person": [
                _("No person in a case you may see has this number.")]})
        if provider is None:
            raise ValidationError({"provider": [_("No provider you may see has this number.")]})
        referral = run(
            referrals.create_referral, user, case_person, provider, data["service"],
            data["needs"], data["respond_by"], data["shares"], urgent=data["urgent"],
            complete_by=data["complete_by"], override_reason=data["override_reason"],
            send=data["send"])
        return self.respond(referral, status=201)

    def step(self, request: Request, name: str) -> Response:
        referral = self.get_object()
        given = s.StepSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        text, complete_by = given.validated_data["text"], given.validated_data["complete_by"]
        args: tuple[Any, ...] = {"send": (), "accept": (complete_by,)}.get(name, (text,))
        return self.respond(run(referrals.STEPS[name], request.user, referral, *args))

    @extend_schema(request=None, responses={200: s.ReferralSerializer, 400: REFUSED,
                                            403: FORBIDDEN},
                   summary="Send a created referral (referring side)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def send(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "send")

    @extend_schema(request=s.StepSerializer, responses={200: s.ReferralSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Accept a sent referral (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def accept(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "accept")

    @extend_schema(request=s.StepSerializer, responses={200: s.ReferralSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Reject a sent referral with a reason (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def reject(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "reject")

    @extend_schema(request=s.StepSerializer, responses={200: s.ReferralSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Record the outcome of an accepted referral (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def complete(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "complete")

    @extend_schema(request=s.StepSerializer, responses={200: s.ReferralSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Cancel an open referral with a reason (referring side)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def cancel(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "cancel")


class CaseTransferViewSet(CaseScopedViewSet):
    """Transfers of cases between organisations; the receiver accepts or rejects."""

    queryset = m.CaseTransfer.objects.all()
    serializer_class = s.CaseTransferSerializer
    filterset_class = filtersets.CaseTransferFilterSet
    steps = ("accept", "reject", "cancel")

    @extend_schema(request=s.TransferCreateSerializer,
                   responses={201: s.CaseTransferSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Ask another organisation to take over a case (consent checked)")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = s.TransferCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        case = m.Case.objects.restrict(request.user, CHANGE).filter(pk=data["case"]).first()
        if case is None:
            raise ValidationError({"case": [_("No case you may change has this number.")]})
        to = Organisation.objects.filter(pk=data["to_organisation"]).first()
        transfer = run(transfers.request_transfer, request.user, case, to, data["reason"],
                       data["override_reason"])
        return self.respond(transfer, status=201)

    def step(self, request: Request, name: str) -> Response:
        transfer = self.get_object()
        given = s.StepSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return self.respond(run(transfers.STEPS[name], request.user, transfer,
                                given.validated_data["text"]))

    @extend_schema(request=s.StepSerializer, responses={200: s.CaseTransferSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Take over the case (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def accept(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "accept")

    @extend_schema(request=s.StepSerializer, responses={200: s.CaseTransferSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Decline the case with a reason (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def reject(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "reject")

    @extend_schema(request=s.StepSerializer, responses={200: s.CaseTransferSerializer,
                                                        400: REFUSED, 403: FORBIDDEN},
                   summary="Withdraw the request before it is answered (owning organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def cancel(self, request: Request, pk: Any = None) -> Response:
        return self.step(request, "cancel")


COUNTS = drf.DictField(child=drf.IntegerField())


class DashboardView(APIView):
    """NRM figures for the cases the user may count; ``country`` (ISO3) narrows them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("country", str, description="ISO 3166 alpha-3 code")],
        responses={200: inline_serializer("NrmDashboard", {
            "country": drf.CharField(), "total": drf.IntegerField(), "by_service": COUNTS,
            "by_status": COUNTS, "by_country": COUNTS, "answered": drf.IntegerField(),
            "median_days_to_answer": drf.FloatField(allow_null=True),
            "p90_days_to_answer": drf.FloatField(allow_null=True),
            "overdue": drf.IntegerField()}), 403: FORBIDDEN})
    def get(self, request: Request) -> Response:
        if not can(request.user, m.Case, dashboard.AGGREGATE):
            raise PermissionDenied
        country = str(request.query_params.get("country", ""))[:3]
        return Response(dashboard.dashboard(request.user, country))


def register(router: CrossroadsRouter) -> None:
    """Register this module's viewsets on the protection API router."""
    router.register("providers", ServiceProviderViewSet)
    router.register("offers", ServiceOfferViewSet)
    router.register("referrals", ReferralViewSet)
    router.register("transfers", CaseTransferViewSet)


#: Endpoints that are not viewsets.
urlpatterns: list[URLPattern] = [
    path("nrm/dashboard/", DashboardView.as_view(), name="nrm-dashboard"),
]
