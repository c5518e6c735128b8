"""Advance passenger lists (UN/EDIFACT PAXLST) given as CSV: checked, screened, recorded.

One row per passenger; the columns and the PAXLST segments they come from are in
:data:`COLUMNS` (and docs/borders-crossings.md). Every row is checked first and every
bad row reported with its line and reason. Then:

- a flight not yet arrived: every good row is screened against the watchlists and the
  report lists the hits; nothing is saved (the report is the job's result);
- a flight that has arrived (``arrived=True``, at a crossing point): every row becomes
  an entry recorded by :func:`~crossroads.borders.crossings.services.record_crossing`,
  source ``paxlst:<flight>``, with an idempotency key made of the flight, its date of
  departure and the document, so that importing the same list again records nothing
  twice. All or nothing: one bad row and nothing is saved, unless ``skip_bad`` keeps
  the good rows (the bad ones are listed).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.borders import choices
from crossroads.borders.crossings import screening
from crossroads.borders.crossings.services import (
    CrossingInput,
    CrossingRefused,
    IdempotencyConflict,
    record_crossing,
)
from crossroads.borders.models import BorderCrossingPoint
from crossroads.core.jobs import Progress, register_job
from crossroads.people.choices import DocumentKind
from crossroads.people.codes import check_state_code
from crossroads.people.dates import PartialDate
from crossroads.people.models import number_key

#: CSV column → the PAXLST segment (and qualifier) it is taken from.
COLUMNS = {
    "family_name": "NAD+FL (party name: surname)",
    "given_names": "NAD+FL (party name: given names)",
    "sex": "ATT+2 (gender: M, F, U or X)",
    "birth_date": "DTM+329 (date of birth)",
    "nationality": "NAT+2 (nationality)",
    "document_type": "DOC (document name code: P, I, V, AC, …)",
    "document_number": "DOC (document identifier)",
    "document_expiry": "DTM+36 (expiry date)",
    "issuing_state": "LOC+91 (place of document issue)",
    "flight": "TDT+20 (transport identification)",
    "departure_airport": "LOC+125 (last place of departure)",
    "arrival_airport": "LOC+87 (first place of arrival)",
    "departure_time": "DTM+189 (departure date and time)",
    "arrival_time": "DTM+232 (arrival date and time)",
}
REQUIRED = ("family_name", "birth_date", "nationality", "document_number", "issuing_state",
            "flight", "departure_time", "arrival_time")
#: PAXLST document name codes (UN/EDIFACT code list 1001 as airlines use it).
DOCUMENT_CODES = {"P": DocumentKind.PASSPORT, "PT": DocumentKind.PASSPORT,
                  "I": DocumentKind.NATIONAL_ID, "A": DocumentKind.NATIONAL_ID,
                  "ID": DocumentKind.NATIONAL_ID, "C": DocumentKind.RESIDENCE_PERMIT,
                  "IR": DocumentKind.RESIDENCE_PERMIT, "AR": DocumentKind.RESIDENCE_PERMIT,
                  "V": DocumentKind.VISA, "F": DocumentKind.TRAVEL_DOCUMENT,
                  "AC": DocumentKind.OTHER}
SEX_CODES = {"M": "M", "F": "F", "U": "U", "X": "X", "": "U"}


@dataclass
class Problem:
    line: int
    field: str
    reason: str


@dataclass
class Passenger:
    line: int
    traveller: CrossingInput
    departure: datetime


@dataclass
class Report:
    """What an import found and did (the job's result)."""

    rows: int = 0
    flights: list[str] = field(default_factory=list)
    bad: list[Problem] = field(default_factory=list)
    screened: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)
    arrived: bool = False
    recorded: int = 0
    already_recorded: int = 0
    saved: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class PaxlstError(ValueError):
    """A file that cannot be read as a passenger list at all."""


# Reading -------------------------------------------------------------------------------


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every passenger; the header must name the required columns."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise PaxlstError(_("Line 1: the header lacks the columns %(columns)s.")
                          % {"columns": ", ".join(missing)})
    reader.fieldnames = header
    rows = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()
                                       if isinstance(k, str) and isinstance(v, str)}))
    return rows


