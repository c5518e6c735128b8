"""The checks a travel arrangement passes before a returnee is *travel ready*.

A returnee travels with a valid or newly issued travel document, is not unfit to travel,
has a named escort when one is needed (always with a medical escort), and an itinerary
of legs that connect, each arriving after it departs, the first on the planned
departure day, which is not in the past. Times in a leg are ISO 8601
(``2026-12-01T09:30`` or with a UTC offset, ``2026-12-01T09:30+02:00``); with offsets,
legs across time zones compare correctly, so give them for all legs or for none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from crossroads.protection.choices import FitnessToTravel, TravelDocumentStatus

#: Keys of one leg of the itinerary; ``carrier`` and ``number`` may be empty.
LEG_KEYS = ("from", "to", "carrier", "number", "departs", "arrives")
TRAVEL_DOCUMENTS = (TravelDocumentStatus.VALID, TravelDocumentStatus.ISSUED)


@dataclass
class TravelPlan:
    """What a case worker arranged for the journey (as entered, before the checks)."""

    departure_date: date
    document_status: str
    itinerary: list[dict[str, Any]] = field(default_factory=list)
    document_reference: str = ""
    escort_required: bool = False
    escort: str = ""
    fitness: str = FitnessToTravel.NOT_ASSESSED
    fitness_assessed_on: date | None = None

    def model_fields(self) -> dict[str, Any]:
        """The values stored on the TravelArrangement (a medical escort is an escort)."""
        return {
            "departure_date": self.departure_date, "document_status": self.document_status,
            "document_reference": self.document_reference.strip(),
            "itinerary": [{key: str(leg.get(key, "") or "").strip() for key in LEG_KEYS}
                          for leg in self.itinerary],
            "escort_required": self.escort_required
            or self.fitness == FitnessToTravel.FIT_WITH_ESCORT,
            "escort": self.escort.strip(), "fitness": self.fitness,
            "fitness_assessed_on": self.fitness_assessed_on,
        }


def check_travel(plan: TravelPlan, today: date) -> None:
    """ValidationError listing, by field, every reason the returnee cannot travel so."""
    problems: dict[str, list[str]] = {}
    for name, found in (("document_status", document_problems(plan)),
                        ("fitness", fitness_problems(plan, today)),
                        ("escort", escort_problems(plan)),
                        ("departure_date", departure_problems(plan, today)),
                        ("itinerary", itinerary_problems(plan.itinerary, plan.departure_date))):
        if found:
            problems[name] = found
    if problems:
        raise ValidationError(problems)


def document_problems(plan: TravelPlan) -> list[str]:
    if plan.document_status not in TravelDocumentStatus.values:
        return [_("Unknown travel document status %(s)r.") % {"s": plan.document_status}]
    if plan.document_status not in TRAVEL_DOCUMENTS:
        return [_("The travel document has been requested but not issued yet.")]
    if not plan.document_reference.strip():
        return [_("Give the number of the travel document.")]
    return []


def fitness_problems(plan: TravelPlan, today: date) -> list[str]:
    if plan.fitness not in FitnessToTravel.values:
        return [_("Unknown fitness to travel %(s)r.") % {"s": plan.fitness}]
    if plan.fitness == FitnessToTravel.UNFIT:
        return [_("The person is not fit to travel.")]
    assessed = plan.fitness_assessed_on
    if plan.fitness != FitnessToTravel.NOT_ASSESSED and assessed is None:
        return [_("Give the date fitness to travel was assessed.")]
    if assessed is not None and assessed > today:
        return [_("Fitness to travel cannot be assessed in the future.")]
    return []


def escort_problems(plan: TravelPlan) -> list[str]:
    needed = plan.escort_required or plan.fitness == FitnessToTravel.FIT_WITH_ESCORT
    if needed and not plan.escort.strip():
        return [_("An escort is required: name the escort.")]
    return []


def departure_problems(plan: TravelPlan, today: date) -> list[str]:
    if plan.departure_date < today:
        return [_("The planned departure cannot be in the past.")]
    return []


def itinerary_problems(legs: list[dict[str, Any]], departure: date) -> list[str]:
    """What is wrong with the legs: missing places, bad times, legs out of order."""
    if not legs:
        return [_("The itinerary needs at least one leg.")]
    problems: list[str] = []
    times: list[tuple[datetime, datetime]] = []
    for number, leg in enumerate(legs, start=1):
        found, parsed = leg_problems(number, leg)
        problems += found
        if parsed is not None:
            times.append(parsed)
    if problems:
        return problems
    if len({t.tzinfo is None for pair in times for t in pair}) > 1:
        return [_("Give every time of the itinerary with its UTC offset, or none.")]
    if times[0][0].date() != departure:
        problems.append(_("The first leg departs on the planned departure day."))
    for number, (previous, leg) in enumerate(zip(legs, legs[1:], strict=False), start=2):
        if times[number - 1][0] < times[number - 2][1]:
            problems.append(_("Leg %(n)s departs before the previous leg arrives.") % {"n": number})
        if str(leg["from"]).strip().casefold() != str(previous["to"]).strip().casefold():
            problems.append(_("Leg %(n)s does not depart from where the previous leg arrives.")
                            % {"n": number})
    return problems


def leg_problems(number: int, leg: Any) -> tuple[list[str], tuple[datetime, datetime] | None]:
    """Problems of one leg, and its departure and arrival times if both are readable."""
    if not isinstance(leg, dict):
        return [_("Leg %(n)s is not a leg of a journey.") % {"n": number}], None
    problems = [_("Leg %(n)s: give the place of %(end)s.") % {"n": number, "end": end}
                for key, end in (("from", pgettext("end of a leg", "departure")),
                                 ("to", pgettext("end of a leg", "arrival")))
                if not str(leg.get(key) or "").strip()]
    departs, arrives = parse_time(leg.get("departs")), parse_time(leg.get("arrives"))
    if departs is None or arrives is None:
        problems.append(_("Leg %(n)s: give the departure and arrival times (ISO 8601).")
                        % {"n": number})
        return problems, None
    if (departs.tzinfo is None) != (arrives.tzinfo is None):
        problems.append(_("Give every time of the itinerary with its UTC offset, or none."))
        return problems, None
    if arrives <= departs:
        problems.append(_("Leg %(n)s arrives before it departs.") % {"n": number})
    return problems, (departs, arrives)


def parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
