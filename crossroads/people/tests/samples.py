"""Small, made-up persons for the people tests (no real data)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from crossroads.people import models as m
from crossroads.people import services
from crossroads.people.dates import PartialDate
from crossroads.reference.models import Country
from crossroads.users.models import Organisation


def make_person(organisation: Organisation, given: str, family: str, **fields: Any) -> m.Person:
    """A person written directly (no checks), with a given and a family name."""
    person = m.Person.objects.create(organisation=organisation, **fields)
    m.PersonName.objects.create(person=person, part="given", value=given)
    m.PersonName.objects.create(person=person, part="family", value=family, position=1)
    return person


def make_persons(organisation: Organisation, suffix: str = "") -> list[m.Person]:
    return [make_person(organisation, f"Given{suffix}{i}", f"Family{suffix}{i}",
                        sex="F", birth_year=1980 + i) for i in range(3)]


def make_names(organisation: Organisation, suffix: str = "") -> list[m.PersonName]:
    person = m.Person.objects.create(organisation=organisation)
    return [m.PersonName.objects.create(person=person, part=part, value=f"Name{suffix}{i}",
                                        position=i)
            for i, part in enumerate(("given", "family", "alias"))]


def make_nationalities(organisation: Organisation, country: Country,
                       suffix: str = "") -> list[m.Nationality]:
    return [m.Nationality.objects.create(person=person, country=country)
            for person in make_persons(organisation, f"n{suffix}")]


def make_documents(organisation: Organisation, suffix: str = "") -> list[m.IdentityDocument]:
    person = m.Person.objects.create(organisation=organisation)
    return [m.IdentityDocument.objects.create(person=person, kind="passport",
                                              number=f"AB{suffix}{i}00", issuing_state="MDA")
            for i in range(3)]


def make_links(organisation: Organisation, suffix: str = "") -> list[m.PersonLink]:
    person = m.Person.objects.create(organisation=organisation)
    kind = ContentType.objects.get_for_model(Organisation)
    return [m.PersonLink.objects.create(person=person, content_type=kind,
                                        object_id=f"{suffix}{i}", organisation=organisation,
                                        role="traveller") for i in range(3)]


def make_pairs(organisation: Organisation, suffix: str = "") -> list[m.MatchPair]:
    persons = make_persons(organisation, f"p{suffix}") + make_persons(organisation, f"q{suffix}")
    pairs = []
    for i in range(3):
        left, right = sorted((persons[i], persons[i + 3]), key=lambda p: p.pk)
        pairs.append(m.MatchPair.objects.create(left=left, right=right,
                                                probability=0.5 + i / 10, run="test"))
    return pairs


def make_merges(organisation: Organisation, suffix: str = "") -> list[m.Merge]:
    persons = make_persons(organisation, f"m{suffix}") + make_persons(organisation, f"r{suffix}")
    return [m.Merge.objects.create(survivor=persons[i], merged=persons[i + 3], reason="test",
                                   moved={"names": []}) for i in range(3)]


def register(organisation: Organisation, given: str, family: str, *, language: str = "",
             **fields: Any) -> m.Person:
    """A person registered through the service (names checked, keys built)."""
    names = [services.NameInput("given", given, language),
             services.NameInput("family", family, language)]
    birth = fields.pop("birth", PartialDate())
    return services.register(services.PersonInput(names=names, birth=birth, **fields),
                             organisation)
