"""Registering persons: every operational app registers and finds persons through here.

:func:`register` checks everything before it writes anything (names, dates, document
types and codes, nationalities), normalises what can be normalised with a recorded
warning, refuses the rest with a message per field, and writes the person, names,
nationalities, documents and the link to the citing record in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from crossroads.people import choices
from crossroads.people.codes import check_state_code
from crossroads.people.dates import PartialDate
from crossroads.people.models import (
    IdentityDocument,
    NameKey,
    Nationality,
    Person,
    PersonLink,
    PersonName,
    number_key,
)
from crossroads.people.names.keys import name_keys
from crossroads.people.names.scripts import detect_script
from crossroads.people.signals import person_registered
from crossroads.reference.models import Country
from crossroads.users.models import Organisation


@dataclass
class NameInput:
    part: str
    value: str
    language: str = ""
    scheme: str = ""
    source: str = ""


@dataclass
class DocumentInput:
    kind: str
    number: str
    issuing_state: str
    issued_on: date | None = None
    expires_on: date | None = None


@dataclass
class PersonInput:
    """What a form, an API call or an import says about a person."""

    names: Sequence[NameInput]
    sex: str = choices.Sex.UNKNOWN
    birth: PartialDate = field(default_factory=PartialDate)
    place_of_birth: str = ""
    nationalities: Sequence[str] = ()
    documents: Sequence[DocumentInput] = ()
    notes: str = ""


@dataclass
class Checked:
    names: list[NameInput]
    nationalities: list[Country]
    warnings: list[str]


def check(data: PersonInput) -> Checked:
    """Validate and normalise; raise ValidationError naming every problem at once."""
    from crossroads.people.names.parts import NameProblem, normalise_name

    problems: dict[str, list[str]] = {}
    names, warnings = [], []
    for index, given in enumerate(data.names):
        if given.part not in choices.NamePart.values:
            problems.setdefault("names", []).append(
                _("Name %(n)s: unknown name part %(part)r.") % {"n": index + 1,
                                                                "part": given.part})
            continue
        try:
            value, fixes = normalise_name(given.value)
        except NameProblem as error:
            problems.setdefault("names", []).append(
                _("Name %(n)s: %(problem)s") % {"n": index + 1, "problem": error})
            continue
        warnings += fixes
        names.append(NameInput(given.part, value, given.language, given.scheme, given.source))
    if not any(n.part in (choices.NamePart.GIVEN, choices.NamePart.FAMILY) for n in names) \
            and "names" not in problems:
        problems["names"] = [_("A person needs a given name or a family name.")]
    if data.sex not in choices.Sex.values:
        problems["sex"] = [_("Unknown sex %(sex)r (one of F, M, X, U).") % {"sex": data.sex}]
    if (problem := data.birth.problem()) is not None:
        problems["birth"] = [problem]
    countries = check_nationalities(data.nationalities, problems)
    check_documents(data.documents, problems)
    if problems:
        raise ValidationError(problems)
    return Checked(names, countries, warnings)


def check_nationalities(codes: Iterable[str], problems: dict[str, list[str]]) -> list[Country]:
    wanted = [c.strip().upper() for c in codes if c.strip()]
    found = {c.iso3: c for c in Country.objects.filter(iso3__in=wanted)}
    for code in wanted:
        if code not in found:
            problems.setdefault("nationalities", []).append(
                _("%(code)s is not a country code (ISO 3166 alpha-3).") % {"code": code})
    return [found[c] for c in dict.fromkeys(wanted) if c in found]


def check_documents(documents: Iterable[DocumentInput], problems: dict[str, list[str]]) -> None:
    for index, doc in enumerate(documents):
        where = _("Document %(n)s") % {"n": index + 1}
        found = []
        if doc.kind not in choices.DocumentKind.values:
            found.append(_("unknown document type %(kind)r") % {"kind": doc.kind})
        if not number_key(doc.number):
            found.append(_("the number has no letters or digits"))
        if (state := check_state_code(doc.issuing_state)) is not None:
            found.append(state)
        if doc.issued_on and doc.expires_on and doc.expires_on < doc.issued_on:
            found.append(_("it expires before it was issued"))
        if found:
            problems.setdefault("documents", []).append(f"{where}: {'; '.join(found)}.")


@transaction.atomic
def register(data: PersonInput, organisation: Organisation, *,
             cited_by: models.Model | None = None, role: str = "") -> Person:
    """Create a person from checked input (all or nothing); link the citing record."""
    checked = check(data)
    birth = data.birth
    person = Person.objects.create(
        organisation=organisation, sex=data.sex, birth_year=birth.year,
        birth_month=birth.month, birth_day=birth.day, birth_approximate=birth.approximate,
        place_of_birth=data.place_of_birth, notes=data.notes, warnings=checked.warnings)
    PersonName.objects.bulk_create([
        PersonName(person=person, part=n.part, value=n.value, language=n.language,
                   scheme=n.scheme, source=n.source, position=i,
                   script=detect_script(n.value))
        for i, n in enumerate(checked.names)])
    Nationality.objects.bulk_create([Nationality(person=person, country=c)
                                     for c in checked.nationalities])
    for doc in data.documents:
        IdentityDocument.objects.create(
            person=person, kind=doc.kind, number=doc.number, issuing_state=doc.issuing_state,
            issued_on=doc.issued_on, expires_on=doc.expires_on)
    if cited_by is not None:
        cite(person, cited_by, organisation, role)
    rebuild_keys(person.pk)
    person_registered.send(sender=Person, person=person, organisation=organisation,
                           cited_by=cited_by)
    return person


def cite(person: Person, record: models.Model, organisation: Organisation,
         role: str = "") -> PersonLink:
    """Record that ``record`` (of any app) cites ``person``; idempotent."""
    link, _created = PersonLink.objects.get_or_create(
        person=person, content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk), defaults={"organisation": organisation, "role": role})
    return link


def rebuild_keys(person_id: int | None) -> None:
    """Replace a person's comparison keys by those of their current names."""
    if person_id is None:
        return
    NameKey.objects.filter(person_id=person_id).delete()
    rows = PersonName.objects.filter(person_id=person_id).values_list("part", "value",
                                                                      "language")
    wanted = {(key_part(part), key) for part, value, language in rows
              for key in name_keys(value, language)}
    NameKey.objects.bulk_create([NameKey(person_id=person_id, part=part, key=key)
                                 for part, key in sorted(wanted)], ignore_conflicts=True)


def key_part(part: str) -> str:
    """Aliases and other names are searched as given names or family names are: an alias
    is stored under the part it stands for ("other" and "alias" under "other")."""
    return part if part in (choices.NamePart.GIVEN, choices.NamePart.FAMILY,
                            choices.NamePart.PATRONYMIC) else choices.NamePart.OTHER


def describe_problems(error: ValidationError) -> dict[str, Any]:
    """A ValidationError as {field: [messages]} (for the API and the import report)."""
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
