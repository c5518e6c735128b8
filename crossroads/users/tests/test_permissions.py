"""How object permissions behave, told as sentences about owner, colleague and outsider."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from crossroads.core.models import AuditEvent, Job
from crossroads.core.permissions import can
from crossroads.reference.models import AdminArea, Country, Office, Region
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.backends import CACHE_ATTRIBUTE
from crossroads.users.models import ObjectPermission, Organisation, Role, Token, User


def fresh(user: User) -> User:
    """The user with an empty permission cache (as at the start of a request)."""
    user.__dict__.pop(CACHE_ATTRIBUTE, None)
    return user


class PermissionTests(CrossroadsTestCase):
    home_area: AdminArea
    other_area: AdminArea
    third_country: Country

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.home_area = AdminArea.objects.create(
            country=cls.home_country, pcode="MD01", name="Chișinău", level=1)
        cls.other_area = AdminArea.objects.create(
            country=cls.other_country, pcode="UA80", name="Kyiv", level=1)
        cls.third_country = Country.objects.create(iso3="XAA", iso2="XA", name="Testland")

    def visible(self, user: User, model: type[Any], action: str = "view") -> set[Any]:
        return set(model.objects.restrict(fresh(user), action).values_list("pk", flat=True))

    def listed(self, user: User, url_name: str) -> set[Any]:
        """The primary keys shown on a list page to ``user``."""
        self.client.force_login(user)
        response = self.client.get(reverse(url_name))
        self.assertEqual(response.status_code, 200)
        return {row.record.pk for row in response.context["table"].rows}

    def test_a_user_organisation_constraint_shows_colleagues_but_not_outsiders(self) -> None:
        self.grant(self.owner, User, "view", {"organisation": "$user.organisation"})
        self.assertEqual(self.visible(self.owner, User), {self.owner.pk, self.colleague.pk})
        self.assertEqual(self.listed(self.owner, "users:user_list"),
                         {self.owner.pk, self.colleague.pk})
        self.assertEqual(self.client.get(reverse("users:user", args=[self.outsider.pk]))
                         .status_code, 404)
        self.assertEqual(self.client.get(reverse("users:user", args=[self.colleague.pk]))
                         .status_code, 200)

    def test_the_same_constraint_resolves_for_each_user(self) -> None:
        permission = self.grant(self.owner, User, "view", {"organisation": "$user.organisation"})
        permission.users.add(self.outsider)
        self.assertEqual(self.visible(self.outsider, User), {self.outsider.pk})

    def test_a_user_country_constraint_shows_admin_areas_of_the_users_country(self) -> None:
        self.grant(self.owner, AdminArea, "view", {"country": "$user.country"})
        self.assertEqual(self.visible(self.owner, AdminArea), {self.home_area.pk})
        self.assertEqual(self.listed(self.owner, "reference:adminarea_list"),
                         {self.home_area.pk})

    def test_an_organisation_country_constraint_works_the_same(self) -> None:
        self.grant(self.outsider, AdminArea, "view", {"country": "$user.organisation.country"})
        self.assertEqual(self.visible(self.outsider, AdminArea), {self.other_area.pk})

    def test_a_user_without_an_organisation_matches_no_country(self) -> None:
        loner = self.make_user("loner", None)
        self.grant(loner, AdminArea, "view", {"country": "$user.country"})
        self.assertEqual(self.visible(loner, AdminArea), set())

    def test_a_list_of_constraints_is_or_ed(self) -> None:
        self.grant(self.owner, Country, "view", [{"iso3": "MDA"}, {"iso3": "UKR"}])
        self.assertEqual(self.visible(self.owner, Country),
                         {self.home_country.pk, self.other_country.pk})
        self.assertNotIn(self.third_country.pk, self.listed(self.owner, "reference:country_list"))

    def test_keys_within_one_constraint_are_and_ed(self) -> None:
        self.grant(self.owner, AdminArea, "view", {"country": "$user.country", "level": 2})
        self.assertEqual(self.visible(self.owner, AdminArea), set())

    def test_permissions_add_up(self) -> None:
        self.grant(self.owner, Country, "view", {"iso3": "MDA"})
        self.grant(self.owner, Country, "view", {"iso3": "XAA"})
        self.assertEqual(self.visible(self.owner, Country),
                         {self.home_country.pk, self.third_country.pk})

    def test_a_permission_covers_only_its_actions(self) -> None:
        self.grant(self.owner, Country, "view")
        self.assertTrue(self.visible(self.owner, Country))
        self.assertEqual(self.visible(self.owner, Country, "change"), set())
        self.assertFalse(can(fresh(self.owner), Country, "delete"))

    def test_a_disabled_permission_grants_nothing(self) -> None:
        permission = self.grant(self.owner, Country, ["view", "change"])
        permission.enabled = False
        permission.save()
        self.assertEqual(self.visible(self.owner, Country), set())
        self.assertFalse(can(fresh(self.owner), Country, "view"))
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(reverse("reference:country_list")).status_code, 403)

    def test_an_inactive_user_is_granted_nothing(self) -> None:
        self.grant(self.owner, Country, "view")
        self.owner.is_active = False
        self.assertEqual(self.visible(self.owner, Country), set())
        self.assertFalse(self.owner.has_perm("reference.view_country"))

    def test_permissions_through_a_role_work_like_direct_ones(self) -> None:
        permission = ObjectPermission.objects.create(
            name="Own organisation's users", actions=["view"],
            constraints={"organisation": "$user.organisation"})
        permission.object_types.set([ContentType.objects.get_for_model(User)])
        role = Role.objects.create(name="Supervisor", slug="supervisor")
        role.permissions.add(permission)
        self.assertEqual(self.visible(self.owner, User), set())
        self.owner.roles.add(role)
        self.outsider.roles.add(role)
        self.assertEqual(self.visible(self.owner, User), {self.owner.pk, self.colleague.pk})
        self.assertEqual(self.visible(self.outsider, User), {self.outsider.pk})
        self.assertEqual(self.listed(self.owner, "users:user_list"),
                         {self.owner.pk, self.colleague.pk})

    def test_a_disabled_permission_in_a_role_grants_nothing(self) -> None:
        permission = ObjectPermission.objects.create(name="Countries", actions=["view"],
                                                     enabled=False)
        permission.object_types.set([ContentType.objects.get_for_model(Country)])
        role = Role.objects.create(name="Viewer", slug="viewer")
        role.permissions.add(permission)
        self.owner.roles.add(role)
        self.assertFalse(can(fresh(self.owner), Country, "view"))

    def test_a_superuser_sees_every_ordinary_model_without_a_permission(self) -> None:
        admin = self.make_user("admin", None)
        admin.is_superuser = True
        admin.save()
        for model in (Country, AdminArea, Region, Office, User, Organisation, ObjectPermission):
            self.assertEqual(self.visible(admin, model),
                             set(model.objects.values_list("pk", flat=True)), model)
        self.assertEqual(self.listed(admin, "users:user_list"),
                         set(User.objects.values_list("pk", flat=True)))
        self.assertTrue(admin.has_perm("reference.change_country"))

    def test_a_superuser_is_refused_the_sensitive_audit_log_until_granted_it(self) -> None:
        admin = self.make_user("admin", None)
        admin.is_superuser = True
        admin.save()
        event = AuditEvent.objects.create(
            user=self.owner, user_name="owner", action="view",
            object_type=ContentType.objects.get_for_model(User), object_id=str(self.colleague.pk))
        self.client.force_login(admin)
        self.assertEqual(self.client.get(reverse("core:auditevent_list")).status_code, 403)
        self.assertEqual(self.visible(admin, AuditEvent), set())
        self.assertFalse(admin.has_perm("core.view_auditevent"))
        api = APIClient()
        api.force_authenticate(admin)
        self.assertEqual(api.get("/api/v1/core/audit-events/").status_code, 403)

        self.grant(admin, AuditEvent, "view")
        self.assertIn(event.pk, self.listed(admin, "core:auditevent_list"))
        self.assertTrue(fresh(admin).has_perm("core.view_auditevent"))

    def test_a_permission_naming_a_missing_field_grants_nothing(self) -> None:
        self.grant(self.owner, Country, "view", {"no_such_field": "MDA"})
        self.assertEqual(self.visible(self.owner, Country), set())
        self.client.force_login(self.owner)
        self.assertEqual(self.listed(self.owner, "reference:country_list"), set())
        self.assertEqual(self.client.get(reverse("reference:country", args=["MDA"])).status_code,
                         404)
        api = APIClient()
        api.force_authenticate(self.owner)
        response = api.get("/api/v1/reference/countries/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["results"], [])

    def test_a_missing_field_in_one_constraint_does_not_widen_the_others(self) -> None:
        self.grant(self.owner, Country, "view", [{"iso3": "MDA"}, {"no_such_field": 1}])
        self.assertLessEqual(self.visible(self.owner, Country), {self.home_country.pk})

    def test_has_perm_reflects_object_permissions(self) -> None:
        self.assertFalse(fresh(self.owner).has_perm("reference.view_country"))
        self.grant(self.owner, Country, "view", {"iso3": "MDA"})
        self.assertTrue(self.owner.has_perm("reference.view_country"))
        self.assertTrue(self.owner.has_perm("reference.view_country", self.home_country))
        self.assertFalse(self.owner.has_perm("reference.view_country", self.other_country))
        self.assertFalse(self.owner.has_perm("reference.change_country"))
        self.assertFalse(self.owner.has_perm("reference.view_nosuchmodel"))
        self.assertFalse(self.colleague.has_perm("reference.view_country"))

    def test_everyone_sees_their_own_jobs_but_not_others(self) -> None:
        mine = Job.objects.create(name="import", user=self.owner)
        Job.objects.create(name="import", user=self.colleague)
        Job.objects.create(name="system job")
        self.assertEqual(self.visible(self.owner, Job), {mine.pk})
        self.assertEqual(self.listed(self.owner, "core:job_list"), {mine.pk})
        self.assertEqual(self.visible(self.owner, Job, "delete"), set())

    def test_everyone_sees_their_own_api_tokens_but_not_others(self) -> None:
        mine, _ = Token.issue(self.owner)
        theirs, _ = Token.issue(self.colleague)
        self.assertEqual(self.visible(self.owner, Token), {mine.pk})
        self.assertEqual(self.visible(self.colleague, Token), {theirs.pk})
        self.assertEqual(self.listed(self.owner, "users:token_list"), {mine.pk})
        self.assertEqual(self.client.get(reverse("users:token", args=[theirs.pk])).status_code,
                         404)
        self.assertEqual(self.visible(self.owner, Token, "delete"), {mine.pk})
        self.assertEqual(self.visible(self.owner, Token, "change"), set())

    def test_a_user_token_that_resolves_to_nothing_matches_nothing_not_empty_fields(self) -> None:
        loner = self.make_user("loner", None)
        unaffiliated = self.make_user("unaffiliated", None)
        self.grant(loner, User, "view", {"organisation": "$user.organisation"})
        self.assertNotIn(unaffiliated.pk, self.visible(loner, User))
        self.assertEqual(self.visible(loner, User), set())
        self.grant(loner, Organisation, "view",
                   [{"country": "$user.country"}, {"name": "Home Organisation"}])
        self.assertEqual(self.visible(loner, Organisation), {self.organisation.pk})
