"""The REST endpoints of organisations, users, roles, permissions and API tokens."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.test import override_settings

from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases
from crossroads.users.models import ObjectPermission, Organisation, Role, Token, User, hash_token
from crossroads.users.tests.test_views import (
    FAST_HASHER,
    NEW_PASSWORD,
    make_organisations,
    make_permissions,
    make_roles,
    make_tokens,
    make_users,
)

API = "/api/v1/users"


class OrganisationAPITests(APITestCases.API):
    endpoint = f"{API}/organisations/"
    model = Organisation
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_organisations(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"name": "New agency", "kind": "un_agency", "country": self.other_country.pk}


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class UserAPITests(APITestCases.API):
    endpoint = f"{API}/users/"
    model = User
    related = (Organisation, Role)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_users(cls.organisation, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"username": "newcomer", "email": "newcomer@example.org",
                "organisation": self.organisation.pk, "password": NEW_PASSWORD}

    def test_a_new_user_needs_a_good_password_which_is_never_shown(self) -> None:
        self.grant(self.owner, User, ["view", "add"])
        self.api.force_authenticate(self.owner)
        for password in (None, "short", "123456789012345", "password1234"):
            data = {**self.api_data(), "password": password}
            if password is None:
                del data["password"]
            response = self.api.post(self.endpoint, data, format="json")
            self.assertEqual(response.status_code, 400, password)
            self.assertIn("password", response.json(), password)
        self.assertFalse(User.objects.filter(username="newcomer").exists())
        response = self.api.post(self.endpoint, self.api_data(), format="json")
        self.assertEqual(response.status_code, 201)
        self.assertNotIn("password", response.json())
        self.assertTrue(User.objects.get(username="newcomer").check_password(NEW_PASSWORD))
        listed = self.api.get(self.endpoint).json()["results"]
        self.assertTrue(all("password" not in row for row in listed))


class RoleAPITests(APITestCases.API):
    endpoint = f"{API}/roles/"
    model = Role
    related = (ObjectPermission,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_roles(suffix))

    def api_data(self) -> dict[str, Any]:
        permission = ObjectPermission.objects.order_by("pk").first()
        assert permission is not None  # the test has just granted one
        return {"name": "Border officer", "slug": "border-officer", "thematic_areas": ["TA4"],
                "permissions": [permission.pk]}


class ObjectPermissionAPITests(APITestCases.API):
    endpoint = f"{API}/permissions/"
    model = ObjectPermission

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_permissions(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"name": "Own organisation's users", "object_types": ["users.user"],
                "actions": ["view", "change"],
                "constraints": {"organisation": "$user.organisation"}}

    def test_malformed_actions_and_constraints_are_field_errors(self) -> None:
        self.grant(self.owner, ObjectPermission, ["view", "add"])
        self.api.force_authenticate(self.owner)
        data = {**self.api_data(), "actions": [], "constraints": ["not a dictionary"]}
        response = self.api.post(self.endpoint, data, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.json()), {"actions", "constraints"})


class TokenAPITests(APITestCases.API):
    """API tokens: everyone may list, create and revoke their own; a key is shown once."""

    endpoint = f"{API}/tokens/"
    model = Token

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        # Nobody's own token is among the samples, so only granted permissions show them.
        return list(make_tokens([cls.colleague, cls.outsider, cls.colleague]))

    def api_data(self) -> dict[str, Any]:
        return {"description": "laptop", "write_enabled": True}

    def test_a_user_without_permission_is_refused(self) -> None:
        """Everyone may see their own tokens without a permission, so the endpoint answers
        every user; without a permission it lists only one's own, and others' are 404."""
        own, _ = Token.issue(self.owner)
        self.api.force_authenticate(self.owner)
        response = self.api.get(self.endpoint)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([row["id"] for row in response.json()["results"]], [own.pk])
        for other in self.objects_:
            self.assertEqual(self.api.get(self.detail(other)).status_code, 404)
            self.assertEqual(self.api.delete(self.detail(other)).status_code, 404)
        self.assertEqual(Token.objects.count(), len(self.objects_) + 1)

    def test_create_update_and_delete_with_permission(self) -> None:
        """A token is never changed, even with a permission to (PATCH is not allowed): it is
        created and revoked."""
        self.grant(self.owner, Token, ["view", "add", "change", "delete"])
        self.api.force_authenticate(self.owner)
        response = self.api.post(self.endpoint, self.api_data(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        url = f"{self.endpoint}{response.json()['id']}/"
        self.assertEqual(self.api.patch(url, {"write_enabled": False}, format="json").status_code,
                         405)
        self.assertTrue(Token.objects.get(pk=response.json()["id"]).write_enabled)
        self.assertEqual(self.api.delete(url).status_code, 204)
        self.assertFalse(Token.objects.filter(user=self.owner).exists())

    def test_creating_outside_the_permission_is_refused_and_writes_nothing(self) -> None:
        """Everyone may create tokens for themselves, so no constraint refuses a new token.
        What must hold: a token is only ever issued to the requester (whatever ``user`` the
        data names), and a read-only token cannot be used to create one."""
        self.api.force_authenticate(self.owner)
        response = self.api.post(self.endpoint, {**self.api_data(), "user": self.outsider.pk},
                                 format="json")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["user"], self.owner.pk)
        self.assertEqual(Token.objects.filter(user=self.outsider).count(), 1)
        _, read_only_key = Token.issue(self.owner, write_enabled=False)
        before = Token.objects.count()
        self.api.force_authenticate(None)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {read_only_key}")
        response = self.api.post(self.endpoint, self.api_data(), format="json")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Token.objects.count(), before)

    def test_invalid_data_gets_field_errors(self) -> None:
        """Every field of a new token is optional, so ``{}`` is valid; a bad value is not."""
        self.api.force_authenticate(self.owner)
        response = self.api.post(self.endpoint, {"expires": "not a date"}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("expires", response.json())
        self.assertFalse(Token.objects.filter(user=self.owner).exists())

    def test_the_key_is_returned_on_create_and_never_again(self) -> None:
        self.api.force_authenticate(self.owner)
        created = self.api.post(self.endpoint, self.api_data(), format="json").json()
        key = created["key"]
        self.assertTrue(key)
        token = Token.objects.get(pk=created["id"])
        self.assertNotEqual(token.digest, key)
        self.assertEqual(token.digest, hash_token(key))
        self.assertEqual(created["prefix"], key[:8])
        detail = self.api.get(self.detail(token))
        self.assertIsNone(detail.json()["key"])
        self.assertNotIn(key, detail.content.decode())
        self.assertNotIn(key, self.api.get(self.endpoint).content.decode())
        # The key itself authenticates.
        self.api.force_authenticate(None)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        self.assertEqual(self.api.get(self.endpoint).status_code, 200)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.digest}")
        self.assertEqual(self.api.get(self.endpoint).status_code, 401)
