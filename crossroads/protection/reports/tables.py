"""Counts as the reader sees them: labelled, ordered, and small cells protected.

Small-cell protection: a count from 1 to ``PROTECTION_SMALL_CELL - 1`` (1–4 by default)
is shown as ``<5`` to a viewer of aggregates only and in every donor export, so that a
handful of persons cannot be singled out. Zero and larger counts are shown as they are.
Whoever may view every counted case (their case worker, their supervisor) sees exact
counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from crossroads.people.choices import Sex
from crossroads.protection import services
from crossroads.protection.choices import (
    AssistanceKind,
    CaseStatus,
    CaseType,
    ReferralStatus,
    Service,
)
from crossroads.protection.reports.counts import UNKNOWN, Counts
from crossroads.reference.models import Country

#: A count as shown: the number, or ``"<5"`` for a protected small count.
Cell = int | str


def small_cell() -> int:
    """The smallest count shown as it is to viewers of aggregates only (5 by default)."""
    return int(settings.PROTECTION_SMALL_CELL)


def protect(count: int, exact: bool) -> Cell:
    """``count`` as a reader may see it: ``"<5"`` for 1–4 unless ``exact``."""
    threshold = small_cell()
    if exact or count == 0 or count >= threshold:
        return count
    return f"<{threshold}"


def protect_all(counts: Any, exact: bool) -> Any:
    """Counts nested in dictionaries, every number protected (for the API)."""
    if isinstance(counts, Mapping):
        return {key: protect_all(value, exact) for key, value in counts.items()}
    if isinstance(counts, int):
        return protect(counts, exact)
    return counts


def labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Codes and their labels in the reader's language."""
    return {code: str(label) for code, label in choices}


def vocabularies() -> dict[str, dict[str, str]]:
    """The labels of each kind of category, in the order tables list them."""
    return {
        "status": labels(CaseStatus.choices), "case_type": labels(CaseType.choices),
        "sex": labels(Sex.choices),
        "age_group": {label: label for *_bounds, label in services.AGE_GROUPS},
        "service": labels(Service.choices), "referral_status": labels(ReferralStatus.choices),
        "kind": labels(AssistanceKind.choices),
        "country": dict(Country.objects.values_list("iso3", "name")),
    }


@dataclass(frozen=True)
class Row:
    """One line of a table: a category and its count(s) as shown (charts draw these too,
    so a protected count never reaches a chart)."""

    key: str
    label: str
    cells: list[Cell]


@dataclass
class Table:
    """A titled table of counts: one column (``Count``) or one per category of a second
    breakdown (sex × age group, service × status)."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)

    @property
    def protected(self) -> bool:
        """Whether some cell is shown as ``<5``."""
        return any(isinstance(cell, str) for row in self.rows for cell in row.cells)


def ordered(keys: Iterable[str], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """Keys with their labels, in the vocabulary's order, then unknown ones, then ``unknown``."""
    present = set(keys)
    known = [(key, str(label)) for key, label in labels.items() if key in present]
    extra = sorted(present - set(labels) - {UNKNOWN})
    rest = [(key, key) for key in extra]
    if UNKNOWN in present:
        rest.append((UNKNOWN, _("Not recorded")))
    return known + rest


def one_way(key: str, title: str, counts: Counts, labels: Mapping[str, str],
            exact: bool) -> Table:
    """A table of one breakdown, e.g. cases by status."""
    table = Table(key, title, [("count", _("Count"))])
    for category, label in ordered(counts, labels):
        table.rows.append(Row(category, label, [protect(counts[category], exact)]))
    return table


def two_way(key: str, title: str, counts: Mapping[str, Counts], labels: Mapping[str, str],
            column_labels: Mapping[str, str], exact: bool) -> Table:
    """A table of two breakdowns, e.g. persons by sex (rows) and age group (columns)."""
    column_keys = {column for row in counts.values() for column in row}
    columns = ordered(column_keys, column_labels)
    table = Table(key, title, columns)
    for category, label in ordered(counts, labels):
        cells = [protect(counts[category].get(column, 0), exact) for column, _l in columns]
        table.rows.append(Row(category, label, cells))
    return table


def caseload_tables(counts: Mapping[str, Any], exact: bool) -> dict[str, Table]:
    """The tables of the caseload dashboard and of the donor export, by key."""
    words = vocabularies()
    tables = [
        one_way("case_type", _("Cases by case type"), counts["case_type"], words["case_type"],
                exact),
        one_way("status", _("Cases by status"), counts["status"], words["status"], exact),
        one_way("country", _("Cases by country of the owning organisation"), counts["country"],
                words["country"], exact),
        one_way("month", _("Cases opened per month"), counts["month"], {}, exact),
        one_way("sex", _("Principals by sex"), counts["sex"], words["sex"], exact),
        one_way("age_group", _("Principals by age group when the case opened"),
                counts["age_group"], words["age_group"], exact),
        two_way("sex_age", _("Principals by sex and age group"), counts["sex_age"],
                words["sex"], words["age_group"], exact),
    ]
    return {table.key: table for table in tables}


def delivery_tables(delivered: Mapping[str, Any], exact: bool) -> dict[str, Table]:
    """The tables of the service-delivery report and of the donor export, by key."""
    words = vocabularies()
    tables = [
        two_way("referrals", _("Referrals made, by service and status"),
                delivered["referrals"], words["service"], words["referral_status"], exact),
        one_way("completed_referrals", _("Referrals completed, by service"),
                delivered["completed_referrals"], words["service"], exact),
        one_way("assistance", _("Reintegration assistance delivered, by kind"),
                delivered["assistance"], words["kind"], exact),
        one_way("persons_by_sex", _("Persons assisted, by sex"), delivered["persons_by_sex"],
                words["sex"], exact),
        one_way("persons_by_age_group", _("Persons assisted, by age group"),
                delivered["persons_by_age_group"], words["age_group"], exact),
        two_way("persons_by_sex_age", _("Persons assisted, by sex and age group"),
                delivered["persons_by_sex_age"], words["sex"], words["age_group"], exact),
    ]
    return {table.key: table for table in tables}
