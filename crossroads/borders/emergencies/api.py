"""API of emergency mode: operations (start, end, counts), whole groups, arrivals, referrals.

Reads go through ``restrict()`` and are audited (``CrossroadsModelViewSet``). Writes
call :mod:`crossroads.borders.emergencies.services` inside a transaction that is rolled
back when the result is outside the user's permission. Steps that change a record
(ending an operation, changing flags, deciding a referral) need *change* on it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.borders import choices
from crossroads.borders import models as m
from crossroads.borders.emergencies import counts, filtersets, services
from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.core.api.viewsets import CrossroadsModelViewSet, StepsMixin
from crossroads.core.permissions import ADD, VIEW, can
from crossroads.people.choices import Sex
from crossroads.people.models import Person, PersonName

REFUSED = OpenApiResponse(description="Refused: {field: [messages]}.")
FORBIDDEN = OpenApiResponse(description="The user may not do this.")
POST_ONLY = ["post", "options"]
#: What a receiving organisation may decide (named in the OpenAPI schema's enums).
DECISIONS = [choices.ReferralStatus.ACCEPTED.value, choices.ReferralStatus.DECLINED.value,
             choices.ReferralStatus.COMPLETED.value]


def refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 with messages per field."""
    if isinstance(error, services.GroupProblems):
        return ValidationError(error.as_dict())
    return ValidationError(get_error_detail(error))



class StepsViewSet(StepsMixin, CrossroadsModelViewSet):
    """A viewset whose ``steps`` (custom POST actions) need *change* on the record."""


def with_names(queryset: models.QuerySet[Any], user: Any, path: str) -> models.QuerySet[Any]:
    """Persons shown by the names the user may view (else by their identifier)."""
    return queryset.prefetch_related(
        Prefetch(f"{path}__names", queryset=PersonName.objects.restrict(user, VIEW)))


# Operations ----------------------------------------------------------------------------


class EmergencyOperationSerializer(CrossroadsModelSerializer):
    previous_status = serializers.CharField(
        read_only=True, help_text="The point's status before, restored at the end.")

    class Meta:
        model = m.EmergencyOperation
        fields = ["id", "display", "point", "name", "organisation", "started_at", "ended_at",
                  "status", "description", "previous_status", "created", "last_updated"]
        read_only_fields = ["organisation", "ended_at", "status"]
        extra_kwargs = {"started_at": {"required": False}}


class OperationEndSerializer(serializers.Serializer):
    ended_at = serializers.DateTimeField(help_text="When emergency mode ended at the point.")


