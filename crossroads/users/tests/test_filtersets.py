"""Every field of organisations, users, roles, permissions and tokens has a filter."""

from __future__ import annotations

from typing import ClassVar

from crossroads.testing.suites import FilterSetTestCases
from crossroads.users import filtersets as f


class OrganisationFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.OrganisationFilterSet


class UserFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.UserFilterSet
    unfiltered: ClassVar[dict[str, str]] = {
        "password": "A password hash must never be searchable (it would leak by bisection).",
    }

    def test_the_password_cannot_be_filtered(self) -> None:
        self.assertFalse([name for name in self.filterset.base_filters
                          if name.split("__")[0] == "password"])


class RoleFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.RoleFilterSet


class ObjectPermissionFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.ObjectPermissionFilterSet


class TokenFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = f.TokenFilterSet
    unfiltered: ClassVar[dict[str, str]] = {
        "digest": "A token digest must never be searchable (it would leak by bisection).",
    }

    def test_the_digest_cannot_be_filtered(self) -> None:
        self.assertFalse([name for name in self.filterset.base_filters
                          if name.split("__")[0] == "digest"])
