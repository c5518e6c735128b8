"""Encrypted exports of case data: a ZIP (AES-256) of CSV files, with a password the user sets.

Who may export: holders of the custom action ``export`` on Case; what they export is
``Case.objects.restrict(user, "export")`` narrowed by the filters, and the records of those
cases (the permission to export a case is the permission to export its records). Persons'
names are exported only to a user who may see them (``services.shows_names`` and
``PersonName.restrict``); everybody else gets the facts. Every row read is written to the
audit log with the action *export*, and one more event says what was exported and how much.

An export is sharing of case data. Sharing outside the owning organisation (statistics)
needs every exported person's consent for ``ConsentPurpose.STATISTICS`` in force; without
it the export is refused, naming the cases concerned, unless the user asks to leave those
persons out. The password is never stored or logged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pyzipper
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.core.audit import audit_access
from crossroads.core.context import current_actor
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW
from crossroads.people.choices import NamePart
from crossroads.people.models import Nationality, Person, PersonName, name_order
from crossroads.protection import services
from crossroads.protection.choices import ConsentPurpose
from crossroads.protection.models import (
    Case,
    CasePerson,
    Consent,
    Referral,
    ReturnApplication,
    VulnerabilityScreening,
)

#: The custom action on Case that allows exporting case data.
EXPORT = "export"
MIN_PASSWORD_LENGTH = 12
ENCODING = "utf-8-sig"  # with a byte-order mark, so spreadsheets read Cyrillic right
#: Where finished exports wait for their download (encrypted), under the default storage.
FOLDER = "protection/exports"
#: Exports never downloaded are removed by the retention job after this time.
KEEP_UNCLAIMED = timedelta(days=1)


class Sharing(models.TextChoices):
    """What the export is for: it decides whether consent is needed."""

    WITHIN = "within", gettext_lazy("Within my organisation")
    OUTSIDE = "outside", gettext_lazy("Sharing outside the organisation (statistics)")


@dataclass(frozen=True)
class ExportFilters:
    """Which of the cases the user may export go into the file."""

    status: str = ""
    case_type: str = ""
    opened_from: date | None = None
    opened_to: date | None = None

    def apply(self, cases: Any) -> Any:
        if self.status:
            cases = cases.filter(status=self.status)
        if self.case_type:
            cases = cases.filter(case_type=self.case_type)
        if self.opened_from:
            cases = cases.filter(opened_on__gte=self.opened_from)
        if self.opened_to:
            cases = cases.filter(opened_on__lte=self.opened_to)
        return cases

    def describe(self) -> str:
        """The filters as the README states them."""
        parts = [f"{label}: {value}" for label, value in (
            (_("status"), self.status), (_("case type"), self.case_type),
            (_("opened from"), self.opened_from), (_("opened until"), self.opened_to))
            if value]
        return "; ".join(parts) or _("none (every case you may export)")


@dataclass
class Selection:
    """The cases and persons going into an export, and what consent left out."""

    cases: list[Case]
    persons: list[CasePerson]
    left_out_persons: int = 0
    left_out_cases: list[str] = field(default_factory=list)


@dataclass
class Export:
    """A finished export: the encrypted ZIP and what it holds."""

    content: bytes
    filename: str
    cases: int
    persons: int
    left_out_persons: int
    left_out_cases: list[str]


def check_password(password: str, confirmation: str) -> None:
    """Refuse a password shorter than the minimum, or one not typed the same twice."""
    problems: dict[str, list[str]] = {}
    if len(password) < MIN_PASSWORD_LENGTH:
        problems["password"] = [_("The password needs at least %(n)s characters.")
                                % {"n": MIN_PASSWORD_LENGTH}]
    if password != confirmation:
        problems["confirmation"] = [_("The two passwords differ.")]
    if problems:
        raise ValidationError(problems)


def exportable_cases(user: Any, filters: ExportFilters) -> Any:
    """The cases ``user`` may export that match ``filters`` (unaudited)."""
    return filters.apply(Case.objects.restrict(user, EXPORT)).select_related("organisation") \
        .order_by("reference")


def consenting(persons: Any) -> Any:
    """Of ``persons``, those with consent to data sharing for statistics in force.

    The bulk form of ``consent.consent_in_force(person, STATISTICS)``: a consent not
    withdrawn counts."""
    given = Consent.objects.filter(purpose=ConsentPurpose.STATISTICS, withdrawn_on__isnull=True)
    return persons.filter(pk__in=given.values("case_person"))


def select(user: Any, filters: ExportFilters, sharing: str, leave_out: bool) -> Selection:
    """The cases and persons to export; refuses sharing outside without everyone's consent."""
    cases = exportable_cases(user, filters)
    persons = CasePerson.objects.filter(case__in=cases)
    if sharing != Sharing.OUTSIDE:
        return Selection(list(cases), list(persons.select_related("case", "person")))
    kept = consenting(persons)
    missing = persons.exclude(pk__in=kept.values("pk"))
    concerned = sorted(set(missing.values_list("case__reference", flat=True)))
    if concerned and not leave_out:
        raise ValidationError({"consent": [
            _("Persons in these cases have not consented to data sharing for statistics: "
              "%(cases)s. Share within the organisation, record their consent, or leave "
              "them out.") % {"cases": ", ".join(concerned)}]})
    # A case all of whose persons are left out is left out; a case without persons stays.
    shared = cases.filter(Q(pk__in=kept.values("case")) | ~Q(pk__in=persons.values("case")))
    dropped = sorted(set(cases.values_list("reference", flat=True))
                     - set(shared.values_list("reference", flat=True)))
    return Selection(list(shared), list(kept.filter(case__in=shared)
                                        .select_related("case", "person")),
                     left_out_persons=missing.count(), left_out_cases=dropped)


