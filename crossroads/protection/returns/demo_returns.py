"""Returns for the demo: the demo's return applicant at the step a case worker would
expect, and one return completed last year with its reintegration.

- Giorgi Beridze (case ``NGO-MDA-2026-004``) applies to return to Batumi, Georgia, and is
  found eligible; his passport has expired and a new one is requested from the consulate,
  so travel cannot be arranged yet.
- Rustam Karimov (case ``NGO-MDA-2025-041``, opened for this) returned to Samarkand,
  Uzbekistan, eight months ago: a reintegration plan, assistance delivered in each
  dimension and two monitoring visits whose scores rise; the third visit is due soon.

The current case goes through the return services, as a case worker would. The completed
return happened in the past, which the services refuse to record (no departure planned in
the past), so it is written directly, with the same checks run as of the day each step
happened: the eligibility questions, the travel checks and the monitoring questionnaire.
The stories are invented.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from crossroads.people.dates import PartialDate
from crossroads.people.services import NameInput, PersonInput
from crossroads.protection import services as case_services
from crossroads.protection.choices import (
    AssistanceKind,
    CasePersonRole,
    CaseType,
    FitnessToTravel,
    ReintegrationDimension,
    ReturnStatus,
    TravelDocumentStatus,
)
from crossroads.protection.demo_cases import ORGANISATION
from crossroads.protection.models import (
    Case,
    CaseNote,
    MonitoringVisit,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.returns import eligibility, services, sustainability
from crossroads.protection.returns.travel import TravelPlan, check_travel
from crossroads.reference.models import Country
from crossroads.users.models import Organisation, User

CURRENT_CASE = "NGO-MDA-2026-004"
COMPLETED_CASE = "NGO-MDA-2025-041"
ALL_YES = {c.code: True for c in eligibility.ELIGIBILITY}
#: Days before today of each step of the completed return.
APPLIED, DEPARTED, FIRST_VISIT, SECOND_VISIT = 270, 240, 150, 60
FIRST_ANSWERS = {"economic_satisfaction": "dissatisfied", "food_shortage": "sometimes",
                 "income": "irregular", "debt": "heavy", "housing": "poor",
                 "health_care": "poor", "education": "good", "documents": "yes",
                 "participation": "sometimes", "support_network": "yes", "safety": "yes",
                 "distress": "often", "wish_to_stay": "undecided"}
SECOND_ANSWERS = {**FIRST_ANSWERS, "economic_satisfaction": "satisfied",
                  "food_shortage": "never", "income": "regular", "housing": "adequate",
                  "distress": "sometimes", "wish_to_stay": "able_to_stay"}


@transaction.atomic
def load_demo_returns() -> int:
    """Create the demo's returns once; how many applications were created."""
    organisation = Organisation.objects.filter(acronym=ORGANISATION).first()
    worker = User.objects.filter(username="case.worker").first()
    supervisor = User.objects.filter(username="case.supervisor").first()
    if organisation is None or worker is None or supervisor is None:
        return 0
    created = current_return(worker)
    created += completed_return(organisation, worker, supervisor)
    return created


def current_return(worker: User) -> int:
    """Giorgi Beridze applies to return to Georgia and is found eligible."""
    case = Case.objects.filter(reference=CURRENT_CASE).first()
    georgia = Country.objects.filter(iso3="GEO").first()
    if case is None or georgia is None or ReturnApplication.objects.filter(case=case).exists():
        return 0
    principal = case.casepersons.get(role=CasePersonRole.PRINCIPAL)
    application = services.apply(worker, case, principal, georgia, "Batumi",
                                 timezone.localdate() - timedelta(days=6))
    services.decide_eligibility(worker, application, ALL_YES)
    CaseNote.objects.create(case=case, text="Eligible for return. New passport requested "
                                            "from the Georgian consulate; travel once issued.")
    return 1


