"""Screening a traveller against the watchlists, and the stay status, for the crossings.

This module is the one place crossings call the watchlists (``crossroads.watchlists``)
and the stay rules (``crossroads.borders.stay_rules``), so the capture screen, the API
and the passenger-list import agree.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from crossroads.borders.choices import ScreeningResult
from crossroads.borders.models import Crossing
from crossroads.borders.stay_rules.services import assess_traveller
from crossroads.people.models import Person
from crossroads.reference.models import Country
from crossroads.watchlists import screening as watchlists
from crossroads.watchlists.models import Alert

if TYPE_CHECKING:
    from crossroads.borders.crossings.services import CrossingInput
    from crossroads.borders.stay_rules.services import TravellerStatus


def screen(data: CrossingInput, on: date) -> tuple[str, list[watchlists.Hit]]:
    """(screening result, hits) for the traveller described by ``data``."""
    traveller = watchlists.Traveller(
        family=data.family, given=data.given, patronymic=data.patronymic, birth=data.birth,
        sex=data.sex, nationality=data.nationality, document_number=data.document_number,
        language=data.language)
    hits = watchlists.screen(traveller, on=on)
    return (ScreeningResult.ALERT if hits else ScreeningResult.CLEAR), hits


def raise_alerts(person: Person, crossing: Crossing, hits: list[watchlists.Hit],
                 registered: bool = False) -> list[Alert]:
    """Alerts for the hits of a saved crossing (nothing when there are none).

    A traveller registered by this crossing was already screened on registration;
    those alerts move to the crossing, so the officer gets one alert per watchlist
    entry, on the crossing that caused it."""
    if registered:
        watchlists.move_alerts(person, crossing)
    return watchlists.raise_alerts(person, crossing, crossing.organisation, hits)


def describe_hits(hits: list[watchlists.Hit]) -> list[dict[str, Any]]:
    """Hits as JSON data: the entry, the score and why it matched, field by field."""
    return [{"entry": hit.entry.pk, "list": str(hit.entry.watchlist), "display": str(hit.entry),
             "score": round(float(hit.score), 4), "fields": watchlists.explain(hit)}
            for hit in hits]


def stay_status(person: Person | None, country: Country, on: date) -> TravellerStatus | None:
    """Days used and left under the stay rules (None for a new traveller)."""
    return None if person is None else assess_traveller(person, country, on)
