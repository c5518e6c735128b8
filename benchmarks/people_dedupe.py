"""Benchmark: multi-script deduplication of the synthetic population.

Run from the repository root:

    .venv/bin/python benchmarks/people_dedupe.py --sizes 20000            # quick
    .venv/bin/python benchmarks/people_dedupe.py --sizes 300000,1000000   # the targets

For each size, records of the project's synthetic population
(:mod:`crossroads.people.synthetic`: names in native scripts and in the schemes
documents use, typos, muddled dates, ground truth) are written to a Parquet file, then
each system runs in a fresh child process (so that its peak memory is its own):

* **Crossroads**: ``matching.linkage``: ``records_frame`` (transliteration-aware
  comparison keys and canonical forms), ``predict`` (the person model trained by EM,
  then scored over the key blocking) and ``cluster`` at the threshold;
* **plain Splink** (the peer): the same blocking rules over the same key columns,
  but Splink's library comparisons on the raw strings (``NameComparison`` of the given,
  family and patronymic as written, exact birth year, month and day, sex, document,
  nationalities), trained the same way (prior from a deterministic rule, u by random
  sampling with the same seed, m by EM over the birth-date block and a name block).
  The key columns it blocks on are computed by Crossroads' ``records_frame`` before its
  clock starts (they are the shared blocking, not part of the peer).

Each prints pairwise precision, recall and F1 of the clusters against the true persons,
wall time (split into stages), CPU time and peak memory (maxrss). Targets: Crossroads
F1 ≥ 0.98; 1M records in under 60 s and 6 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, machine, pin_cores

TARGET_F1 = 0.98
TARGET_SECONDS_1M = 60.0
TARGET_MEMORY_GIB = 6.0
RECORDS_PER_PERSON = 2.5  # the mean of the default 1-4 records per person


# Scoring -------------------------------------------------------------------------------


def pairwise_scores(true_ids: Any, cluster_ids: Any) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against the true persons."""
    import pandas as pd

    frame = pd.DataFrame({"truth": list(true_ids), "cluster": list(cluster_ids)})

    def pairs(sizes: Any) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    together = pairs(frame.groupby(["cluster", "truth"]).size())
    predicted = pairs(frame.groupby("cluster").size())
    actual = pairs(frame.groupby("truth").size())
    precision = together / predicted if predicted else 1.0
    recall = together / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": actual,
            "predicted_pairs": predicted}


def link_scores(true_ids: Any, unique_ids: Any, left: Any, right: Any,
                true_pairs: int) -> dict[str, float]:
    """Precision and recall of the scored pairs themselves (before clustering)."""
    truth = dict(zip((str(u) for u in unique_ids), true_ids, strict=True))
    right_ones = sum(truth[str(a)] == truth[str(b)] for a, b in zip(left, right, strict=True))
    return {"link_precision": right_ones / len(left) if len(left) else 1.0,
            "link_recall": right_ones / true_pairs if true_pairs else 1.0}


# The two systems (each in its own process) ---------------------------------------------


