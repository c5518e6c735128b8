"""Benchmark: query indicators for all areas and years, and render the key-figures page.

Run from the repository root:

    .venv/bin/python benchmarks/evidence_query.py [--var-dir DIR] [--runs 7] [--cores 2]

Without ``--var-dir`` a fresh SQLite database is made and every shipped source
imported (see ``evidence_import.py``; ``--keep`` there leaves a database to reuse
here). Then:

* ``services.query.series(user, CODE)`` for every derived indicator and a few raw
  ones, all areas and years, and for the Crossroads regions (regional aggregates
  with coverage): cold (new database connection and empty cache before each run),
  computed (empty cache) and cached (repeated), the median of ``--runs`` runs;
* the key-figures page rendered by the Django test client: cold (first request on a
  new connection), computed (empty cache) and warm (repeated; the query service's
  cache answers). Target: under 200 ms warm;
* the peer: the same aggregation (migrant stock as a share of the population, per
  area and per region) written by hand in SQL, run by sqlite3 on the same database
  file and by DuckDB on a copy of the tables in memory (DuckDB cannot read the SQLite
  file offline: its sqlite extension is downloaded at run time).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Any

from common import fresh_database, machine, median_time, ms, pin_cores, setup_django, verdict

TARGET_PAGE_SECONDS = 0.200
RAW_SAMPLE = ("POP", "MIG_STOCK", "REFUGEES", "REMIT_IN", "IDP_CONFLICT_STOCK")
PEER_INDICATOR = ("MIG_STOCK_PCT_POP", "MIG_STOCK", "POP", 100.0)

PEER_SQL = """
WITH scale(multiplier, factor) AS (
    VALUES (0, 1.0), (1, 1e1), (2, 1e2), (3, 1e3), (6, 1e6), (9, 1e9)
), priority(indicator_id, source, position) AS (
    VALUES {priority}
), candidates AS (
    SELECT o.indicator_id, o.area_id, o.period, o.value * s.factor AS v, d.code AS source,
           COALESCE(p.position, 99) AS position, o.release_rank
    FROM {observation} o
    JOIN scale s ON s.multiplier = o.unit_multiplier
    JOIN {release} r ON r.id = o.release_id
    JOIN {source} d ON d.id = r.source_id
    LEFT JOIN priority p ON p.indicator_id = o.indicator_id AND p.source = d.code
    WHERE o.indicator_id IN ($num, $den) AND o.is_latest AND o.sex = '_T' AND o.age = '_T'
      AND o.origin_id IS NULL AND o.destination_id IS NULL AND o.value IS NOT NULL
), with_numerator_source AS (
    SELECT *, FIRST_VALUE(source) OVER (
        PARTITION BY area_id, period
        ORDER BY indicator_id <> $num, position, release_rank DESC) AS numerator_source
    FROM candidates
), chosen AS (
    SELECT area_id, period, indicator_id, v, ROW_NUMBER() OVER (
        PARTITION BY area_id, period, indicator_id
        ORDER BY source <> numerator_source, position, release_rank DESC) AS choice
    FROM with_numerator_source
), pairs AS (
    SELECT area_id, period, MAX(CASE WHEN indicator_id = $num THEN v END) AS num,
           MAX(CASE WHEN indicator_id = $den THEN v END) AS den
    FROM chosen WHERE choice = 1
    GROUP BY area_id, period
    HAVING num IS NOT NULL AND den <> 0
), members AS (
    SELECT r.id AS region_area, m.id AS member_area
    FROM {area} r JOIN {region_countries} rc ON rc.region_id = r.region_id
    JOIN {area} m ON m.country_id = rc.country_id
)
SELECT area_id, period, $factor * num / den, 1 FROM pairs
UNION ALL
SELECT m.region_area, p.period, $factor * SUM(p.num) / SUM(p.den), COUNT(*)
FROM pairs p JOIN members m ON m.member_area = p.area_id
GROUP BY m.region_area, p.period
"""


def peer_tables() -> dict[str, str]:
    """The database tables the peer reads, by the name the SQL gives them."""
    from crossroads.evidence.models import Area, DataSource, Observation, Release
    from crossroads.reference.models import Region

    return {"observation": Observation._meta.db_table, "area": Area._meta.db_table,
            "release": Release._meta.db_table, "source": DataSource._meta.db_table,
            "region_countries": Region.countries.through._meta.db_table}


def peer_sql() -> tuple[str, dict[str, Any]]:
    """The hand-written aggregation and its (named) parameters.

    Like the query service, it takes the numerator from the indicator's most preferred
    source that has it (``Indicator.source_priority``), the newest release first, and
    the denominator from the numerator's source when that source has it.
    """
    from crossroads.evidence.models import Indicator

    _, numerator, denominator, factor = PEER_INDICATOR
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[numerator, denominator])}
    params: dict[str, Any] = {"num": indicators[numerator].pk,
                              "den": indicators[denominator].pk, "factor": factor}
    rows: list[str] = []
    for indicator in indicators.values():
        for position, source in enumerate(indicator.source_priority or ()):
            n = len(rows)
            params.update({f"i{n}": indicator.pk, f"s{n}": source, f"p{n}": position})
            rows.append(f"($i{n}, $s{n}, $p{n})")
    if not rows:
        params.update({"i0": 0, "s0": "", "p0": 0})
        rows.append("($i0, $s0, $p0)")
    return PEER_SQL.format(priority=", ".join(rows), **peer_tables()), params


def database_file() -> str:
    from django.db import connection

    return str(connection.settings_dict["NAME"])


def duckdb_peer(runs: int) -> tuple[float, int, float] | None:
    """Median seconds and rows of the aggregation in DuckDB, and the seconds to copy the data."""
    try:
        import duckdb
    except ImportError:
        return None
    import pandas as pd

    sql, params = peer_sql()
    start = time.perf_counter()
    duck = duckdb.connect()
    with sqlite3.connect(database_file()) as db:
        for table in peer_tables().values():
            frame = pd.read_sql(f"SELECT * FROM {table}", db)  # noqa: S608 (our own names)
            duck.register("frame", frame)
            duck.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")  # noqa: S608
            duck.unregister("frame")
    copy = time.perf_counter() - start
    rows = duck.execute(sql, params).fetchall()
    seconds = median_time(lambda: duck.execute(sql, params).fetchall(), runs)
    return seconds, len(rows), copy


def bench_user() -> Any:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="benchmark", defaults={"is_superuser": True, "is_staff": True})
    return user


def cold() -> None:
    """A new database connection and an empty cache."""
    from django.core.cache import cache
    from django.db import connections

    cache.clear()
    connections.close_all()


def bench_series(user: Any, runs: int) -> dict[str, float]:
    """Medians of ``series`` for derived and sample raw indicators; returns computed times."""
    from django.core.cache import cache

    from crossroads.evidence.models import Area, Indicator
    from crossroads.evidence.services.query import series

    derived = list(Indicator.objects.exclude(formula="raw").values_list("code", flat=True))
    regions = list(Area.objects.filter(kind="region").values_list("code", flat=True))
    print(f"\nQuery: series(user, CODE), all years, every area with data ('all') or the "
          f"{len(regions)} regions; median of {runs} runs")
    print("  cold: new database connection and empty cache; computed: empty cache; "
          "cached: repeated")
    print(f"  {'indicator':26} {'kind':8} {'areas':>7} {'values':>6} {'cold':>11} "
          f"{'computed':>11} {'cached':>11}")
    computed = {}
    for code in [*derived, *RAW_SAMPLE]:
        for label, areas in (("all", None), ("regions", regions)):
            def query(code: str = code, areas: list[str] | None = areas) -> list[Any]:
                return series(user, code, areas=areas)
            values = query()
            cold_time = median_time(query, runs, before=cold)
            computed[f"{code}/{label}"] = median_time(query, runs, before=cache.clear)
            query()
            cached_time = median_time(query, runs)
            kind = "raw" if code in RAW_SAMPLE else "derived"
            print(f"  {code:26} {kind:8} {label:>7} {len(values):6} {ms(cold_time)} "
                  f"{ms(computed[f'{code}/{label}'])} {ms(cached_time)}")
    return computed


def key_figures_urls() -> list[str]:
    """The key-figures pages (``crossroads/evidence/pages/keyfigures.py``): region, country."""
    from django.urls import reverse

    import_module("crossroads.evidence.pages.keyfigures")
    return [reverse("evidence:keyfigures"), reverse("evidence:keyfigures_area", args=["MDA"]),
            reverse("evidence:keyfigures_area", args=["UKR"])]


def bench_page(user: Any, runs: int) -> float | None:
    """Cold, computed and warm times of the key-figures pages; returns the slowest warm median."""
    from django.core.cache import cache
    from django.test import Client

    try:
        urls = key_figures_urls()
    except ModuleNotFoundError:
        print("\nKey-figures page: crossroads/evidence/pages/keyfigures.py does not exist yet.")
        return None
    client = Client()
    client.force_login(user)
    print(f"\nKey-figures page (Django test client, logged in; median of {runs} runs)")
    print("  cold: first request on a new connection; computed: empty cache; warm: repeated")
    slowest = 0.0
    for url in urls:
        cold()
        start = time.perf_counter()
        response = client.get(url)
        first = time.perf_counter() - start
        if response.status_code != 200:
            print(f"  {url}: HTTP {response.status_code}")
            continue
        computed = median_time(partial(client.get, url), runs, before=cache.clear)
        client.get(url)
        warm = median_time(partial(client.get, url), runs)
        slowest = max(slowest, warm)
        print(f"  {url:28} {len(response.content) // 1024:4} KiB  cold {ms(first)}  "
              f"computed {ms(computed)}  warm {ms(warm)}")
    return slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, help="reuse the database in this folder")
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (median)")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    args = parser.parse_args()
    print("Crossroads evidence query benchmark")
    print("\n".join(["  " + line for line in machine()]), f"\n  pinned to {pin_cores(args.cores)}")
    if args.var_dir:
        reuse(args.var_dir)
    else:
        prepare()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    from crossroads.evidence.models import Observation

    print(f"  database: {database_file()} ({Observation.objects.count()} observations)")
    user = bench_user()
    computed = bench_series(user, args.runs)
    compare_with_peers(user, computed, args.runs)
    page = bench_page(user, args.runs)
    if page is not None:
        print(f"Target: key-figures page under {TARGET_PAGE_SECONDS * 1000:.0f} ms warm: "
              f"{verdict(page, TARGET_PAGE_SECONDS)} (slowest page {page * 1000:.0f} ms)")
    return 0


def reuse(var_dir: Path) -> None:
    """The database in ``var_dir``, brought up to date with the code's models and definitions."""
    setup_django(var_dir)
    from django.core.management import call_command

    from crossroads.evidence.definitions import load_definitions

    call_command("migrate", verbosity=0, interactive=False)
    load_definitions()


