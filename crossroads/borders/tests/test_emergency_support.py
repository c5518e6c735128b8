"""Shared set-up of the emergency-mode tests (no tests here).

``owner`` and ``colleague`` are border officers of the home country (Moldova), with
the permissions the demo gives officers; ``outsider`` works for the organisation
people are referred to (an NGO in Ukraine) and holds the receiving side's permissions.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from crossroads.borders import models as m
from crossroads.borders.emergencies import services
from crossroads.borders.emergencies.services import ArrivalInput, GroupInput
from crossroads.people.models import Person, PersonLink, PersonName
from crossroads.testing import CrossroadsTestCase
from crossroads.users.models import Organisation, User

OWN = "$user.organisation.country"


def grant_officer(case: type[CrossroadsTestCase] | CrossroadsTestCase, user: User) -> None:
    """What the demo gives border and emergency officers."""
    case.grant(user, m.BorderCrossingPoint, "view")
    case.grant(user, Organisation, "view")
    case.grant(user, m.EmergencyOperation, "view")
    case.grant(user, m.EmergencyOperation, ["add", "change"], {"point__country": OWN})
    case.grant(user, m.ArrivalGroup, ["view", "add", "change"],
               {"operation__point__country": OWN})
    case.grant(user, m.Arrival, ["view", "add", "change"],
               {"group__operation__point__country": OWN})
    case.grant(user, m.EmergencyReferral, ["view", "add"],
               {"arrival__group__operation__point__country": OWN})
    case.grant(user, Person, ["view", "add"], {"organisation": "$user.organisation"})
    case.grant(user, PersonName, "view", {"person__organisation": "$user.organisation"})


def grant_receiver(case: type[CrossroadsTestCase] | CrossroadsTestCase, user: User) -> None:
    """What the demo gives case workers of an organisation people are referred to."""
    case.grant(user, m.Arrival, "view", {"referrals__to_organisation": "$user.organisation"})
    case.grant(user, m.EmergencyReferral, ["view", "change"],
               {"to_organisation": "$user.organisation"})
    case.grant(user, Person, "view", {"links__organisation": "$user.organisation"})
    case.grant(user, PersonName, "view", {"person__links__organisation": "$user.organisation"})
    case.grant(user, PersonLink, "view", {"organisation": "$user.organisation"})


def row(given: str = "", family: str = "", **kwargs: Any) -> ArrivalInput:
    return ArrivalInput(family=family, given=given, **kwargs)


def family_rows() -> list[ArrivalInput]:
    """A mother, her son of 7 and her father of 68 who uses a wheelchair."""
    return [row("Olena", "Kovalenko", sex="F", age=34, relationship="head"),
            row("Andrii", "Kovalenko", sex="M", age=7, relationship="child"),
            row("Petro", "Bondar", sex="M", age=68, relationship="parent",
                vulnerabilities=["older_person", "disability"])]


class EmergencyTestCase(CrossroadsTestCase):
    """An operation running at a Moldovan crossing point, and one Ukrainian point."""

    point: m.BorderCrossingPoint
    other_point: m.BorderCrossingPoint
    foreign_point: m.BorderCrossingPoint
    operation: m.EmergencyOperation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ensure_operation()
        grant_officer(cls, cls.owner)
        grant_receiver(cls, cls.outsider)

    @classmethod
    def ensure_operation(cls) -> None:
        """The points and the operation (once per test class; the generic suites make
        their sample records before this class's own set-up has run)."""
        if "operation" in cls.__dict__:
            return
        cls.point = cls.make_point("mda-palanca", cls.home_country, cls.other_country)
        cls.other_point = cls.make_point("mda-otaci", cls.home_country, cls.other_country)
        cls.foreign_point = cls.make_point("ukr-mayaky", cls.other_country, cls.home_country)
        cls.operation = services.start_operation(
            cls.point, "Winter influx", cls.organisation,
            timezone.now() - timedelta(days=2))

    @classmethod
    def make_point(cls, code: str, country: Any, neighbour: Any) -> m.BorderCrossingPoint:
        return m.BorderCrossingPoint.objects.create(
            country=country, neighbour=neighbour, code=code, name=code.title(), kind="land")

    def register(self, rows: list[ArrivalInput], kind: str = "family",
                 arrived_at: Any = None, operation: Any = None) -> services.RegisteredGroup:
        return services.register_group(
            operation or self.operation,
            GroupInput(kind=kind, arrived_at=arrived_at or timezone.now() - timedelta(hours=1),
                       people=rows, place_of_origin="Odesa"),
            self.organisation)

    def refer(self, arrival: m.Arrival, consent_by: str = "person",
              to: Organisation | None = None, service: str = "medical") -> m.EmergencyReferral:
        return services.refer(services.ReferralInput(
            arrival=arrival, service=service, to_organisation=to or self.other_organisation,
            consent_by=consent_by, reason="Needs a wheelchair and a doctor.",
            consent_at=timezone.now()), self.owner)
