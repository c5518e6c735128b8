"""Protection reports: caseload and service-delivery counts, scoping, anonymised persons,
filters and small-cell protection."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.test import override_settings

from crossroads.people.models import Person
from crossroads.protection import services
from crossroads.protection.choices import (
    AssistanceKind,
    CasePersonRole,
    CaseType,
    ReferralStatus,
    ReintegrationDimension,
    Service,
)
from crossroads.protection.models import (
    Case,
    CasePerson,
    Referral,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    ServiceProvider,
)
from crossroads.protection.reports import counts, tables
from crossroads.protection.reports.counts import Scope
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.users.models import User


class ReportsTestCase(ProtectionTestCase):
    """Three cases: ``case`` (home organisation, Moldova, assigned to ``owner``, a woman of
    36 when it opened in January), ``uasc`` (home organisation, a boy of 11, opened in
    March) and ``foreign`` (other organisation, Ukraine, anonymised: a girl of 12–17 by
    its facts, opened in March). ``manager`` counts every organisation's cases."""

    uasc: Case
    foreign: Case
    manager: User
    woman: CasePerson
    boy: CasePerson
    girl: CasePerson
    provider: ServiceProvider

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uasc = cls.make_case("MDA-2026-0002", worker=cls.colleague, case_type=CaseType.UASC)
        cls.foreign = cls.make_case("UKR-2026-0001", worker=cls.outsider,
                                    organisation=cls.other_organisation)
        cls.opened(cls.case, date(2026, 1, 15))
        cls.opened(cls.uasc, date(2026, 3, 2))
        cls.opened(cls.foreign, date(2026, 3, 20))
        cls.woman = cls.add_principal(cls.case, born=1990, sex="F")
        cls.boy = cls.add_principal(cls.uasc, born=2015, sex="M")
        cls.girl = CasePerson.objects.create(
            case=cls.foreign, person=None, role=CasePersonRole.PRINCIPAL,
            facts={"sex": "F", "age_group": "12-17", "nationality": "UKR"})
        cls.manager = cls.make_user("manager", None)
        cls.grant(cls.manager, Case, "aggregate")
        cls.provider = ServiceProvider.objects.create(
            organisation=cls.other_organisation, name="Shelter Chisinau",
            country=cls.home_country)

    @staticmethod
    def opened(case: Case, on: date) -> None:
        Case.objects.filter(pk=case.pk).update(opened_on=on)

    @classmethod
    def refer(cls, person: CasePerson, service: str, status: str,
              completed: date | None = None, made: date = date(2026, 4, 1)) -> Referral:
        referral = Referral.objects.create(
            case=person.case, case_person=person, service=service, provider=cls.provider,
            receiving_organisation=cls.other_organisation, needs="A safe place.",
            respond_by=made, status=status,
            completed_at=datetime(completed.year, completed.month, completed.day, 12,
                                  tzinfo=UTC) if completed else None)
        Referral.objects.filter(pk=referral.pk).update(
            created=datetime(made.year, made.month, made.day, 9, tzinfo=UTC))
        return referral

    @classmethod
    def assist(cls, person: CasePerson, kind: str, delivered: date | None) -> None:
        application = ReturnApplication.objects.create(
            case=person.case, applicant=person, country_of_return=cls.other_country)
        plan = ReintegrationPlan.objects.create(case=person.case, application=application)
        ReintegrationAssistance.objects.create(
            case=person.case, plan=plan, dimension=ReintegrationDimension.ECONOMIC, kind=kind,
            delivered_on=delivered)


class CaseloadCountTests(ReportsTestCase):
    def test_the_programme_manager_counts_the_cases_of_every_organisation(self) -> None:
        found = counts.caseload(self.manager)
        self.assertEqual(found["total"], 3)
        self.assertEqual(found["country"], {"MDA": 2, "UKR": 1})
        self.assertEqual(found["case_type"], {CaseType.VULNERABLE_MIGRANT: 2, CaseType.UASC: 1})
        self.assertEqual(found["month"], {"2026-01": 1, "2026-02": 0, "2026-03": 2})
        self.assertEqual(found["status"], {"registered": 3})

    def test_sex_and_age_are_the_principals_when_the_case_opened(self) -> None:
        found = counts.caseload(self.manager)
        self.assertEqual(found["sex"], {"F": 2, "M": 1})
        self.assertEqual(found["age_group"], {"18-59": 1, "5-11": 1, "12-17": 1})
        self.assertEqual(found["sex_age"], {"F": {"18-59": 1, "12-17": 1}, "M": {"5-11": 1}})

    def test_an_anonymised_case_is_counted_from_its_facts(self) -> None:
        before = counts.caseload(self.manager)
        CasePerson.objects.filter(pk=self.woman.pk).update(
            person=None, facts={"sex": "F", "age_group": "18-59", "nationality": "MDA"})
        after = counts.caseload(self.manager)
        self.assertEqual((after["sex"], after["age_group"]), (before["sex"], before["age_group"]))

    def test_a_case_worker_counts_only_the_cases_assigned_to_them(self) -> None:
        found = counts.caseload(self.owner)
        self.assertEqual((found["total"], found["sex"], found["country"]),
                         (1, {"F": 1}, {"MDA": 1}))
        self.assertEqual(counts.caseload(self.make_user("nobody", self.organisation))["total"],
                         0)

    def test_filters_choose_country_case_type_and_the_period_of_opening(self) -> None:
        def total(scope: Scope) -> int:
            return int(counts.caseload(self.manager, scope)["total"])

        self.assertEqual(total(Scope(country="UKR")), 1)
        self.assertEqual(total(Scope(case_type=CaseType.UASC)), 1)
        self.assertEqual(total(Scope(organisation=self.organisation.pk)), 2)
        self.assertEqual(total(Scope(start=date(2026, 3, 1), end=date(2026, 3, 31))), 2)
        self.assertEqual(total(Scope(end=date(2026, 3, 2))), 2)

    def test_a_case_without_a_principal_counts_as_unknown_sex_and_age(self) -> None:
        self.make_case("MDA-2026-0003", worker=self.owner)
        found = counts.caseload(self.owner)
        self.assertEqual(found["sex"], {"F": 1, "unknown": 1})
        self.assertEqual(found["age_group"], {"18-59": 1, "unknown": 1})
        self.assertEqual(found["sex_age"], {"F": {"18-59": 1}, "unknown": {"unknown": 1}})

    def test_the_old_caseload_service_gives_the_same_counts(self) -> None:
        found = counts.caseload(self.manager)
        self.assertEqual(services.caseload(self.manager),
                         {kind: found[kind] for kind in ("status", "case_type", "sex",
                                                         "age_group")})


class ServiceDeliveryCountTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.refer(cls.woman, Service.SHELTER, ReferralStatus.COMPLETED, date(2026, 4, 10))
        cls.refer(cls.woman, Service.MEDICAL, ReferralStatus.COMPLETED, date(2026, 4, 12))
        cls.refer(cls.boy, Service.SHELTER, ReferralStatus.ACCEPTED)
        cls.refer(cls.girl, Service.LEGAL, ReferralStatus.REJECTED, made=date(2026, 6, 1))
        cls.assist(cls.girl, AssistanceKind.TRAINING, date(2026, 5, 3))
        cls.assist(cls.boy, AssistanceKind.CASH, None)

    def test_referrals_are_counted_by_service_and_status(self) -> None:
        found = counts.service_delivery(self.manager)
        self.assertEqual(found["referrals"], {
            "shelter": {"completed": 1, "accepted": 1}, "medical": {"completed": 1},
            "legal": {"rejected": 1}})
        self.assertEqual(found["completed_referrals"], {"shelter": 1, "medical": 1})

    def test_services_delivered_are_completed_referrals_and_assistance_delivered(self) -> None:
        found = counts.service_delivery(self.manager)
        self.assertEqual(found["assistance"], {"training": 1})
        self.assertEqual(found["services_delivered"], 3)

    def test_persons_assisted_are_distinct_and_counted_from_facts_when_anonymised(self) -> None:
        found = counts.service_delivery(self.manager)
        self.assertEqual(found["persons"], 2)
        self.assertEqual(found["persons_by_sex"], {"F": 2})
        self.assertEqual(found["persons_by_sex_age"], {"F": {"18-59": 1, "12-17": 1}})

    def test_the_period_is_when_a_referral_was_made_or_a_service_delivered(self) -> None:
        found = counts.service_delivery(self.manager, Scope(start=date(2026, 4, 11),
                                                            end=date(2026, 5, 31)))
        self.assertEqual(found["completed_referrals"], {"medical": 1})
        self.assertEqual(found["assistance"], {"training": 1})
        self.assertEqual(found["referrals"], {})
        self.assertEqual(found["persons"], 2)

    def test_a_case_worker_counts_the_assistance_of_their_cases_only(self) -> None:
        found = counts.service_delivery(self.owner)
        self.assertEqual((found["services_delivered"], found["persons"]), (2, 1))
        self.assertEqual(counts.service_delivery(self.outsider)["assistance"], {"training": 1})


class SmallCellTests(ReportsTestCase):
    def test_counts_from_one_to_four_are_protected_unless_exact(self) -> None:
        self.assertEqual([tables.protect(n, exact=False) for n in (0, 1, 4, 5, 12)],
                         [0, "<5", "<5", 5, 12])
        self.assertEqual(tables.protect(3, exact=True), 3)

    @override_settings(PROTECTION_SMALL_CELL=10)
    def test_the_threshold_is_a_setting(self) -> None:
        self.assertEqual((tables.protect(9, False), tables.protect(10, False)), ("<10", 10))

    def test_only_who_may_view_every_counted_case_sees_exact_counts(self) -> None:
        self.assertTrue(counts.sees_exact_counts(self.owner, counts.countable_cases(self.owner)))
        self.assertTrue(counts.sees_exact_counts(self.colleague,
                                                 counts.countable_cases(self.colleague)))
        self.assertFalse(counts.sees_exact_counts(self.manager,
                                                  counts.countable_cases(self.manager)))

    def test_protected_tables_show_small_counts_as_fewer_than_five(self) -> None:
        shown = tables.caseload_tables(counts.caseload(self.manager), exact=False)
        self.assertEqual([(row.label, row.cells) for row in shown["country"].rows],
                         [("Moldova", ["<5"]), ("Ukraine", ["<5"])])
        self.assertTrue(shown["country"].protected)
        exact = tables.caseload_tables(counts.caseload(self.manager), exact=True)
        self.assertEqual([row.cells for row in exact["country"].rows], [[2], [1]])

    def test_the_person_of_a_case_is_not_needed_to_count_it(self) -> None:
        self.assertFalse(Person.objects.filter(protection_cases=self.girl).exists())
        self.assertEqual(counts.caseload(self.outsider)["age_group"], {"12-17": 1})
