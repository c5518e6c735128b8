"""Publish yearly counts of victims of trafficking into the evidence base.

Identified and presumed victims are counted separately (``VOT_IDENTIFIED``,
``VOT_PRESUMED``), and both together per type of exploitation (``VOT_SEXUAL_EXPLOITATION``
…, one indicator per type because observations have no exploitation dimension), by
country of exploitation (the area), year of identification, sex and nationality (the
origin), with every total. The figures go through the importers' writing path (checks,
the all-or-nothing write, ``is_latest``) as a release of the source
``crossroads-trafficking`` whose notes say what was counted, when and by whom. Every
indicator carries a small-cell threshold, so the evidence base's disclosure control
(``evidence.services.disclosure``) withholds small counts from the public.

Only a data manager holding the custom action ``release`` on cases publishes, and only
the cases they may release are counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from crossroads.core.audit import audit_access
from crossroads.core.context import current_actor
from crossroads.core.jobs import Progress, register_job
from crossroads.core.models import AuditEvent
from crossroads.evidence.choices import Producer, SourceKind
from crossroads.evidence.definitions import load_indicators
from crossroads.evidence.importers.base import Figure, ImportReport, ReleaseSpec, SourceSpec
from crossroads.evidence.importers.computed import (
    Cell,
    ComputedPublisher,
    cell_order,
    with_totals,
)
from crossroads.evidence.models import Area, Indicator
from crossroads.protection.choices import TraffickingStatus
from crossroads.protection.models import TraffickingProfile
from crossroads.protection.trafficking import services
from crossroads.protection.trafficking.records import VictimFacts, facts_of, with_facts
from crossroads.reference.loaders.common import NullProgress

INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.yaml"
BY_STATUS: dict[str, str] = {TraffickingStatus.IDENTIFIED: "VOT_IDENTIFIED",
             TraffickingStatus.PRESUMED: "VOT_PRESUMED"}
INPUT_NAME = "trafficking-profiles"

SOURCE = SourceSpec(
    code="crossroads-trafficking", name="Victims of trafficking assisted in Crossroads",
    producer=Producer.CROSSROADS, kind=SourceKind.REGISTER, periodicity="yearly",
    coverage="Identified and presumed victims of trafficking in the protection cases of "
             "the organisations whose data the publisher may release.",
    quality_notes="Counts persons assisted, not all victims. Status as decided by the "
                  "identifying organisation. Small counts are withheld from the public.")


def exploitation_indicators(path: Path = INDICATORS_FILE) -> dict[str, str]:
    """The indicator of each type of exploitation (HTCDS code → indicator code)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {spec["exploitation"]: code for code, spec in (document.get("raw") or {}).items()
            if spec.get("exploitation")}