def names_by_person(user: Any, persons: Sequence[CasePerson]) -> dict[int, str] | None:
    """The names ``user`` may see, by person id; None if the user may see no names at all."""
    if not services.shows_names(user):
        return None
    ids = [p.person_id for p in persons if p.person_id is not None]
    visible = Person.objects.restrict(user, VIEW).filter(pk__in=ids)
    names = list(PersonName.objects.restrict(user, VIEW).filter(person__in=visible))
    audit_access(PersonName, names, AuditEvent.Action.EXPORT)
    grouped: dict[int, list[PersonName]] = {}
    for name in names:
        grouped.setdefault(name.person_id, []).append(name)
    return {person: " ".join(n.value for n in sorted(rows, key=name_order)
                             if n.part != NamePart.ALIAS)
            for person, rows in grouped.items()}


def nationalities(persons: Sequence[CasePerson]) -> dict[int, list[str]]:
    """ISO 3166 alpha-3 codes of each person's nationalities, by person id (audited)."""
    ids = [p.person_id for p in persons if p.person_id is not None]
    rows = list(Nationality.objects.filter(person_id__in=ids).select_related("country"))
    audit_access(Nationality, rows, AuditEvent.Action.EXPORT)
    found: dict[int, list[str]] = {}
    for row in rows:
        found.setdefault(row.person_id, []).append(row.country.iso3)
    return found


def case_rows(cases: Sequence[Case]) -> list[list[Any]]:
    header = ["reference", "case_type", "status", "priority", "opened_on", "closed_on",
              "closure_reason", "organisation", "archived_on", "anonymised_on"]
    return [header, *([c.reference, c.case_type, c.status, c.priority, c.opened_on,
                       c.closed_on, c.closure_reason, c.organisation.name, c.archived_on,
                       c.anonymised_on] for c in cases)]


def person_rows(user: Any, persons: Sequence[CasePerson]) -> list[list[Any]]:
    """Persons in cases: facts for everyone, names only for those who may see them."""
    names = names_by_person(user, persons)
    countries = nationalities(persons)
    audit_access(Person, [p.person for p in persons if p.person is not None],
                 AuditEvent.Action.EXPORT)
    header = ["case_reference", "role", "sex", "birth_year", "age_group_at_opening",
              "nationality"]
    rows: list[list[Any]] = [[*header, "name"] if names is not None else header]
    for link in persons:
        row = [link.case.reference, link.role, *person_facts(link, countries)]
        if names is not None:
            row.append(names.get(link.person_id or 0, ""))
        rows.append(row)
    return rows


def person_facts(link: CasePerson, countries: dict[int, list[str]]) -> list[Any]:
    """Sex, birth year, age group when the case opened, nationality codes."""
    person = link.person
    if person is None:  # anonymised: only the facts kept for statistics
        facts = link.facts or {}
        return [facts.get("sex", ""), "", facts.get("age_group", ""),
                " ".join(facts.get("nationality", []))]
    years = link.case.opened_on.year - person.birth_year if person.birth_year else None
    return [person.sex, person.birth_year or "", services.age_group(years),
            " ".join(sorted(countries.get(person.pk, [])))]


def screening_rows(cases: Sequence[Case]) -> list[list[Any]]:
    rows = list(VulnerabilityScreening.objects.filter(case__in=cases).select_related("case"))
    audit_access(VulnerabilityScreening, rows, AuditEvent.Action.EXPORT)
    return [["case_reference", "screened_on", "priority", "score"],
            *([s.case.reference, s.screened_on, s.priority, s.score] for s in rows)]


def referral_rows(cases: Sequence[Case], persons: Sequence[CasePerson]) -> list[list[Any]]:
    rows = list(Referral.objects.filter(case__in=cases, case_person__in=persons)
                .select_related("case", "provider"))
    audit_access(Referral, rows, AuditEvent.Action.EXPORT)
    return [["case_reference", "service", "provider", "status", "created", "respond_by",
             "complete_by", "sent", "answered", "completed"],
            *([r.case.reference, r.service, r.provider.name, r.status, day(r.created),
               r.respond_by, r.complete_by, day(r.sent_at), day(r.responded_at),
               day(r.completed_at)] for r in rows)]


