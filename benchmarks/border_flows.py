"""Benchmark: border flows, stays and 90/180 overstays over 10^7 (or 10^8) crossing events.

Run from the repository root:

    .venv/bin/python benchmarks/border_flows.py [--events 10000000] [--cores 2]
        [--memory-limit 10GB] [--dir DIR] [--keep] [--systems crossroads,duckdb,selfjoin,pandas]

The synthetic traffic generator writes ``--events`` crossing events to Parquet (in
``--dir``, a temporary directory by default). Then each system runs in its own process
(so that its peak memory is its own), over the same file, on ``--cores`` CPUs, ``--runs``
times (the median is reported):

* **crossroads**: the analytics pipelines (``crossroads.analytics.flows.run_flows``) on
  the DuckDB backend, every stay under a 90/180 rule (one rolling rule per country);
* **duckdb**: the same aggregations as hand-written DuckDB SQL (flows; stays paired
  with window functions, touching stays joined, lengths binned, unpaired crossings);
* **selfjoin**: the straightforward 90/180 in DuckDB: each stay joined with every stay
  of the same person and country that overlaps its 180-day window (the peer of the
  "no quadratic self-join" target), over the hand-written stays;
* **pandas**: the same flows and stays, and 90/180 with ``merge_asof`` (skipped above
  2·10^7 events unless named in ``--systems``: it holds every event in memory).

Targets (issue 6): flows and stays within 1.2× of hand-written DuckDB; 90/180 at least
2× faster than the self-join; peak memory under 12 GB at 10^8 events. The overstays
found are compared across systems (the count of stays over 90 days in 180).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, machine, peak_memory_mib, pin_cores

SYSTEMS = ("crossroads", "duckdb", "selfjoin", "pandas")
PANDAS_LIMIT = 20_000_000
COUNTRIES = ("RUS", "KAZ", "TUR", "SRB", "MKD", "BIH", "MNE", "ROU")
TARGET_RATIO = 1.2
TARGET_SPEEDUP = 2.0
TARGET_MEMORY_GIB = 12.0
TIMED = ("flows", "stays", "rolling", "total", "load")

AGE = """CASE WHEN year(crossed_at) - birth_year IS NULL OR year(crossed_at) - birth_year < 0
     THEN '_U' WHEN year(crossed_at) - birth_year <= 14 THEN 'Y0T14'
     WHEN year(crossed_at) - birth_year <= 24 THEN 'Y15T24'
     WHEN year(crossed_at) - birth_year <= 44 THEN 'Y25T44'
     WHEN year(crossed_at) - birth_year <= 64 THEN 'Y45T64' ELSE 'Y_GE65' END"""

HAND_FLOWS = f"""
CREATE TEMP TABLE h_flows AS
SELECT CAST(date_trunc('month', crossed_at) AS DATE) AS month, country, nationality, point,
       sex, {AGE} AS age_group, movement, count(*) AS crossings
FROM ev WHERE movement IN ('entry', 'exit') GROUP BY ALL;
CREATE TEMP TABLE h_net AS
SELECT month, country, nationality, sum(crossings) FILTER (WHERE movement = 'entry') AS entries,
       sum(crossings) FILTER (WHERE movement = 'exit') AS exits,
       sum(CASE WHEN movement = 'entry' THEN crossings ELSE -crossings END) AS net
FROM h_flows GROUP BY ALL;
"""  # noqa: S608  (AGE is a constant)

HAND_STAYS = """
CREATE TEMP TABLE h_paired AS
SELECT person_id, country, event_id, crossed_at, movement = 'entry' AS is_entry,
       CAST(crossed_at AS DATE) AS day, nationality,
       lead(movement = 'entry') OVER w AS next_is_entry, lead(CAST(crossed_at AS DATE)) OVER w
       AS next_day, lag(movement = 'entry') OVER w AS previous_is_entry
