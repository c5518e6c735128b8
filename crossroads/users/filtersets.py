"""FilterSets of users, organisations, roles and permissions."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.users import models as m


class OrganisationFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Organisation
        fields = filter_fields(m.Organisation)


class UserFilterSet(CrossroadsFilterSet):
    country = django_filters.NumberFilter(field_name="organisation__country", label=_("country"))

    class Meta:
        model = m.User
        fields = filter_fields(m.User, exclude=("password",))


class RoleFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Role
        fields = filter_fields(m.Role)


class ObjectPermissionFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ObjectPermission
        fields = filter_fields(m.ObjectPermission)


class TokenFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Token
        fields = filter_fields(m.Token, exclude=("digest",))
