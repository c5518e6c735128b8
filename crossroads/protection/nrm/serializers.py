"""Serializers of the referral mechanism.

A referral is shown in full (its case, person and what allowed it) only to users who may
view its case; the receiving organisation gets the case-free fields and ``person``, the
facts the referral shares."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.protection import models as m
from crossroads.protection.choices import Service, SharedField
from crossroads.protection.nrm import sharing

STAMPS = ["created", "last_updated"]
#: Fields of a referral only its referring side sees.
CASE_FIELDS = ("display", "case", "case_person", "consent", "consent_override")


class ServiceProviderSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ServiceProvider
        fields = ["id", "display", "organisation", "name", "country", "locality", "address",
                  "contact_person", "phone", "email", "hours", "is_active", "notes", *STAMPS]


class ServiceOfferSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ServiceOffer
        fields = ["id", "display", "provider", "service", "capacity", "eligibility", *STAMPS]


class ReferralSerializer(CrossroadsModelSerializer):
    referring_organisation = serializers.SerializerMethodField()
    person = serializers.SerializerMethodField(
        help_text=_("What the referral shares about the person (keys from `shares`)."))

    class Meta:
        model = m.Referral
        fields = ["id", "display", "case", "case_person", "service", "provider",
                  "receiving_organisation", "referring_organisation", "status", "urgent",
                  "needs", "shares", "respond_by", "complete_by", "sent_at", "responded_at",
                  "responded_by", "completed_at", "rejection_reason", "outcome", "consent",
                  "consent_override", "person", *STAMPS]
        read_only_fields = fields

    def get_referring_organisation(self, obj: m.Referral) -> int:
        return obj.case.organisation_id

    def get_person(self, obj: m.Referral) -> dict[str, Any]:
        return sharing.shared_person(obj)

    def to_representation(self, instance: m.Referral) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if instance.case_id not in self.context.get("full_cases", ()):
            data.update(dict.fromkeys(CASE_FIELDS))
        return data


class ReferralCreateSerializer(serializers.Serializer):
    case_person = serializers.IntegerField(help_text=_("The person in the case (its id)."))
    provider = serializers.IntegerField()
    service = serializers.ChoiceField(choices=Service.choices)
    needs = serializers.CharField()
    respond_by = serializers.DateField()
    complete_by = serializers.DateField(required=False, allow_null=True, default=None)
    urgent = serializers.BooleanField(required=False, default=False)
    shares = serializers.ListField(child=serializers.ChoiceField(choices=SharedField.choices),
                                   required=False, default=list)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    send = serializers.BooleanField(required=False, default=False)


class StepSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text=_("The reason, outcome or note the step needs."))
    complete_by = serializers.DateField(required=False, allow_null=True, default=None)


class CaseTransferSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.CaseTransfer
        fields = ["id", "display", "case", "from_organisation", "to_organisation", "status",
                  "reason", "decided_by", "decided_at", "decision_note", *STAMPS]
        read_only_fields = fields

    def to_representation(self, instance: m.CaseTransfer) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if instance.case_id not in self.context.get("full_cases", ()):
            data.update({"display": None, "case": None})
        return data


class TransferCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    to_organisation = serializers.IntegerField()
    reason = serializers.CharField()
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")
