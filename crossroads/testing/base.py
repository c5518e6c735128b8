"""The base test case: two organisations in two countries, and three users."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import TestCase

from crossroads.reference.models import Country
from crossroads.users.models import ObjectPermission, Organisation, User

TEST_PASSWORD = "a-long-test-password-42"  # noqa: S105


@cache
def hashed_test_password() -> str:
    """The hash of TEST_PASSWORD, computed once (a slow hasher costs ~0.25 s per user)."""
    return make_password(TEST_PASSWORD)


class CrossroadsTestCase(TestCase):
    """``owner`` and ``colleague`` work in one organisation (Moldova); ``outsider`` in another
    (Ukraine). Nobody holds any permission until a test grants one."""

    owner: User
    colleague: User
    outsider: User
    home_country: Country
    other_country: Country
    organisation: Organisation
    other_organisation: Organisation

    @classmethod
    def setUpTestData(cls) -> None:
        cls.home_country = Country.objects.get_or_create(
            iso3="MDA", defaults={"iso2": "MD", "numeric": "498", "name": "Moldova",
                                  "name_ru": "Молдова"})[0]
        cls.other_country = Country.objects.get_or_create(
            iso3="UKR", defaults={"iso2": "UA", "numeric": "804", "name": "Ukraine",
                                  "name_ru": "Украина"})[0]
        cls.organisation = Organisation.objects.create(
            name="Home Organisation", acronym="HOME", kind="government", country=cls.home_country)
        cls.other_organisation = Organisation.objects.create(
            name="Other Organisation", acronym="OTHER", kind="ngo", country=cls.other_country)
        cls.owner = cls.make_user("owner", cls.organisation)
        cls.colleague = cls.make_user("colleague", cls.organisation)
        cls.outsider = cls.make_user("outsider", cls.other_organisation)

    @classmethod
    def make_user(cls, username: str, organisation: Organisation | None) -> User:
        user = User(username=username, organisation=organisation, email=f"{username}@example.org")
        user.password = hashed_test_password()
        user.save()
        return user

    @staticmethod
    def grant(
        user: User, model: type[models.Model], actions: list[str] | str,
        constraints: Any = None,
    ) -> ObjectPermission:
        """Give ``user`` a permission for ``actions`` on ``model`` (optionally constrained)."""
        actions = [actions] if isinstance(actions, str) else actions
        meta = model._meta
        serial = ObjectPermission.objects.count()
        permission = ObjectPermission.objects.create(
            name=f"{user.username}: {'/'.join(actions)} {meta.label} #{serial}",
            actions=actions, constraints=constraints,
        )
        permission.object_types.set([ContentType.objects.get_for_model(model)])
        permission.users.add(user)
        # A fresh permission cache: tests reuse user objects across grants.
        user.__dict__.pop("_crossroads_permission_cache", None)
        return permission
