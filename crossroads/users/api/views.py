"""API endpoints of users, organisations, roles, permissions and tokens."""

from __future__ import annotations

from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.users import filtersets
from crossroads.users import models as m
from crossroads.users.api import serializers


class OrganisationViewSet(CrossroadsModelViewSet):
    queryset = m.Organisation.objects.all()
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet


class UserViewSet(CrossroadsModelViewSet):
    queryset = m.User.objects.prefetch_related("roles", "object_permissions")
    serializer_class = serializers.UserSerializer
    filterset_class = filtersets.UserFilterSet


class RoleViewSet(CrossroadsModelViewSet):
    queryset = m.Role.objects.prefetch_related("permissions")
    serializer_class = serializers.RoleSerializer
    filterset_class = filtersets.RoleFilterSet


class ObjectPermissionViewSet(CrossroadsModelViewSet):
    queryset = m.ObjectPermission.objects.prefetch_related("object_types")
    serializer_class = serializers.ObjectPermissionSerializer
    filterset_class = filtersets.ObjectPermissionFilterSet


class TokenViewSet(CrossroadsModelViewSet):
    queryset = m.Token.objects.all()
    serializer_class = serializers.TokenSerializer
    filterset_class = filtersets.TokenFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
