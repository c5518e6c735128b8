"""A k-anonymous public release of counter-trafficking case data (HTCDS), with its report.

One row per trafficking profile of the cases the data manager may ``release`` whose
person has consent for statistics in force. Released columns:

- quasi-identifiers, generalised as far as k-anonymity needs (``anonymity.release``):
  sex; age at identification (years → 5-year band → 10-year band → under 18 / 18+);
  nationality and country of exploitation (country → sub-region → region); year of
  identification (year → 2-year period → 5-year period); each may end as ``*``;
- attributes, as recorded: trafficking status and the code lists (``;``-joined codes).

Names, identifiers, case references and dates never appear. Every combination of
released quasi-identifier values describes at least ``k`` rows (default
``PROTECTION_RELEASE_K``, 11); rows of smaller groups are suppressed, at most
``PROTECTION_RELEASE_MAX_SUPPRESSION`` of them (5 %). The report says what was done.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.protection import anonymity
from crossroads.protection.choices import ConsentPurpose
from crossroads.protection.consent import consent_in_force
from crossroads.protection.models import CODE_LISTS, TraffickingProfile
from crossroads.protection.trafficking import services
from crossroads.protection.trafficking.records import VictimFacts, facts_of, with_facts
from crossroads.reference.choices import RegionKind
from crossroads.reference.models import Country, Region

QUASI_IDENTIFIERS = ("sex", "age", "nationality", "year", "exploitation_country")
ATTRIBUTES = ("status", *CODE_LISTS)
#: Named so that a mistake (releasing one of them) is refused by ``anonymity.release``.
DIRECTLY_IDENTIFYING = ("reference", "uid", "names", "birth_date")
#: Sub-region and region of a country outside every sub-region of the reference data.
OUTSIDE = "OTHER"


def default_k() -> int:
    """The k of a release when none is asked for (setting ``PROTECTION_RELEASE_K``)."""
    return int(getattr(settings, "PROTECTION_RELEASE_K", anonymity.DEFAULT_K))


def default_max_suppression() -> float:
    """The share of rows a release may suppress (``PROTECTION_RELEASE_MAX_SUPPRESSION``)."""
    return float(getattr(settings, "PROTECTION_RELEASE_MAX_SUPPRESSION", 0.05))


def regions_of_countries() -> dict[str, tuple[str, str]]:
    """``{iso3: (sub-region, region)}`` from the reference data; OTHER outside them."""
    mapping = dict.fromkeys(Country.objects.values_list("iso3", flat=True), (OUTSIDE, OUTSIDE))
    for sub in Region.objects.filter(kind=RegionKind.SUBREGION).select_related("parent") \
            .prefetch_related("countries"):
        region = sub.parent.code.upper() if sub.parent else sub.code
        for country in sub.countries.all():
            mapping[country.iso3] = (sub.code, region)
    return mapping


def year_ladder() -> anonymity.Hierarchy:
    """Year → 2-year period → 5-year period → ``*``."""
    def period(width: int) -> Any:
        def generalise(year: Any) -> str:
            start = int(year) - int(year) % width
            return f"{start}-{start + width - 1}"
        return generalise

    return anonymity.Hierarchy(((_("2-year period"), period(2)), (_("5-year period"), period(5))))


def hierarchies() -> dict[str, anonymity.Hierarchy]:
    """The generalisation ladder of each quasi-identifier (sex: as recorded or ``*``)."""
    regions = regions_of_countries()
    return {"age": anonymity.age_hierarchy(), "year": year_ladder(),
            "nationality": anonymity.region_hierarchy(regions),
            "exploitation_country": anonymity.region_hierarchy(regions)}


def row_of(victim: VictimFacts) -> dict[str, Any]:
    """A release row: the quasi-identifiers and attributes of one victim, nothing else."""
    return {"sex": victim.sex, "age": victim.age, "nationality": victim.nationality,
            "year": victim.year, "exploitation_country": victim.exploitation_country,
            "status": victim.status,
            **{name: ";".join(codes) for name, codes in victim.codes.items()}}


@dataclass
class TraffickingRelease:
    """A public release file and the report a data manager reads before publishing it."""

    release: anonymity.Release
    in_scope: int
    without_consent: int
    made_at: Any
    made_by: str
    max_suppression: float
    columns: tuple[str, ...] = field(default=(*QUASI_IDENTIFIERS, *ATTRIBUTES))

    def csv(self) -> str:
        """The released rows as CSV (a missing value is an empty cell)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.release.rows:
            writer.writerow(["" if row[c] is None else row[c] for c in self.columns])
        return out.getvalue()

    def report(self) -> dict[str, Any]:
        """What was done to the data: k, levels chosen, rows excluded and suppressed."""
        result = self.release
        return {
            "k": result.k, "max_suppression": self.max_suppression,
            "made_at": self.made_at.isoformat(), "made_by": self.made_by,
            "profiles_in_scope": self.in_scope, "excluded_without_consent": self.without_consent,
            "input_rows": result.total, "released_rows": len(result.rows),
            "suppressed_rows": result.suppressed,
            "quasi_identifiers": {column: {"level": result.levels[column],
                                           "generalised_to": result.level_labels[column]}
                                  for column in result.quasi_identifiers},
            "attributes": list(result.attributes),
            "information_loss": round(result.information_loss, 4),
            "lines": [_("%(n)d profiles excluded: no consent to data sharing for statistics.")
                      % {"n": self.without_consent}, *result.report],
        }

    def report_json(self) -> str:
        return json.dumps(self.report(), ensure_ascii=False, indent=2)

    def report_markdown(self) -> str:
        """The report as Markdown, to publish next to the file."""
        report = self.report()
        title = _("Counter-trafficking public release")
        lines = [f"# {title}", "",
                 f"- k = {report['k']}", f"- {report['made_at']}, {report['made_by']}", ""]
        lines += [f"- {line}" for line in report["lines"]]
        return "\n".join(lines) + "\n"