FROM ev WHERE movement IN ('entry', 'exit')
WINDOW w AS (PARTITION BY person_id, country ORDER BY crossed_at, event_id);
CREATE TEMP TABLE h_stays AS
WITH raw AS (
    SELECT person_id, country, event_id, day AS entry, nationality,
           CASE WHEN next_is_entry THEN day WHEN NOT next_is_entry THEN next_day END AS exit
    FROM h_paired WHERE is_entry
), marked AS (
    SELECT *, CASE WHEN entry <= lag(exit) OVER w THEN 0 ELSE 1 END AS starts
    FROM raw WINDOW w AS (PARTITION BY person_id, country ORDER BY entry, event_id)
), grouped AS (
    SELECT *, sum(starts) OVER (PARTITION BY person_id, country ORDER BY entry, event_id
                                ROWS UNBOUNDED PRECEDING) AS stay_no
    FROM marked
)
SELECT person_id, country, arg_max(nationality, event_id) AS nationality, min(entry) AS entry,
       CASE WHEN count(exit) = count(*) THEN max(exit) END AS exit,
       date_diff('day', min(entry), CASE WHEN count(exit) = count(*) THEN max(exit)
                                         ELSE $as_of END) + 1 AS length
FROM grouped GROUP BY person_id, country, stay_no;
CREATE TEMP TABLE h_unpaired AS
SELECT CAST(date_trunc('month', crossed_at) AS DATE) AS month, country, nationality,
       CASE WHEN is_entry THEN 'entry_without_exit' ELSE 'exit_without_entry' END AS problem,
       count(*) AS crossings
FROM h_paired
WHERE (NOT is_entry AND NOT coalesce(previous_is_entry, false)) OR (is_entry AND next_is_entry)
GROUP BY ALL;
CREATE TEMP TABLE h_lengths AS
SELECT country, nationality, CASE WHEN length <= 1 THEN 'D1' WHEN length <= 7 THEN 'D2T7'
       WHEN length <= 30 THEN 'D8T30' WHEN length <= 90 THEN 'D31T90'
       WHEN length <= 180 THEN 'D91T180' WHEN length <= 365 THEN 'D181T365' ELSE 'D_GE366' END
       AS length_bin, exit IS NULL AS is_open, count(*) AS stays, sum(length) AS days
FROM h_stays GROUP BY ALL;
"""

SELF_JOIN = """
CREATE TEMP TABLE s_used AS
WITH s AS (SELECT person_id, country, nationality, entry, coalesce(exit, $as_of) AS last,
                  exit IS NULL AS is_open FROM h_stays)
SELECT a.person_id, a.country, a.nationality, a.entry, a.last, a.is_open,
       sum(date_diff('day', greatest(b.entry, a.last - 179),
                     least(b.last, a.last)) + 1) AS used
FROM s a JOIN s b ON a.person_id = b.person_id AND a.country = b.country
 AND b.entry <= a.last AND b.last >= a.last - 179
GROUP BY a.person_id, a.country, a.nationality, a.entry, a.last, a.is_open;
CREATE TEMP TABLE s_overstays AS
SELECT country, nationality, count(*) AS stays, count(*) FILTER (WHERE used > 90) AS over,
       count(DISTINCT person_id) FILTER (WHERE used > 90) AS persons,
       count(*) FILTER (WHERE used > 90 AND is_open) AS now
FROM s_used GROUP BY ALL;
CREATE TEMP TABLE s_overstayers AS
SELECT person_id, country, arg_max(nationality, last) AS nationality, max(used - 90) AS days,
       max(CASE WHEN is_open THEN used - 90 ELSE 0 END) AS days_now, max(last) AS last_day
