"""What statistics and public releases know of a victim: facts, never identifiers.

Both read a profile the same way: the person's sex, age and nationality (from the
identity layer, or from the facts a case keeps once anonymised), the year of
identification and the country of exploitation. Names, identifiers, references and
dates of birth never leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from crossroads.protection.models import CODE_LISTS, TraffickingProfile


@dataclass(frozen=True)
class VictimFacts:
    """The facts of one profile that statistics and releases may use."""

    status: str
    sex: str | None
    age: int | None
    nationality: str | None
    year: int
    exploitation_country: str | None
    codes: dict[str, tuple[str, ...]]


def with_facts(profiles: models.QuerySet[TraffickingProfile]) -> Iterable[TraffickingProfile]:
    """The profiles with what :func:`facts_of` reads fetched in a few queries."""
    return profiles.select_related("case", "case_person__person", "exploitation_country") \
        .prefetch_related("case_person__person__nationalities__country")


def year_of_identification(profile: TraffickingProfile) -> int:
    """The year the status was decided, else the year the case was opened."""
    decided = profile.status_decided_on or profile.case.opened_on
    return decided.year


def facts_of(profile: TraffickingProfile) -> VictimFacts:
    """The facts of a profile (prefetch with :func:`with_facts`)."""
    year = year_of_identification(profile)
    sex, born, nationality = person_facts(profile)
    return VictimFacts(
        status=profile.status, sex=sex or None,
        age=year - born if born and born <= year else None,
        nationality=nationality or None, year=year,
        exploitation_country=profile.exploitation_country.iso3
        if profile.exploitation_country else None,
        codes={name: tuple(sorted(getattr(profile, name) or [])) for name in CODE_LISTS})


def person_facts(profile: TraffickingProfile) -> tuple[str | None, int | None, str | None]:
    """Sex, year of birth and nationality (ISO3) of the profile's person.

    A person with several nationalities counts under the first by ISO code; after
    anonymisation the case's kept facts give sex and nationality, not the age."""
    person = profile.case_person.person
    if person is None:
        kept: dict[str, Any] = profile.case_person.facts or {}
        return kept.get("sex"), None, kept.get("nationality")
    codes = sorted(n.country.iso3 for n in person.nationalities.all())
    return person.sex, person.birth_year, codes[0] if codes else None
