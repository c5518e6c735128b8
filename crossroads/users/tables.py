"""Tables of users, organisations, roles and permissions."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.users import models as m


class OrganisationTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Organisation
        fields = ("name", "acronym", "kind", "country", "parent", "is_active")


class UserTable(CrossroadsTable):
    username = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.User
        fields = ("username", "first_name", "last_name", "email", "organisation", "is_active",
                  "last_login")


class RoleTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Role
        fields = ("name", "slug", "description")


class ObjectPermissionTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.ObjectPermission
        fields = ("name", "enabled", "actions", "constraints", "description")


class TokenTable(CrossroadsTable):
    prefix = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Token
        fields = ("prefix", "user", "description", "write_enabled", "created", "expires",
                  "last_used")
