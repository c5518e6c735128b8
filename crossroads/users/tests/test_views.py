"""The generic pages of organisations, users, roles, permissions and API tokens."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from crossroads.reference.models import Country
from crossroads.testing.suites import NO_NEW_OBJECT, ViewTestCases
from crossroads.users import views
from crossroads.users.models import ObjectPermission, Organisation, Role, Token, User, hash_token

NEW_PASSWORD = "violet-harbour-lantern-93"  # noqa: S105
#: Creating users hashes passwords; the default hasher is slow on purpose.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_organisations(country: Country, suffix: str = "") -> list[Organisation]:
    ministry = Organisation.objects.create(name=f"Ministry {suffix}", acronym="MIN",
                                           kind="government", country=country)
    return [
        ministry,
        Organisation.objects.create(name=f"Border Police {suffix}", kind="government",
                                    country=country, parent=ministry),
        Organisation.objects.create(name=f"Regional NGO {suffix}", kind="ngo"),
    ]


def make_users(organisation: Organisation, suffix: str = "") -> list[User]:
    return [
        User.objects.create(username=f"user{i}{suffix}", email=f"user{i}{suffix}@example.org",
                            organisation=organisation, first_name=f"First{i}")
        for i in range(1, 4)
    ]


def make_roles(suffix: str = "") -> list[Role]:
    return [
        Role.objects.create(name=f"Role {i} {suffix}", slug=f"role-{i}{suffix}",
                            thematic_areas=[f"TA{i}"])
        for i in range(1, 4)
    ]


def make_permissions(suffix: str = "") -> list[ObjectPermission]:
    country_type = ContentType.objects.get_for_model(Country)
    permissions = []
    for i, constraints in enumerate([None, {"iso3": "MDA"}, [{"iso3": "UKR"}, {"pk": 1}]], 1):
        permission = ObjectPermission.objects.create(
            name=f"Sample permission {i} {suffix}", actions=["view"], constraints=constraints)
        permission.object_types.set([country_type])
        permissions.append(permission)
    return permissions


def make_tokens(holders: list[User]) -> list[Token]:
    return [Token.issue(user, description=f"Token {i}")[0] for i, user in enumerate(holders, 1)]


class OrganisationViewTests(ViewTestCases.ObjectViews):
    views = views.OrganisationViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_organisations(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"name": "New agency", "acronym": "NA", "kind": "un_agency",
                "country": self.other_country.pk, "parent": self.objects_[0].pk,
                "website": "https://example.org/", "is_active": "on"}


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class UserViewTests(ViewTestCases.ObjectViews):
    views = views.UserViews
    related = (Organisation, Role, ObjectPermission)
    role: ClassVar[Role]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.role = Role.objects.create(name="Analyst", slug="analyst")

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_users(cls.organisation, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"username": "newcomer", "first_name": "New", "last_name": "Comer",
                "email": "newcomer@example.org", "organisation": self.organisation.pk,
                "roles": [self.role.pk], "object_permissions": [], "is_active": "on",
                "new_password": NEW_PASSWORD}

    def edit_data(self, obj: models.Model) -> dict[str, Any]:
        data = self.form_data()
        data["new_password"] = ""  # an existing user keeps their password
        return data

    def test_a_new_user_needs_a_password_that_meets_the_policy(self) -> None:
        self.grant(self.owner, User, ["view", "add"])
        self.client.force_login(self.owner)
        for password in ("", "short", "123456789012345", "password1234"):
            data = {**self.form_data(), "new_password": password}
            response = self.client.post(self.url("add"), data)
            self.assertEqual(response.status_code, 400, password)
            self.assertIn("new_password", response.context["form"].errors, password)
        self.assertFalse(User.objects.filter(username="newcomer").exists())
        self.assertEqual(self.client.post(self.url("add"), self.form_data()).status_code, 302)
        self.assertTrue(User.objects.get(username="newcomer").check_password(NEW_PASSWORD))


class RoleViewTests(ViewTestCases.ObjectViews):
    views = views.RoleViews
    related = (ObjectPermission,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_roles(suffix))

    def form_data(self) -> dict[str, Any]:
        permission = ObjectPermission.objects.order_by("pk").first()
        assert permission is not None  # the test has just granted one
        return {"name": "Border officer", "slug": "border-officer",
                "description": "Checks travellers.", "thematic_areas": json.dumps(["TA4"]),
                "permissions": [permission.pk]}


class ObjectPermissionViewTests(ViewTestCases.ObjectViews):
    views = views.ObjectPermissionViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_permissions(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"name": "Own organisation's users", "description": "", "enabled": "on",
                "object_types": [ContentType.objects.get_for_model(User).pk],
                "actions": json.dumps(["view", "change"]),
                "constraints": json.dumps({"organisation": "$user.organisation"})}

    def test_malformed_actions_and_constraints_are_field_errors(self) -> None:
        self.grant(self.owner, ObjectPermission, ["view", "add"])
        self.client.force_login(self.owner)
        data = {**self.form_data(), "actions": json.dumps([]),
                "constraints": json.dumps(["not a dictionary"])}
        response = self.client.post(self.url("add"), data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"actions", "constraints"})


class TokenViewTests(ViewTestCases.ObjectViews):
    """API tokens: listed, shown and deleted by the generic pages; created by their own page."""

    views = views.TokenViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        # Nobody's own token is among the samples, so only granted permissions show them.
        return list(make_tokens([cls.colleague, cls.outsider, cls.colleague]))

    def test_a_user_without_permission_is_refused(self) -> None:
        """Everyone may see their own tokens (no permission needed), so the list is open to
        every user; without a permission it shows only one's own, and others' are 404."""
        own, _ = Token.issue(self.owner, description="mine")
        self.client.force_login(self.owner)
        response = self.client.get(self.url("list"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual({row.record.pk for row in response.context["table"].rows}, {own.pk})
        self.assertEqual(self.client.get(self.url("", own)).status_code, 200)
        for other in self.objects_:
            self.assertEqual(self.client.get(self.url("", other)).status_code, 404)
            self.assertEqual(self.client.post(self.url("delete", other)).status_code, 404)
        self.assertEqual(Token.objects.count(), len(self.objects_) + 1)

    def test_records_can_be_added_changed_and_deleted_with_permission(self) -> None:
        """Tokens have no generic add or edit page (a key is shown once, and a token is never
        changed): they are created on their own page and deleted (revoked) on the generic one."""
        self.assertEqual(self.views.add_url(), reverse("users:token_add"))  # the custom page
        with self.assertRaises(NoReverseMatch):
            self.url("edit", self.objects_[0])
        self.client.force_login(self.owner)
        response = self.client.post(reverse("users:token_add"),
                                    {"description": "laptop", "write_enabled": "on"})
        self.assertEqual(response.status_code, 200)
        token = Token.objects.get(user=self.owner)
        key = response.context["key"]
        self.assertContains(response, key)
        self.assertEqual(token.digest, hash_token(key))
        self.assertNotIn(key, (token.digest, token.prefix))
        self.assertTrue(token.write_enabled)
        # Shown again, the token never carries its key.
        self.assertNotContains(self.client.get(self.url("", token)), key)
        response = self.client.post(self.url("delete", token))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Token.objects.filter(pk=token.pk).exists())

    def test_adding_outside_the_permission_is_refused_and_writes_nothing(self) -> None:
        """Everyone may create tokens for themselves, so no constraint can refuse a new token;
        what must hold is that the token page only ever issues tokens to the requester, and
        that anonymous visitors are sent to log in without anything being written."""
        response = self.client.post(reverse("users:token_add"), {"description": "x"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])
        self.grant(self.owner, Token, ["view", "add"], NO_NEW_OBJECT)
        self.client.force_login(self.owner)
        before = Token.objects.count()
        self.client.post(reverse("users:token_add"), {"description": "x", "user": self.outsider.pk})
        self.assertEqual(Token.objects.count(), before + 1)
        self.assertEqual(Token.objects.order_by("-pk")[0].user, self.owner)
        self.assertEqual(Token.objects.filter(user=self.outsider).count(), 1)

    def test_bad_input_gets_field_errors_not_a_crash(self) -> None:
        """The token page is not the generic form: bad input is shown again with errors."""
        self.client.force_login(self.owner)
        before = Token.objects.count()
        response = self.client.post(reverse("users:token_add"), {"expires": "not a date"})
        self.assertLess(response.status_code, 500)
        self.assertIn("expires", response.context["form"].errors)
        self.assertEqual(Token.objects.count(), before)