FROM s_used WHERE used > 90 GROUP BY person_id, country;
"""


def rolling_rules() -> Any:
    """90 days in any 180, in every destination: every stay is assessed the same way."""
    import pyarrow as pa

    from crossroads.analytics.schema import RULE_SCHEMA

    rows = [{"rule_id": i, "country": c, "nationality": None, "permit_kind": None,
             "kind": "rolling", "days": 90, "window": 180} for i, c in enumerate(COUNTRIES, 1)]
    return pa.Table.from_pylist(rows, schema=RULE_SCHEMA)


def duck(options: argparse.Namespace) -> Any:
    import duckdb

    from crossroads.analytics.backends import configure

    connection = duckdb.connect()
    configure(connection, memory_limit=options.memory_limit, threads=options.cores or None,
              temp_directory=options.dir / "spill")
    return connection


def as_of(path: Path) -> Any:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    times = pq.read_table(path, columns=["crossed_at"]).column("crossed_at")
    return pc.max(times).as_py().date()


def child_crossroads(options: argparse.Namespace) -> dict[str, Any]:
    from crossroads.analytics.backends import DuckDBBackend
    from crossroads.analytics.flows import run_flows, total

    engine = DuckDBBackend(memory_limit=options.memory_limit, threads=options.cores or None,
                           temp_directory=options.dir / "spill")
    start = time.perf_counter()
    result = run_flows(options.input, rolling_rules(), engine=engine)
    elapsed = time.perf_counter() - start
    s = result.seconds
    return {"flows": s["flows"] + s["net_flows"],
            "stays": s["paired"] + s["stays"] + s["unpaired"] + s["stay_lengths"],
            "rolling": s["assessed"] + s["overstays"] + s["overstayers"],
            "total": elapsed, "overstays": total(result.tables["overstays"], "stays_overstayed"),
            "stays_count": total(result.tables["stay_lengths"], "stays")}


def child_duckdb(options: argparse.Namespace, self_join: bool = False) -> dict[str, Any]:
    connection = duck(options)
    day = as_of(options.input)
    connection.read_parquet(str(options.input)).create_view("ev")
    timings: dict[str, Any] = {}
    if not self_join:
        timings["flows"] = run_script(connection, HAND_FLOWS, {})
    timings["stays"] = run_script(connection, HAND_STAYS, {"as_of": day})
    timings["stays_count"] = connection.execute("SELECT count(*) FROM h_stays").fetchone()[0]
    if self_join:
        del timings["stays"]
        timings["rolling"] = run_script(connection, SELF_JOIN, {"as_of": day})
        timings["overstays"] = connection.execute(
            "SELECT count(*) FROM s_used WHERE used > 90").fetchone()[0]
    return timings


def run_script(connection: Any, script: str, parameters: dict[str, Any]) -> float:
    start = time.perf_counter()
    for statement in filter(str.strip, script.split(";")):
        used = {k: v for k, v in parameters.items() if f"${k}" in statement}
        connection.execute(statement, used)
    return time.perf_counter() - start


def child_pandas(options: argparse.Namespace) -> dict[str, Any]:
    import numpy as np
    import pandas as pd
    import pyarrow.parquet as pq

    start = time.perf_counter()
    strings = ["movement", "point", "country", "nationality", "sex"]
    frame = pq.read_table(options.input, read_dictionary=strings).to_pandas()
    loaded = time.perf_counter() - start
    frame = frame[frame["movement"].isin(["entry", "exit"])]
    start = time.perf_counter()
    age = frame["crossed_at"].dt.year - frame["birth_year"].astype("float64")
    bins = pd.cut(age, [-1, 14, 24, 44, 64, 200], labels=["Y0T14", "Y15T24", "Y25T44",
                                                          "Y45T64", "Y_GE65"])
    keys = [frame["crossed_at"].dt.to_period("M"), frame["country"], frame["nationality"],
            frame["point"], frame["sex"], bins.cat.add_categories("_U").fillna("_U"),
            frame["movement"]]
    flows = frame.groupby(keys, observed=True).size()
    flows.groupby(level=[0, 1, 2, 6], observed=True).sum()
    flow_seconds = time.perf_counter() - start
    start = time.perf_counter()
    ordered = frame.sort_values(["person_id", "country", "crossed_at", "event_id"])
    day = ordered["crossed_at"].dt.floor("D").to_numpy().astype("datetime64[D]").astype(np.int64)
    entry = (ordered["movement"] == "entry").to_numpy()
    person = ordered["person_id"].to_numpy()
    country = ordered["country"].cat.codes.to_numpy()
    same_next = np.r_[(person[1:] == person[:-1]) & (country[1:] == country[:-1]), False]
    next_entry = np.r_[entry[1:], False]
    next_day = np.r_[day[1:], 0]
    exit_day = np.where(same_next, np.where(next_entry, day, next_day), -1)
    raw = pd.DataFrame({"person": person[entry], "country": country[entry],
                        "entry": day[entry], "exit": exit_day[entry]})
    previous_exit = raw.groupby(["person", "country"], sort=False)["exit"].shift()
    raw["stay"] = (~((previous_exit >= 0) & (raw["entry"] <= previous_exit))).cumsum()
    last_day = int(day.max())
    stays = raw.groupby("stay", sort=False).agg(person=("person", "first"),
                                                country=("country", "first"),
                                                entry=("entry", "min"), exit=("exit", "min"),
                                                exit_max=("exit", "max"))
    end = np.where(stays["exit"] < 0, last_day, stays["exit_max"])
    stays["last"], stays["length"] = end, end - stays["entry"] + 1
    stays.groupby(["country", pd.cut(stays["length"], [0, 1, 7, 30, 90, 180, 365, 10**6])],
                  observed=True).size()
    stay_seconds = time.perf_counter() - start
    start = time.perf_counter()
    overstays = pandas_rolling(stays, pd)
    rolling_seconds = time.perf_counter() - start
    return {"load": loaded, "flows": flow_seconds, "stays": stay_seconds,
            "rolling": rolling_seconds, "overstays": overstays, "stays_count": len(stays)}


def pandas_rolling(stays: Any, pd: Any) -> int:
    """Days in the 180-day window ending on each stay's last day, with ``merge_asof``."""
    stays = stays.sort_values(["person", "country", "entry"])
    stays["after"] = stays.groupby(["person", "country"], sort=False)["length"].cumsum()
    stays["before"] = stays["after"] - stays["length"]
    queries = stays.assign(at=stays["last"] - 180).sort_values("at")
    table = stays[["person", "country", "entry", "before", "after"]].sort_values("entry")
    found = pd.merge_asof(queries, table.rename(columns={"before": "k_before", "after": "k_after",
                                                         "entry": "k_entry"}),
                          left_on="at", right_on="k_entry", by=["person", "country"],
                          direction="backward")
    upto = (found["k_before"] + found["at"] - found["k_entry"] + 1).clip(upper=found["k_after"])
    used = found["after"] - upto.fillna(0)
    return int((used > 90).sum())


