"""Cases for the demo: the caseload a case worker of the demo NGO opens in the morning.

Six cases of the Migrant Support NGO in Chișinău, assigned to ``case.worker`` with
``case.supervisor`` supervising: a presumed victim of trafficking, an unaccompanied
child, a stranded family, a return applicant and others, at different steps, each with
a vulnerability screening, a task (one overdue) and a note. Persons are registered
through the identity layer, as a case worker would. The stories are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossroads.people.dates import PartialDate
from crossroads.people.services import NameInput, PersonInput
from crossroads.protection import services
from crossroads.protection.choices import CasePersonRole, CaseType
from crossroads.protection.factors import FACTORS
from crossroads.protection.models import Case, CaseNote, Task
from crossroads.users.models import Organisation, User

ORGANISATION = "NGO-MDA"


@dataclass(frozen=True)
class DemoCase:
    reference: str
    case_type: str
    family: str
    given: str
    language: str
    sex: str
    born: int
    nationality: str
    risks: tuple[str, ...]
    task: str
    due_in_days: int
    note: str


CASES = (
    DemoCase("NGO-MDA-2026-001", CaseType.PRESUMED_VOT, "Ионова", "Марина", "ru", "F", 1998,
             "MDA", ("exploitation", "no_documents", "irregular_status"),
             "Accompany to the police interview", 3,
             "Came back from abroad without her passport; says her employer kept it."),
    DemoCase("NGO-MDA-2026-002", CaseType.UASC, "Rahimov", "Jasur", "uz", "M", 2010, "UZB",
             ("child_alone", "no_documents"), "Ask the child protection authority for a "
             "guardian", -2, "Found at the bus station alone; speaks Uzbek and some Russian."),
    DemoCase("NGO-MDA-2026-003", CaseType.STRANDED, "Коваленко", "Олена", "uk", "F", 1987,
             "UKR", ("dependants", "household_income"), "Find shelter places for three",
             7, "Stranded with two children after their transport was cancelled."),
    DemoCase("NGO-MDA-2026-004", CaseType.RETURN, "Beridze", "Giorgi", "ka", "M", 1979, "GEO",
             ("irregular_status",), "Check travel documents with the consulate", 10,
             "Wishes to return home to Batumi; has an expired passport."),
    DemoCase("NGO-MDA-2026-005", CaseType.VULNERABLE_MIGRANT, "Sargsyan", "Anahit", "hy", "F",
             1956, "ARM", ("medical_need", "no_services"), "Book a medical appointment",
             5, "Older woman with a chronic condition and no health insurance."),
    DemoCase("NGO-MDA-2026-006", CaseType.CRISIS, "Тарасенко", "Микола", "uk", "M", 1990,
             "UKR", ("household_violence",), "Follow-up visit", 14,
             "Referred from the emergency operation at Palanca."),
)


@transaction.atomic
def load_demo_cases() -> int:
    """Create the demo cases once (nothing when cases exist); how many were created."""
    organisation = Organisation.objects.filter(acronym=ORGANISATION).first()
    worker = User.objects.filter(username="case.worker").first()
    supervisor = User.objects.filter(username="case.supervisor").first()
    if organisation is None or worker is None or supervisor is None or Case.objects.exists():
        return 0
    today = timezone.localdate()
    for index, demo in enumerate(CASES):
        case = Case.objects.create(
            reference=demo.reference, case_type=demo.case_type, organisation=organisation,
            case_worker=worker, supervisor=supervisor,
            opened_on=today - timedelta(days=30 - 4 * index), summary=demo.note)
        services.register_person(case, worker, PersonInput(
            names=[NameInput("family", demo.family, demo.language),
                   NameInput("given", demo.given, demo.language)],
            sex=demo.sex, birth=PartialDate(demo.born), nationalities=[demo.nationality]),
            CasePersonRole.PRINCIPAL)
        services.screen(case, worker, {f.code: f.code in demo.risks for f in FACTORS})
        Task.objects.create(case=case, title=demo.task, assignee=worker,
                            due_on=today + timedelta(days=demo.due_in_days))
        CaseNote.objects.create(case=case, text=demo.note)
    return len(CASES)