class EmergencyOperationViewSet(StepsViewSet):
    """Emergency mode at crossing points. Creating an operation starts it (the point goes
    into emergency mode; refused while another runs there); ``end`` ends it."""

    queryset = m.EmergencyOperation.objects.all()
    serializer_class = EmergencyOperationSerializer
    filterset_class = filtersets.EmergencyOperationFilterSet
    http_method_names = ["get", "post", "head", "options"]
    steps = ("end",)

    @extend_schema(responses={201: EmergencyOperationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Start an emergency operation at a crossing point")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        organisation = getattr(request.user, "organisation", None)
        if organisation is None:
            raise ValidationError({"detail": _("Only a user of an organisation can start an "
                                               "operation.")})
        with transaction.atomic():
            try:
                operation = services.start_operation(
                    data["point"], data["name"], organisation,
                    data.get("started_at") or timezone.now(), data.get("description", ""))
            except DjangoValidationError as error:
                raise refused(error) from error
            services.require_within(m.EmergencyOperation, request.user, operation.pk)
        return Response(self.get_serializer(operation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OperationEndSerializer,
                   responses={200: EmergencyOperationSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="End an operation (the point gets back its status from before)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def end(self, request: Request, pk: Any = None) -> Response:
        operation = self.get_object()
        given = OperationEndSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            ended = services.end_operation(operation, given.validated_data["ended_at"])
        except DjangoValidationError as error:
            raise refused(error) from error
        return Response(self.get_serializer(ended).data)

    @extend_schema(responses={200: OpenApiResponse(description=(
        "Arrivals today, in the last 24 hours and in total; by sex, by age group (0-4, "
        "5-11, 12-17, 18-59, 60+, unknown), by sex and age group, by vulnerability; "
        "referrals by status. Aggregates only, no names."))},
        summary="Live counts of an operation")
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def counts(self, request: Request, pk: Any = None) -> Response:
        return Response(counts.operation_counts(self.get_object()))


# Groups and arrivals -------------------------------------------------------------------


class ArrivalSerializer(CrossroadsModelSerializer):
    age_group = serializers.SerializerMethodField(help_text="0-4, 5-11, 12-17, 18-59, 60+ or "
                                                            "unknown.")

    class Meta:
        model = m.Arrival
        fields = ["id", "display", "group", "person", "relationship", "sex", "age", "age_group",
                  "nationality", "vulnerabilities", "created", "last_updated"]
        read_only_fields = fields

    def get_age_group(self, obj: m.Arrival) -> str:
        return counts.age_group(obj.age)


class ArrivalGroupSerializer(CrossroadsModelSerializer):
    arrivals: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = m.ArrivalGroup
        fields = ["id", "display", "operation", "kind", "arrived_at", "place_of_origin",
                  "remarks", "arrivals", "created", "last_updated"]


class ArrivalInputSerializer(serializers.Serializer):
    """One person of a group: names as given (any script), no document needed."""

    family = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                   default="")
    given = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                  help_text="The given name, or the one name a person uses.")
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    age = serializers.IntegerField(required=False, allow_null=True, default=None,
                                   help_text="Years, stated or estimated (0 to 120).")
    relationship = serializers.ChoiceField(choices=choices.Relationship.choices,
                                           default=choices.Relationship.HEAD)
    nationality = serializers.CharField(max_length=3, required=False, allow_blank=True,
                                        default="")
    vulnerabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=choices.Vulnerability.choices), required=False,
        default=list)
    language = serializers.CharField(max_length=10, required=False, allow_blank=True,
                                     default="")


class GroupInputSerializer(serializers.Serializer):
    """A whole family or group, registered all or nothing."""

    operation = serializers.PrimaryKeyRelatedField(queryset=m.EmergencyOperation.objects.all())
    kind = serializers.ChoiceField(choices=choices.GroupKind.choices)
    arrived_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    place_of_origin = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                            default="")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")
    people = ArrivalInputSerializer(many=True, allow_empty=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        field: Any = self.fields["operation"]
        field.queryset = m.EmergencyOperation.objects.restrict(getattr(request, "user", None),
                                                               VIEW)

    def group_input(self) -> services.GroupInput:
        data = self.validated_data
        return services.GroupInput(
            kind=data["kind"], arrived_at=data.get("arrived_at") or timezone.now(),
            place_of_origin=data["place_of_origin"], remarks=data["remarks"],
            people=[services.ArrivalInput(**row) for row in data["people"]])


class RegisteredGroupSerializer(ArrivalGroupSerializer):
    people = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta(ArrivalGroupSerializer.Meta):
        fields = [*ArrivalGroupSerializer.Meta.fields, "people", "warnings"]

    def get_people(self, obj: Any) -> list[dict[str, Any]]:
        return ArrivalSerializer(self.context["arrivals"], many=True, context=self.context).data  # type: ignore[return-value]

    def get_warnings(self, obj: Any) -> list[str]:
        return [str(w) for w in self.context.get("warnings", [])]


class ArrivalGroupViewSet(CrossroadsModelViewSet):
    """Families and groups arriving together. POST registers a whole group at once: every
    row is checked first; a refusal lists problems per row (``people``: {row: [...]})."""

    queryset = m.ArrivalGroup.objects.prefetch_related("arrivals")
    serializer_class = ArrivalGroupSerializer
    filterset_class = filtersets.ArrivalGroupFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=GroupInputSerializer,
                   responses={201: RegisteredGroupSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Register a whole family or group (all or nothing)")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        organisation = getattr(user, "organisation", None)
        if not all(can(user, model, ADD) for model in (m.Arrival, Person)):
            raise PermissionDenied(_("Registering a group needs permission to add arrivals "
                                     "and persons."))
        given = GroupInputSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        if organisation is None:
            raise ValidationError({"detail": _("Only a user of an organisation can register "
                                               "arrivals.")})
        with transaction.atomic():
            try:
                registered = services.register_group(
                    given.validated_data["operation"], given.group_input(), organisation)
            except DjangoValidationError as error:
                raise refused(error) from error
            services.require_within(m.ArrivalGroup, user, registered.group.pk)
            for arrival in registered.arrivals:
                services.require_within(m.Arrival, user, arrival.pk)
        context = {**self.get_serializer_context(), "arrivals": registered.arrivals,
                   "warnings": registered.warnings}
        return Response(RegisteredGroupSerializer(registered.group, context=context).data,
                        status=status.HTTP_201_CREATED)


class FlagsSerializer(serializers.Serializer):
    vulnerabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=choices.Vulnerability.choices), allow_empty=True)


