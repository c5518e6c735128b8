"""A test base for returns: the protection users with demo-like rights on return records,
a case with a principal, and shortcuts that take an application to each step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from crossroads.people.models import Person
from crossroads.protection import demo
from crossroads.protection.choices import FitnessToTravel, TravelDocumentStatus
from crossroads.protection.models import (
    Case,
    CasePerson,
    MonitoringVisit,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.returns import eligibility, reintegration, services
from crossroads.protection.returns.travel import TravelPlan
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.reference.models import Country

RETURN_MODELS = (ReturnApplication, TravelArrangement, ReintegrationPlan,
                 ReintegrationAssistance, MonitoringVisit)
ALL_YES: dict[str, object] = {c.code: True for c in eligibility.ELIGIBILITY}
#: Middling answers to the monitoring questionnaire (each question's second option).
ANSWERS: dict[str, object] = {
    "economic_satisfaction": "neutral", "food_shortage": "sometimes", "income": "irregular",
    "debt": "heavy", "housing": "poor", "health_care": "poor", "education": "good",
    "documents": "yes", "participation": "sometimes", "support_network": "yes",
    "safety": "yes", "distress": "often", "wish_to_stay": "undecided"}


def legs(days_ahead: int = 7) -> list[dict[str, Any]]:
    day = (timezone.localdate() + timedelta(days=days_ahead)).isoformat()
    return [{"from": "Chișinău", "to": "Istanbul", "carrier": "TK", "number": "268",
             "departs": f"{day}T06:40", "arrives": f"{day}T08:45"},
            {"from": "Istanbul", "to": "Batumi", "carrier": "TK", "number": "390",
             "departs": f"{day}T11:00", "arrives": f"{day}T13:30"}]


def travel_plan(days_ahead: int = 7, **changes: Any) -> TravelPlan:
    """A journey that passes every check, with ``changes`` applied."""
    values: dict[str, Any] = {
        "departure_date": timezone.localdate() + timedelta(days=days_ahead),
        "document_status": TravelDocumentStatus.VALID, "itinerary": legs(days_ahead),
        "document_reference": "GE1234567", "fitness": FitnessToTravel.FIT,
        "fitness_assessed_on": timezone.localdate()}
    values.update(changes)
    return TravelPlan(**values)


class ReturnsTestCase(ProtectionTestCase):
    """``case`` (assigned to ``owner``) has a principal, ``applicant``; ``georgia`` exists."""

    applicant: CasePerson
    georgia: Country

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for model in RETURN_MODELS:
            cls.grant(cls.owner, model, list(demo.WORK), demo.OWN_ASSIGNED_CHILD)
            for supervisor in (cls.colleague, cls.outsider):
                cls.grant(supervisor, model, list(demo.WORK), demo.OWN_ORGANISATION_CHILD)
        cls.georgia = georgia()
        for user in (cls.owner, cls.colleague, cls.outsider):
            cls.grant(user, Country, "view")
        cls.applicant = cls.add_principal(cls.case)

    def applied(self) -> ReturnApplication:
        return services.apply(self.owner, self.case, self.applicant, self.georgia, "Batumi")

    def eligible(self) -> ReturnApplication:
        return services.decide_eligibility(self.owner, self.applied(), ALL_YES)

    def travel_ready(self) -> ReturnApplication:
        application = self.eligible()
        services.arrange_travel(self.owner, application, travel_plan())
        return self.fresh(application)

    def departed(self) -> ReturnApplication:
        return services.confirm_departure(self.owner, self.travel_ready())

    def arrived(self) -> ReturnApplication:
        return services.confirm_arrival(self.owner, self.departed())

    def planned(self) -> ReintegrationPlan:
        return reintegration.make_plan(self.owner, self.arrived(), reintegration.PlanInput(
            economic="Open a workshop", social="Find a flat"))

    @staticmethod
    def fresh(application: ReturnApplication) -> ReturnApplication:
        return ReturnApplication.objects.get(pk=application.pk)


def georgia() -> Country:
    return Country.objects.get_or_create(
        iso3="GEO", defaults={"iso2": "GE", "numeric": "268", "name": "Georgia",
                              "name_ru": "Грузия"})[0]


def make_applications(organisation: Any, suffix: str = "") -> list[ReturnApplication]:
    """Three applications in three cases of ``organisation`` (sample data for the suites)."""
    country = georgia()
    found = []
    for number in range(3):
        case = Case.objects.create(reference=f"R-{suffix}-{number}", case_type="return",
                                   organisation=organisation)
        person = Person.objects.create(organisation=organisation, birth_year=1980, sex="M")
        applicant = CasePerson.objects.create(case=case, person=person, role="principal")
        found.append(ReturnApplication.objects.create(case=case, applicant=applicant,
                                                      country_of_return=country))
    return found