def setup() -> None:
    """Django settings for the matching code (it needs no database)."""
    import atexit
    import shutil

    var_dir = Path(tempfile.mkdtemp(prefix="crossroads-bench-dedupe-"))
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    os.environ["CROSSROADS_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir / 'unused.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "crossroads.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def run_crossroads(path: Path, threshold: float) -> dict[str, Any]:
    from crossroads.people.matching import linkage
    from crossroads.people.synthetic import from_parquet

    records = from_parquet(path)
    stages: dict[str, float] = {}
    start = time.perf_counter()
    frame = linkage.records_frame(records.to_dict("records"))
    stages["frame (keys)"] = time.perf_counter() - start
    mark = time.perf_counter()
    predictions = linkage.predict(frame, threshold=threshold)
    stages["train + predict"] = time.perf_counter() - mark
    mark = time.perf_counter()
    clusters = linkage.cluster(frame, predictions, threshold)
    stages["cluster"] = time.perf_counter() - mark
    wall = time.perf_counter() - start
    cluster_ids = [clusters.get(str(uid), str(uid)) for uid in records["unique_id"]]
    scores = pairwise_scores(records["true_id"], cluster_ids)
    links = link_scores(records["true_id"], records["unique_id"], predictions["unique_id_l"],
                        predictions["unique_id_r"], int(scores["true_pairs"]))
    return {"wall": wall, "stages": stages, "pairs_scored": len(predictions), **scores, **links}


PLAIN_COLUMNS = ("unique_id", "given", "family", "patronymic", "given_keys", "family_keys",
                 "birth_year", "birth_month", "birth_day", "sex", "nationalities",
                 "documents", "document")


def plain_settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator

    from crossroads.people.matching.model import blocking_rules

    return SettingsCreator(
        link_type="dedupe_only", unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given"), cl.NameComparison("family"),
            cl.NameComparison("patronymic"), cl.ExactMatch("birth_year"),
            cl.ExactMatch("birth_month"), cl.ExactMatch("birth_day"), cl.ExactMatch("sex"),
            cl.ExactMatch("document"), cl.ArrayIntersectAtSizes("nationalities", [1]),
        ],
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=0.0001)


def plain_table(records: Any, keyed: Any) -> Any:
    """The peer's input: raw names (None when empty) with the shared blocking keys."""
    import pyarrow as pa

    frame = keyed.copy()
    for part in ("given", "family", "patronymic"):
        frame[part] = [value or None for value in records[part]]
    frame = frame[list(PLAIN_COLUMNS)]
    kinds = {"given_keys": pa.list_(pa.string()), "family_keys": pa.list_(pa.string()),
             "nationalities": pa.list_(pa.string()), "documents": pa.list_(pa.string()),
             "birth_year": pa.int64(), "birth_month": pa.int64(), "birth_day": pa.int64()}
    schema = pa.schema([(c, kinds.get(c, pa.string())) for c in frame.columns])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def run_plain(path: Path, threshold: float) -> dict[str, Any]:
    import logging

    from splink import DuckDBAPI, Linker, block_on

    from crossroads.people.matching import linkage
    from crossroads.people.synthetic import from_parquet

    records = from_parquet(path)
    keys_start = time.perf_counter()
    keyed = linkage.records_frame(records.to_dict("records"))
    keys_seconds = time.perf_counter() - keys_start
    stages: dict[str, float] = {}
    start = time.perf_counter()
    db_api = DuckDBAPI()
    table = db_api.register(plain_table(records, keyed))
    link = Linker(table, plain_settings(), log_level=logging.WARNING)
    link.training.estimate_probability_two_random_records_match(
        [block_on("family", "given", "birth_year", "birth_month", "birth_day")], recall=0.8)
    link.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=linkage.SEED)
    for rule in (block_on("birth_year", "birth_month", "birth_day"), block_on("family")):
        link.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True)
    scored = link.inference.predict(threshold_match_probability=threshold)
    stages["train + predict"] = time.perf_counter() - start
    mark = time.perf_counter()
    clustered = link.clustering.cluster_pairwise_predictions_at_threshold(
        scored, threshold_match_probability=threshold).as_pandas_dataframe()
    stages["cluster"] = time.perf_counter() - mark
    wall = time.perf_counter() - start
    by_id = dict(zip(clustered["unique_id"].astype(str), clustered["cluster_id"].astype(str),
                     strict=True))
    cluster_ids = [by_id.get(str(uid), str(uid)) for uid in records["unique_id"]]
    pairs = scored.as_pandas_dataframe()
    scores = pairwise_scores(records["true_id"], cluster_ids)
    links = link_scores(records["true_id"], records["unique_id"], pairs["unique_id_l"],
                        pairs["unique_id_r"], int(scores["true_pairs"]))
    return {"wall": wall, "stages": stages, "pairs_scored": len(pairs),
            "untimed_keys": keys_seconds, **scores, **links}


