"""The API of emergency mode, and the generic suites for its pages, endpoints and filters."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from rest_framework.test import APIClient

from crossroads.borders import models as m
from crossroads.borders.emergencies import filtersets, services, views
from crossroads.borders.tests.test_emergency_support import (
    EmergencyTestCase,
    family_rows,
    row,
)
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases

API = "/api/v1/borders"


class EmergencyAPITests(EmergencyTestCase):
    def setUp(self) -> None:
        self.api = APIClient()
        self.api.force_authenticate(self.owner)

    def test_posting_an_operation_starts_it(self) -> None:
        response = self.api.post(f"{API}/emergency-operations/",
                                 {"point": self.other_point.pk, "name": "Convoy"}, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["status"], "active")
        self.other_point.refresh_from_db()
        self.assertEqual(self.other_point.status, "emergency")
        again = self.api.post(f"{API}/emergency-operations/",
                              {"point": self.other_point.pk, "name": "Again"}, format="json")
        self.assertEqual(again.status_code, 400)
        self.assertIn("point", again.json())

    def test_an_operation_at_a_foreign_point_is_refused_and_rolled_back(self) -> None:
        response = self.api.post(f"{API}/emergency-operations/",
                                 {"point": self.foreign_point.pk, "name": "X"}, format="json")
        self.assertEqual(response.status_code, 403)
        self.foreign_point.refresh_from_db()
        self.assertEqual(self.foreign_point.status, "open")

    def test_ending_needs_the_end_time(self) -> None:
        url = f"{API}/emergency-operations/{self.operation.pk}/end/"
        self.assertEqual(self.api.post(url, {}, format="json").status_code, 400)
        response = self.api.post(url, {"ended_at": timezone.now().isoformat()}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "ended")
        self.point.refresh_from_db()
        self.assertEqual(self.point.status, "open")

    def test_a_whole_group_is_posted_at_once(self) -> None:
        response = self.api.post(f"{API}/arrival-groups/", {
            "operation": self.operation.pk, "kind": "family", "place_of_origin": "Odesa",
            "people": [{"family": "Коваленко", "given": "Олена", "sex": "F", "age": 34},
                       {"given": "Андрій", "sex": "M", "age": 7, "relationship": "child"},
                       {"given": "Петро", "sex": "M", "age": 52, "relationship": "parent",
                        "vulnerabilities": ["older_person"]}]}, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(len(body["people"]), 3)
        self.assertEqual(body["people"][1]["age_group"], "5-11")
        self.assertEqual(len(body["warnings"]), 1)
        self.assertEqual(m.Arrival.objects.count(), 3)

    def test_a_bad_row_refuses_the_group_with_problems_per_row(self) -> None:
        response = self.api.post(f"{API}/arrival-groups/", {
            "operation": self.operation.pk, "kind": "group",
            "people": [{"given": "Ana", "sex": "F", "age": 30},
                       {"given": "Ion", "sex": "M", "age": 30, "relationship": "unrelated",
                        "vulnerabilities": ["pregnant"]}]}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(list(response.json()["people"]), ["2"])
        self.assertFalse(m.Arrival.objects.exists())

    def test_the_counts_endpoint_gives_aggregates_without_names(self) -> None:
        services.register_group(self.operation, services.GroupInput(
            kind="family", arrived_at=timezone.now(), people=family_rows()), self.organisation)
        response = self.api.get(f"{API}/emergency-operations/{self.operation.pk}/counts/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["arrivals"]["total"], 3)
        self.assertEqual(body["by_sex_and_age_group"]["M"]["5-11"], 1)
        self.assertNotIn("Kovalenko", response.content.decode())

    def test_counts_need_only_the_operation_not_the_arrivals(self) -> None:
        self.grant(self.colleague, m.EmergencyOperation, "view")
        self.api.force_authenticate(self.colleague)
        response = self.api.get(f"{API}/emergency-operations/{self.operation.pk}/counts/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.api.get(f"{API}/arrivals/").status_code, 403)

    def test_referral_without_consent_is_refused_and_the_receiver_decides(self) -> None:
        grandfather = self.register(family_rows()).arrivals[2]
        data: dict[str, Any] = {
            "arrival": grandfather.pk, "service": "medical",
            "to_organisation": self.other_organisation.pk, "consent_by": "not_given",
            "consent_at": timezone.now().isoformat(), "reason": "Needs a doctor."}
        refused = self.api.post(f"{API}/emergency-referrals/", data, format="json")
        self.assertEqual(refused.status_code, 400)
        self.assertIn("consent_by", refused.json())
        created = self.api.post(f"{API}/emergency-referrals/", {**data, "consent_by": "person"},
                                format="json")
        self.assertEqual(created.status_code, 201, created.content)
        decide = f"{API}/emergency-referrals/{created.json()['id']}/decide/"
        self.assertEqual(self.api.post(decide, {"status": "accepted"}, format="json")
                         .status_code, 403)
        receiver = APIClient()
        receiver.force_authenticate(self.outsider)
        response = receiver.post(decide, {"status": "declined"}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("response", response.json())
        response = receiver.post(decide, {"status": "accepted"}, format="json")
        self.assertEqual((response.status_code, response.json()["status"]), (200, "accepted"))

    def test_flags_are_changed_with_the_same_rules(self) -> None:
        son = self.register(family_rows()).arrivals[1]
        url = f"{API}/arrivals/{son.pk}/flags/"
        refused = self.api.post(url, {"vulnerabilities": ["unaccompanied_child"]}, format="json")
        self.assertEqual(refused.status_code, 400)
        done = self.api.post(url, {"vulnerabilities": ["medical_need"]}, format="json")
        self.assertEqual((done.status_code, done.json()["vulnerabilities"]),
                         (200, ["medical_need"]))

    def test_arrivals_are_filtered_by_vulnerability(self) -> None:
        self.register(family_rows())
        response = self.api.get(f"{API}/arrivals/", {"vulnerability": "disability"})
        self.assertEqual([a["age"] for a in response.json()["results"]], [68])
        flagged = self.api.get(f"{API}/arrivals/", {"flagged": "false"})
        self.assertEqual(len(flagged.json()["results"]), 2)


# Generic suites ------------------------------------------------------------------------


class SuiteData(EmergencyTestCase):
    """Three records of each model, made through the services. The suites grant their
    own permissions, so they run as ``colleague``, who holds none."""

    def setUp(self) -> None:
        super().setUp()
        self.owner = self.colleague

    @classmethod
    def create_groups(cls, suffix: str = "") -> list[services.RegisteredGroup]:
        cls.ensure_operation()
        made = []
        for n in range(3):
            made.append(services.register_group(cls.operation, services.GroupInput(
                kind="single", arrived_at=timezone.now(),
                people=[row(f"Person {suffix} {n}", age=70, vulnerabilities=["older_person"])]),
                cls.organisation))
        return made

    @classmethod
    def create_operations(cls, suffix: str = "") -> list[models.Model]:
        cls.ensure_operation()
        made: list[models.Model] = [cls.operation] if not suffix else []
        while len(made) < 3:
            point = cls.make_point(f"p-{suffix}-{len(made)}".lower().replace(" ", ""),
                                   cls.home_country, cls.other_country)
            made.append(services.start_operation(point, f"Op {suffix}", cls.organisation))
        return made

    @classmethod
    def create_referrals(cls, suffix: str = "") -> list[models.Model]:
        return [services.refer(services.ReferralInput(
            arrival=g.arrivals[0], service="shelter", to_organisation=cls.other_organisation,
            consent_by="person", reason="x", consent_at=timezone.now()), cls.owner)
            for g in cls.create_groups(suffix)]


class EmergencyOperationViewTests(SuiteData, ViewTestCases.ObjectViews):
    views = views.EmergencyOperationViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return cls.create_operations(suffix)


class ArrivalGroupViewTests(SuiteData, ViewTestCases.ObjectViews):
    views = views.ArrivalGroupViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [g.group for g in cls.create_groups(suffix)]


class ArrivalViewTests(SuiteData, ViewTestCases.ObjectViews):
    views = views.ArrivalViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [g.arrivals[0] for g in cls.create_groups(suffix)]


class EmergencyReferralViewTests(SuiteData, ViewTestCases.ObjectViews):
    views = views.EmergencyReferralViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return cls.create_referrals(suffix)


class EmergencyOperationAPISuite(SuiteData, APITestCases.API):
    endpoint = f"{API}/emergency-operations/"
    model = m.EmergencyOperation
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return cls.create_operations(suffix)


class ArrivalGroupAPISuite(SuiteData, APITestCases.API):
    endpoint = f"{API}/arrival-groups/"
    model = m.ArrivalGroup
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [g.group for g in cls.create_groups(suffix)]


class ArrivalAPISuite(SuiteData, APITestCases.API):
    endpoint = f"{API}/arrivals/"
    model = m.Arrival
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [g.arrivals[0] for g in cls.create_groups(suffix)]


class EmergencyReferralAPISuite(SuiteData, APITestCases.API):
    endpoint = f"{API}/emergency-referrals/"
    model = m.EmergencyReferral
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return cls.create_referrals(suffix)


class EmergencyOperationFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.EmergencyOperationFilterSet


class ArrivalGroupFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ArrivalGroupFilterSet


class ArrivalFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ArrivalFilterSet


class EmergencyReferralFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.EmergencyReferralFilterSet


class EmergencyAPIBadInputTests(EmergencyTestCase):
    def test_malformed_groups_get_field_errors_not_a_crash(self) -> None:
        api = APIClient()
        api.force_authenticate(self.owner)
        for body in ({}, {"operation": self.operation.pk, "kind": "family", "people": "x"},
                     {"operation": self.operation.pk, "kind": "family", "people": []},
                     {"operation": 10**30, "kind": "family", "people": [{"given": "A"}]},
                     {"operation": self.operation.pk, "kind": "family",
                      "people": [{"given": "A", "age": "old"}]}):
            response = api.post(f"{API}/arrival-groups/", body, format="json")
            self.assertEqual(response.status_code, 400, body)
            self.assertIsInstance(response.json(), dict)
        self.assertFalse(m.Arrival.objects.exists())
