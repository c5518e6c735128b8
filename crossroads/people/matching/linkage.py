"""Batch deduplication and linkage of person records with Splink, on DuckDB or Spark.

The pipeline: :func:`records_frame` / :func:`persons_frame` derive the comparison
columns, :func:`linker` builds a Splink linker on a backend, :func:`train` estimates
u by random sampling (fixed seed) and m by EM over two blocking passes, :func:`predict`
scores the blocked pairs (with a per-field explanation) and :func:`cluster` groups the
records into persons, never joining a pair a reviewer rejected.

DuckDB is the default; Spark (the optional ``spark`` extra) runs the very same SQL for
registries that outgrow one machine. A model trained once (``train`` returns its
settings) scores the same pairs with the same probabilities on both backends.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import pandas as pd
from splink import Linker, SettingsCreator, block_on

from crossroads.people.matching.frame import COLUMNS, persons_frame, records_frame
from crossroads.people.matching.model import TRAINING_BLOCKS, model_settings

__all__ = ["records_frame", "persons_frame", "model_settings", "linker", "train", "predict",
           "score", "apply_model", "cluster", "explanation", "MIN_TRAINING_RECORDS"]

#: Random pairs sampled to estimate u. Name agreement rates settle well before this
#: (the keys make agreement rarer and steadier than raw strings), and sampling is the
#: costliest step of training.
U_PAIRS = 2e5
#: Below this many records the starting parameters of the model are used untrained.
MIN_TRAINING_RECORDS = 1000

#: Seed of u estimation by random sampling (reproducible models).
SEED = 5

Pair = tuple[str, str]


def _db_api(backend: str, spark: Any = None) -> Any:
    if backend == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI()
    if backend == "spark":
        from splink import SparkAPI

        from crossroads.people.matching.spark import spark_session

        return SparkAPI(spark_session=spark or spark_session(), break_lineage_method="persist")
    raise ValueError(f"unknown linkage backend {backend!r} (duckdb or spark)")


def _arrow_table(frame: pd.DataFrame) -> Any:
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "list": pa.list_(pa.string())}
    schema = pa.schema([(column, kinds[COLUMNS.get(column, "str")]) for column in frame.columns])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _table(db_api: Any, frame: pd.DataFrame, backend: str) -> Any:
    """The frame in the backend, with its column types fixed (arrays stay arrays)."""
    if backend == "spark":
        from crossroads.people.matching.spark import spark_frame

        return spark_frame(db_api.spark, frame)
    return _arrow_table(frame)


def linker(frames: pd.DataFrame | Sequence[pd.DataFrame], backend: str = "duckdb",
           settings: Any = None, spark: Any = None) -> Linker:
    """A Splink linker over one frame (dedupe) or several (link) on ``backend``.

    ``settings`` is a SettingsCreator (by default the untrained person model) or a
    trained model of the same backend (the dict :func:`train` returns).
    """
    frame_list = [frames] if isinstance(frames, pd.DataFrame) else list(frames)
    db_api = _db_api(backend, spark)
    tables = [db_api.register(_table(db_api, frame, backend)) for frame in frame_list]
    if settings is None:
        settings = model_settings("dedupe_only" if len(tables) == 1 else "link_only")
    return Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)


def train(link: Linker, max_pairs: float = U_PAIRS, seed: int = SEED,
          recall: float = 0.8) -> dict[str, Any]:
    """Train the model of ``link`` and return it (a settings dict, JSON-able).

    The prior comes from a strict deterministic rule (assumed to find ``recall`` of the
    matches), u from random sampling with a fixed seed, m from EM over two passes: pairs
    born the same day (trains the names) and pairs with the same family name and first
    given name (trains the rest).
    """
    rules: list[Any] = [block_on("family_canon", "given_canon", "birth_year", "birth_month",
                                 "birth_day")]
    link.training.estimate_probability_two_random_records_match(rules, recall=recall)
    link.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    for rule in TRAINING_BLOCKS:
        link.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True)
    return link.misc.save_model_to_json()


def predict(frames: pd.DataFrame | Sequence[pd.DataFrame], backend: str = "duckdb",
            threshold: float = 0.5, model: Mapping[str, Any] | None = None, spark: Any = None,
            min_training_records: int = MIN_TRAINING_RECORDS,
            settings: SettingsCreator | None = None) -> pd.DataFrame:
    """Scored pairs at or above ``threshold`` as a pandas frame.

    Columns: ``unique_id_l``, ``unique_id_r`` (ordered so that l < r in dedupe),
    ``match_probability``, ``match_weight``, the ``gamma_*``/``mw_*`` of each comparison
    and ``explanation`` (a list of {field, level, weight}). ``settings`` defaults to the
    person model; with ``model`` (what :func:`train` returned, on any backend) its
    trained parameters are used, otherwise the model is trained on the frames first
    (when they have enough records).
    """
    frame_list = [frames] if isinstance(frames, pd.DataFrame) else list(frames)
    creator = settings or model_settings("dedupe_only" if len(frame_list) == 1 else "link_only")
    if model is not None:
        apply_model(creator, model)
    link = linker(frame_list, backend, settings=creator, spark=spark)
    if model is None and sum(len(f) for f in frame_list) >= min_training_records:
        train(link)
    return score(link, threshold)


def apply_model(creator: SettingsCreator, model: Mapping[str, Any]) -> SettingsCreator:
    """Put a trained model's parameters into settings built for any backend.

    A saved Splink model holds SQL of the dialect it was trained on; the settings of the
    person model are rebuilt for the backend at hand and given the trained m and u
    probabilities, level by level, and the trained prior.
    """
    trained = {c["output_column_name"]: c["comparison_levels"] for c in model["comparisons"]}
    for comparison in cast(list[Any], creator.comparisons):
        levels = [level for level in trained[comparison.create_output_column_name()]
                  if not level.get("is_null_level")]
        comparison.configure(m_probabilities=[level["m_probability"] for level in levels],
                             u_probabilities=[level["u_probability"] for level in levels])
    creator.probability_two_random_records_match = model[
        "probability_two_random_records_match"]
    return creator


def score(link: Linker, threshold: float = 0.5) -> pd.DataFrame:
    """The pairs ``link`` scores at or above ``threshold``, explained (see :func:`predict`)."""
    scored = link.inference.predict(threshold_match_probability=threshold,
                                    warning_mode="never")
    pairs = scored.as_pandas_dataframe()
    labels = level_labels(link)
    pairs["explanation"] = [explanation(row, labels) for row in pairs.to_dict("records")]
    return pairs.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)


def level_labels(link: Linker) -> dict[str, dict[int, str]]:
    """Comparison → gamma value → the label of the level (for explanations)."""
    labels: dict[str, dict[int, str]] = {}
    for comparison in link._settings_obj.comparisons:
        labels[comparison.output_column_name] = {
            level.comparison_vector_value: level.label_for_charts
            for level in comparison.comparison_levels}
    return labels


def explanation(row: Mapping[str, Any], labels: Mapping[str, Mapping[int, str]]
                ) -> list[dict[str, Any]]:
    """Per comparison of a scored pair: the level reached and its weight (the match weight,
    log2 of the Bayes factor, term-frequency adjustment included)."""
    out = []
    for field, levels in labels.items():
        gamma = row.get(f"gamma_{field}")
        if gamma is None or (isinstance(gamma, float) and math.isnan(gamma)):
            continue
        weight = _number(row.get(f"mw_{field}")) + _number(row.get(f"mw_tf_adj_{field}"))
        out.append({"field": field, "level": str(levels.get(int(gamma), gamma)),
                    "weight": round(weight, 3)})
    return out


def _number(value: Any) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0
    return float(value)


def _ordered(a: Any, b: Any) -> Pair:
    a, b = str(a), str(b)
    return (a, b) if a <= b else (b, a)


def cluster(frame: pd.DataFrame, predictions: pd.DataFrame, threshold: float,
            cannot_link: Iterable[tuple[Any, Any]] = (), backend: str = "duckdb",
            spark: Any = None) -> dict[str, str]:
    """Cluster id (the smallest member id) per record, from the pairs at ``threshold``.

    Rejected pairs (``cannot_link``) are removed before Splink's connected components;
    a cluster that still joins a rejected pair, or two records that cannot be one person
    (born years apart, different sexes), through others is split again greedily,
    strongest links first, never uniting the two sides of such a pair.
    """
    from splink.clustering import cluster_pairwise_predictions_at_threshold

    rejected = {_ordered(a, b) for a, b in cannot_link}
    edges = predictions[["unique_id_l", "unique_id_r", "match_probability"]].copy()
    edges["unique_id_l"] = edges["unique_id_l"].astype(str)
    edges["unique_id_r"] = edges["unique_id_r"].astype(str)
    keep = [(_ordered(a, b) not in rejected) for a, b in
            zip(edges["unique_id_l"], edges["unique_id_r"], strict=True)]
    edges = edges[keep]
    edges = edges[edges["match_probability"] >= threshold].reset_index(drop=True)
    nodes = pd.DataFrame({"unique_id": frame["unique_id"].astype(str)})
    db_api = _db_api(backend, spark)
    if backend == "spark":
        nodes, edges_in = db_api.spark.createDataFrame(nodes), _spark_edges(db_api, edges)
    else:
        edges_in = edges
    clustered = cluster_pairwise_predictions_at_threshold(
        nodes, edges_in, db_api=db_api, node_id_column_name="unique_id",
        threshold_match_probability=threshold).as_pandas_dataframe()
    members: dict[str, list[str]] = {}
    for uid, cluster_id in zip(clustered["unique_id"], clustered["cluster_id"], strict=True):
        members.setdefault(str(cluster_id), []).append(str(uid))
    facts = _facts(frame)
    cluster_of = {uid: cid for cid, ids in members.items() for uid in ids}
    inner: dict[str, list[tuple[str, str, float]]] = {}
    for a, b, probability in edges.itertuples(index=False):
        if cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b):
            inner.setdefault(cluster_of[a], []).append((a, b, probability))
    result: dict[str, str] = {}
    for cluster_id, ids in members.items():
        result.update(_split(ids, inner.get(cluster_id, []), rejected, facts))
    return result


#: What the records of a group share: earliest and latest year of birth, and sexes.
Summary = tuple[Any, Any, frozenset[str]]


def _facts(frame: pd.DataFrame) -> dict[str, Summary]:
    """Each record's year of birth (as the earliest and the latest) and sex."""
    years = frame["birth_year"].astype("object").where(frame["birth_year"].notna(), None)
    sexes = [frozenset([sex]) if sex in ("F", "M") else frozenset() for sex in frame["sex"]]
    return {uid: (year, year, sex) for uid, year, sex in
            zip(frame["unique_id"].astype(str), years, sexes, strict=True)}