def parse_date(text: str, *, past: bool = False) -> date:
    """DTM dates: ISO (2026-11-29), CCYYMMDD (format 102) or YYMMDD (format 101). A
    two-digit year of a date in the ``past`` (a birth) that would fall ahead of today
    is of the previous century."""
    text = text.strip()
    patterns = {10: "%Y-%m-%d", 8: "%Y%m%d", 6: "%y%m%d"}
    try:
        parsed = datetime.strptime(text, patterns[len(text)]).date()  # noqa: DTZ007 (a date)
    except (KeyError, ValueError):
        raise ValueError(_("%(value)r is not a date (YYYY-MM-DD, CCYYMMDD or YYMMDD).")
                         % {"value": text}) from None
    if past and len(text) == 6 and parsed > timezone.now().date():
        parsed = parsed.replace(year=parsed.year - 100)
    return parsed


def parse_birth(text: str) -> date:
    return parse_date(text, past=True)


def parse_time(text: str) -> datetime:
    """DTM times: ISO (2026-11-29T14:05, with or without offset) or CCYYMMDDHHMM (203)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.strptime(text, "%Y%m%d%H%M")  # noqa: DTZ007 (made aware below)
        except ValueError:
            raise ValueError(_("%(value)r is not a date and time (YYYY-MM-DDTHH:MM or "
                               "CCYYMMDDHHMM).") % {"value": text}) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def parse_row(line: int, row: dict[str, str], problems: list[Problem]) -> Passenger | None:
    """One passenger, or None with the row's problems added to ``problems``."""
    found: list[Problem] = []

    def problem(name: str, reason: str) -> None:
        found.append(Problem(line, name, reason))

    for name in REQUIRED:
        if not row.get(name):
            problem(name, _("This column is empty."))
    values: dict[str, Any] = {}
    for name, parse in (("birth_date", parse_birth), ("document_expiry", parse_date),
                        ("departure_time", parse_time), ("arrival_time", parse_time)):
        if row.get(name):
            try:
                values[name] = parse(row[name])
            except ValueError as error:
                problem(name, str(error))
    birth = values.get("birth_date")
    if birth is not None and birth > timezone.now().date():
        problem("birth_date", _("A date of birth cannot be in the future."))
    for name in ("nationality", "issuing_state"):
        if row.get(name) and (reason := check_state_code(row[name])) is not None:
            problem(name, reason)
    sex = SEX_CODES.get(row.get("sex", "").upper())
    if sex is None:
        problem("sex", _("%(value)r is not a sex code (M, F, U or X).") % {"value": row["sex"]})
    if row.get("document_number") and not number_key(row["document_number"]):
        problem("document_number", _("The document number has no letters or digits."))
    if found:
        problems.extend(found)
        return None
    traveller = CrossingInput(
        point=None, movement=choices.Movement.ENTRY, crossed_at=values["arrival_time"],
        family=row["family_name"], given=row.get("given_names", ""),
        birth=PartialDate(birth.year, birth.month, birth.day) if birth else PartialDate(),
        sex=sex or "U", nationality=row["nationality"].upper(),
        document_kind=DOCUMENT_CODES.get(row.get("document_type", "P").upper() or "P",
                                         DocumentKind.OTHER),
        document_number=row["document_number"], document_state=row["issuing_state"].upper(),
        document_expiry=values.get("document_expiry"), transport=choices.Transport.PLANE,
        vehicle=row["flight"][:40], source=f"paxlst:{row['flight']}"[:80])
    return Passenger(line, traveller, values["departure_time"])


def parse(text: str) -> tuple[list[Passenger], list[Problem]]:
    """Every passenger of a list, and every problem found (a document twice is one)."""
    passengers: list[Passenger] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in read_rows(text):
        passenger = parse_row(line, row, problems)
        if passenger is None:
            continue
        traveller = passenger.traveller
        key = (traveller.vehicle, traveller.document_state,
               number_key(traveller.document_number))
        if key in seen:
            problems.append(Problem(line, "document_number", _(
                "The same document is on line %(line)s of this flight.") % {"line": seen[key]}))
            continue
        seen[key] = line
        passengers.append(passenger)
    return passengers, problems


# Importing ----------------------------------------------------------------------------