def prepare() -> None:
    """A fresh database with every shipped source imported."""
    var_dir, _ = fresh_database(keep=False)
    from crossroads.evidence.importers.batch import import_all

    start = time.perf_counter()
    import_all()
    print(f"  imported every shipped source in {time.perf_counter() - start:.1f} s "
          f"(into {var_dir})")


def compare_with_peers(user: Any, computed: dict[str, float], runs: int) -> None:
    """The query service against the same aggregation in hand-written SQL."""
    from crossroads.evidence.models import Area
    from crossroads.evidence.services.query import series

    code = PEER_INDICATOR[0]
    ours = computed[f"{code}/all"] + computed[f"{code}/regions"]
    regions = list(Area.objects.filter(kind="region").values_list("code", flat=True))
    figures = {(v.area, v.period): v.value for v in
               [*series(user, code), *series(user, code, areas=regions)] if v.value is not None}
    sql, params = peer_sql()
    with sqlite3.connect(database_file()) as db:
        rows = db.execute(sql, params).fetchall()
        sqlite_seconds = median_time(lambda: db.execute(sql, params).fetchall(), runs)
    print(f"\nPeer: {code} per area and per region, hand-written SQL, median of {runs} runs")
    print(f"  {agreement(figures, rows)}")
    print(f"  Crossroads series (all areas + regions, computed): {ms(ours)}")
    print(f"  sqlite3 on the same database file:                  {ms(sqlite_seconds)}  "
          f"Crossroads/peer {ours / sqlite_seconds:.2f}x")
    duck = duckdb_peer(runs)
    if duck is None:
        print("  DuckDB: not installed (pip install duckdb to compare)")
        return
    seconds, _, copy = duck
    print(f"  DuckDB, tables copied into memory ({copy:.1f} s, not timed): {ms(seconds)}  "
          f"Crossroads/peer {ours / seconds:.2f}x")


def agreement(figures: dict[tuple[str, str], float], rows: list[Any]) -> str:
    """How many of the peer's figures the query service gives too, with the same value."""
    from crossroads.evidence.models import Area

    codes = dict(Area.objects.values_list("pk", "code"))
    regions = set(Area.objects.filter(kind="region").values_list("code", flat=True))
    peer = {(codes[area], period): value for area, period, value, _ in rows}
    differ = [key for key, value in peer.items() if key not in figures
              or abs(figures[key] - value) > 1e-9 * max(1.0, abs(value))]
    regional = sum(1 for area, _ in differ if area in regions)
    return (f"the peer gives {len(peer)} figures, the service {len(figures)}; "
            f"{len(peer) - len(differ)} are in both with the same value, {len(differ)} differ "
            f"({regional} of them regional: the service adds Kosovo's population where the "
            "numerator's source counts Kosovo within Serbia, the peer does not)")


if __name__ == "__main__":
    sys.exit(main())
