"""Retention: closed cases archived, then anonymised; read-only afterwards; the job and command."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from crossroads.core import jobs
from crossroads.core.models import AuditEvent, ObjectChange
from crossroads.people.models import Nationality, Person, PersonLink
from crossroads.people.services import cite
from crossroads.protection import demo, retention, workflow
from crossroads.protection import models as m
from crossroads.protection.choices import CaseStatus, CaseType, ConsentPurpose
from crossroads.protection.retention_views import RetentionRuleViews
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.testing.suites import ViewTestCases
from crossroads.users.models import Organisation, User

TODAY = date(2036, 6, 1)


class RetentionTestCase(ProtectionTestCase):
    """Cases closed on various days; default periods: archive after 2 years, anonymise after 10."""

    @classmethod
    def close(cls, case: m.Case, on: date) -> m.Case:
        m.Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_on=on,
                                                 closure_reason="goals_met")
        return m.Case.objects.get(pk=case.pk)


@override_settings(PROTECTION_RETENTION={"archive_after_years": 2, "anonymise_after_years": 10})
class RulesTests(RetentionTestCase):
    def test_the_default_periods_come_from_settings(self) -> None:
        self.assertEqual(retention.periods_by_type()[CaseType.CRISIS],
                         retention.Periods(2, 10))

    def test_a_rule_of_the_type_beats_the_rule_for_every_other_type(self) -> None:
        m.RetentionRule.objects.create(case_type="", archive_after_years=3,
                                       anonymise_after_years=5)
        m.RetentionRule.objects.create(case_type=CaseType.UASC, archive_after_years=20,
                                       anonymise_after_years=25)
        periods = retention.periods_by_type()
        self.assertEqual(periods[CaseType.UASC], retention.Periods(20, 25))
        self.assertEqual(periods[CaseType.CRISIS], retention.Periods(3, 5))

    def test_29_february_counts_back_to_28_february(self) -> None:
        self.assertEqual(retention.years_before(date(2028, 2, 29), 2), date(2026, 2, 28))


@override_settings(PROTECTION_RETENTION={"archive_after_years": 2, "anonymise_after_years": 10})
class ArchiveTests(RetentionTestCase):
    def test_closed_cases_past_the_period_are_archived_and_others_left_alone(self) -> None:
        old = self.close(self.make_case("OLD"), date(2034, 5, 31))
        recent = self.close(self.make_case("RECENT"), date(2034, 6, 2))
        still_open = self.make_case("OPEN")
        report = retention.apply_retention(TODAY)
        self.assertEqual(report["archived"], ["OLD"])
        self.assertEqual(self.reload(old).archived_on, TODAY)
        self.assertIsNone(self.reload(recent).archived_on)
        self.assertIsNone(self.reload(still_open).archived_on)

    def test_a_dry_run_reports_and_changes_nothing(self) -> None:
        old = self.close(self.make_case("OLD"), date(2030, 1, 1))
        report = retention.apply_retention(TODAY, dry_run=True)
        self.assertEqual(report["archived"], ["OLD"])
        self.assertIsNone(self.reload(old).archived_on)

    def test_a_reopened_case_is_not_archived(self) -> None:
        case = self.close(self.make_case("REOPENED"), date(2030, 1, 1))
        workflow.reopen(case, self.colleague, "New facts came to light")
        self.assertEqual(retention.apply_retention(TODAY)["archived"], [])
        self.assertIsNone(self.reload(case).archived_on)

    def test_running_twice_changes_nothing_the_second_time(self) -> None:
        self.close(self.make_case("OLD"), date(2030, 1, 1))
        retention.apply_retention(TODAY)
        second = retention.apply_retention(TODAY)
        self.assertEqual((second["archived"], second["anonymised"]), ([], []))

    def test_an_archived_case_cannot_be_reopened_moved_or_given_records(self) -> None:
        case = self.close(self.make_case("OLD", worker=self.owner), date(2030, 1, 1))
        retention.apply_retention(TODAY)
        with self.assertRaises(retention.CaseReadOnly) as refused:
            workflow.reopen(case, self.colleague, "A reason to reopen")
        self.assertIn("archived", " ".join(refused.exception.message_dict["status"]))
        with self.assertRaises(retention.CaseReadOnly):
            workflow.request_approval(case, "closure", self.owner)
        self.assertEqual(self.reload(case).status, CaseStatus.CLOSED)
        with self.assertRaises(retention.CaseReadOnly):
            retention.ensure_writable(self.reload(case))

    def test_nothing_can_be_added_to_or_changed_in_an_archived_case(self) -> None:
        case = self.close(self.make_case("OLD", worker=self.owner), date(2030, 1, 1))
        retention.apply_retention(TODAY)
        with self.assertRaises(retention.CaseReadOnly) as refused:
            m.CaseNote.objects.create(case=case, text="One more note")
        self.assertIn("archived", " ".join(refused.exception.message_dict["case"]))
        archived = self.reload(case)
        archived.summary = "Changed later"
        with self.assertRaises(retention.CaseReadOnly):
            archived.save()
        self.assertFalse(m.CaseNote.objects.filter(case=case).exists())
        self.assertEqual(self.reload(case).summary, "")


    def test_a_page_or_endpoint_without_its_own_check_refuses_with_the_reason(self) -> None:
        case = self.close(self.make_case("OLD", worker=self.owner), date(2030, 1, 1))
        retention.apply_retention(TODAY)
        self.grant(self.owner, Organisation, "view")
        self.grant(self.owner, User, "view")
        self.client.force_login(self.owner)
        edit = reverse("protection:case_edit", args=[case.pk])
        response = self.client.post(edit, {"reference": "OLD", "case_type": case.case_type,
                                           "organisation": case.organisation_id,
                                           "case_worker": self.owner.pk,
                                           "supervisor": self.colleague.pk,
                                           "priority": "high", "opened_on": case.opened_on,
                                           "summary": "Changed later"},
                                    HTTP_REFERER=f"http://testserver{edit}", follow=True)
        self.assertContains(response, "archived on")
        self.assertEqual(self.reload(case).summary, "")
        api = APIClient()
        api.force_authenticate(self.owner)
        answer = api.post("/api/v1/protection/notes/", {"case": case.pk, "text": "Late"},
                          format="json")
        self.assertEqual(answer.status_code, 400)
        self.assertIn("archived", str(answer.json()))
        self.assertFalse(m.CaseNote.objects.filter(case=case).exists())

@override_settings(PROTECTION_RETENTION={"archive_after_years": 2, "anonymise_after_years": 10})
class AnonymiseTests(RetentionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.old = cls.make_case("MDA-2020-0001", worker=cls.owner)
        m.Case.objects.filter(pk=cls.old.pk).update(opened_on=date(2020, 1, 10),
                                                    summary="Ana fled from Chisinau")
        cls.principal = cls.add_principal(cls.old, born=1990, sex="F")
        assert cls.principal.person is not None
        Nationality.objects.create(person=cls.principal.person, country=cls.home_country)
        cite(cls.principal.person, cls.principal, cls.organisation, "principal")
        m.CaseNote.objects.create(case=cls.old, text="Lives at 5 Strada Mare")
        m.Task.objects.create(case=cls.old, title="Call Ana", due_on=date(2020, 2, 1),
                              assignee=cls.owner)
        m.VulnerabilityScreening.objects.create(case=cls.old, answers={}, priority="high",
                                                score=8, reasons=[])
        consent = m.Consent.objects.create(case=cls.old, case_person=cls.principal,
                                           purpose=ConsentPurpose.ASSISTANCE,
                                           taken_by=cls.owner)
        m.ConsentOverride.objects.create(case=cls.old, case_person=cls.principal,
                                         purpose=ConsentPurpose.STATISTICS,
                                         reason="Ana is in danger and cannot be asked now")
        m.BestInterests.objects.create(case=cls.old, child=cls.principal, kind="assessment",
                                       done_by=cls.colleague, recommendation="Stay with aunt")
        provider = m.ServiceProvider.objects.create(
            organisation=cls.organisation, name="Shelter", country=cls.home_country)
        m.Referral.objects.create(case=cls.old, case_person=cls.principal, service="shelter",
                                  provider=provider, receiving_organisation=cls.organisation,
                                  needs="Ana needs a bed", respond_by=date(2020, 2, 1),
                                  consent=consent)
        m.TraffickingProfile.objects.create(case=cls.old, case_person=cls.principal,
                                            status="presumed", recruitment_place="Balti bar")
        cls.open_case = cls.make_case("MDA-2020-0002")
        m.CaseNote.objects.create(case=cls.open_case, text="Still open")

    def setUp(self) -> None:
        self.media = tempfile.TemporaryDirectory()
        self.addCleanup(self.media.cleanup)
        changed = override_settings(MEDIA_ROOT=self.media.name)
        changed.enable()
        self.addCleanup(changed.disable)
        self.document = m.CaseDocument.objects.create(
            case=self.old, title="Passport of Ana", media_type="application/pdf", size=8,
            file=default_storage.save("protection/passport.pdf", ContentFile(b"%PDF-1.4")))
        self.close(self.old, date(2025, 1, 1))

    def anonymise(self) -> dict[str, object]:
        with self.captureOnCommitCallbacks(execute=True):
            return retention.apply_retention(TODAY)

    def test_the_person_is_replaced_by_the_facts_statistics_need(self) -> None:
        person = self.principal.person
        report = self.anonymise()
        self.assertEqual(report["anonymised"], ["MDA-2020-0001"])
        link = m.CasePerson.objects.get(pk=self.principal.pk)
        self.assertIsNone(link.person)
        self.assertEqual(link.facts, {"sex": "F", "age_group": "18-59", "nationality": ["MDA"]})
        self.assertFalse(PersonLink.objects.filter(person=person).exists())
        case = self.reload(self.old)
        self.assertEqual((case.anonymised_on, case.archived_on, case.summary),
                         (TODAY, TODAY, ""))

    def test_notes_tasks_and_documents_with_their_files_are_deleted(self) -> None:
        name = self.document.file.name
        report = self.anonymise()
        self.assertEqual(report["deleted"], {"casenote": 1, "casedocument": 1, "task": 1})
        for model in (m.CaseNote, m.CaseDocument, m.Task):
            self.assertFalse(model.objects.filter(case=self.old).exists())
        self.assertFalse(default_storage.exists(name))
        self.assertTrue(m.CaseNote.objects.filter(case=self.open_case).exists())

    def test_free_texts_are_blanked_and_codes_and_scores_kept(self) -> None:
        self.anonymise()
        self.assertEqual(m.BestInterests.objects.get(case=self.old).recommendation, "")
        self.assertEqual(m.ConsentOverride.objects.get(case=self.old).reason, "")
        referral = m.Referral.objects.get(case=self.old)
        self.assertEqual((referral.needs, referral.service), ("", "shelter"))
        profile = m.TraffickingProfile.objects.get(case=self.old)
        self.assertEqual((profile.recruitment_place, profile.status), ("", "presumed"))
        screening = m.VulnerabilityScreening.objects.get(case=self.old)
        self.assertEqual((screening.priority, screening.score), ("high", 8))
        case = self.reload(self.old)
        self.assertEqual((case.case_type, case.status, case.closed_on),
                         (CaseType.VULNERABLE_MIGRANT, CaseStatus.CLOSED, date(2025, 1, 1)))

    def test_the_change_log_and_audit_log_no_longer_hold_what_was_removed(self) -> None:
        AuditEvent.objects.create(object_type=ContentType.objects.get_for_model(m.CaseNote),
                                  object_id=str(m.CaseNote.objects.get(case=self.old).pk),
                                  object_repr="Lives at 5 Strada Mare", action="view")
        person = self.principal.person
        assert person is not None
        self.anonymise()
        # The person's own record stays in the identity layer; nothing of the case's does.
        of_the_case = ObjectChange.objects.exclude(
            object_type=ContentType.objects.get_for_model(Person))
        logged = [str(row) for row in of_the_case.values_list(
            "object_repr", "prechange_data", "postchange_data")]
        logged += list(AuditEvent.objects.values_list("object_repr", flat=True))
        for secret in ("Strada Mare", "Ana fled", "Ana needs", "Passport of Ana", "Call Ana",
                       "Balti bar", "Stay with aunt", str(person.uid)[:8]):
            with self.subTest(secret=secret):
                self.assertFalse([text for text in logged if secret in text])

    def test_open_cases_are_never_anonymised_and_running_again_changes_nothing(self) -> None:
        self.anonymise()
        again = self.anonymise()
        self.assertEqual((again["anonymised"], again["archived"]), ([], []))
        self.assertEqual(self.reload(self.open_case).anonymised_on, None)

    def test_an_anonymised_case_page_and_api_show_the_facts_without_a_name(self) -> None:
        self.anonymise()
        self.client.force_login(self.owner)
        page = self.client.get(self.old.get_absolute_url())
        self.assertContains(page, "anonymised person (F, 18-59, MDA)")
        api = self.client.get(f"/api/v1/protection/cases/{self.old.pk}/")
        self.assertEqual(api.status_code, 200)
        person = api.json()["persons"][0]
        self.assertEqual((person["uid"], person["facts"]["age_group"]), (None, "18-59"))
        self.assertEqual(api.json()["anonymised_on"], TODAY.isoformat())

    def test_an_anonymised_case_cannot_be_reopened(self) -> None:
        self.anonymise()
        with self.assertRaises(retention.CaseReadOnly) as refused:
            workflow.reopen(self.old, self.colleague, "Someone asks to reopen")
        self.assertIn("anonymised", str(refused.exception))


@override_settings(PROTECTION_RETENTION={"archive_after_years": 2, "anonymise_after_years": 10})
class JobAndCommandTests(RetentionTestCase):
    def test_the_job_returns_its_report(self) -> None:
        self.close(self.make_case("OLD"), date(2030, 1, 1))
        job = jobs.run_inline("protection.retention", today=TODAY.isoformat())
        self.assertEqual(job.status, job.Status.COMPLETED)
        assert job.result is not None
        self.assertEqual(job.result["archived"], ["OLD"])
        self.assertIn("1 cases archived", job.message)

    def test_the_command_prints_the_report_and_a_dry_run_changes_nothing(self) -> None:
        case = self.close(self.make_case("OLD"), date(2030, 1, 1))
        out = io.StringIO()
        call_command("protection", "retention", "--dry-run", "--today", "2036-06-01",
                     stdout=out)
        self.assertIn("1 cases would be archived: OLD", out.getvalue())
        self.assertIsNone(self.reload(case).archived_on)
        out = io.StringIO()
        call_command("protection", "retention", "--today", "2036-06-01", "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["archived"], ["OLD"])
        self.assertEqual(self.reload(case).archived_on, TODAY)


class RetentionRuleViewTests(ViewTestCases.ObjectViews):
    views = RetentionRuleViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[Any]:
        types = ("stranded", "return", "identified_vot") if suffix else ("", "uasc", "crisis")
        return [m.RetentionRule.objects.create(case_type=case_type, archive_after_years=2,
                                               anonymise_after_years=10)
                for case_type in types]

    def form_data(self) -> dict[str, Any]:
        return {"case_type": "presumed_vot", "archive_after_years": 3,
                "anonymise_after_years": 8}

    def test_a_rule_anonymising_before_archiving_is_refused(self) -> None:
        self.grant(self.owner, m.RetentionRule, ["view", "add"])
        self.client.force_login(self.owner)
        response = self.client.post(self.url("add"), {
            "case_type": "presumed_vot", "archive_after_years": 5, "anonymise_after_years": 2})
        self.assertContains(response, "anonymised after it is archived", status_code=400)
        self.assertFalse(m.RetentionRule.objects.filter(case_type="presumed_vot").exists())


class RetentionRuleMatrixTests(ProtectionTestCase):
    """Who may see and keep the retention rules, role by role (demo rights)."""

    def test_the_matrix(self) -> None:
        rule = m.RetentionRule.objects.create(case_type="", archive_after_years=2,
                                              anonymise_after_years=10)
        manager = self.make_user("manager", self.organisation)
        self.grant(manager, m.RetentionRule, ["view", "add", "change"])
        self.grant(manager, m.Case, [demo.AGGREGATE, demo.EXPORT, demo.RELEASE],
                   demo.OWN_ORGANISATION)
        expected = {  # list page, edit page
            "owner (case worker)": (self.owner, (403, 403)),
            "colleague (supervisor)": (self.colleague, (403, 403)),
            "outsider (other organisation)": (self.outsider, (403, 403)),
            "manager (data manager)": (manager, (200, 200)),
        }
        for role, (user, codes) in expected.items():
            self.client.force_login(user)
            actual = (self.client.get(RetentionRuleViews.url("list")).status_code,
                      self.client.get(RetentionRuleViews.url("edit", rule)).status_code)
            self.assertEqual(actual, codes, role)