def import_paxlst(user: Any, text: str, *, point: BorderCrossingPoint | None = None,
                  arrived: bool = False, skip_bad: bool = False,
                  progress: Progress | None = None) -> Report:
    """Check, screen and (for an arrived flight) record a passenger list; see the module."""
    if arrived and point is None:
        raise PaxlstError(_("An arrived flight needs the crossing point where it arrived."))
    passengers, problems = parse(text)
    report = Report(rows=len(passengers) + len({p.line for p in problems}), arrived=arrived,
                    flights=sorted({p.traveller.vehicle for p in passengers}))
    report.bad = problems
    if progress is not None:
        progress.start(len(passengers), _("Checking the passenger list"))
    if arrived:
        record_all(user, passengers, point, report, skip_bad, progress)
    else:
        screen_all(passengers, report, progress)
    report.bad.sort(key=lambda p: p.line)
    return report


def screen_all(passengers: list[Passenger], report: Report,
               progress: Progress | None) -> None:
    """Screen every passenger of a flight not yet arrived; nothing is saved."""
    for passenger in passengers:
        traveller = passenger.traveller
        result, hits = screening.screen(traveller, (traveller.crossed_at or timezone.now())
                                        .date())
        report.screened += result != choices.ScreeningResult.NOT_SCREENED
        if hits:
            report.hits.append(hit_row(passenger, hits))
        if progress is not None:
            progress.advance()


def record_all(user: Any, passengers: list[Passenger], point: BorderCrossingPoint | None,
               report: Report, skip_bad: bool, progress: Progress | None) -> None:
    """Record every passenger's entry; all or nothing unless ``skip_bad``."""
    with transaction.atomic():
        for passenger in passengers:
            record_one(user, passenger, point, report)
            if progress is not None:
                progress.advance()
        if report.bad and not skip_bad:
            transaction.set_rollback(True)
            report.recorded = report.already_recorded = 0
            report.hits = []
            return
    report.saved = report.recorded > 0


def record_one(user: Any, passenger: Passenger, point: BorderCrossingPoint | None,
               report: Report) -> None:
    traveller = passenger.traveller
    traveller.point = point
    traveller.idempotency_key = ":".join((
        "paxlst", traveller.vehicle, passenger.departure.date().isoformat(),
        traveller.document_state, number_key(traveller.document_number)))[:80]
    try:
        result = record_crossing(user, traveller)
    except CrossingRefused as error:
        for name, messages in error.message_dict.items():
            report.bad += [Problem(passenger.line, name, message) for message in messages]
        return
    except IdempotencyConflict as error:
        report.bad.append(Problem(passenger.line, "document_number", str(error)))
        return
    report.screened += result.crossing.screening != choices.ScreeningResult.NOT_SCREENED
    if result.created:
        report.recorded += 1
    else:
        report.already_recorded += 1
    if result.hits:
        report.hits.append(hit_row(passenger, result.hits, result.crossing.pk))


def hit_row(passenger: Passenger, hits: list[Any], crossing: int | None = None) -> dict[str, Any]:
    traveller = passenger.traveller
    return {"line": passenger.line, "name": f"{traveller.family} {traveller.given}".strip(),
            "document_number": traveller.document_number, "crossing": crossing,
            "hits": screening.describe_hits(hits)}


@register_job("borders.paxlst")
def import_paxlst_job(progress: Progress, *, path: str, point: int | None = None,
                      arrived: bool = False, skip_bad: bool = False,
                      delete_file: bool = False) -> dict[str, Any]:
    """The job: import a passenger list file as the job's user."""
    try:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise PaxlstError(_("The file is not UTF-8 text (byte %(at)s).")
                              % {"at": error.start}) from None
        found = BorderCrossingPoint.objects.filter(pk=point).first() if point else None
        report = import_paxlst(progress.job.user, text, point=found, arrived=arrived,
                               skip_bad=skip_bad, progress=progress)
    finally:
        if delete_file:
            Path(path).unlink(missing_ok=True)
    progress.job.message = summary(report)
    return report.as_dict()


def summary(report: Report) -> str:
    """One line for the job list and the command line."""
    return _("%(rows)s passengers, %(bad)s problems, %(hits)s with watchlist hits, "
             "%(recorded)s entries recorded, %(again)s already recorded") % {
        "rows": report.rows, "bad": len(report.bad), "hits": len(report.hits),
        "recorded": report.recorded, "again": report.already_recorded}
