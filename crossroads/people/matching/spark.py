"""The Spark side of linkage (the optional ``spark`` extra: pyspark is imported here only).

A local session is enough for tests and one machine; a cluster's session is passed in
by whoever runs the linkage on one.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crossroads.people.matching.frame import COLUMNS


def spark_session(cores: int = 2) -> Any:
    """A local Spark session sized for this machine (UI off, few shuffle partitions)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    # Splink's jar brings jaro_winkler, damerau_levenshtein… as Spark SQL functions.
    return (SparkSession.builder.master(f"local[{cores}]").appName("crossroads-linkage")
            .config("spark.jars", similarity_jar_location())
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(cores * 2))
            .config("spark.default.parallelism", str(cores * 2))
            .config("spark.driver.memory", "2g")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())


def spark_frame(spark: Any, frame: pd.DataFrame) -> Any:
    """The linkage frame as a Spark DataFrame with the same column types as on DuckDB."""
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    kinds = {"str": StringType(), "int": LongType(), "list": ArrayType(StringType())}
    schema = StructType([StructField(column, kinds[COLUMNS.get(column, "str")])
                         for column in frame.columns])
    clean = frame.astype(object).where(frame.notna(), None)
    rows = [tuple(_plain(v) for v in row) for row in clean.itertuples(index=False)]
    return spark.createDataFrame(rows, schema)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value
