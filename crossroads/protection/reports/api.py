"""API endpoints (added to ``/api/v1/protection/`` by ``crossroads.protection.api.urls``):
the caseload and service-delivery counts, filtered like the report pages.

Counts are numbers, or the text ``"<5"`` for a protected small count (a viewer of
aggregates only); ``exact`` says whether any count may be protected."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers as drf
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.protection.reports import counts, tables
from crossroads.protection.reports.forms import ReportFilterForm
from crossroads.protection.reports.views import counted_cases


@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 0},
                                 {"type": "string", "example": "<5"}]})
class CountField(drf.JSONField):
    """A count: a number, or the text "<5" for a protected small count."""


def cell() -> drf.Field:
    """A count field (a new one each time: a field binds to one serializer)."""
    return CountField(help_text='A count, or the text "<5" for a protected small count.')


def cells() -> drf.Field:
    """Counts by category."""
    return drf.DictField(child=cell())


def cross() -> drf.Field:
    """Counts by category, then by a second category."""
    return drf.DictField(child=drf.DictField(child=cell()))


FILTERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="Period start (included)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Period end (included)."),
    OpenApiParameter("country", str, description="ISO 3166 alpha-3 code of the country of "
                     "the organisation owning the case."),
    OpenApiParameter("case_type", str, description="Case type (code)."),
    OpenApiParameter("organisation", int, description="Identifier of the owning organisation."),
]
ERRORS = {400: OpenApiResponse(description="Field errors: {field: [messages]}."),
          403: OpenApiResponse(description="The user may neither view nor count cases.")}


def register(router: CrossroadsRouter) -> None:
    """Register this module's viewsets on the protection API router (none: plain views)."""


def scope_of(request: Request) -> tuple[Any, counts.Scope]:
    """The user and the filters of the request; refused when they may not count cases or
    the filters are wrong."""
    try:
        cases = counted_cases(request.user)
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error
    form = ReportFilterForm(request.query_params, cases)
    if not form.is_valid():
        raise ValidationError({field: [str(problem) for problem in problems]
                               for field, problems in form.errors.items()})
    return request.user, form.scope()


class CaseloadReportView(APIView):
    """Cases by status, case type, country, month opened; principals by sex and age group."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=FILTERS, responses={200: inline_serializer("CaseloadReport", {
        "exact": drf.BooleanField(), "total": cell(), "status": cells(),
        "case_type": cells(), "country": cells(), "month": cells(), "sex": cells(),
        "age_group": cells(), "sex_age": cross()}), **ERRORS})
    def get(self, request: Request) -> Response:
        user, scope = scope_of(request)
        exact = counts.sees_exact_counts(user, counts.in_scope(counts.countable_cases(user),
                                                               scope))
        found = tables.protect_all(counts.caseload(user, scope), exact)
        return Response({"exact": exact, **found})


class ServiceDeliveryReportView(APIView):
    """Referrals by service and status, services delivered, persons assisted by sex and age."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=FILTERS, responses={200: inline_serializer(
        "ServiceDeliveryReport", {
            "exact": drf.BooleanField(), "referrals": cross(), "completed_referrals": cells(),
            "assistance": cells(), "services_delivered": cell(), "persons": cell(),
            "persons_by_sex": cells(), "persons_by_age_group": cells(),
            "persons_by_sex_age": cross()}), **ERRORS})
    def get(self, request: Request) -> Response:
        user, scope = scope_of(request)
        cases = counts.in_scope(counts.countable_cases(user), scope, by_opening=False)
        exact = counts.sees_exact_counts(user, cases)
        found = tables.protect_all(counts.service_delivery(user, scope), exact)
        return Response({"exact": exact, **found})


#: Endpoints that are not viewsets.
urlpatterns = [
    path("reports/caseload/", CaseloadReportView.as_view(), name="report_caseload"),
    path("reports/service-delivery/", ServiceDeliveryReportView.as_view(),
         name="report_service_delivery"),
]