def load_trafficking_indicators(path: Path = INDICATORS_FILE) -> int:
    """The trafficking indicators and their small-cell thresholds, all or nothing."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    with transaction.atomic():
        count = load_indicators(path)
        for code, spec in (document.get("raw") or {}).items():
            Indicator.objects.filter(code=code).update(
                suppression_threshold=spec.get("suppression_threshold"))
    return count


@dataclass
class Counted:
    """The figures of a publication and what they were computed from."""

    figures: list[Figure]
    cases: int
    victims: int
    by_status: dict[str, int]
    without_country: int
    years: tuple[int, ...]

    @property
    def checksum(self) -> str:
        """A digest of the figures: publishing the same figures again writes nothing."""
        rows = [(f.indicator, f.area, f.period, f.sex, f.origin or "", f.value)
                for f in self.figures]
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()

    def describe(self, user: Any, when: Any) -> str:
        """The provenance written into the release: what, when, by whom, from how many."""
        years = f"{self.years[0]}–{self.years[-1]}" if self.years else "none"
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(self.by_status.items()))
        return (f"Published by {user} at {when:%Y-%m-%d %H:%M %Z} from the trafficking "
                f"profiles of {self.cases} cases the publisher may release: {self.victims} "
                f"victims counted ({statuses}); years {years}; {self.without_country} "
                f"victims without a country of exploitation not counted. "
                f"Figures checksum {self.checksum}.")


def count_victims(facts: Iterable[VictimFacts], cases: int, areas: set[str]) -> Counted:
    """Figures per indicator, country of exploitation, year, nationality and sex, with totals.

    Only identified and presumed victims count. A nationality the evidence base has no
    area for, and the sexes X and U, count in the totals only; a victim whose country
    of exploitation is unknown (or not an area) is not counted, and said so."""
    by_type = exploitation_indicators()
    cells: dict[Cell, int] = defaultdict(int)
    statuses: Counter[str] = Counter()
    without, years = 0, set()
    for victim in facts:
        if victim.status not in BY_STATUS:
            continue
        if victim.exploitation_country not in areas:
            without += 1
            continue
        statuses[victim.status] += 1
        years.add(victim.year)
        indicators = [BY_STATUS[victim.status]]
        indicators += [by_type[code] for code in victim.codes["exploitation"] if code in by_type]
        origin = victim.nationality if victim.nationality in areas else None
        for indicator in indicators:
            for cell in with_totals(indicator, str(victim.exploitation_country),
                                   str(victim.year), origin, victim.sex):
                cells[cell] += 1
    figures = [Figure(indicator=indicator, area=area, period=period, value=float(value),
                      sex=sex, origin=origin)
               for (indicator, area, period, origin, sex), value
               in sorted(cells.items(), key=lambda item: cell_order(item[0]))]
    return Counted(figures, cases, sum(statuses.values()), dict(statuses), without,
                   tuple(sorted(years)))


class TraffickingPublisher(ComputedPublisher):
    """The importer framework, fed by the counted case data instead of files."""

    name = "protection.trafficking"
    description = "Yearly counts of victims of trafficking from protection case data."
    source = SOURCE
    release = ReleaseSpec(code="trafficking", title="", vintage="", published=date(1970, 1, 1))

    def __init__(self, counted: Counted) -> None:
        super().__init__()
        self.counted = counted

    @classmethod
    def for_counted(cls, counted: Counted, user: Any) -> TraffickingPublisher:
        """A publisher whose release names what was counted, when and by whom."""
        now = timezone.localtime()
        years = counted.years
        span = f"{years[0]}–{years[-1]}" if years else "-"
        return cls.with_release(ReleaseSpec(
            code=f"trafficking-{counted.checksum[:16]}",
            title=f"Victims of trafficking {span} ({counted.cases} cases)",
            vintage=f"as of {now:%Y-%m-%d}", published=now.date(),
            notes=counted.describe(user, now)), counted)

    def publish(self, progress: Progress | NullProgress) -> ImportReport:
        """Check every figure, then replace the release's observations, in one transaction."""
        counted = self.counted
        return self.write_figures(counted.figures, INPUT_NAME, counted.checksum, size=0,
                                  rows=counted.victims, progress=progress)


def publish_trafficking(user: Any, progress: Progress | None = None) -> dict[str, Any]:
    """Count the victims in the cases ``user`` may release and publish them as observations.

    PermissionDenied without ``release``; ImportFailed (nothing written) if a figure
    cannot be stored. The profiles counted are written to the audit log as exported."""
    profiles = list(with_facts(services.releasable_profiles(user)))
    load_trafficking_indicators()
    areas = set(Area.objects.values_list("code", flat=True))
    counted = count_victims((facts_of(p) for p in profiles),
                            len({p.case_id for p in profiles}), areas)
    report = TraffickingPublisher.for_counted(counted, user).publish(progress or NullProgress())
    with services.on_behalf_of(user):
        audit_access(TraffickingProfile, profiles, AuditEvent.Action.EXPORT)
    return {**report.as_dict(), "cases": counted.cases, "victims": counted.victims,
            "by_status": counted.by_status, "without_country": counted.without_country}


@register_job("protection.trafficking_statistics")
def publish_trafficking_job(progress: Progress) -> dict[str, Any]:
    """Publish the counter-trafficking statistics as the user who started the job."""
    return publish_trafficking(current_actor().authenticated_user, progress)
