"""The same pipelines give the same results on DuckDB and on Spark.

Needs the optional ``spark`` extra (pyspark and Java); skipped without it. Run with
``pytest -m spark`` in an environment that has it (e.g. ``/tmp/sparkvenv``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from crossroads.analytics.flows import run_flows
from crossroads.analytics.tests.events import crossings
from crossroads.analytics.traffic import TrafficSpec, default_rules, generate

pytest.importorskip("pyspark")

pytestmark = pytest.mark.spark

EDGES = ("900001 RUS entry 2024-01-01", "900001 RUS exit 2024-03-15",
         "900001 RUS entry 2024-06-01", "900001 RUS exit 2024-07-15",
         "900002 RUS entry 2024-02-28", "900003 RUS exit 2024-02-01",
         "900003 RUS entry 2024-05-05 08:00", "900003 RUS exit 2024-05-05 20:00",
         "900004 RUS entry 2024-01-10", "900004 RUS entry 2024-02-01",
         "900004 RUS exit 2024-02-01 23:00", "900004 RUS entry 2024-02-01 23:30")


def events() -> pa.Table:
    generated = pa.concat_tables(c.events for c in generate(TrafficSpec(events=5000, seed=11)))
    edges = crossings(*EDGES)
    ids = pa.array(range(10**9, 10**9 + edges.num_rows), pa.int64())
    return pa.concat_tables([generated, edges.set_column(0, "event_id", ids)])


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from crossroads.analytics.backends import SparkBackend

    engine = SparkBackend()
    yield engine
    engine.close()


def rows(table: pa.Table) -> list[tuple[Any, ...]]:
    return sorted(tuple(row.values()) for row in table.to_pylist())


def test_duckdb_and_spark_agree(spark: Any) -> None:
    table = events()
    duck = run_flows(table, default_rules(), as_of=date(2024, 12, 31), assessments=True)
    sparked = run_flows(table, default_rules(), engine=spark, as_of=date(2024, 12, 31),
                        assessments=True)
    assert sparked.engine == "spark"
    assert set(duck.tables) == set(sparked.tables)
    for name, expected in duck.tables.items():
        found = sparked.tables[name].select(expected.column_names)
        assert rows(found) == rows(expected), name
    assert duck.tables["overstayers"].num_rows > 0