def completed_return(organisation: Organisation, worker: User, supervisor: User) -> int:
    """Rustam Karimov's return to Uzbekistan eight months ago, and his reintegration."""
    uzbekistan = Country.objects.filter(iso3="UZB").first()
    if uzbekistan is None or Case.objects.filter(reference=COMPLETED_CASE).exists():
        return 0
    today = timezone.localdate()
    case = Case.objects.create(
        reference=COMPLETED_CASE, case_type=CaseType.RETURN, organisation=organisation,
        case_worker=worker, supervisor=supervisor, opened_on=ago(today, APPLIED + 10),
        summary="Returned to Samarkand with reintegration support for a tailoring business.")
    principal = case_services.register_person(case, worker, PersonInput(
        names=[NameInput("family", "Karimov", "uz"), NameInput("given", "Rustam", "uz")],
        sex="M", birth=PartialDate(1985), nationalities=["UZB"]), CasePersonRole.PRINCIPAL)
    decision = eligibility.decide(ALL_YES)
    application = ReturnApplication.objects.create(
        case=case, applicant=principal, country_of_return=uzbekistan, destination="Samarkand",
        applied_on=ago(today, APPLIED), status=ReturnStatus.ARRIVED,
        eligibility=decision.answers, eligibility_reasons=decision.reasons,
        decided_by=supervisor, decided_on=ago(today, APPLIED - 5))
    departed = ago(today, DEPARTED)
    record_travel(application, departed)
    plan = record_plan(application, departed)
    for days, answers, notes in ((FIRST_VISIT, FIRST_ANSWERS, "Workshop rented; orders slow."),
                                 (SECOND_VISIT, SECOND_ANSWERS, "Two regular clients; hired "
                                                                "a cousin.")):
        scores = sustainability.score(answers)
        MonitoringVisit.objects.create(
            case=case, plan=plan, visited_on=ago(today, days), answers=answers,
            economic_score=scores.economic, social_score=scores.social,
            psychosocial_score=scores.psychosocial, score=scores.composite, notes=notes)
    return 1


def ago(today: date, days: int) -> date:
    return today - timedelta(days=days)


def record_travel(application: ReturnApplication, departed: date) -> None:
    """Istanbul connection, checked as of the week before departure."""
    legs = [leg("Chișinău", "Istanbul", departed, time(6, 40), time(8, 45), "TK 268"),
            leg("Istanbul", "Samarkand", departed, time(11, 5), time(17, 10), "TK 354")]
    plan = TravelPlan(departure_date=departed, document_status=TravelDocumentStatus.VALID,
                      itinerary=legs, document_reference="FA1234567",
                      fitness=FitnessToTravel.FIT, fitness_assessed_on=departed - timedelta(7))
    check_travel(plan, departed - timedelta(days=7))
    zone = timezone.get_current_timezone()
    TravelArrangement.objects.create(
        case=application.case, application=application, **plan.model_fields(),
        departed_at=datetime.combine(departed, time(6, 40), zone),
        arrived_at=datetime.combine(departed, time(17, 10), zone))


def leg(origin: str, to: str, day: date, departs: time, arrives: time,
        flight: str) -> dict[str, Any]:
    carrier, number = flight.split()
    return {"from": origin, "to": to, "carrier": carrier, "number": number,
            "departs": datetime.combine(day, departs).isoformat(timespec="minutes"),
            "arrives": datetime.combine(day, arrives).isoformat(timespec="minutes")}


def record_plan(application: ReturnApplication, departed: date) -> ReintegrationPlan:
    """A tailoring business, housing support and counselling, all delivered."""
    plan = ReintegrationPlan.objects.create(
        case=application.case, application=application, agreed_on=departed - timedelta(10),
        economic="Open a small tailoring workshop in Samarkand.",
        social="Rent a flat near the family; renew the internal passport.",
        psychosocial="Counselling after three years abroad.", budget=Decimal("2000.00"))
    for dimension, kind, text, value, delivered in (
            (ReintegrationDimension.ECONOMIC, AssistanceKind.BUSINESS,
             "Two sewing machines and fabric", Decimal("1400.00"), 20),
            (ReintegrationDimension.SOCIAL, AssistanceKind.HOUSING, "Three months' rent",
             Decimal("450.00"), 5),
            (ReintegrationDimension.PSYCHOSOCIAL, AssistanceKind.COUNSELLING,
             "Six counselling sessions", None, 45)):
        ReintegrationAssistance.objects.create(
            case=application.case, plan=plan, dimension=dimension, kind=kind,
            description=text, value=value, delivered_on=departed + timedelta(delivered))
    return plan
