"""Serializers of return applications, travel, reintegration plans, assistance and visits.

Records are written only through the return services: the "input" serializers below
read what a client sends, the model serializers show what was stored.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.core.permissions import VIEW
from crossroads.protection import models as m
from crossroads.protection.choices import (
    FitnessToTravel,
    TravelDocumentStatus,
)
from crossroads.protection.returns import sustainability
from crossroads.protection.returns.reintegration import PlanInput
from crossroads.protection.returns.travel import TravelPlan
from crossroads.reference.models import Country

STAMPS = ["created", "last_updated"]


class ReturnApplicationSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ReturnApplication
        fields = ["id", "display", "case", "applicant", "country_of_return", "destination",
                  "applied_on", "status", "eligibility", "eligibility_reasons", "decided_by",
                  "decided_on", *STAMPS]
        read_only_fields = fields


class ApplySerializer(serializers.Serializer):
    case = serializers.IntegerField(help_text=_("The case (one you may change)."))
    applicant = serializers.IntegerField(help_text=_("The person in the case who applies."))
    country_of_return = serializers.PrimaryKeyRelatedField(queryset=Country.objects.all())
    destination = serializers.CharField(max_length=120, required=False, allow_blank=True,
                                        default="")
    applied_on = serializers.DateField(required=False, allow_null=True, default=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        countries: Any = self.fields["country_of_return"]
        countries.queryset = Country.objects.restrict(getattr(request, "user", None), VIEW)


class DecideSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=_("Every eligibility question, by code, answered true or false."))


class TravelSerializer(serializers.Serializer):
    departure_date = serializers.DateField()
    itinerary = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text=_("Legs: from, to, carrier, number, departs, arrives (ISO 8601 times)."))
    document_status = serializers.ChoiceField(choices=TravelDocumentStatus.choices)
    document_reference = serializers.CharField(max_length=40, required=False, allow_blank=True,
                                               default="")
    fitness = serializers.ChoiceField(choices=FitnessToTravel.choices,
                                      default=FitnessToTravel.NOT_ASSESSED)
    fitness_assessed_on = serializers.DateField(required=False, allow_null=True, default=None)
    escort_required = serializers.BooleanField(required=False, default=False)
    escort = serializers.CharField(max_length=120, required=False, allow_blank=True,
                                   default="")

    def plan(self) -> TravelPlan:
        return TravelPlan(**self.validated_data)


class ConfirmSerializer(serializers.Serializer):
    at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                   help_text=_("When it happened; now if left out."))


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class TravelArrangementSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.TravelArrangement
        fields = ["id", "display", "case", "application", "itinerary", "document_status",
                  "document_reference", "escort_required", "escort", "fitness",
                  "fitness_assessed_on", "departure_date", "departed_at", "arrived_at",
                  *STAMPS]
        read_only_fields = fields


class ReintegrationPlanSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ReintegrationPlan
        fields = ["id", "display", "case", "application", "agreed_on", "economic", "social",
                  "psychosocial", "budget", "currency", *STAMPS]
        read_only_fields = fields


class PlanInputSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    economic = serializers.CharField(required=False, allow_blank=True, default="")
    social = serializers.CharField(required=False, allow_blank=True, default="")
    psychosocial = serializers.CharField(required=False, allow_blank=True, default="")
    budget = serializers.DecimalField(max_digits=10, decimal_places=2, required=False,
                                      allow_null=True, default=None)
    currency = serializers.CharField(max_length=3, required=False, default="EUR")
    agreed_on = serializers.DateField(required=False, allow_null=True, default=None)

    def plan(self) -> PlanInput:
        data = dict(self.validated_data)
        data.pop("application")
        return PlanInput(**data)


class ReintegrationAssistanceSerializer(CrossroadsModelSerializer):
    """Shows assistance; posted (``plan``, ``dimension``, ``kind``, ``description``,
    ``value``) it plans a new piece, delivered later by the ``deliver`` step."""

    class Meta:
        model = m.ReintegrationAssistance
        fields = ["id", "display", "case", "plan", "dimension", "kind", "description",
                  "value", "delivered_on", *STAMPS]
        read_only_fields = ["case", "delivered_on", *STAMPS]


class DeliverSerializer(serializers.Serializer):
    delivered_on = serializers.DateField(required=False, allow_null=True, default=None,
                                         help_text=_("Today if left out."))


class MonitoringVisitSerializer(CrossroadsModelSerializer):
    band = serializers.SerializerMethodField(
        help_text=_("The band of the sustainability score: low, medium or high."))

    class Meta:
        model = m.MonitoringVisit
        fields = ["id", "display", "case", "plan", "visited_on", "answers", "economic_score",
                  "social_score", "psychosocial_score", "score", "band", "notes", *STAMPS]
        read_only_fields = fields

    def get_band(self, obj: m.MonitoringVisit) -> str:
        return sustainability.band(obj.score)


class VisitInputSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    visited_on = serializers.DateField(required=False, allow_null=True, default=None)
    answers = serializers.DictField(
        child=serializers.CharField(),
        help_text=_("Every monitoring question, by code, with the code of its answer."))
    notes = serializers.CharField(required=False, allow_blank=True, default="")

