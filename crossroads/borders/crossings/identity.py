"""Who is crossing: the traveller through the identity layer.

A returning traveller is recognised first by a document on record (number and issuing
state), then by candidate search on names and other fields above :data:`THRESHOLD`
with the same date of birth; the officer can also name the person. Only persons the
officer may view are considered, as everywhere else (``restrict()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crossroads.core.permissions import VIEW
from crossroads.people.choices import NamePart, PersonStatus
from crossroads.people.matching.search import Candidate, Query, candidates
from crossroads.people.models import IdentityDocument, Person, PersonName, number_key
from crossroads.people.names.keys import canonical

if TYPE_CHECKING:
    from crossroads.borders.crossings.services import CrossingInput

#: The probability of a candidate above which a traveller is taken as the same person
#: (with the same full date of birth as a second, independent condition).
THRESHOLD = 0.9


@dataclass
class Recognition:
    """The person a crossing is for, and how they were found (None: a new traveller)."""

    person: Person | None
    how: str  # "chosen", "document", "search" or "new"
    candidate: Candidate | None = None
    #: Whether the document shown is new for a known person (a renewal).
    new_document: bool = False


def recognise(user: Any, data: CrossingInput) -> Recognition:
    """Find the traveller among the persons the user may view."""
    visible = Person.objects.restrict(user, VIEW)
    if data.person_id is not None:
        chosen = visible.filter(pk=data.person_id).first()
        return Recognition(chosen.survivor() if chosen else None, "chosen",
                           new_document=not has_document(chosen, data) if chosen else False)
    key = number_key(data.document_number)
    if key and data.document_state:
        by_document = visible.filter(documents__number_key=key,
                                     documents__issuing_state=data.document_state) \
            .order_by("pk").first()
        if by_document is not None:
            return Recognition(by_document.survivor(), "document")
    found = best_candidate(user, data)
    if found is not None:
        return Recognition(found.person.survivor(), "search", found,
                           new_document=bool(key) and not has_document(found.person, data))
    return Recognition(None, "new")


def best_candidate(user: Any, data: CrossingInput) -> Candidate | None:
    """The best candidate above the threshold born on the same (full) date, if any."""
    if data.birth.as_date() is None:
        return None  # without a full date of birth, names alone do not decide
    query = Query(given=data.given, family=data.family, patronymic=data.patronymic,
                  birth=data.birth, sex=data.sex, nationality=data.nationality,
                  document_number=data.document_number, language=data.language)
    for candidate in candidates(user, query, limit=5):
        person = candidate.person
        same_birth = (person.birth_year, person.birth_month, person.birth_day) == \
            (data.birth.year, data.birth.month, data.birth.day)
        if candidate.score >= THRESHOLD and same_birth \
                and person.status == PersonStatus.ACTIVE:
            return candidate
    return None


def has_document(person: Person, data: CrossingInput) -> bool:
    key = number_key(data.document_number)
    return not key or IdentityDocument.objects.filter(
        person=person, number_key=key, issuing_state=data.document_state).exists()


def add_document(person: Person, data: CrossingInput) -> IdentityDocument | None:
    """Add the document shown to a known person when it is new to them (a renewal)."""
    if has_document(person, data):
        return None
    return IdentityDocument.objects.create(
        person=person, kind=data.document_kind or "other", number=data.document_number,
        issuing_state=data.document_state, expires_on=data.document_expiry)


def add_spellings(person: Person, data: CrossingInput) -> bool:
    """Keep the names as this document spells them when the person has no such spelling,
    so that the next search finds the traveller however the next document spells them."""
    from crossroads.people.names.scripts import detect_script
    from crossroads.people.services import rebuild_keys

    known = {(part, canonical(value, language)) for part, value, language in
             PersonName.objects.filter(person=person).values_list("part", "value", "language")}
    added = []
    for part, value in ((NamePart.FAMILY, data.family), (NamePart.GIVEN, data.given),
                        (NamePart.PATRONYMIC, data.patronymic)):
        value = value.strip()
        if value and (part, canonical(value, data.language)) not in known:
            added.append(PersonName(person=person, part=part, value=value,
                                    language=data.language, source="crossing",
                                    script=detect_script(value), position=len(known) + 1))
    if added:
        PersonName.objects.bulk_create(added)
        rebuild_keys(person.pk)
    return bool(added)
