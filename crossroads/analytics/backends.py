"""Engine backends: one interface, SQL in one dialect, run on DuckDB or on Spark.

As in Splink, pipelines are SQL strings written once in DuckDB's dialect. A backend
registers input tables, materialises intermediate ones and fetches results as Arrow
tables; the Spark backend transpiles each statement with ``sqlglot`` first. PySpark is
imported only by :class:`SparkBackend` (the optional ``spark`` extra).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pyarrow as pa
import sqlglot

#: Names of registered and intermediate tables: plain identifiers only, never user text.
NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def checked_name(name: str) -> str:
    if not NAME.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return name


@lru_cache(maxsize=256)
def transpile(sql: str, dialect: str) -> str:
    """``sql`` (DuckDB's dialect) in ``dialect``."""
    return ";\n".join(sqlglot.transpile(sql, read="duckdb", write=dialect))


class Backend(ABC):
    """An engine that runs the pipelines' SQL.

    Everything shared (naming, transpiling, logging of statements) lives here; an
    engine implements how to register data, run one statement and fetch a result.
    """

    name: ClassVar[str]
    dialect: ClassVar[str]

    def __init__(self) -> None:
        #: Every statement run, in the engine's dialect (for the run's provenance and
        #: for debugging a pipeline).
        self.statements: list[str] = []

    def sql(self, text: str) -> str:
        """``text`` in this engine's dialect."""
        return text if self.dialect == "duckdb" else transpile(text, self.dialect)

    def materialise(self, name: str, query: str) -> None:
        """Compute ``query`` once and keep it as table ``name`` for later statements."""
        self._materialise(checked_name(name), self._log(self.sql(query)))

    def drop(self, name: str) -> None:
        """Forget intermediate table ``name`` (its memory is needed by later steps)."""
        self._drop(checked_name(name))

    def fetch(self, query: str) -> pa.Table:
        """The result of ``query`` as an Arrow table."""
        return self._fetch(self._log(self.sql(query)))

    def register(self, name: str, data: pa.Table | Path | str) -> None:
        """Make ``data`` (an Arrow table, or a Parquet file or directory) readable as ``name``."""
        if isinstance(data, pa.Table):
            self._register_arrow(checked_name(name), data)
        else:
            self._register_parquet(checked_name(name), Path(data))

    def _log(self, statement: str) -> str:
        self.statements.append(statement)
        return statement

    @abstractmethod
    def _materialise(self, name: str, statement: str) -> None: ...

    @abstractmethod
    def _drop(self, name: str) -> None: ...

    @abstractmethod
    def _fetch(self, statement: str) -> pa.Table: ...

    @abstractmethod
    def _register_arrow(self, name: str, table: pa.Table) -> None: ...

    @abstractmethod
    def _register_parquet(self, name: str, path: Path) -> None: ...

    @abstractmethod
    def close(self) -> None:
        """Release what the backend holds (intermediate tables, connections)."""


class DuckDBBackend(Backend):
    """The embedded default: one in-process DuckDB database (in memory unless ``database``)."""

    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, connection: duckdb.DuckDBPyConnection | None = None, *,
                 memory_limit: str | None = None, threads: int | None = None,
                 temp_directory: str | Path | None = None) -> None:
        super().__init__()
        self.connection = connection or duckdb.connect()
        configure(self.connection, memory_limit=memory_limit, threads=threads,
                  temp_directory=temp_directory)

    def _materialise(self, name: str, statement: str) -> None:
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {statement}")

    def _drop(self, name: str) -> None:
        self.connection.execute(f"DROP TABLE IF EXISTS {name}")

    def _fetch(self, statement: str) -> pa.Table:
        return self.connection.sql(statement).to_arrow_table()

    def _register_arrow(self, name: str, table: pa.Table) -> None:
        self.connection.register(name, table)

    def _register_parquet(self, name: str, path: Path) -> None:
        pattern = str(path / "*.parquet") if path.is_dir() else str(path)
        relation = self.connection.read_parquet(pattern)
        relation.create_view(name, replace=True)

    def close(self) -> None:
        self.connection.close()


def configure(connection: duckdb.DuckDBPyConnection, *, memory_limit: str | None = None,
              threads: int | None = None, temp_directory: str | Path | None = None) -> None:
    """Limit DuckDB's memory (it spills to ``temp_directory`` beyond it) and threads."""
    if memory_limit:
        connection.execute(f"SET memory_limit = '{_size(memory_limit)}'")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    if temp_directory:
        connection.execute("SET temp_directory = $path", {"path": str(temp_directory)})
    # Results are aggregates, sorted by whoever reads them: no need to keep input order.
    connection.execute("SET preserve_insertion_order = false")


class SparkBackend(Backend):
    """Apache Spark: a local session by default, or a cluster's session passed in."""

    name = "spark"
    dialect = "spark"

    def __init__(self, session: Any = None) -> None:
        super().__init__()
        self.session = session or spark_session()
        self._cached: list[str] = []
        self._folder: Any = None

    def _materialise(self, name: str, statement: str) -> None:
        frame = self.session.sql(statement).cache()
        frame.count()  # computed now, as DuckDB's temporary table is
        frame.createOrReplaceTempView(name)
        self._cached.append(name)

    def _drop(self, name: str) -> None:
        if name in self._cached:
            self.session.catalog.dropTempView(name)  # also frees its cached data
            self._cached.remove(name)

    def _fetch(self, statement: str) -> pa.Table:
        frame = self.session.sql(statement)
        if hasattr(frame, "toArrow"):
            return frame.toArrow()
        return pa.Table.from_pandas(frame.toPandas(), preserve_index=False)

    def _register_arrow(self, name: str, table: pa.Table) -> None:
        # Through a Parquet file: exact types (nullable small integers, dates, timestamps
        # without time zone) on every Spark version, and no row-by-row conversion.
        import tempfile

        import pyarrow.parquet as pq

        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="crossroads-spark-")
        path = Path(self._folder.name) / f"{name}.parquet"
        pq.write_table(table, path)
        self.session.read.parquet(str(path)).createOrReplaceTempView(name)

    def _register_parquet(self, name: str, path: Path) -> None:
        self.session.read.parquet(str(path)).createOrReplaceTempView(name)

    def close(self) -> None:
        for name in self._cached:
            self.session.catalog.dropTempView(name)
        self._cached.clear()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def spark_session(cores: int = 2) -> Any:
    """A local Spark session sized for one machine (UI off, few shuffle partitions)."""
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(f"local[{cores}]").appName("crossroads-analytics")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(cores * 2))
            .config("spark.default.parallelism", str(cores * 2))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "2g")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())


def _size(text: str) -> str:
    """A memory size such as ``12GB`` (checked: it is put into a SET statement)."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", text.strip()):
        raise ValueError(f"not a memory size: {text!r} (e.g. 12GB)")
    return text.strip()


BACKENDS: dict[str, type[Backend]] = {"duckdb": DuckDBBackend, "spark": SparkBackend}


def backend(name: str = "duckdb", **options: Any) -> Backend:
    """A backend by name: ``duckdb`` or ``spark``."""
    try:
        return BACKENDS[name](**options)
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (one of {', '.join(BACKENDS)})") from None
