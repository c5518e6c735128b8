"""The API of crossings, for booth software: list, detail, record one, record a batch.

Recording goes through :func:`~crossroads.borders.crossings.services.record_crossing`.
A booth sends an ``Idempotency-Key`` header (or ``idempotency_key`` per item of a
batch): a retry answers 200 with the first crossing, a reused key with other values 409.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.borders import choices
from crossroads.borders.crossings.filtersets import CrossingFilterSet
from crossroads.borders.crossings.screening import describe_hits
from crossroads.borders.crossings.services import (
    CrossingInput,
    CrossingRefused,
    IdempotencyConflict,
    Result,
    record_crossing,
)
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.core.permissions import ADD, can
from crossroads.people.choices import DocumentKind, Sex
from crossroads.people.dates import PartialDate

#: The most crossings one batch request may carry.
MAX_BATCH = 500


class CrossingSerializer(CrossroadsModelSerializer):
    class Meta:
        model = Crossing
        fields = ["id", "display", "point", "movement", "crossed_at", "person", "organisation",
                  "officer", "document", "document_kind", "document_number", "document_state",
                  "document_expiry", "nationality", "sex", "birth_year", "mrz", "purpose",
                  "permit_kind", "permit_number", "permit_valid_until", "transport", "vehicle",
                  "refusal_reason", "remarks", "screening", "flags", "idempotency_key", "source",
                  "created", "last_updated"]
        read_only_fields = fields


def optional_choice(values: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=values, required=False, allow_blank=True)


class CrossingInputSerializer(serializers.Serializer):
    """One crossing as a booth sends it (an MRZ alone fills the traveller's fields)."""

    point = serializers.PrimaryKeyRelatedField(queryset=BorderCrossingPoint.objects.all())
    movement = serializers.ChoiceField(choices=choices.Movement.choices)
    crossed_at = serializers.DateTimeField(required=False, allow_null=True,
                                           help_text="Default: now.")
    mrz = serializers.CharField(required=False, allow_blank=True, max_length=200)
    family = serializers.CharField(required=False, allow_blank=True, max_length=200)
    given = serializers.CharField(required=False, allow_blank=True, max_length=200)
    patronymic = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, allow_blank=True, max_length=3)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1880,
                                          max_value=2100)
    birth_month = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                           max_value=12)
    birth_day = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                         max_value=31)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    nationality = serializers.CharField(required=False, allow_blank=True, max_length=3)
    document_kind = optional_choice(DocumentKind.choices)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    document_state = serializers.CharField(required=False, allow_blank=True, max_length=3)
    document_expiry = serializers.DateField(required=False, allow_null=True)
    purpose = optional_choice(choices.Purpose.choices)
    permit_kind = optional_choice(choices.PermitKind.choices)
    permit_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    permit_valid_until = serializers.DateField(required=False, allow_null=True)
    transport = optional_choice(choices.Transport.choices)
    vehicle = serializers.CharField(required=False, allow_blank=True, max_length=40)
    refusal_reason = optional_choice(choices.RefusalReason.choices)
    remarks = serializers.CharField(required=False, allow_blank=True)
    person = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    idempotency_key = serializers.CharField(required=False, allow_blank=True, max_length=80,
                                            help_text="In a batch; one crossing takes the "
                                                      "Idempotency-Key header.")

    def to_input(self, key: str = "", source: str = "api") -> CrossingInput:
        data = dict(self.validated_data)
        birth = PartialDate(data.pop("birth_year", None), data.pop("birth_month", None),
                            data.pop("birth_day", None))
        person = data.pop("person", None)
        data["idempotency_key"] = key or data.get("idempotency_key", "")
        return CrossingInput(birth=birth, person_id=person, source=source, **data)


class BatchSerializer(serializers.Serializer):
    crossings = CrossingInputSerializer(many=True)


class ItemResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    status = serializers.IntegerField(help_text="201 recorded, 200 a retry, 400 refused, "
                                                "409 key reused with other values.")
    id = serializers.IntegerField(allow_null=True)
    errors = serializers.DictField(required=False)  # type: ignore[assignment]


def outcome(result: Result) -> dict[str, Any]:
    """What a booth learns besides the crossing: how the traveller was found, flags, hits."""
    return {"recognised_by": result.how, "person_created": result.person_created,
            "document_added": result.document_added,
            "flags": [flag.as_json() for flag in result.flags],
            "hits": describe_hits(result.hits)}


class CrossingViewSet(CrossroadsModelViewSet):
    """Crossings the user may view; POST records one through the recording service."""

    queryset = Crossing.objects.all()
    serializer_class = CrossingSerializer
    filterset_class = CrossingFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(
        request=CrossingInputSerializer,
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER,
                                     description="The same key on a retry returns the first "
                                                 "crossing (200).")],
        responses={201: CrossingSerializer, 200: CrossingSerializer, 400: None, 409: None})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record one crossing (201), or answer a retry with the first one (200)."""
        if not can(request.user, Crossing, ADD):
            raise PermissionDenied
        given = CrossingInputSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "")
        code, body = self.record(given.to_input(key.strip()))
        return Response(body, status=code)

    @extend_schema(request=BatchSerializer, responses={200: ItemResultSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="batch")
    def batch(self, request: Request) -> Response:
        """Record many crossings of a booth; each is recorded or refused on its own."""
        if not can(request.user, Crossing, ADD):
            raise PermissionDenied
        items = request.data.get("crossings") if isinstance(request.data, dict) else None
        if not isinstance(items, list) or not items:
            return Response({"crossings": [_("Give a list of crossings.")]},
                            status=status.HTTP_400_BAD_REQUEST)
        if len(items) > MAX_BATCH:
            return Response({"crossings": [_("At most %(n)s crossings per request.")
                                           % {"n": MAX_BATCH}]},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"results": [self.batch_item(index, item, request)
                                     for index, item in enumerate(items)]})

    def batch_item(self, index: int, item: Any, request: Request) -> dict[str, Any]:
        given = CrossingInputSerializer(data=item, context={"request": request})
        if not given.is_valid():
            return {"index": index, "status": 400, "id": None, "errors": given.errors}
        code, body = self.record(given.to_input(source="api:batch"))
        return {"index": index, "status": code, "id": body.get("id"),
                "errors": body if code >= 400 else {}, **({"crossing": body} if code < 400
                                                          else {})}

    def record(self, data: CrossingInput) -> tuple[int, dict[str, Any]]:
        """(HTTP status, body) of recording one crossing."""
        try:
            result = record_crossing(self.request.user, data)
        except CrossingRefused as error:
            return status.HTTP_400_BAD_REQUEST, error.message_dict
        except IdempotencyConflict as error:
            return status.HTTP_409_CONFLICT, {"idempotency_key": [str(error)],
                                              "crossing": error.crossing.pk,
                                              "fields": error.fields}
        body = dict(self.get_serializer(result.crossing).data)
        body.update(outcome(result))
        return (status.HTTP_201_CREATED if result.created else status.HTTP_200_OK), body
