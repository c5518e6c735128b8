"""Serializers of the evidence base."""

from __future__ import annotations

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.evidence import forms
from crossroads.evidence import models as m

STAMPS = ["created", "last_updated"]


class DataSourceSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.DataSource
        fields = ["id", "display", *forms.DataSourceForm.Meta.fields, *STAMPS]


class ReleaseSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Release
        fields = ["id", "display", "source", "code", "title", "vintage", "published", "importer",
                  "imported_at", "imported_by", "notes", *STAMPS]
        read_only_fields = fields


class IndicatorSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Indicator
        fields = ["id", "display", *forms.IndicatorForm.Meta.fields, *STAMPS]


class AreaSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Area
        fields = ["id", "display", *forms.AreaForm.Meta.fields, *STAMPS]


class AreaAliasSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.AreaAlias
        fields = ["id", "display", "label", "key", "area", "note", *STAMPS]
        read_only_fields = ["key"]


class ObservationSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Observation
        fields = ["id", "display", "indicator", "area", "period", "period_start", "period_end",
                  "frequency", "sex", "age", "origin", "destination", "value", "unit_multiplier",
                  "status", "confidentiality", "note", "release", "is_latest"]
        read_only_fields = fields
