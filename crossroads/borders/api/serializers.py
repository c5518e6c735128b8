"""Serializers of border management."""

from __future__ import annotations

from rest_framework import serializers

from crossroads.borders import forms
from crossroads.borders import models as m
from crossroads.core.api.serializers import CrossroadsModelSerializer


class BorderCrossingPointSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.BorderCrossingPoint
        fields = ["id", "display", *forms.BorderCrossingPointForm.Meta.fields, "created",
                  "last_updated"]


class MRZInputSerializer(serializers.Serializer):
    mrz = serializers.CharField(max_length=200, help_text="The 2 or 3 lines, as scanned.")


class MRZOutputSerializer(serializers.Serializer):
    format = serializers.CharField()
    fields = serializers.DictField()  # type: ignore[assignment]
    warnings = serializers.ListField(child=serializers.CharField())


class MRZErrorSerializer(serializers.Serializer):
    field = serializers.CharField()
    reason = serializers.CharField()
