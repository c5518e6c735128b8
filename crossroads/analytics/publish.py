"""Publish border flows into the evidence base: observations with provenance.

Monthly entries and exits per country (the area), by nationality (the origin) and sex,
with their totals, are written through the importers' writing path (checks, the
all-or-nothing write, ``is_latest``) as a release of the source
``crossroads-border-flows`` that names the run: pipeline, engine, the input's checksum
and time range. The indicators carry a small-cell threshold, so the evidence base's
disclosure control (``evidence.services.disclosure``) withholds small counts, and the
cells that would reveal them, from everyone without access to the crossings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pyarrow as pa
import yaml
from django.db import transaction

from crossroads.analytics.flows import FlowResult, month_codes
from crossroads.evidence.choices import Producer, SourceKind
from crossroads.evidence.definitions import load_indicators
from crossroads.evidence.importers.base import (
    Figure,
    ImportFailed,
    ImportReport,
    ReleaseSpec,
    SourceSpec,
)
from crossroads.evidence.importers.computed import (
    Cell,
    ComputedPublisher,
    cell_order,
    with_totals,
)
from crossroads.evidence.models import Area, Indicator
from crossroads.reference.loaders.common import NullProgress, Progress

INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.yaml"
INDICATORS = {"entry": "BORDER_ENTRIES", "exit": "BORDER_EXITS"}

SOURCE = SourceSpec(
    code="crossroads-border-flows", name="Border crossings recorded in Crossroads",
    producer=Producer.CROSSROADS, kind=SourceKind.BORDER, periodicity="monthly",
    coverage="Entries and exits recorded at the crossing points managed in Crossroads.",
    quality_notes="Counts crossings, not persons. Nationality as read from the travel "
                  "document at the border. Small counts are withheld from the public.")


def load_flow_indicators(path: Path = INDICATORS_FILE) -> int:
    """The border-flow indicators and their small-cell thresholds, all or nothing."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    with transaction.atomic():
        count = load_indicators(path)
        for code, spec in (document.get("raw") or {}).items():
            Indicator.objects.filter(code=code).update(
                suppression_threshold=spec.get("suppression_threshold"))
    return count


class FlowPublisher(ComputedPublisher):
    """The importer framework, fed by a pipeline run instead of files."""

    name = "analytics.border_flows"
    description = "Monthly entries and exits computed from recorded crossings."
    source = SOURCE
    release = ReleaseSpec(code="border-flows", title="", vintage="", published=date(1970, 1, 1))

    def __init__(self, result: FlowResult) -> None:
        super().__init__()
        self.result = result

    @classmethod
    def for_run(cls, result: FlowResult) -> FlowPublisher:
        """A publisher whose release names ``result``'s run."""
        return cls.with_release(ReleaseSpec(
            code=f"border-flows-{result.checksum[:16]}",
            title=f"Border flows {result.first_day} to {result.last_day} ({result.engine})",
            vintage=f"as of {result.as_of}", published=result.as_of, notes=result.describe()),
            result)

    def publish(self, figures: list[Figure], progress: Progress) -> ImportReport:
        """Check every figure, then replace the release's observations, in one transaction."""
        result = self.result
        return self.write_figures(figures, result.input_name, result.checksum,
                                  size=input_size(result), progress=progress)


def input_size(result: FlowResult) -> int:
    source = result.source
    if isinstance(source, pa.Table):
        return int(source.nbytes)
    path = Path(source)
    return sum(p.stat().st_size for p in ([path] if path.is_file() else path.glob("*.parquet")))


def publish_flows(result: FlowResult, progress: Progress | None = None) -> ImportReport:
    """Write monthly entries and exits by nationality and sex as observations.

    Raises :class:`ImportFailed` (nothing written) if a figure cannot be stored, e.g.
    a country unknown to the evidence base.
    """
    load_flow_indicators()
    figures = flow_figures(result.tables["flows"], known_areas())
    return FlowPublisher.for_run(result).publish(figures, progress or NullProgress())


def known_areas() -> set[str]:
    return set(Area.objects.values_list("code", flat=True))


def flow_figures(flows: pa.Table, areas: set[str]) -> list[Figure]:
    """Counts per indicator, country, month, nationality and sex, with every total.

    A nationality the evidence base has no area for (a special ICAO code such as XXA)
    and the sexes X and U count in the totals only.
    """
    cells: dict[Cell, int] = defaultdict(int)
    grouped = flows.group_by(["movement", "country", "month", "nationality", "sex"]) \
        .aggregate([("crossings", "sum")])
    months = month_codes(grouped)
    for row, month in zip(grouped.to_pylist(), months, strict=True):
        indicator = INDICATORS.get(row["movement"])
        if indicator is None:
            continue
        origin = row["nationality"] if row["nationality"] in areas else None
        for cell in with_totals(indicator, row["country"], month, origin, row["sex"]):
            cells[cell] += int(row["crossings_sum"])
    return [Figure(indicator=indicator, area=area, period=period, value=float(value), sex=sex,
                   origin=origin)
            for (indicator, area, period, origin, sex), value
            in sorted(cells.items(), key=lambda item: cell_order(item[0]))]


__all__ = ["FlowPublisher", "ImportFailed", "load_flow_indicators", "publish_flows"]
