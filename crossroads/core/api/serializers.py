"""The base serializer: ``url`` and ``display`` fields, related choices restricted."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.core.permissions import VIEW


def clean_as_saved(instance: models.Model | None, model: type[models.Model],
                   attrs: dict[str, Any]) -> None:
    """Run ``model.clean()`` on the record as it would be saved, as a model form does.

    The check runs on a stand-in built from the stored values and ``attrs``, so a
    refused change leaves ``instance`` untouched. Deferred fields (large frozen
    documents, say) are not loaded: ``clean()`` methods do not read them.
    Raises a DRF ValidationError with the model's messages per field.
    """
    candidate = model()
    if instance is not None:
        deferred = instance.get_deferred_fields()
        for field in model._meta.concrete_fields:
            if field.attname not in deferred:
                setattr(candidate, field.attname, getattr(instance, field.attname))
        candidate._state.adding = False
        candidate._state.db = instance._state.db
    for name, value in attrs.items():
        setattr(candidate, name, value)
    try:
        candidate.clean()
    except DjangoValidationError as error:
        raise serializers.ValidationError(get_error_detail(error)) from error


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
