"""The change log: who changed what, when, from where and how, through the UI, the API or code."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from crossroads.core.context import acting_as
from crossroads.core.models import ObjectChange
from crossroads.core.permissions import ADD, CHANGE, DELETE, VIEW
from crossroads.reference.choices import PartnerKind, RegionKind
from crossroads.reference.models import Partner, Region
from crossroads.testing.base import TEST_PASSWORD, CrossroadsTestCase
from crossroads.users.models import Token, User

ALL = [VIEW, ADD, CHANGE, DELETE]


def changes_of(obj: Any) -> Any:
    """The change entries of one record, oldest first."""
    return ObjectChange.objects.filter(
        object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).order_by("time", "pk")


def partner_form(partner: Partner | None = None, **changes: Any) -> dict[str, Any]:
    """The POST data of the partner form (a partner's current values, changed)."""
    data: dict[str, Any] = {"name": "Labour Ministry", "acronym": "MOL",
                            "kind": PartnerKind.GOVERNMENT, "country": "", "website": "",
                            "notes": ""}
    if partner is not None:
        data |= {"name": partner.name, "acronym": partner.acronym, "kind": partner.kind,
                 "country": partner.country_id or "", "website": partner.website,
                 "notes": partner.notes}
    return data | changes


class WebChangeLogTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.partner = Partner.objects.create(name="Health Ministry", acronym="MOH",
                                             kind=PartnerKind.GOVERNMENT)

    def setUp(self) -> None:
        self.grant(self.owner, Partner, ALL)
        self.client.force_login(self.owner)

    def test_creating_a_record_in_the_web_ui_logs_who_from_where_and_how(self) -> None:
        response = self.client.post(reverse("reference:partner_add"), partner_form())
        self.assertEqual(response.status_code, 302)
        partner = Partner.objects.get(name="Labour Ministry")
        [change] = changes_of(partner)
        self.assertEqual(change.action, ObjectChange.Action.CREATE)
        self.assertEqual(change.user, self.owner)
        self.assertEqual(change.user_name, "owner")
        self.assertEqual(change.channel, "web")
        self.assertEqual(change.address, "127.0.0.1")
        self.assertIsNotNone(change.request_id)
        self.assertIsNone(change.prechange_data)
        self.assertEqual(change.postchange_data["name"], "Labour Ministry")
        self.assertEqual(change.object_repr, "Labour Ministry (MOL)")

    def test_creating_a_record_stamps_who_created_and_updated_it(self) -> None:
        self.client.post(reverse("reference:partner_add"), partner_form())
        partner = Partner.objects.get(name="Labour Ministry")
        self.assertEqual((partner.created_by, partner.updated_by), (self.owner, self.owner))

    def test_updating_a_record_lists_exactly_the_changed_fields(self) -> None:
        url = reverse("reference:partner_edit", args=[self.partner.pk])
        response = self.client.post(url, partner_form(self.partner, acronym="MH",
                                                      notes="Main counterpart"))
        self.assertEqual(response.status_code, 302)
        change = changes_of(self.partner).last()
        self.assertEqual(change.action, ObjectChange.Action.UPDATE)
        self.assertEqual(change.changed_fields, ["acronym", "notes"])
        self.assertEqual(change.prechange_data["acronym"], "MOH")
        self.assertEqual(change.postchange_data["acronym"], "MH")
        self.assertEqual((change.user, change.channel, change.address),
                         (self.owner, "web", "127.0.0.1"))

    def test_updating_a_record_stamps_the_updater_and_keeps_the_creator(self) -> None:
        with acting_as(self.colleague, channel="cli"):
            partner = Partner.objects.create(name="Interior Ministry", kind=PartnerKind.GOVERNMENT)
        self.client.post(reverse("reference:partner_edit", args=[partner.pk]),
                         partner_form(partner, acronym="MOI"))
        partner.refresh_from_db()
        self.assertEqual(partner.created_by, self.colleague)
        self.assertEqual(partner.updated_by, self.owner)

    def test_an_update_that_changes_nothing_writes_no_entry(self) -> None:
        before = changes_of(self.partner).count()
        response = self.client.post(reverse("reference:partner_edit", args=[self.partner.pk]),
                                    partner_form(self.partner))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(changes_of(self.partner).count(), before)

    def test_deleting_a_record_logs_its_last_state(self) -> None:
        pk = self.partner.pk
        response = self.client.post(reverse("reference:partner_delete", args=[pk]))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Partner.objects.filter(pk=pk).exists())
        change = ObjectChange.objects.get(
            object_type=ContentType.objects.get_for_model(Partner), object_id=str(pk),
            action=ObjectChange.Action.DELETE)
        self.assertEqual((change.user, change.channel, change.address),
                         (self.owner, "web", "127.0.0.1"))
        assert change.prechange_data is not None
        self.assertEqual(change.prechange_data["name"], "Health Ministry")
        self.assertIsNone(change.postchange_data)
        self.assertIn("name", change.changed_fields)

    def test_a_refused_save_writes_no_entry(self) -> None:
        self.outsider_client = self.client_class()
        self.grant(self.outsider, Partner, [VIEW, ADD], {"kind": PartnerKind.DONOR})
        self.outsider_client.force_login(self.outsider)
        before = ObjectChange.objects.count()
        response = self.outsider_client.post(reverse("reference:partner_add"), partner_form())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Partner.objects.filter(name="Labour Ministry").exists())
        self.assertEqual(ObjectChange.objects.count(), before)

    def test_the_record_changelog_page_lists_its_changes(self) -> None:
        self.client.post(reverse("reference:partner_edit", args=[self.partner.pk]),
                         partner_form(self.partner, acronym="MH"))
        response = self.client.get(reverse("reference:partner_changelog", args=[self.partner.pk]))
        self.assertContains(response, "acronym")
        self.assertContains(response, "owner")


class ApiChangeLogTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.token, cls.key = Token.issue(cls.owner, write_enabled=True)

    def setUp(self) -> None:
        self.grant(self.owner, Partner, ALL)
        self.api = APIClient(HTTP_AUTHORIZATION=f"Token {self.key}")

    def test_creating_updating_and_deleting_through_the_api_is_logged_as_api(self) -> None:
        url = "/api/v1/reference/partners/"
        response = self.api.post(url, {"name": "Donor Fund", "kind": PartnerKind.DONOR},
                                 format="json")
        self.assertEqual(response.status_code, 201, response.content)
        pk = response.json()["id"]
        response = self.api.patch(f"{url}{pk}/", {"acronym": "DF"}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        response = self.api.delete(f"{url}{pk}/")
        self.assertEqual(response.status_code, 204)

        entries = ObjectChange.objects.filter(
            object_type=ContentType.objects.get_for_model(Partner), object_id=str(pk)
        ).order_by("pk")
        self.assertEqual([e.action for e in entries], ["create", "update", "delete"])
        self.assertEqual(entries[1].changed_fields, ["acronym"])
        for entry in entries:
            self.assertEqual((entry.user, entry.channel, entry.address),
                             (self.owner, "api", "127.0.0.1"))

    def test_a_record_created_through_the_api_is_stamped_with_the_token_user(self) -> None:
        response = self.api.post("/api/v1/reference/partners/",
                                 {"name": "Donor Fund", "kind": PartnerKind.DONOR}, format="json")
        partner = Partner.objects.get(pk=response.json()["id"])
        self.assertEqual((partner.created_by, partner.updated_by), (self.owner, self.owner))

    def test_the_change_log_is_readable_through_the_api(self) -> None:
        self.api.post("/api/v1/reference/partners/",
                      {"name": "Donor Fund", "kind": PartnerKind.DONOR}, format="json")
        response = self.api.get("/api/v1/core/changes/", {"channel": "api"})
        self.assertEqual(response.status_code, 200)
        [row] = response.json()["results"]
        self.assertEqual((row["action"], row["channel"], row["object_repr"]),
                         ("create", "api", "Donor Fund"))


class ModelChangeLogTests(CrossroadsTestCase):
    def test_changes_made_outside_a_request_are_logged_without_a_user(self) -> None:
        partner = Partner.objects.create(name="Donor Fund", kind=PartnerKind.DONOR)
        [change] = changes_of(partner)
        self.assertIsNone(change.user)
        self.assertEqual(change.channel, "system")
        self.assertIsNone(partner.created_by)

    def test_changes_made_from_the_command_line_name_the_acting_user(self) -> None:
        with acting_as(self.owner, channel="cli"):
            partner = Partner.objects.create(name="Donor Fund", kind=PartnerKind.DONOR)
        [change] = changes_of(partner)
        self.assertEqual((change.user, change.user_name, change.channel),
                         (self.owner, "owner", "cli"))

    def test_saving_unchanged_values_writes_no_entry(self) -> None:
        partner = Partner.objects.create(name="Donor Fund", kind=PartnerKind.DONOR)
        partner.save()
        Partner.objects.get(pk=partner.pk).save()
        self.assertEqual(changes_of(partner).count(), 1)

    def test_adding_and_removing_countries_of_a_region_is_logged(self) -> None:
        region = Region.objects.create(code="east", name="Eastern Partnership",
                                       kind=RegionKind.GROUPING)
        with acting_as(self.owner, channel="cli"):
            region.countries.add(self.home_country, self.other_country)
            region.countries.remove(self.other_country)
            region.countries.clear()
        entries = list(changes_of(region).filter(action=ObjectChange.Action.UPDATE))
        self.assertEqual(len(entries), 3)
        self.assertTrue(all(e.changed_fields == ["countries"] for e in entries))
        self.assertEqual(
            [e.postchange_data["countries"] for e in entries],
            [sorted([str(self.home_country.pk), str(self.other_country.pk)]),
             [str(self.home_country.pk)], []],
        )
        self.assertTrue(all(e.user == self.owner for e in entries))

    def test_m2m_changes_made_in_the_web_form_are_logged(self) -> None:
        region = Region.objects.create(code="east", name="Eastern Partnership",
                                       kind=RegionKind.GROUPING)
        self.grant(self.owner, Region, ALL)
        from crossroads.reference.models import Country

        self.grant(self.owner, Country, VIEW)
        self.client.force_login(self.owner)
        response = self.client.post(reverse("reference:region_edit", args=[region.pk]), {
            "code": "east", "name": "Eastern Partnership", "name_ru": "", "kind": "grouping",
            "parent": "", "countries": [self.home_country.pk], "description": "",
        })
        self.assertEqual(response.status_code, 302)
        entry = changes_of(region).last()
        self.assertEqual(entry.changed_fields, ["countries"])
        self.assertEqual(entry.postchange_data, {"countries": [str(self.home_country.pk)]})
        self.assertEqual((entry.user, entry.channel), (self.owner, "web"))

    def test_a_users_password_hash_never_appears_in_the_change_log(self) -> None:
        with acting_as(self.owner, channel="cli"):
            user = User(username="newcomer", email="newcomer@example.org")
            user.set_password(TEST_PASSWORD)
            user.save()
            first_hash = user.password
            user.set_password("another-long-password-77")
            user.first_name = "New"
            user.save()
        entries = list(changes_of(user))
        self.assertEqual([e.action for e in entries], ["create", "update"])
        self.assertEqual(entries[1].changed_fields, ["first_name"])
        logged = json.dumps([[e.prechange_data, e.postchange_data] for e in entries])
        algorithm = user.password.split("$", 1)[0]
        for secret in (first_hash, user.password, f"{algorithm}$", TEST_PASSWORD):
            self.assertNotIn(secret, logged)
        self.assertNotIn('"password"', logged)

    def test_changing_only_a_password_writes_no_entry(self) -> None:
        before = changes_of(self.owner).count()
        self.owner.set_password("a-brand-new-password-99")
        self.owner.save()
        self.assertEqual(changes_of(self.owner).count(), before)


class SensitiveChangeLogTests(CrossroadsTestCase):
    """A change entry carries the record's data: it is as sensitive as the record."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.secret = Partner.objects.create(name="Secret Partner", kind=PartnerKind.OTHER)
        cls.region = Region.objects.create(code="east", name="East", kind=RegionKind.GROUPING)

    def setUp(self) -> None:
        self.grant(self.owner, ObjectChange, VIEW)
        patcher = mock.patch.object(Partner, "sensitive", True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def visible_reprs(self, user: User) -> set[str]:
        return set(ObjectChange.objects.restrict(user, VIEW).values_list("object_repr", flat=True))

    def test_changes_of_a_sensitive_model_are_hidden_from_users_who_cannot_view_it(self) -> None:
        self.assertIn("East", self.visible_reprs(self.owner))
        self.assertNotIn("Secret Partner", self.visible_reprs(self.owner))

    def test_changes_of_a_sensitive_model_are_shown_to_users_who_may_view_it(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.assertIn("Secret Partner", self.visible_reprs(self.owner))

    def test_a_constrained_viewer_sees_changes_of_only_the_records_within_it(self) -> None:
        other = Partner.objects.create(name="Other Secret", kind=PartnerKind.OTHER)
        self.grant(self.owner, Partner, VIEW, {"pk": other.pk})
        self.assertIn("Other Secret", self.visible_reprs(self.owner))
        self.assertNotIn("Secret Partner", self.visible_reprs(self.owner))

    def test_changes_of_a_deleted_sensitive_record_stay_visible_to_unconstrained_viewers(
        self,
    ) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.grant(self.colleague, ObjectChange, VIEW)
        self.grant(self.colleague, Partner, VIEW, {"name": "Secret Partner"})
        self.secret.delete()
        self.assertIn("Secret Partner", self.visible_reprs(self.owner))
        self.assertNotIn("Secret Partner", self.visible_reprs(self.colleague))

    def test_a_superuser_does_not_see_changes_of_a_sensitive_model_without_a_grant(self) -> None:
        root = self.make_user("root", None)
        root.is_superuser = True
        root.save()
        self.assertIn("East", self.visible_reprs(root))
        self.assertNotIn("Secret Partner", self.visible_reprs(root))

    def test_the_change_log_page_and_api_hide_changes_of_a_sensitive_model(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get(reverse("core:objectchange_list"))
        self.assertContains(page, "East")
        self.assertNotContains(page, "Secret Partner")
        secret_change = changes_of(self.secret).first()
        detail = self.client.get(reverse("core:objectchange", args=[secret_change.pk]))
        self.assertEqual(detail.status_code, 404)
        api = self.client.get("/api/v1/core/changes/")
        self.assertNotIn("Secret Partner", api.content.decode())

    def test_without_a_change_log_grant_a_user_sees_only_their_own_changes(self) -> None:
        with acting_as(self.colleague, channel="cli"):
            Region.objects.create(code="mine", name="Mine", kind=RegionKind.GROUPING)
        self.assertEqual(self.visible_reprs(self.colleague), {"Mine"})
