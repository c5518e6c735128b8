"""API endpoints of the people register: persons, their details, search, review and merges.

Every model here is sensitive: every read goes through ``restrict()`` and is audited
(``CrossroadsModelViewSet``). A person is created only through
``services.register`` (all checks before any write); candidate search answers "is this
person already known?" among the persons the user may view. Review decisions and
unmerges are POSTs that need *change* on the pair or merge (and on both persons).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.viewsets import (
    CrossroadsModelViewSet,
    CrossroadsReadOnlyViewSet,
    StepsMixin,
)
from crossroads.core.permissions import ADD, VIEW
from crossroads.people import filtersets, merges, services
from crossroads.people import models as m
from crossroads.people.api import serializers
from crossroads.people.dates import PartialDate
from crossroads.people.matching import search

REFUSED = OpenApiResponse(description="Not allowed (the reason is in `detail`).")
FORBIDDEN = OpenApiResponse(description="The user may not do this.")
INVALID = OpenApiResponse(description="Field errors: {field: [messages]}.")
#: POST routes of the read-only endpoints (nothing else is written there).
POST_ONLY = ["post", "options"]


class ReviewViewSet(StepsMixin, CrossroadsReadOnlyViewSet):
    """Read-only endpoints with POST steps that need *change* on the record."""


class PersonViewSet(CrossroadsModelViewSet):
    """Persons with their names, nationalities and documents (those the user may view).
    Creating a person registers them: every field is checked before anything is written."""

    queryset = m.Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = filtersets.PersonFilterSet

    def get_queryset(self) -> models.QuerySet[Any]:
        user = self.request.user
        return super().get_queryset().prefetch_related(
            Prefetch("names", queryset=m.PersonName.objects.restrict(user, VIEW)),
            Prefetch("documents", queryset=m.IdentityDocument.objects.restrict(user, VIEW)),
            Prefetch("nationalities", queryset=m.Nationality.objects.restrict(user, VIEW)
                     .select_related("country")))

    def get_serializer_class(self) -> type[Any]:
        if self.action == "create":
            return serializers.RegisterSerializer
        return super().get_serializer_class()

    @extend_schema(request=serializers.RegisterSerializer,
                   responses={201: serializers.PersonSerializer, 400: INVALID, 403: FORBIDDEN},
                   summary="Register a person (names in their own script; all or nothing)")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = serializers.RegisterSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        organisation = getattr(request.user, "organisation", None)
        if organisation is None:
            raise ValidationError({"detail": _("Only a user of an organisation can register "
                                               "persons.")})
        with transaction.atomic():
            try:
                person = services.register(given.person_input(), organisation)
            except DjangoValidationError as error:
                raise ValidationError(services.describe_problems(error)) from error
            allowed = [m.Person.objects.restrict(request.user, wanted).filter(pk=person.pk)
                       .exists() for wanted in (ADD, VIEW)]
            if not all(allowed):
                raise PermissionDenied(_("You may not register a person with these values."))
        fresh = self.get_queryset().get(pk=person.pk)
        return Response(serializers.PersonSerializer(fresh, context=self.get_serializer_context())
                        .data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[serializers.SearchQuerySerializer],
                   responses={200: serializers.CandidateSerializer(many=True), 400: INVALID},
                   summary="Find candidates: is this person already known?",
                   description="Persons the user may view who may be the one described, best "
                               "first, with how each field compared (names across scripts and "
                               "transliterations, date of birth, sex, nationality, document). "
                               "Every person returned is recorded in the audit log.")
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def search(self, request: Request) -> Response:
        given = serializers.SearchQuerySerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        query = search.Query(
            given=data["given"], family=data["family"], patronymic=data["patronymic"],
            birth=PartialDate(data.get("birth_year"), data.get("birth_month"),
                              data.get("birth_day")),
            sex=data["sex"], nationality=data["nationality"],
            document_number=data["document_number"], language=data["language"])
        if query.is_empty():
            raise ValidationError({"detail": _("Give a given name, a family name or a "
                                               "document number.")})
        found = search.candidates(request.user, query, limit=data["limit"])
        return Response(search.as_rows(found))


class PersonNameViewSet(CrossroadsModelViewSet):
    queryset = m.PersonName.objects.all()
    serializer_class = serializers.PersonNameSerializer
    filterset_class = filtersets.PersonNameFilterSet


class NationalityViewSet(CrossroadsModelViewSet):
    queryset = m.Nationality.objects.all()
    serializer_class = serializers.NationalitySerializer
    filterset_class = filtersets.NationalityFilterSet


class IdentityDocumentViewSet(CrossroadsModelViewSet):
    queryset = m.IdentityDocument.objects.all()
    serializer_class = serializers.IdentityDocumentSerializer
    filterset_class = filtersets.IdentityDocumentFilterSet


class PersonLinkViewSet(CrossroadsReadOnlyViewSet):
    """Records of other apps that cite a person (written by those apps, read here)."""

    queryset = m.PersonLink.objects.all()
    serializer_class = serializers.PersonLinkSerializer
    filterset_class = filtersets.PersonLinkFilterSet


class MatchPairViewSet(ReviewViewSet):
    """Possible duplicates waiting for review, and the decisions taken on them."""

    queryset = m.MatchPair.objects.all()
    serializer_class = serializers.MatchPairSerializer
    filterset_class = filtersets.MatchPairFilterSet
    steps = ("decide",)

    @extend_schema(request=serializers.DecisionSerializer,
                   responses={200: serializers.MatchPairSerializer, 400: REFUSED,
                              403: FORBIDDEN},
                   summary="Confirm (merge) or reject a possible duplicate")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def decide(self, request: Request, pk: Any = None) -> Response:
        pair = self.get_object()
        given = serializers.DecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            decided = merges.decide(pair, request.user,
                                    given.validated_data["decision"] == "confirm",
                                    given.validated_data["reason"])
        except merges.MergeError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(serializers.MatchPairSerializer(
            decided, context=self.get_serializer_context()).data)


class MergeViewSet(ReviewViewSet):
    """Merges of persons, with what moved (for an exact undo)."""

    queryset = m.Merge.objects.all()
    serializer_class = serializers.MergeSerializer
    filterset_class = filtersets.MergeFilterSet
    steps = ("undo",)

    @extend_schema(request=None,
                   responses={200: serializers.MergeSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Undo a merge: what moved goes back to the merged person")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def undo(self, request: Request, pk: Any = None) -> Response:
        record = self.get_object()
        try:
            undone = merges.unmerge(record, request.user)
        except merges.MergeError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(serializers.MergeSerializer(
            undone, context=self.get_serializer_context()).data)
