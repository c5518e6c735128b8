"""Hand-made crossing events for the pipeline tests, and the reference arithmetic.

``crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-03-30", …)`` makes an event table
(person, country, movement, day, optional time); :func:`reference_assessments` assesses
every stay on its last day with :mod:`crossroads.borders.stays` after pairing the same
events with ``borders.stay_rules.services.pair_crossings`` (what the officer's screen
uses), so the pipelines can be checked against it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any

import pyarrow as pa

from crossroads.analytics.schema import EVENT_SCHEMA, RULE_SCHEMA
from crossroads.borders import stays
from crossroads.borders.stay_rules.services import pair_crossings

NATIONALITY = {"RUS": "UZB", "KAZ": "UZB", "ROU": "MDA", "TUR": "GEO"}


def crossings(*lines: str, nationality: str | None = None, sex: str = "M",
              birth_year: int | None = 1990, permit: str | None = "none",
              valid_until: date | None = None) -> pa.Table:
    """Events from lines "PERSON COUNTRY MOVEMENT YYYY-MM-DD [HH:MM]"."""
    rows = []
    for number, line in enumerate(lines, start=1):
        person, country, movement, day, *clock = line.split()
        moment = datetime.combine(date.fromisoformat(day),
                                  time.fromisoformat(clock[0]) if clock else time(12, 0))
        rows.append({"event_id": number, "person_id": int(person), "crossed_at": moment,
                     "movement": movement, "point": f"{country}-1", "country": country,
                     "nationality": nationality or NATIONALITY.get(country, "UZB"), "sex": sex,
                     "birth_year": birth_year, "permit_kind": permit,
                     "permit_valid_until": valid_until})
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def rules(*rows: tuple[Any, ...]) -> pa.Table:
    """Stay rules from (rule_id, country, nationality, permit, kind, days, window) rows."""
    return pa.Table.from_pylist([dict(zip(RULE_SCHEMA.names, row, strict=True)) for row in rows],
                                schema=RULE_SCHEMA)


ROLLING_90_180 = (1, "RUS", None, None, "rolling", 90, 180)


def histories(events: pa.Table, as_of: date) -> dict[tuple[int, str], Any]:
    """Each person's stays per country, paired as the border screen pairs them."""
    grouped: dict[tuple[int, str], list[SimpleNamespace]] = defaultdict(list)
    for row in sorted(events.to_pylist(), key=lambda r: (r["crossed_at"], r["event_id"])):
        if row["movement"] in ("entry", "exit") and row["crossed_at"].date() <= as_of:
            aware = row | {"crossed_at": row["crossed_at"].replace(tzinfo=UTC)}
            grouped[(row["person_id"], row["country"])].append(SimpleNamespace(**aware))
    # Plain records stand in for crossings: pairing reads only the movement and the time.
    return {key: pair_crossings(items) for key, items in grouped.items()}  # type: ignore[arg-type]


def reference_assessments(events: pa.Table, rule: stays.Rule,
                          as_of: date) -> dict[tuple[int, str, date], tuple[Any, int]]:
    """(person, country, entry) -> (days used, overstay days) on each stay's last day."""
    found = {}
    for (person, country), history in histories(events, as_of).items():
        for stay in history.stays:
            last = stay.exit or as_of
            past = [s for s in history.stays if s.entry <= last]
            result = stays.assess(past, rule, last)
            found[(person, country, stay.entry)] = (result.days_used, result.overstay_days)
    return found


def pipeline_assessments(table: pa.Table) -> dict[tuple[int, str, date], tuple[Any, int]]:
    return {(r["person_id"], r["country"], r["entry"]): (r["days_used"], r["overstay_days"])
            for r in table.to_pylist()}
