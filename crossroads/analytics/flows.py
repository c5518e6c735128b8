"""Border flows: the pipelines over crossing events, run on any backend.

:func:`run_flows` computes, in one run on one engine:

1. monthly entries and exits by country, nationality, crossing point, sex and age
   group (``flows``), and net flows per month (``net_flows``);
2. stays, each entry paired with the next exit (``stay_lengths``: binned lengths, open
   stays counted up to the as-of date; ``unpaired``: exits without entry and entries
   without exit);
3. every stay assessed under the most specific stay rule (``overstays``, per country,
   nationality and kind of rule; ``overstayers``, one row per traveller and country).

The SQL is in :mod:`crossroads.analytics.sql`; the engines in
:mod:`crossroads.analytics.backends`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.utils.translation import gettext as _

from crossroads.analytics import sql
from crossroads.analytics.backends import Backend, backend
from crossroads.analytics.schema import (
    EVENT_SCHEMA,
    RULE_KINDS,
    RULE_SCHEMA,
    InputError,
    check_schema,
    conform,
    empty_rules,
)

PIPELINE = "border-flows"
PIPELINE_VERSION = "1"
#: Results fetched from the engine after every run (aggregates: small).
RESULTS = ("flows", "net_flows", "stay_lengths", "unpaired", "overstays", "overstayers")

Events: TypeAlias = pa.Table | Path | str


@dataclass
class FlowResult:
    """What one run computed, and the provenance the published figures carry."""

    engine: str
    as_of: date
    first_day: date | None
    last_day: date | None
    events: int
    source: Events = field(repr=False)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @cached_property
    def checksum(self) -> str:
        """SHA-256 of the input (computed when first asked: publishing needs it)."""
        return input_checksum(self.source)

    @property
    def input_name(self) -> str:
        return input_name(self.source)

    def describe(self) -> str:
        """One line for a release's notes: pipeline, engine, input and its time range."""
        return (f"{PIPELINE} v{PIPELINE_VERSION} on {self.engine}; {self.events} crossings "
                f"from {self.input_name} (sha256 {self.checksum}), {self.first_day} to "
                f"{self.last_day}, stays assessed as of {self.as_of}")


def run_flows(events: Events, rules: pa.Table | None = None, *, engine: str | Backend = "duckdb",
              as_of: date | None = None, assessments: bool = False,
              on_step: Callable[[str], None] | None = None) -> FlowResult:
    """Run every border-flow pipeline over ``events`` on ``engine``.

    ``events`` is an Arrow table or a Parquet file (or directory) in the columns of
    :data:`schema.EVENT_SCHEMA`; ``rules`` a table in :data:`schema.RULE_SCHEMA`.
    ``as_of`` (default: the day of the last crossing) ends the period: later crossings
    are left out and open stays are counted up to it. ``assessments=True`` also
    fetches every stay with its assessment (large: for lists and tests).
    """
    runner = backend(engine) if isinstance(engine, str) else engine
    owned = isinstance(engine, str)
    try:
        return _run(runner, events, rules, as_of, assessments, on_step or (lambda _step: None))
    finally:
        if owned:
            runner.close()


def _run(runner: Backend, events: Events, rules: pa.Table | None, as_of: date | None,
         assessments: bool, on_step: Callable[[str], None]) -> FlowResult:
    checked_rules = check_rules(rules if rules is not None else empty_rules())
    register_events(runner, events)
    runner.register("stay_rules", checked_rules)
    span = runner.fetch("SELECT COUNT(*) AS n, CAST(MIN(crossed_at) AS DATE) AS first, "
                        "CAST(MAX(crossed_at) AS DATE) AS last FROM events").to_pylist()[0]
    last_day = span["last"]
    as_of = as_of or last_day or date.today()
    runner.register("pipeline_params", params(as_of))
    result = FlowResult(runner.name, as_of, span["first"], last_day, span["n"], events)
    # After a step, the intermediate tables no later step reads are dropped: at 10^8
    # events the crossings paired in time order alone take gigabytes.
    done_with = {"unpaired": "paired", "assessed": "stays"}
    steps: list[tuple[str, str, bool]] = [
        ("flows", sql.FLOWS, True), ("net_flows", sql.NET_FLOWS, False),
        ("paired", sql.PAIRED, True), ("stays", sql.STAYS, True),
        ("unpaired", sql.UNPAIRED, False), ("stay_lengths", sql.STAY_LENGTHS, False),
        ("assessed", sql.ASSESSED, True),
        ("overstays", sql.OVERSTAYS, False), ("overstayers", sql.OVERSTAYERS, False),
    ]
    for name, query, keep in steps:
        on_step(name)
        start = time.perf_counter()
        if keep:
            runner.materialise(name, query)
        if name in RESULTS:
            # ``name`` is one of the step names above, checked again by the backend.
            table = f"SELECT * FROM {name}"  # noqa: S608
            result.tables[name] = runner.fetch(table if keep else query)
        if name in done_with:
            runner.drop(done_with[name])
        result.seconds[name] = time.perf_counter() - start
    if assessments:
        result.tables["assessments"] = runner.fetch(sql.ASSESSMENTS)
    return result


