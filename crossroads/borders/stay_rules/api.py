"""API of stay rules, of a traveller's stay status and of the stay lists."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crossroads.borders import models as m
from crossroads.borders.stay_rules import filtersets, forms, services, views
from crossroads.core.api.serializers import CrossroadsModelSerializer, clean_as_saved
from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW, can


class StayRuleSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.StayRule
        fields = ["id", "display", *forms.StayRuleForm.Meta.fields, "created", "last_updated"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        clean_as_saved(self.instance, m.StayRule, attrs)
        candidate = m.StayRule(pk=getattr(self.instance, "pk", None))
        for name in forms.StayRuleForm.Meta.fields:
            if name in attrs:
                setattr(candidate, name, attrs[name])
            elif self.instance is not None:
                setattr(candidate, name, getattr(self.instance, name))
        if (problem := services.ambiguity(candidate)) is not None:
            raise serializers.ValidationError({"non_field_errors": [problem]})
        return attrs


class StayRuleViewSet(CrossroadsModelViewSet):
    queryset = m.StayRule.objects.all()
    serializer_class = StayRuleSerializer
    filterset_class = filtersets.StayRuleFilterSet


def visible_crossings(request: Request) -> Any:
    if not can(request.user, m.Crossing, VIEW):
        audit_denied(m.Crossing, "")
        raise PermissionDenied
    return m.Crossing.objects.restrict(request.user, VIEW)  # type: ignore[attr-defined]


def form_errors(form: Any) -> Response:
    return Response({name: [str(e) for e in errors] for name, errors in form.errors.items()},
                    status=status.HTTP_400_BAD_REQUEST)


QUERY = [OpenApiParameter("country", str, description="Alpha-3 code (default: your "
                          "organisation's country)"),
         OpenApiParameter("on", str, description="YYYY-MM-DD (default: today)")]
LIST_QUERY = [*QUERY, OpenApiParameter("point", int, description="Crossing point id"),
              OpenApiParameter("nationality", str, description="Alpha-3 code"),
              OpenApiParameter("older_than", int, description="Entries without exit: open "
                               "stays older than this many days")]


class TravellerStayView(APIView):
    """A traveller's stay in a country on a day: the rule, days used and left, the date to
    leave, days of overstay and the problems found in the records."""

    @extend_schema(parameters=QUERY, responses={200: dict})
    def get(self, request: Request, person: int, format: Any = None) -> Response:
        crossings = visible_crossings(request)
        form = forms.StayQueryForm(request.query_params, user=request.user)
        if not form.is_valid():
            return form_errors(form)
        if not crossings.filter(person_id=person).exists():
            audit_denied(m.Crossing, f"person {person}")
            raise Http404(_("No crossings of this traveller, or you may not see them."))
        found = services.assess_traveller(person, form.cleaned_data["country"],
                                          form.cleaned_data["on"], crossings)
        audit_access(m.Crossing, found.history.crossings, AuditEvent.Action.VIEW)
        return Response(status_json(found))


def status_json(found: services.TravellerStatus) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {"person": found.person_id, "country": found.country.iso3, "on": day(found.on),
            "present": found.present, "entered_on": day(found.entered_on),
            "rule": services.describe(found.rule), "days_used": found.days_used,
            "days_left": found.days_left, "must_leave_by": day(found.must_leave_by),
            "overstay_days": found.overstay_days if found.present else 0,
            "problems": [str(p) for p in found.problems],
            "stays": [{"entry": day(s.entry), "exit": day(s.exit)}
                      for s in found.history.stays]}


class StayListAPIView(APIView):
    """One stay list (``which``: overstayers, exits_without_entry, entries_without_exit)."""

    which = "overstayers"

    @extend_schema(parameters=LIST_QUERY, responses={200: dict})
    def get(self, request: Request, format: Any = None) -> Response:
        crossings = visible_crossings(request)
        form = forms.StayListForm(request.query_params, user=request.user)
        if not form.is_valid():
            return form_errors(form)
        make_rows = views.LISTS[self.which][2]
        rows, shown = make_rows(crossings, form.filters())
        audit_access(m.Crossing, shown, AuditEvent.Action.LIST)
        return Response({"count": len(rows), "results": [jsonable(row) for row in rows]})


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in row.items()}


class OverstayersAPIView(StayListAPIView):
    """Travellers present on the day whose date to leave has passed."""

    which = "overstayers"


class ExitsWithoutEntryAPIView(StayListAPIView):
    """Exits with no recorded entry before them."""

    which = "exits_without_entry"


class EntriesWithoutExitAPIView(StayListAPIView):
    """Entries followed by another entry, and stays open longer than ``older_than`` days."""

    which = "entries_without_exit"
