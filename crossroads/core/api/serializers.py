"""The base serializer: ``url`` and ``display`` fields, related choices restricted."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.core.permissions import VIEW


class CrossroadsModelSerializer(serializers.ModelSerializer):
    """Related objects are given by primary key and must be visible to the requester."""

    display = serializers.SerializerMethodField(help_text=_("How the record is shown to people."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in self.fields.values():
            target: Any = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                target.queryset = queryset.restrict(user, VIEW)

    def get_display(self, obj: Any) -> str:
        return str(obj)


class ObjectChangeSerializer(CrossroadsModelSerializer):
    object_type: Any = serializers.StringRelatedField()

    class Meta:
        model = ObjectChange
        fields = ["id", "display", "time", "user", "user_name", "channel", "address", "request_id",
                  "action", "object_type", "object_id", "object_repr", "changed_fields",
                  "prechange_data", "postchange_data"]


class AuditEventSerializer(CrossroadsModelSerializer):
    object_type: Any = serializers.StringRelatedField()

    class Meta:
        model = AuditEvent
        fields = ["id", "display", "time", "user", "user_name", "action", "object_type",
                  "object_id", "object_repr", "channel", "address", "path"]


class JobSerializer(CrossroadsModelSerializer):
    percent = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Job
        fields = ["id", "display", "name", "kwargs", "user", "status", "progress_done",
                  "progress_total", "percent", "message", "result", "error", "created", "started",
                  "finished"]
