"""Who sees which case: organisation and assignment scopes, aggregates only, facts only."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent
from crossroads.people.models import Person, PersonName
from crossroads.protection import services
from crossroads.protection.choices import CaseStatus, CaseType
from crossroads.protection.models import Case, Task
from crossroads.protection.tests.helpers import ProtectionTestCase


class AccessTests(ProtectionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.unassigned = cls.make_case("MDA-2026-0009", worker=cls.colleague,
                                       case_type=CaseType.UASC)
        cls.foreign = cls.make_case("UKR-2026-0001", worker=cls.outsider,
                                    organisation=cls.other_organisation)
        cls.add_principal(cls.case, born=1990, sex="F")
        cls.add_principal(cls.unassigned, born=2015, sex="M")
        cls.viewer = cls.make_user("viewer", cls.organisation)
        cls.grant(cls.viewer, Case, "aggregate", {"organisation": "$user.organisation"})

    def visible(self, user: object) -> set[str]:
        return set(services.cases_for(user).values_list("reference", flat=True))

    def test_a_case_worker_sees_only_the_cases_assigned_to_them(self) -> None:
        self.assertEqual(self.visible(self.owner), {"MDA-2026-0001"})

    def test_a_supervisor_sees_every_case_of_their_organisation_and_no_other(self) -> None:
        self.assertEqual(self.visible(self.colleague), {"MDA-2026-0001", "MDA-2026-0009"})
        self.assertEqual(self.visible(self.outsider), {"UKR-2026-0001"})

    def test_someone_without_a_permission_sees_no_case_even_a_superuser(self) -> None:
        boss = self.make_user("boss", self.organisation)
        boss.is_superuser = True
        boss.save()
        self.assertEqual(self.visible(boss), set())

    def test_a_viewer_of_aggregates_sees_counts_but_no_case(self) -> None:
        self.assertEqual(self.visible(self.viewer), set())
        with self.assertRaises(PermissionDenied):
            services.open_case_page(self.viewer, self.case.pk)
        counts = services.caseload(self.viewer)
        self.assertEqual(counts["status"], {CaseStatus.REGISTERED: 2})
        self.assertEqual(counts["case_type"], {CaseType.VULNERABLE_MIGRANT: 1, CaseType.UASC: 1})
        self.assertEqual(counts["sex"], {"F": 1, "M": 1})
        self.assertEqual(counts["age_group"].get("18-59"), 1)

    def test_the_caseload_counts_only_what_the_user_may_reach(self) -> None:
        self.assertEqual(services.caseload(self.owner)["status"], {CaseStatus.REGISTERED: 1})
        self.assertEqual(services.caseload(self.make_user("nobody", self.organisation))["status"],
                         {})

    def test_every_read_of_a_case_is_audited(self) -> None:
        with acting_as(self.owner, channel="web"):
            services.open_case_page(self.owner, self.case.pk)
        event = AuditEvent.objects.get(object_type=ContentType.objects.get_for_model(Case))
        self.assertEqual((event.user, event.object_id), (self.owner, str(self.case.pk)))

    def test_a_case_of_another_organisation_cannot_be_opened(self) -> None:
        with self.assertRaises(PermissionDenied):
            services.open_case_page(self.owner, self.foreign.pk)

    def test_a_role_without_persons_sees_the_case_facts_without_names(self) -> None:
        principal = self.case.casepersons.get()
        label = services.person_label(self.owner, principal)
        self.assertEqual(label, f"person #{str(self.person_of(principal).uid)[:8]}")

    def test_a_role_with_persons_but_not_their_names_sees_no_name(self) -> None:
        principal = self.case.casepersons.get()
        self.person_of(principal).names.create(part="given", value="Ana", position=0)
        self.grant(self.owner, Person, "view")
        self.assertEqual(services.person_label(self.owner, principal),
                         f"person #{str(self.person_of(principal).uid)[:8]}")

    def test_a_role_with_persons_sees_the_name(self) -> None:
        principal = self.case.casepersons.get()
        self.person_of(principal).names.create(part="given", value="Ana", position=0)
        self.grant(self.owner, Person, "view")
        self.grant(self.owner, PersonName, "view")
        self.assertEqual(services.person_label(self.owner, principal), "Ana")


class OverdueTaskTests(ProtectionTestCase):
    def test_overdue_tasks_are_listed_per_case_worker_and_done_ones_are_not(self) -> None:
        today = self.today()
        late = Task.objects.create(case=self.case, title="Call the shelter", assignee=self.owner,
                                   due_on=today - timedelta(days=3))
        Task.objects.create(case=self.case, title="Visit", assignee=self.owner, due_on=today)
        Task.objects.create(case=self.case, title="Done", assignee=self.owner, done=True,
                            due_on=today - timedelta(days=3))
        self.assertEqual(services.overdue_tasks(self.owner), {self.owner: [late]})
        self.assertEqual(services.overdue_tasks(self.outsider), {})
