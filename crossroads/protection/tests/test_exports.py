"""Encrypted exports of case data: who may export, what the ZIP holds, consent, the audit."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from datetime import date
from typing import Any

import pyzipper
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent, ObjectChange
from crossroads.people.models import Nationality, Person, PersonName
from crossroads.protection import demo, exports
from crossroads.protection import models as m
from crossroads.protection.choices import CasePersonRole, CaseType, ConsentPurpose
from crossroads.protection.exports import ExportFilters, Sharing
from crossroads.protection.tests.helpers import ProtectionTestCase

PASSWORD = "correct horse battery"  # noqa: S105


def unzip(content: bytes, password: str = PASSWORD) -> dict[str, str]:
    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        archive.setpassword(password.encode())
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


class ExportTestCase(ProtectionTestCase):
    """``manager`` holds ``export`` on the cases of the home organisation (demo role)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.manager = cls.make_user("manager", cls.organisation)
        cls.grant(cls.manager, m.Case, [demo.AGGREGATE, demo.EXPORT, demo.RELEASE],
                  demo.OWN_ORGANISATION)
        cls.case.opened_on = date(2025, 3, 1)
        cls.case.save()
        cls.principal = cls.add_principal(cls.case, born=1990, sex="F")
        person = cls.principal.person
        assert person is not None
        PersonName.objects.create(person=person, part="given", value="Ana", position=0)
        PersonName.objects.create(person=person, part="family", value="Popescu", position=0)
        Nationality.objects.create(person=person, country=cls.home_country)
        child = Person.objects.create(organisation=cls.organisation, birth_year=2020, sex="M")
        cls.child = m.CasePerson.objects.create(case=cls.case, person=child,
                                                role=CasePersonRole.HOUSEHOLD)
        m.VulnerabilityScreening.objects.create(case=cls.case, answers={}, priority="high",
                                                score=8, reasons=[])
        provider = m.ServiceProvider.objects.create(
            organisation=cls.other_organisation, name="Safe House", country=cls.home_country)
        m.Referral.objects.create(case=cls.case, case_person=cls.principal, service="shelter",
                                  provider=provider, receiving_organisation=cls.other_organisation,
                                  needs="A bed tonight", respond_by=date(2025, 3, 5))
        m.ReturnApplication.objects.create(case=cls.case, applicant=cls.principal,
                                           country_of_return=cls.other_country,
                                           applied_on=date(2025, 4, 1))
        cls.uasc = cls.make_case("MDA-2026-0002", case_type=CaseType.UASC)
        cls.consenting = cls.add_principal(cls.uasc, born=2012, sex="M")
        m.Consent.objects.create(case=cls.uasc, case_person=cls.consenting,
                                 purpose=ConsentPurpose.STATISTICS, taken_by=cls.owner)
        cls.foreign = cls.make_case("UKR-2026-0001", organisation=cls.other_organisation)

    def export(self, user: Any = None, **options: Any) -> exports.Export:
        with acting_as(user or self.manager, channel="test"):
            return exports.export_cases(user or self.manager, PASSWORD, **options)


