"""API endpoints of watchlists: lists and entries (CRUD), alerts (read, and ``decide``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.people.api.views import FORBIDDEN, POST_ONLY, REFUSED, ReviewViewSet
from crossroads.watchlists import filtersets, services
from crossroads.watchlists import models as m
from crossroads.watchlists.api import serializers


class WatchlistViewSet(CrossroadsModelViewSet):
    queryset = m.Watchlist.objects.all()
    serializer_class = serializers.WatchlistSerializer
    filterset_class = filtersets.WatchlistFilterSet


class WatchlistEntryViewSet(CrossroadsModelViewSet):
    queryset = m.WatchlistEntry.objects.all()
    serializer_class = serializers.WatchlistEntrySerializer
    filterset_class = filtersets.WatchlistEntryFilterSet


class AlertViewSet(ReviewViewSet):
    """Alerts raised by screening, and the decisions taken on them."""

    queryset = m.Alert.objects.select_related("content_type")
    serializer_class = serializers.AlertSerializer
    filterset_class = filtersets.AlertFilterSet
    steps = ("decide",)

    @extend_schema(request=serializers.AlertDecisionSerializer,
                   responses={200: serializers.AlertSerializer, 400: REFUSED, 403: FORBIDDEN},
                   summary="Confirm, dismiss (false match) or escalate an alert")
    @action(detail=True, methods=["post"], http_method_names=POST_ONLY)
    def decide(self, request: Request, pk: Any = None) -> Response:
        alert = self.get_object()
        given = serializers.AlertDecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            decided = services.decide(alert, request.user, given.validated_data["status"],
                                      given.validated_data["note"])
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(serializers.AlertSerializer(
            decided, context=self.get_serializer_context()).data)