def _join(a: Summary, b: Summary) -> Summary:
    lows = [y for y in (a[0], b[0]) if y is not None]
    highs = [y for y in (a[1], b[1]) if y is not None]
    return (min(lows) if lows else None, max(highs) if highs else None, a[2] | b[2])


def _possible(summary: Summary) -> bool:
    """Whether records with these facts can be one person: born within a year of each
    other, of one sex (records without a date or a sex fit anywhere)."""
    low, high, sexes = summary
    return (low is None or high - low <= 1) and len(sexes) <= 1


def _spark_edges(db_api: Any, edges: pd.DataFrame) -> Any:
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    schema = StructType([StructField("unique_id_l", StringType()),
                         StructField("unique_id_r", StringType()),
                         StructField("match_probability", DoubleType())])
    rows = [(str(a), str(b), float(p)) for a, b, p in edges.itertuples(index=False)]
    return db_api.spark.createDataFrame(rows, schema)


def _split(ids: list[str], edges: list[tuple[str, str, float]], rejected: set[Pair],
           facts: dict[str, Summary]) -> dict[str, str]:
    """Cluster ids of one connected component, split where it joins a rejected pair or
    records that cannot be one person (through others: a record without a date of birth
    between two namesakes). Links are taken strongest first, and a link that would unite
    a rejected pair or impossible facts is skipped."""
    inside = set(ids)
    rejected_here = {(a, b) for a, b in rejected if a in inside and b in inside}
    summary: Summary = (None, None, frozenset())
    for uid in ids:
        summary = _join(summary, facts.get(uid, (None, None, frozenset())))
    if len(ids) == 1 or (not rejected_here and _possible(summary)):
        smallest = min(ids, key=_sort_key)
        return dict.fromkeys(ids, smallest)
    parent = {uid: uid for uid in ids}
    groups = {uid: {uid} for uid in ids}
    known = {uid: facts.get(uid, (None, None, frozenset())) for uid in ids}

    def root(uid: str) -> str:
        while parent[uid] != uid:
            parent[uid] = parent[parent[uid]]
            uid = parent[uid]
        return uid

    for a, b, _p in sorted(edges, key=lambda edge: -edge[2]):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        joined = _join(known[ra], known[rb])
        if not _possible(joined) or (rejected_here and any(
                _ordered(x, y) in rejected_here for x in groups[ra] for y in groups[rb])):
            continue
        parent[rb] = ra
        groups[ra] |= groups.pop(rb)
        known[ra] = joined
    result = {}
    for group in groups.values():
        smallest = min(group, key=_sort_key)
        result.update(dict.fromkeys(group, smallest))
    return result


def _sort_key(uid: str) -> tuple[int, int | str]:
    return (0, int(uid)) if uid.isdigit() else (1, uid)


# The database job lives with the other DB code; re-exported for callers of this module.
from crossroads.people.matching.runs import LinkageReport, run_linkage  # noqa: E402

__all__ += ["LinkageReport", "run_linkage"]