class ExportContentTests(ExportTestCase):
    def test_the_zip_cannot_be_read_without_the_password_and_can_with_it(self) -> None:
        content = self.export().content
        with pyzipper.AESZipFile(io.BytesIO(content)) as archive, \
                self.assertRaises(RuntimeError):
            archive.read("cases.csv")
        with zipfile.ZipFile(io.BytesIO(content)) as plain:
            entry = plain.getinfo("cases.csv")
            # Encrypted (flag bit 0), with WinZip AES (method 99), not the weak ZipCrypto.
            self.assertEqual((entry.flag_bits & 1, entry.compress_type), (1, 99))
            # The AES extra field (0x9901): vendor "AE", key strength 3 = 256 bits.
            self.assertEqual((entry.extra[:2], entry.extra[6:8], entry.extra[8]),
                             (b"\x01\x99", b"AE", 3))
            with self.assertRaises(RuntimeError):
                plain.read("cases.csv")
        with self.assertRaises(RuntimeError):
            unzip(content, "not the password at all")
        self.assertEqual(sorted(unzip(content)), [
            "README.txt", "cases.csv", "persons.csv", "referrals.csv", "returns.csv",
            "screenings.csv"])

    def test_the_files_hold_the_cases_the_user_may_export_and_their_records(self) -> None:
        files = unzip(self.export().content)
        cases = table(files["cases.csv"])
        self.assertEqual([c["reference"] for c in cases], ["MDA-2026-0001", "MDA-2026-0002"])
        self.assertEqual(cases[0]["case_type"], "vulnerable")
        self.assertEqual(cases[0]["opened_on"], "2025-03-01")
        self.assertEqual(cases[0]["organisation"], "Home Organisation")
        persons = {(p["case_reference"], p["role"]): p for p in table(files["persons.csv"])}
        principal = persons[("MDA-2026-0001", "principal")]
        self.assertEqual((principal["sex"], principal["birth_year"], principal["nationality"],
                          principal["age_group_at_opening"]), ("F", "1990", "MDA", "18-59"))
        self.assertEqual(persons[("MDA-2026-0001", "household")]["age_group_at_opening"], "5-11")
        screening = table(files["screenings.csv"])[0]
        self.assertEqual((screening["priority"], screening["score"]), ("high", "8"))
        referral = table(files["referrals.csv"])[0]
        self.assertEqual((referral["service"], referral["provider"], referral["status"],
                          referral["respond_by"]), ("shelter", "Safe House", "created",
                                                    "2025-03-05"))
        self.assertNotIn("A bed tonight", files["referrals.csv"])
        self.assertEqual(table(files["returns.csv"])[0]["country_of_return"], "UKR")
        self.assertNotIn("UKR-2026-0001", "".join(files.values()))

    def test_names_are_left_out_for_a_user_who_may_not_see_them(self) -> None:
        files = unzip(self.export().content)
        self.assertNotIn("name", table(files["persons.csv"])[0])
        self.assertNotIn("Popescu", "".join(files.values()))
        self.assertIn("not included", files["README.txt"])

    def test_names_are_exported_to_a_user_who_may_see_them(self) -> None:
        self.grant(self.manager, Person, "view", {"organisation": "$user.organisation"})
        self.grant(self.manager, PersonName, "view")
        rows = table(unzip(self.export().content)["persons.csv"])
        principal = next(r for r in rows if r["role"] == "principal"
                         and r["case_reference"] == "MDA-2026-0001")
        self.assertEqual(principal["name"], "Ana Popescu")

    def test_filters_narrow_the_cases(self) -> None:
        files = unzip(self.export(filters=ExportFilters(case_type=CaseType.UASC)).content)
        self.assertEqual([c["reference"] for c in table(files["cases.csv"])], ["MDA-2026-0002"])
        self.assertIn("case type: uasc", files["README.txt"])
        with self.assertRaises(ValidationError) as refused:
            self.export(filters=ExportFilters(opened_to=date(2000, 1, 1)))
        self.assertIn("No case you may export", str(refused.exception))

    def test_the_readme_says_what_who_when_and_which_filters(self) -> None:
        readme = unzip(self.export(filters=ExportFilters(status="registered")).content)[
            "README.txt"]
        self.assertIn("manager (Home Organisation)", readme)
        self.assertIn("status: registered", readme)
        self.assertIn("Cases: 2; persons: 3", readme)
        self.assertIn("Within my organisation", readme)


class ExportAccessTests(ExportTestCase):
    def test_a_user_without_export_exports_nothing(self) -> None:
        for user in (self.owner, self.colleague, self.outsider):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.export(user)

    def test_a_short_password_is_refused(self) -> None:
        with acting_as(self.manager, channel="test"), self.assertRaises(ValidationError) as e:
            exports.export_cases(self.manager, "short")
        self.assertIn("password", e.exception.message_dict)
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists())

    def test_every_exported_row_is_audited_and_the_export_summarised(self) -> None:
        self.export()
        exported = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, user=self.manager)
        cases = exported.filter(object_type=ContentType.objects.get_for_model(m.Case))
        self.assertEqual(sorted(cases.exclude(object_id="").values_list("object_id", flat=True)),
                         sorted([str(self.case.pk), str(self.uasc.pk)]))
        self.assertIn("2 cases, 3 persons", cases.get(object_id="").object_repr)
        for model in (m.CasePerson, m.VulnerabilityScreening, m.Referral, m.ReturnApplication,
                      Person, Nationality):
            with self.subTest(model=model.__name__):
                self.assertTrue(exported.filter(
                    object_type=ContentType.objects.get_for_model(model)).exists())

    def test_the_password_is_never_recorded(self) -> None:
        self.export()
        for row in (*AuditEvent.objects.values_list("object_repr", "path"),
                    *ObjectChange.objects.values_list("object_repr", "postchange_data")):
            self.assertNotIn(PASSWORD, str(row))