def check_parameters(k: Any, max_suppression: Any) -> tuple[int, float]:
    """k and the suppression budget, or ValidationError naming the field at fault."""
    errors: dict[str, list[str]] = {}
    try:
        k = int(k)
        if k < 2:
            raise ValueError
    except (TypeError, ValueError):
        errors["k"] = [_("k must be a whole number of at least 2.")]
    try:
        max_suppression = float(max_suppression)
        if not 0 <= max_suppression <= 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["max_suppression"] = [_("The share of rows suppressed must be between 0 and 1.")]
    if errors:
        raise ValidationError(errors)
    return k, max_suppression


def consented(profiles: list[TraffickingProfile]) -> list[TraffickingProfile]:
    """The profiles whose person has consent for statistics in force."""
    return [p for p in profiles
            if consent_in_force(p.case_person, ConsentPurpose.STATISTICS) is not None]


def release_trafficking(user: Any, k: Any = None, max_suppression: Any = None,
                        today: date | None = None) -> TraffickingRelease:
    """Make a k-anonymous release of the trafficking profiles of cases ``user`` may release.

    PermissionDenied without ``release``; ValidationError for a bad k or budget. The
    profiles read into the release are written to the audit log as exported."""
    k, budget = check_parameters(default_k() if k in (None, "") else k,
                                 default_max_suppression() if max_suppression in (None, "")
                                 else max_suppression)
    profiles = list(with_facts(services.releasable_profiles(user)))
    kept = consented(profiles)
    result = anonymity.release([row_of(facts_of(p)) for p in kept], QUASI_IDENTIFIERS,
                               hierarchies(), k, budget, attributes=ATTRIBUTES,
                               direct_identifiers=DIRECTLY_IDENTIFYING)
    with services.on_behalf_of(user):
        audit_access(TraffickingProfile, kept, AuditEvent.Action.EXPORT)
    return TraffickingRelease(result, len(profiles), len(profiles) - len(kept),
                              timezone.now(), user.get_username(), budget)


def describe_levels(report: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(column, level chosen) pairs for the page."""
    return [(column, chosen["generalised_to"])
            for column, chosen in report["quasi_identifiers"].items()]
