"""Serializers of protection cases and their records.

Persons in a case are shown by name only to users who may view persons; others see
``person #uid`` (the case's facts without names)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer, clean_as_saved
from crossroads.protection import models as m
from crossroads.protection import services
from crossroads.protection.choices import ApprovalStep, CaseStatus, ClosureReason

STAMPS = ["created", "last_updated"]


class CasePersonSerializer(serializers.ModelSerializer):
    shown_as = serializers.SerializerMethodField(
        help_text=_("The name, or “person #uid” for a user who may not view persons."))
    uid = serializers.SerializerMethodField()

    class Meta:
        model = m.CasePerson
        fields = ["id", "shown_as", "uid", "role", "relationship", "facts"]

    def get_shown_as(self, obj: m.CasePerson) -> str:
        return services.person_label(self.context["request"].user, obj)

    def get_uid(self, obj: m.CasePerson) -> str | None:
        """None once the case is anonymised: the person is no longer linked."""
        return str(obj.person.uid) if obj.person is not None else None


class CaseSerializer(CrossroadsModelSerializer):
    persons = CasePersonSerializer(source="casepersons", many=True, read_only=True)

    class Meta:
        model = m.Case
        fields = ["id", "display", "reference", "case_type", "organisation", "case_worker",
                  "supervisor", "status", "priority", "opened_on", "closed_on",
                  "closure_reason", "archived_on", "anonymised_on", "summary", "persons",
                  *STAMPS]
        read_only_fields = ["status", "closed_on", "closure_reason", "archived_on",
                            "anonymised_on"]


class MoveSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=CaseStatus.choices)
    closure_reason = serializers.ChoiceField(choices=ClosureReason.choices, required=False,
                                             allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ApprovalRequestSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=ApprovalStep.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ApprovalDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ScreenSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=_("Every factor of the screening, by code, answered true or false."))
    screened_on = serializers.DateField(required=False)


class ScreeningSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.VulnerabilityScreening
        fields = ["id", "display", "case", "screened_on", "answers", "priority", "score",
                  "reasons", *STAMPS]
        read_only_fields = fields


class AttachSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    file = serializers.FileField(help_text=_("PDF, PNG or JPEG (checked by content)."))


class CaseDocumentSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.CaseDocument
        fields = ["id", "display", "case", "title", "media_type", "size", *STAMPS]
        read_only_fields = fields


class ApprovalSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Approval
        fields = ["id", "display", "case", "step", "requested_by", "decision", "decided_by",
                  "decided_at", "note", "used", *STAMPS]
        read_only_fields = fields


class TaskSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Task
        fields = ["id", "display", "case", "title", "due_on", "assignee", "done", "done_on",
                  *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        clean_as_saved(self.instance, m.Task, attrs)
        return attrs


class CaseNoteSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.CaseNote
        fields = ["id", "display", "case", "text", *STAMPS]


class ConsentSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Consent
        fields = ["id", "display", "case", "case_person", "purpose", "organisation",
                  "given_on", "taken_by", "withdrawn_on", *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        clean_as_saved(self.instance, m.Consent, attrs)
        return attrs
