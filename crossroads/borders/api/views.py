"""API endpoints of border management."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crossroads.borders import filtersets
from crossroads.borders import models as m
from crossroads.borders.api import serializers
from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.core.permissions import VIEW, can


class BorderCrossingPointViewSet(CrossroadsModelViewSet):
    queryset = m.BorderCrossingPoint.objects.all()
    serializer_class = serializers.BorderCrossingPointSerializer
    filterset_class = filtersets.BorderCrossingPointFilterSet


class MRZView(APIView):
    """Read a machine-readable zone (TD1, TD2, TD3, MRV-A, MRV-B) with every check digit.

    For booth software: the fields to fill a form with, or 400 with the exact field and
    reason. Nothing is stored."""

    @extend_schema(request=serializers.MRZInputSerializer,
                   responses={200: serializers.MRZOutputSerializer,
                              400: serializers.MRZErrorSerializer})
    def post(self, request: Request, format: Any = None) -> Response:
        from crossroads.borders.mrz import MRZError, parse

        if not can(request.user, m.BorderCrossingPoint, VIEW):
            raise PermissionDenied
        given = serializers.MRZInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            document = parse(given.validated_data["mrz"])
        except MRZError as error:
            return Response({"field": error.field, "reason": str(error.reason)},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"format": document.format, "fields": jsonable(document.fields()),
                         "warnings": [str(w) for w in document.warnings]})


def jsonable(fields: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO strings, everything else as it is."""
    return {key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in fields.items()}