def run_child(system: str, options: argparse.Namespace) -> dict[str, Any]:
    """Run one system in its own process; its timings and its peak memory."""
    command = [sys.executable, __file__, "--child", system, "--input", str(options.input),
               "--dir", str(options.dir), "--cores", str(options.cores),
               "--memory-limit", options.memory_limit]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)  # noqa: S603
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{system} failed")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def child(options: argparse.Namespace) -> None:
    pin_cores(options.cores)
    setup_django()
    runners = {"crossroads": child_crossroads, "duckdb": child_duckdb,
               "selfjoin": lambda o: child_duckdb(o, self_join=True), "pandas": child_pandas}
    figures = runners[options.child](options)
    figures["peak_mib"] = peak_memory_mib()
    print(json.dumps(figures, default=float))


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each timing over ``runs``, the highest peak memory, other figures."""
    figures = {key: statistics.median(run[key] for run in runs) if key in TIMED else value
               for key, value in runs[0].items()}
    figures["peak_mib"] = max(run["peak_mib"] for run in runs)
    return figures


def report(results: dict[str, dict[str, Any]], events: int) -> None:
    """The table of timings and the verdicts against the targets."""
    print(f"\n{'system':<12}{'flows':>10}{'stays':>10}{'90/180':>10}{'peak MiB':>11}"
          f"{'overstays':>11}{'stays':>12}")
    for system, f in results.items():
        cells = [f"{f[k]:9.2f}s" if k in f else f"{'-':>10}" for k in ("flows", "stays",
                                                                      "rolling")]
        print(f"{system:<12}{''.join(cells)}{f['peak_mib']:11.0f}"
              f"{f.get('overstays', '-'):>11}{f.get('stays_count', '-'):>12}")
    if "pandas" in results:
        print(f"(pandas read the Parquet file in {results['pandas']['load']:.1f} s, not counted)")
    ours, hand, join = (results.get(s) for s in ("crossroads", "duckdb", "selfjoin"))
    print()
    if ours and hand:
        for step in ("flows", "stays"):
            ratio = ours[step] / hand[step]
            print(f"{'PASS' if ratio <= TARGET_RATIO else 'MISS'}  {step}: crossroads / "
                  f"hand-written DuckDB = {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    if ours and join:
        speedup = join["rolling"] / ours["rolling"]
        print(f"{'PASS' if speedup >= TARGET_SPEEDUP else 'MISS'}  90/180: self-join / "
              f"crossroads = {speedup:.1f}x faster (target >= {TARGET_SPEEDUP}x); "
              f"overstays found {ours['overstays']} vs {join['overstays']}")
    if ours:
        gib = ours["peak_mib"] / 1024
        scale = f" (target stated at 10^8 events; this run: {events:,})" \
            if events < 100_000_000 else ""
        print(f"{'PASS' if gib < TARGET_MEMORY_GIB else 'MISS'}  peak memory of the pipeline: "
              f"{gib:.2f} GiB (target < {TARGET_MEMORY_GIB} GiB){scale}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="crossing events")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", default="2022-01-01",
                        help="first day of the traffic (a longer period: more repeat crossings)")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--memory-limit", default="10GB", help="DuckDB's memory limit")
    parser.add_argument("--dir", type=Path, default=None, help="where to write the events")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--runs", type=int, default=3, help="runs per system (the median)")
    parser.add_argument("--systems", default=None, help=f"comma-separated: {','.join(SYSTEMS)}")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options)
        return 0
    print("\n".join(machine()))
    print(pin_cores(options.cores))
    options.dir = options.dir or Path(tempfile.mkdtemp(prefix="crossroads-flows-"))
    options.dir.mkdir(parents=True, exist_ok=True)
    setup_django()
    from crossroads.analytics.traffic import TrafficSpec, write_parquet

    start = time.perf_counter()
    from datetime import date

    spec = TrafficSpec(events=options.events, seed=options.seed,
                       start=date.fromisoformat(options.start))
    options.input, _truth, count = write_parquet(spec, options.dir / "traffic.parquet")
    size = options.input.stat().st_size / 2**20
    print(f"generated {count:,} events ({spec.start} to {spec.end}) in "
          f"{time.perf_counter() - start:.1f} s ({size:.0f} MiB of Parquet), "
          f"generator peak memory {peak_memory_mib():.0f} MiB")
    systems = options.systems.split(",") if options.systems else [
        s for s in SYSTEMS if s != "pandas" or count <= PANDAS_LIMIT]
    # Runs are interleaved (each system once, then again…) so that a busy machine slows
    # every system alike; the median of each figure is reported, and the highest peak.
    runs: dict[str, list[dict[str, Any]]] = {system: [] for system in systems}
    for _ in range(options.runs):
        for system in systems:
            runs[system].append(run_child(system, options))
    results = {system: summary(found) for system, found in runs.items()}
    report(results, count)
    if not options.keep:
        shutil.rmtree(options.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