def child(system: str, path: Path, threshold: float, cores: int) -> None:
    pin_cores(cores)
    setup()
    cpu_start = time.process_time()
    result = (run_crossroads if system == "crossroads" else run_plain)(path, threshold)
    result["cpu"] = time.process_time() - cpu_start
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result))


# The parent: data, children, report ----------------------------------------------------


def make_records(size: int, seed: int, folder: Path) -> tuple[Path, int, int]:
    sys.path.insert(0, str(REPO))
    from crossroads.people.synthetic import generate, to_parquet

    persons = max(1, round(size / RECORDS_PER_PERSON))
    start = time.perf_counter()
    records = generate(persons, seed=seed)
    seconds = time.perf_counter() - start
    path = to_parquet(records, folder / f"records-{size}.parquet")
    print(f"  {len(records):,} records of {persons:,} persons generated in {seconds:.1f} s")
    return path, len(records), persons


def spawn(system: str, path: Path, threshold: float, cores: int) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--child", system, "--input", str(path),
               "--threshold", str(threshold), "--cores", str(cores)]
    done = subprocess.run(command, capture_output=True, text=True,  # noqa: S603 (this script)
                          check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT "):])
            return result
    print(f"  {system}: failed (exit {done.returncode})\n{done.stderr[-3000:]}")
    return None


def report(system: str, result: dict[str, Any]) -> None:
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result["stages"].items())
    extra = (f" (+ {result['untimed_keys']:.1f} s for the shared blocking keys, untimed)"
             if "untimed_keys" in result else "")
    print(f"  {system:11} P {result['precision']:.4f}  R {result['recall']:.4f}  "
          f"F1 {result['f1']:.4f}  wall {result['wall']:6.1f} s  CPU {result['cpu']:6.1f} s  "
          f"peak {result['peak_mib'] / 1024:5.2f} GiB  pairs {result['pairs_scored']:,}")
    print(f"  {'':11} scored pairs themselves: P {result['link_precision']:.4f}  "
          f"R {result['link_recall']:.4f}")
    print(f"  {'':11} {stages}{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000",
                        help="record counts, comma-separated (default 20000; the targets: "
                             "300000,1000000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the population")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="match probability that links two records (both systems)")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--systems", default="crossroads,plain",
                        help="which to run (default both: crossroads,plain)")
    parser.add_argument("--child", choices=["crossroads", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.input, args.threshold, args.cores)
        return 0
    print("Crossroads people deduplication benchmark (synthetic population)")
    print("\n".join("  " + line for line in machine()), f"\n  pinned to {pin_cores(args.cores)}")
    print(f"  threshold {args.threshold}; targets: F1 ≥ {TARGET_F1}, 1M records < "
          f"{TARGET_SECONDS_1M:.0f} s and < {TARGET_MEMORY_GIB:.0f} GiB")
    with tempfile.TemporaryDirectory(prefix="crossroads-bench-people-") as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"\n{size:,} records")
            path, count, _persons = make_records(size, args.seed, Path(folder))
            results = {}
            for system in args.systems.split(","):
                result = spawn(system, path, args.threshold, args.cores)
                if result is not None:
                    results[system] = result
                    report(system, result)
            ours = results.get("crossroads")
            if ours:
                verdicts = [f"F1 {ours['f1']:.4f}: {'PASS' if ours['f1'] >= TARGET_F1 else 'MISS'}"]
                if count >= 900_000:
                    scaled = ours["wall"] * 1_000_000 / count
                    verdicts.append(f"time {scaled:.1f} s per 1M: "
                                    f"{'PASS' if scaled < TARGET_SECONDS_1M else 'MISS'}")
                    gib = ours["peak_mib"] / 1024
                    verdicts.append(f"memory {gib:.2f} GiB: "
                                    f"{'PASS' if gib < TARGET_MEMORY_GIB else 'MISS'}")
                print("  Crossroads against the targets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
