"""Deciding alerts, and importing watchlist entries from CSV.

:func:`decide` moves an alert along its workflow (open → confirmed, dismissed or
escalated; escalated → confirmed or dismissed), refusing a move the workflow does not
allow and a dismissal or escalation without a note. Who may decide which alert is a
permission question answered by ``Alert.objects.restrict(user, "change")``, not here.

:func:`import_entries` reads a CSV file into a list, all or nothing: every row is
checked first and every bad row reported with its line number; nothing is written
unless every row is good.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.watchlists.choices import NOTE_REQUIRED, TRANSITIONS, AlertStatus, EntryAction
from crossroads.watchlists.models import Alert, Watchlist, WatchlistEntry


def check_decision(alert: Alert, status: str, note: str) -> None:
    """Raise ValidationError (naming the field) if ``status`` may not follow now."""
    if status not in AlertStatus.values:
        raise ValidationError({"status": _("Unknown decision %(status)r.") % {"status": status}})
    if status not in TRANSITIONS[alert.status]:
        raise ValidationError({"status": _(
            "An alert that is %(current)s cannot become %(wanted)s.") % {
            "current": AlertStatus(alert.status).label, "wanted": AlertStatus(status).label}})
    if status in NOTE_REQUIRED and not note.strip():
        raise ValidationError({"note": _("Say why: a note is required to dismiss or "
                                         "escalate an alert.")})


@transaction.atomic
def decide(alert: Alert, user: Any, status: str, note: str = "") -> Alert:
    """Record a decision on an alert (the row is locked so two officers cannot both
    decide it)."""
    current = Alert.objects.select_for_update().get(pk=alert.pk)
    check_decision(current, status, note or "")
    current.status = status
    current.note = (note or "").strip()
    current.decided_by = user
    current.decided_at = timezone.now()
    current.save(update_fields=["status", "note", "decided_by", "decided_at"])
    return current


#: Columns of an entry import; only ``action`` and a name or document are required.
COLUMNS = ("family", "given", "patronymic", "aliases", "language", "birth_year",
           "birth_month", "birth_day", "sex", "nationality", "document_number",
           "document_state", "action", "reference", "valid_until")


@dataclass
class ImportReport:
    """What an import did: the rows written, or every bad row and why."""

    written: int = 0
    ids: list[int] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_entries(watchlist: Watchlist, text: str) -> ImportReport:
    """Add the entries of a CSV text (header row; names in any script) to a list."""
    report = ImportReport()
    try:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        rows = list(reader)
    except csv.Error as error:
        report.problems.append((0, _("The file is not readable CSV: %(error)s") % {
            "error": error}))
        return report
    unknown = sorted(set(reader.fieldnames or ()) - set(COLUMNS))
    if not reader.fieldnames or unknown:
        report.problems.append((1, _("Unknown columns: %(columns)s (expected: %(expected)s).")
                                % {"columns": ", ".join(unknown) or "–",
                                   "expected": ", ".join(COLUMNS)}))
        return report
    entries = []
    for line, row in enumerate(rows, start=2):
        entry, problem = entry_of(watchlist, row)
        if problem:
            report.problems.append((line, problem))
        elif entry is not None:
            entries.append(entry)
    if report.problems:
        return report
    with transaction.atomic():
        for entry in entries:
            entry.save()
    report.ids = [e.pk for e in entries]
    report.written = len(entries)
    return report


def entry_of(watchlist: Watchlist, row: dict[str, Any]) -> tuple[WatchlistEntry | None, str]:
    """An unsaved entry from a CSV row, or the problems of the row as one message."""
    values = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
    values["aliases"] = values.get("aliases", "").replace(";", "\n")
    values["action"] = values.get("action") or EntryAction.REFUSE_ENTRY
    values["sex"] = (values.get("sex") or "U").upper()
    numbers: dict[str, int | None] = {}
    problems = []
    for name in ("birth_year", "birth_month", "birth_day"):
        raw = values.pop(name, "")
        try:
            numbers[name] = int(raw) if raw else None
        except ValueError:
            problems.append(_("%(field)s: %(value)r is not a number") % {"field": name,
                                                                          "value": raw})
    valid_until = values.pop("valid_until", "")
    entry = WatchlistEntry(watchlist=watchlist, **values, **numbers)
    if valid_until:
        try:
            entry.valid_until = date.fromisoformat(valid_until)
        except ValueError:
            problems.append(_("valid_until: %(value)r is not a date (YYYY-MM-DD)") % {
                "value": valid_until})
    try:
        entry.full_clean(exclude=["watchlist"])
    except ValidationError as error:
        problems += [f"{name}: {' '.join(messages)}"
                     for name, messages in error.message_dict.items()]
    return (None, "; ".join(problems)) if problems else (entry, "")
