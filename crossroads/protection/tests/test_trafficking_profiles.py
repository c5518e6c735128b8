"""Trafficking profiles (HTCDS): recording them, the case page section, the API, who may do what."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from rest_framework.test import APIClient

from crossroads.core.models import AuditEvent
from crossroads.people.models import Person
from crossroads.protection.choices import CasePersonRole, CaseType
from crossroads.protection.models import Case, CasePerson, TraffickingProfile
from crossroads.protection.tests.test_trafficking_base import TraffickingTestCase
from crossroads.protection.trafficking import services
from crossroads.protection.trafficking.api import TraffickingProfileFilterSet
from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases, FilterSetTestCases
from crossroads.users.models import Organisation

API = "/api/v1/protection/trafficking-profiles/"


class RecordProfileTests(TraffickingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.vot = cls.make_case("VOT-1", worker=cls.owner, case_type=CaseType.PRESUMED_VOT)
        cls.link = cls.add_principal(cls.vot)

    def record(self, user: Any = None, **data: Any) -> TraffickingProfile:
        return services.record_profile(user or self.owner, self.link, data)

    def test_a_case_worker_records_a_profile_with_code_lists_and_transit(self) -> None:
        profile = self.record(status="presumed", exploitation=["sexual", "forced_labour"],
                              means_of_control=["threats"],
                              exploitation_country=self.countries["TUR"],
                              transit_countries=[self.countries["UKR"].pk])
        self.assertEqual(profile.exploitation, ["forced_labour", "sexual"])
        self.assertEqual(list(profile.transit_countries.values_list("iso3", flat=True)),
                         ["UKR"])
        self.assertEqual(profile.case, self.vot)

    def test_recording_again_updates_the_one_profile_of_the_person(self) -> None:
        self.record(status="presumed")
        self.record(status="identified", status_decided_by=self.organisation)
        self.assertEqual(TraffickingProfile.objects.get(case_person=self.link).status,
                         "identified")

    def test_an_unknown_code_is_refused_naming_the_field_and_the_code(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.record(status="presumed", exploitation=["sexual", "piracy"])
        self.assertIn("piracy", str(refused.exception.message_dict["exploitation"]))
        self.assertFalse(TraffickingProfile.objects.exists())

    def test_an_identified_victim_needs_the_organisation_that_decided(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.record(status="identified")
        self.assertIn("status_decided_by", refused.exception.message_dict)

    def test_an_unknown_transit_country_writes_nothing(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.record(status="presumed", transit_countries=[999999])
        self.assertIn("transit_countries", refused.exception.message_dict)
        self.assertFalse(TraffickingProfile.objects.exists())

    def test_someone_who_may_not_change_the_case_records_nothing(self) -> None:
        for user in (self.outsider, self.manager):
            with self.assertRaises(PermissionDenied):
                self.record(user, status="presumed")
        self.assertFalse(TraffickingProfile.objects.exists())

    def test_change_on_the_case_without_rights_on_profiles_writes_nothing(self) -> None:
        worker = self.make_user("worker2", self.organisation)
        self.grant_case_worker(worker)
        Case.objects.filter(pk=self.vot.pk).update(case_worker=worker)
        with self.assertRaises(PermissionDenied):
            services.record_profile(worker, self.link, {"status": "presumed"})
        self.assertFalse(TraffickingProfile.objects.exists())


class CaseSectionTests(TraffickingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.vot = cls.make_case("VOT-2", worker=cls.owner, case_type=CaseType.IDENTIFIED_VOT)
        cls.link = cls.add_principal(cls.vot)

    def url(self) -> str:
        return reverse("protection:trafficking_record", args=[self.vot.pk, self.link.pk])

    def post(self, **fields: Any) -> Any:
        data = {f"p{self.link.pk}-{name}": value for name, value in fields.items()}
        return self.client.post(self.url(), data, follow=True)

    def test_the_case_page_of_a_vot_case_offers_the_profile_form(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get(self.vot.get_absolute_url())
        self.assertContains(page, "Counter-trafficking (HTCDS)")
        self.assertContains(page, f'name="p{self.link.pk}-exploitation"')

    def test_the_section_is_absent_from_other_cases_without_a_profile(self) -> None:
        self.client.force_login(self.owner)
        self.assertNotContains(self.client.get(self.case.get_absolute_url()),
                               "Counter-trafficking (HTCDS)")

    def test_a_profile_saved_from_the_page_is_shown_and_its_read_audited(self) -> None:
        self.client.force_login(self.owner)
        page = self.post(status="identified", status_decided_by=self.organisation.pk,
                         exploitation=["forced_labour"],
                         exploitation_country=self.countries["RUS"].pk)
        self.assertContains(page, "Trafficking profile recorded.")
        profile = TraffickingProfile.objects.get(case_person=self.link)
        self.assertEqual(profile.exploitation, ["forced_labour"])
        self.assertContains(page, "Russia")
        self.assertContains(page, "<dd>Forced labour</dd>", html=False)
        self.assertTrue(AuditEvent.objects.filter(object_id=str(profile.pk),
                                                  action="view").exists())

    def test_a_bad_profile_from_the_page_shows_the_reason_and_writes_nothing(self) -> None:
        self.client.force_login(self.owner)
        page = self.post(status="identified")
        self.assertContains(page, "Name the organisation that identified the person")
        self.assertFalse(TraffickingProfile.objects.exists())

    def test_a_user_without_rights_on_profiles_sees_no_section(self) -> None:
        worker = self.make_user("worker3", self.organisation)
        self.grant_case_worker(worker)
        Case.objects.filter(pk=self.vot.pk).update(case_worker=worker)
        self.client.force_login(worker)
        page = self.client.get(self.vot.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Counter-trafficking (HTCDS)")

    def test_an_outsider_gets_404_and_writes_nothing(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.post(status="presumed").status_code, 404)
        self.assertEqual(self.client.get(self.vot.get_absolute_url()).status_code, 404)
        self.assertFalse(TraffickingProfile.objects.exists())


def profiles(organisation: Organisation, suffix: str) -> list[models.Model]:
    made = []
    for i in range(3):
        case = Case.objects.create(reference=f"T-{suffix}-{i}", case_type="presumed_vot",
                                   organisation=organisation)
        person = Person.objects.create(organisation=organisation, sex="F")
        link = CasePerson.objects.create(case=case, person=person,
                                         role=CasePersonRole.PRINCIPAL)
        made.append(TraffickingProfile.objects.create(case=case, case_person=link,
                                                      status="presumed"))
    return made


class TraffickingProfileAPITests(APITestCases.API):
    endpoint = API
    model = TraffickingProfile
    related = (Case, CasePerson, Organisation, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return profiles(cls.organisation, suffix)

    def api_data(self) -> dict[str, Any]:
        case = Case.objects.create(reference="T-API", case_type="identified_vot",
                                   organisation=self.organisation)
        link = CasePerson.objects.create(
            case=case, person=Person.objects.create(organisation=self.organisation),
            role=CasePersonRole.PRINCIPAL)
        return {"case": case.pk, "case_person": link.pk, "status": "identified",
                "status_decided_by": self.organisation.pk, "exploitation": ["sexual"],
                "transit_countries": [self.other_country.pk]}


class TraffickingProfileFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = TraffickingProfileFilterSet


class ProfileAPIValidationTests(TraffickingTestCase):
    def setUp(self) -> None:
        self.api = APIClient()
        self.api.force_authenticate(self.owner)
        self.link = self.add_principal(self.case)

    def post(self, **data: Any) -> Any:
        return self.api.post(API, {"case": self.case.pk, "case_person": self.link.pk, **data},
                             format="json")

    def test_an_unknown_code_is_a_field_error(self) -> None:
        response = self.post(status="presumed", means_of_control=["threats", "magic"])
        self.assertEqual(response.status_code, 400)
        self.assertIn("means_of_control", response.json())
        self.assertFalse(TraffickingProfile.objects.exists())

    def test_a_person_of_another_case_is_refused(self) -> None:
        other = self.make_case("OTHER-1", worker=self.owner)
        response = self.post(case=other.pk, status="presumed")
        self.assertEqual(response.status_code, 400)
        self.assertIn("case_person", response.json())

    def test_an_identified_victim_without_the_deciding_organisation_is_refused(self) -> None:
        response = self.post(status="identified")
        self.assertEqual(response.status_code, 400)
        self.assertIn("status_decided_by", response.json())

    def test_a_profile_is_created_for_the_case_worker_and_hidden_from_outsiders(self) -> None:
        response = self.post(status="presumed", exploitation=["sexual", "sexual"])
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["exploitation"], ["sexual"])
        self.api.force_authenticate(self.outsider)
        self.assertEqual(self.api.get(f"{API}{response.json()['id']}/").status_code, 404)


class PermissionMatrixTests(TraffickingTestCase):
    """Who may do what with counter-trafficking data, role by role (demo rights)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.profile = cls.victim("VOT-M-1")
        cls.viewer = cls.make_user("viewer", cls.organisation)
        cls.grant(cls.viewer, Case, "aggregate")

    def can_view(self, user: Any) -> bool:
        self.client.force_login(user)
        return self.client.get(self.profile.case.get_absolute_url()).status_code == 200

    def can_record(self, user: Any) -> bool:
        try:
            services.record_profile(user, self.profile.case_person, {"status": "presumed"})
        except PermissionDenied:
            return False
        return True

    def can_release(self, user: Any) -> bool:
        self.client.force_login(user)
        return self.client.get(reverse("protection:trafficking_release")).status_code == 200

    def can_publish(self, user: Any) -> bool:
        self.client.force_login(user)
        response = self.client.post(reverse("protection:trafficking_publish"))
        return response.status_code == 302

    def test_the_matrix(self) -> None:
        expected = {  # view profile, record profile, release page, publish statistics
            "owner (case worker)": (self.owner, (True, True, False, False)),
            "colleague (supervisor)": (self.colleague, (True, True, False, False)),
            "outsider (other organisation)": (self.outsider, (False, False, False, False)),
            "manager (data manager)": (self.manager, (False, False, True, True)),
            "viewer of aggregates": (self.viewer, (False, False, False, False)),
        }
        for role, (user, rights) in expected.items():
            actual = (self.can_view(user), self.can_record(user), self.can_release(user),
                      self.can_publish(user))
            self.assertEqual(actual, rights, role)