def register_events(runner: Backend, events: Events) -> None:
    """Check the events' columns, then make them readable as ``events``."""
    if isinstance(events, pa.Table):
        check_schema(events.schema, EVENT_SCHEMA, "events")
        runner.register("events", conform(events, EVENT_SCHEMA))
        return
    path = Path(events)
    if not path.exists():
        raise InputError(_("No events file at %(path)s.") % {"path": path})
    check_schema(parquet_schema(path), EVENT_SCHEMA, "events")
    runner.register("events", path)


def parquet_schema(path: Path) -> pa.Schema:
    first = path if path.is_file() else next(iter(sorted(path.glob("*.parquet"))), None)
    if first is None:
        raise InputError(_("No Parquet files in %(path)s.") % {"path": path})
    try:
        return pq.read_schema(first)
    except (OSError, pa.ArrowInvalid) as error:
        raise InputError(_("%(path)s is not a Parquet file: %(error)s")
                         % {"path": first, "error": error}) from None


def check_rules(rules: pa.Table) -> pa.Table:
    """The stay rules, refused with the rule named if one cannot be applied."""
    check_schema(rules.schema, RULE_SCHEMA, "stay rules")
    rules = conform(rules, RULE_SCHEMA)
    for row in rules.to_pylist():
        problem = rule_problem(row)
        if problem:
            raise InputError(_("Stay rule %(rule)s (%(country)s): %(problem)s")
                             % {"rule": row["rule_id"], "country": row["country"],
                                "problem": problem})
    return rules


def rule_problem(row: dict[str, Any]) -> str | None:
    """Why a stay rule cannot be applied (the checks of ``stays.Rule.problem``)."""
    kind, days, window = row["kind"], row["days"] or 0, row["window"] or 0
    if kind not in RULE_KINDS:
        return _("unknown kind of rule %(kind)r.") % {"kind": kind}
    if row["rule_id"] is None or not row["country"]:
        return _("a rule needs an id and a country.")
    if kind in ("rolling", "per_entry") and days <= 0:
        return _("this rule needs a number of days greater than zero.")
    if kind == "rolling" and window < days:
        return _("the period of a rolling rule must be at least its number of days.")
    return None


def params(as_of: date) -> pa.Table:
    return pa.table({"as_of": pa.array([as_of], pa.date32()),
                     "as_of_day": pa.array([(as_of - date(1970, 1, 1)).days], pa.int64())})


def input_name(events: Events) -> str:
    return Path(events).name if not isinstance(events, pa.Table) else "crossings"


def input_checksum(events: Events) -> str:
    """SHA-256 of the input: of the Parquet file(s), or of the table's Arrow IPC bytes."""
    digest = hashlib.sha256()
    if isinstance(events, pa.Table):
        ordered = events.sort_by([("event_id", "ascending")]) if events.num_rows else events
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, ordered.schema) as writer:
            writer.write_table(ordered)
        digest.update(sink.getvalue().to_pybytes())
        return digest.hexdigest()
    path = Path(events)
    for file in ([path] if path.is_file() else sorted(path.glob("*.parquet"))):
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def month_codes(table: pa.Table) -> list[str]:
    """The ``month`` column as period codes (``2024-03``)."""
    return [m.strftime("%Y-%m") for m in table.column("month").to_pylist()]


def total(table: pa.Table, column: str, **where: Any) -> int:
    """Sum of ``column`` over the rows matching ``where`` (for reports and tests)."""
    mask = None
    for name, value in where.items():
        test = pc.equal(table.column(name), value)
        mask = test if mask is None else pc.and_(mask, test)
    selected = table if mask is None else table.filter(mask)
    return int(pc.sum(selected.column(column)).as_py() or 0)
