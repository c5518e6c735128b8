"""Serializers of the governance register."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.governance import forms
from crossroads.governance import models as m

STAMPS = ["created", "last_updated"]


class PolicySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Policy
        fields = ["id", "display", *forms.PolicyForm.Meta.fields, *STAMPS]


class LawSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Law
        fields = ["id", "display", *forms.LawForm.Meta.fields, *STAMPS]


class LawReviewSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.LawReview
        fields = ["id", "display", *forms.LawReviewForm.Meta.fields, *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        try:
            m.check_open_for_review(attrs.get("law"), is_new=self.instance is None)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs


class InternationalInstrumentSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.InternationalInstrument
        fields = ["id", "display", *forms.InternationalInstrumentForm.Meta.fields, *STAMPS]


class InstrumentStatusSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.InstrumentStatus
        fields = ["id", "display", *forms.InstrumentStatusForm.Meta.fields, *STAMPS]


class InstitutionSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Institution
        fields = ["id", "display", *forms.InstitutionForm.Meta.fields, *STAMPS]


class CoordinationMechanismSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.CoordinationMechanism
        fields = ["id", "display", *forms.CoordinationMechanismForm.Meta.fields, *STAMPS]


class MeetingSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Meeting
        fields = ["id", "display", *forms.MeetingForm.Meta.fields, *STAMPS]


class AssessmentIndicatorSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.AssessmentIndicator
        fields = ["id", "display", *forms.AssessmentIndicatorForm.Meta.fields, *STAMPS]


class SelfAssessmentSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.SelfAssessment
        fields = ["id", "display", *forms.SelfAssessmentForm.Meta.fields, *STAMPS]


class AssessmentScoreSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.AssessmentScore
        fields = ["id", "display", *forms.AssessmentScoreForm.Meta.fields, *STAMPS]