def return_rows(cases: Sequence[Case], persons: Sequence[CasePerson]) -> list[list[Any]]:
    rows = list(ReturnApplication.objects.filter(case__in=cases, applicant__in=persons)
                .select_related("case", "country_of_return"))
    audit_access(ReturnApplication, rows, AuditEvent.Action.EXPORT)
    return [["case_reference", "applied_on", "status", "country_of_return"],
            *([r.case.reference, r.applied_on, r.status, r.country_of_return.iso3]
              for r in rows)]


def day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def to_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode(ENCODING)


def readme(user: Any, when: datetime, filters: ExportFilters, sharing: str,
           selection: Selection, with_names: bool) -> str:
    """README.txt: what the file holds, who exported it, when, with which filters."""
    lines = [
        _("Crossroads: export of protection case data"),
        "",
        _("Exported by: %(user)s (%(organisation)s)") % {
            "user": user.get_username(), "organisation": user.organisation or "—"},
        _("Exported at: %(when)s") % {"when": when.isoformat(timespec="seconds")},
        _("Purpose: %(purpose)s") % {"purpose": Sharing(sharing).label},
        _("Filters: %(filters)s") % {"filters": filters.describe()},
        _("Cases: %(n)s; persons: %(p)s") % {"n": len(selection.cases),
                                             "p": len(selection.persons)},
        _("Names: %(names)s") % {"names": _("included") if with_names
                                 else _("not included (you may not see them)")},
    ]
    if sharing == Sharing.OUTSIDE:
        lines.append(_("Persons left out for lack of consent to data sharing for statistics: "
                       "%(n)s (cases left out entirely: %(cases)s)") % {
            "n": selection.left_out_persons,
            "cases": ", ".join(selection.left_out_cases) or "—"})
    lines += ["", _("Files: cases.csv, persons.csv, screenings.csv, referrals.csv, "
                    "returns.csv (UTF-8; values are the codes of the API; dates YYYY-MM-DD).")]
    return "\n".join(lines) + "\n"


def encrypt(files: dict[str, bytes], password: str) -> bytes:
    """A ZIP of ``files`` encrypted with AES-256 under ``password``."""
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(buffer, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def record_export(selection: Selection, sharing: str) -> None:
    """One audit event saying what was exported and how much (never the password)."""
    actor = current_actor()
    user = actor.authenticated_user
    summary = _("export (%(purpose)s): %(cases)s cases, %(persons)s persons, "
                "%(left)s left out") % {
        "purpose": sharing, "cases": len(selection.cases), "persons": len(selection.persons),
        "left": selection.left_out_persons}
    AuditEvent.objects.create(
        user=user, user_name=user.get_username() if user else "",
        action=AuditEvent.Action.EXPORT, object_type=ContentType.objects.get_for_model(Case),
        object_id="", object_repr=summary[:200], channel=actor.channel, address=actor.address,
        path=actor.path[:500])


def export_cases(user: Any, password: str, filters: ExportFilters | None = None, *,
                 sharing: str = Sharing.WITHIN, leave_out: bool = False,
                 now: datetime | None = None) -> Export:
    """Export the case data ``user`` may export as a ZIP encrypted with ``password``.

    Raises ValidationError (by field) for a short password, an unknown purpose, no case
    to export, or persons without consent when sharing outside."""
    filters = filters or ExportFilters()
    check_password(password, password)
    if sharing not in Sharing.values:
        raise ValidationError({"sharing": [_("Choose what the export is for.")]})
    selection = select(user, filters, sharing, leave_out)
    if not selection.cases:
        raise ValidationError({NON_FIELD_ERRORS: [
            _("No case you may export matches these filters.")]})
    when = timezone.localtime(now or timezone.now())
    audit_access(Case, selection.cases, AuditEvent.Action.EXPORT)
    audit_access(CasePerson, selection.persons, AuditEvent.Action.EXPORT)
    persons = person_rows(user, selection.persons)
    files = {
        "cases.csv": to_csv(case_rows(selection.cases)),
        "persons.csv": to_csv(persons),
        "screenings.csv": to_csv(screening_rows(selection.cases)),
        "referrals.csv": to_csv(referral_rows(selection.cases, selection.persons)),
        "returns.csv": to_csv(return_rows(selection.cases, selection.persons)),
    }
    files["README.txt"] = readme(user, when, filters, sharing, selection,
                                 with_names="name" in persons[0]).encode("utf-8")
    record_export(selection, sharing)
    return Export(content=encrypt(files, password),
                  filename=f"case-data-{when:%Y%m%d-%H%M%S}.zip",
                  cases=len(selection.cases), persons=len(selection.persons),
                  left_out_persons=selection.left_out_persons,
                  left_out_cases=selection.left_out_cases)


def remove_unclaimed(now: datetime | None = None) -> int:
    """Remove exports nobody downloaded within a day; returns how many were removed."""
    if not default_storage.exists(FOLDER):
        return 0
    limit = (now or timezone.now()) - KEEP_UNCLAIMED
    _folders, files = default_storage.listdir(FOLDER)
    stale = [name for name in files
             if default_storage.get_modified_time(f"{FOLDER}/{name}") < limit]
    for name in stale:
        default_storage.delete(f"{FOLDER}/{name}")
    return len(stale)
