"""Serializers of watchlists, entries and alerts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.watchlists import forms
from crossroads.watchlists import models as m
from crossroads.watchlists.choices import AlertStatus

STAMPS = ["created", "last_updated"]


class WatchlistSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Watchlist
        fields = ["id", "display", *forms.WatchlistForm.Meta.fields, *STAMPS]


class WatchlistEntrySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.WatchlistEntry
        fields = ["id", "display", *forms.WatchlistEntryForm.Meta.fields, "document_key",
                  *STAMPS]
        read_only_fields = ["document_key"]


class AlertSerializer(CrossroadsModelSerializer):
    record_type = serializers.SerializerMethodField()

    class Meta:
        model = m.Alert
        fields = ["id", "display", "entry", "person", "record_type", "object_id",
                  "organisation", "point", "score", "explanation", "status", "decided_by",
                  "decided_at", "note", *STAMPS]
        read_only_fields = fields

    def get_record_type(self, alert: m.Alert) -> str:
        return f"{alert.content_type.app_label}.{alert.content_type.model}"


class AlertDecisionSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[AlertStatus.CONFIRMED, AlertStatus.DISMISSED, AlertStatus.ESCALATED],
        help_text=_("confirmed, dismissed (a false match) or escalated"))
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000,
                                 help_text=_("Required to dismiss or escalate."))