class ConsentTests(ExportTestCase):
    def test_sharing_outside_is_refused_naming_the_cases_without_consent(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.export(sharing=Sharing.OUTSIDE)
        message = " ".join(refused.exception.message_dict["consent"])
        self.assertIn("MDA-2026-0001", message)
        self.assertNotIn("MDA-2026-0002", message)
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists())

    def test_a_withdrawn_consent_does_not_count(self) -> None:
        m.Consent.objects.filter(case_person=self.consenting).update(withdrawn_on=date.today())
        with self.assertRaises(ValidationError) as refused:
            self.export(sharing=Sharing.OUTSIDE)
        self.assertIn("MDA-2026-0002", str(refused.exception))

    def test_persons_without_consent_can_be_left_out(self) -> None:
        m.Consent.objects.create(case=self.case, case_person=self.principal,
                                 purpose=ConsentPurpose.STATISTICS, taken_by=self.owner)
        result = self.export(sharing=Sharing.OUTSIDE, leave_out=True)
        self.assertEqual((result.cases, result.persons, result.left_out_persons), (2, 2, 1))
        files = unzip(result.content)
        roles = [p["role"] for p in table(files["persons.csv"])]
        self.assertNotIn("household", roles)
        self.assertIn("left out for lack of consent to data sharing for statistics: 1",
                      files["README.txt"])

    def test_a_case_whose_persons_all_lack_consent_is_left_out(self) -> None:
        result = self.export(sharing=Sharing.OUTSIDE, leave_out=True)
        self.assertEqual(result.left_out_cases, ["MDA-2026-0001"])
        files = unzip(result.content)
        self.assertEqual([c["reference"] for c in table(files["cases.csv"])], ["MDA-2026-0002"])
        self.assertEqual(table(files["referrals.csv"]), [])
        self.assertEqual(table(files["returns.csv"]), [])


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="crossroads-exports-"))
class ExportPageTests(ExportTestCase):
    url = reverse("protection:export")

    def post(self, **fields: Any) -> Any:
        data = {"sharing": "within", "password": PASSWORD, "confirmation": PASSWORD, **fields}
        return self.client.post(self.url, data)

    def test_the_page_is_not_found_for_a_user_who_may_not_export(self) -> None:
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.post().status_code, 404)
        self.assertTrue(AuditEvent.objects.filter(action=AuditEvent.Action.DENIED,
                                                  user=self.owner).exists())

    def test_the_export_is_shown_then_downloaded_once(self) -> None:
        self.client.force_login(self.manager)
        response = self.post()
        self.assertContains(response, "2 cases exported")
        token = response.context["token"]
        download = self.client.get(self.url, {"download": token})
        self.assertEqual(download["Content-Type"], "application/zip")
        self.assertIn("cases.csv", unzip(download.content))
        self.assertEqual(self.client.get(self.url, {"download": token}).status_code, 404)

    def test_another_session_cannot_download_the_file(self) -> None:
        self.client.force_login(self.manager)
        token = self.post().context["token"]
        self.client.logout()
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(self.url, {"download": token}).status_code, 404)

    def test_a_short_or_mistyped_password_is_refused_on_the_form(self) -> None:
        self.client.force_login(self.manager)
        short = self.post(password="short", confirmation="short")
        self.assertContains(short, "at least 12 characters")
        mistyped = self.post(confirmation=PASSWORD + "!")
        self.assertContains(mistyped, "The two passwords differ")
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists())

    def test_the_page_refuses_sharing_outside_without_consent_then_reports_left_out(
            self) -> None:
        self.client.force_login(self.manager)
        refused = self.post(sharing="outside")
        self.assertContains(refused, "MDA-2026-0001", status_code=400)
        left_out = self.post(sharing="outside", leave_out="on")
        self.assertContains(left_out, "2 persons without consent")
        self.assertContains(left_out, "MDA-2026-0001")


class ExportMatrixTests(ExportTestCase):
    """Who may export which cases, role by role (demo rights)."""

    def exported(self, user: Any) -> tuple[int, list[str]]:
        self.client.force_login(user)
        page = self.client.get(reverse("protection:export")).status_code
        try:
            content = self.export(user).content
        except ValidationError:
            return page, []
        return page, [c["reference"] for c in table(unzip(content)["cases.csv"])]

    def test_the_matrix(self) -> None:
        viewer = self.make_user("viewer", self.organisation)
        self.grant(viewer, m.Case, demo.AGGREGATE)
        other_manager = self.make_user("other-manager", self.other_organisation)
        self.grant(other_manager, m.Case, [demo.EXPORT], demo.OWN_ORGANISATION)
        home = ["MDA-2026-0001", "MDA-2026-0002"]
        expected = {  # export page, cases exported
            "owner (case worker)": (self.owner, (404, [])),
            "colleague (supervisor)": (self.colleague, (404, [])),
            "outsider (other organisation)": (self.outsider, (404, [])),
            "viewer of aggregates": (viewer, (404, [])),
            "manager (data manager)": (self.manager, (200, home)),
            "data manager of the other organisation": (other_manager,
                                                       (200, ["UKR-2026-0001"])),
        }
        for role, (user, rights) in expected.items():
            self.assertEqual(self.exported(user), rights, role)