class ArrivalViewSet(StepsViewSet):
    """Persons registered in emergency mode. Read-only, except ``flags`` (vulnerabilities
    found after registration, checked as at registration)."""

    queryset = m.Arrival.objects.all()
    serializer_class = ArrivalSerializer
    filterset_class = filtersets.ArrivalFilterSet
    http_method_names = ["get", "post", "head", "options"]
    steps = ("flags",)

    def get_queryset(self) -> models.QuerySet[Any]:
        return with_names(super().get_queryset(), self.request.user, "person")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise ValidationError({"detail": _("Arrivals are registered with their group: POST "
                                           "the whole group to arrival-groups.")})

    @extend_schema(request=FlagsSerializer,
                   responses={200: ArrivalSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Change a person's vulnerability flags")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def flags(self, request: Request, pk: Any = None) -> Response:
        arrival = self.get_object()
        given = FlagsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.change_flags(arrival, given.validated_data["vulnerabilities"])
        except DjangoValidationError as error:
            raise refused(error) from error
        return Response(self.get_serializer(arrival).data)


# Referrals -----------------------------------------------------------------------------


class EmergencyReferralSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.EmergencyReferral
        fields = ["id", "display", "arrival", "service", "to_organisation", "consent_by",
                  "consent_at", "consent_recorded_by", "status", "reason", "response",
                  "created", "last_updated"]
        read_only_fields = ["consent_recorded_by", "status", "response"]


class ReferralDecisionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DECISIONS)
    response = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text="Needed to decline.")


class EmergencyReferralViewSet(StepsViewSet):
    """Referrals of flagged persons to protection actors, each with its consent. Refused
    without consent. Only the receiving organisation decides (``decide``)."""

    queryset = m.EmergencyReferral.objects.all()
    serializer_class = EmergencyReferralSerializer
    filterset_class = filtersets.EmergencyReferralFilterSet
    http_method_names = ["get", "post", "head", "options"]
    steps = ("decide",)

    def get_queryset(self) -> models.QuerySet[Any]:
        return with_names(super().get_queryset(), self.request.user, "arrival__person")

    @extend_schema(responses={201: EmergencyReferralSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Refer a flagged person, with consent")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        with transaction.atomic():
            try:
                referral = services.refer(services.ReferralInput(
                    arrival=data["arrival"], service=data["service"],
                    to_organisation=data["to_organisation"], consent_by=data["consent_by"],
                    reason=data["reason"], consent_at=data["consent_at"]), request.user)
            except DjangoValidationError as error:
                raise refused(error) from error
            services.require_within(m.EmergencyReferral, request.user, referral.pk)
        return Response(self.get_serializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferralDecisionSerializer,
                   responses={200: EmergencyReferralSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Accept, decline or complete a referral (receiving organisation)")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def decide(self, request: Request, pk: Any = None) -> Response:
        referral = self.get_object()
        given = ReferralDecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            decided = services.decide(referral, request.user, given.validated_data["status"],
                                      given.validated_data["response"])
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from denied
        except DjangoValidationError as error:
            raise refused(error) from error
        return Response(self.get_serializer(decided).data)
