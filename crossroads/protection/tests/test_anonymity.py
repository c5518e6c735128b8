"""The public release of trafficking case data is k-anonymous and says what it cost."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossroads.protection.anonymity import (
    SUPPRESSED,
    Hierarchy,
    Release,
    ReleaseRefused,
    age_hierarchy,
    region_hierarchy,
    release,
    year_hierarchy,
)

REGIONS = {
    "NGA": ("Western Africa", "Africa"), "GHA": ("Western Africa", "Africa"),
    "ETH": ("Eastern Africa", "Africa"), "KEN": ("Eastern Africa", "Africa"),
    "UKR": ("Eastern Europe", "Europe"), "MDA": ("Eastern Europe", "Europe"),
}
QUASI_IDENTIFIERS = ["sex", "age", "nationality", "country_of_exploitation",
                     "year_identified", "exploitation"]
DIRECT_IDENTIFIERS = ["name", "case_id", "date_of_birth"]


def hierarchies() -> dict[str, Hierarchy]:
    return {"age": age_hierarchy(), "nationality": region_hierarchy(REGIONS),
            "year_identified": year_hierarchy()}


case_records = st.fixed_dictionaries({
    "sex": st.sampled_from(["F", "M"]),
    "age": st.one_of(st.integers(0, 80), st.none()),
    "nationality": st.sampled_from([*REGIONS, "XXX"]),
    "country_of_exploitation": st.sampled_from(["MDA", "UKR", "TUR"]),
    "year_identified": st.integers(2016, 2024),
    "exploitation": st.sampled_from(["sexual", "labour", "begging"]),
    "assistance": st.sampled_from(["shelter", "medical"]),
    "name": st.text(min_size=3, max_size=8),
    "case_id": st.uuids().map(str),
    "date_of_birth": st.dates(date(1940, 1, 1), date(2024, 1, 1)),
})
quasi_identifier_subsets = st.lists(st.sampled_from(QUASI_IDENTIFIERS), min_size=1,
                                    max_size=4, unique=True)


def run(rows: list[dict[str, Any]], qis: list[str], k: int, max_suppression: float
        ) -> Release:
    ladders = {c: h for c, h in hierarchies().items() if c in qis}
    return release(rows, qis, ladders, k=k, max_suppression=max_suppression,
                   attributes=["assistance"], direct_identifiers=DIRECT_IDENTIFIERS)


def generalised(rows: list[dict[str, Any]], result: Release) -> Counter[tuple[Any, ...]]:
    """The input rows recoded to the chosen levels, as a multiset of released tuples."""
    ladders = hierarchies()
    return Counter(
        tuple(ladders.get(c, Hierarchy()).generalise(row[c], result.levels[c])
              for c in result.quasi_identifiers) + (row["assistance"],)
        for row in rows
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(case_records, max_size=80), qis=quasi_identifier_subsets,
       k=st.integers(2, 15), max_suppression=st.sampled_from([0.0, 0.05, 0.2]))
def test_every_released_combination_describes_at_least_k_cases(
    rows: list[dict[str, Any]], qis: list[str], k: int, max_suppression: float,
) -> None:
    result = run(rows, qis, k, max_suppression)

    classes = Counter(tuple(row[c] for c in qis) for row in result.rows)
    assert all(size >= k for size in classes.values()), classes
    assert len(result.rows) + result.suppressed == result.total == len(rows)
    if len(rows) >= k:
        assert result.suppressed <= max_suppression * len(rows) + 1e-9
    else:
        assert result.rows == []
    # Every released row is a case as recorded, recoded to the reported levels.
    released = Counter(tuple(row[c] for c in [*qis, "assistance"]) for row in result.rows)
    assert not released - generalised(rows, result)


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(case_records, min_size=1, max_size=60), qis=quasi_identifier_subsets,
       k=st.integers(2, 12))
def test_direct_identifiers_never_appear_in_the_release(
    rows: list[dict[str, Any]], qis: list[str], k: int,
) -> None:
    result = run(rows, qis, k, 0.2)

    for row in result.rows:
        assert set(row) == {*qis, "assistance"}
    released_values = {value for row in result.rows for value in row.values()}
    for row in rows:
        assert row["case_id"] not in released_values
        assert row["date_of_birth"] not in released_values
    assert set(result.as_dataframe().columns) == {*qis, "assistance"}


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(case_records, max_size=60), qis=quasi_identifier_subsets,
       ks=st.lists(st.integers(2, 15), min_size=2, max_size=2, unique=True),
       max_suppression=st.sampled_from([0.0, 0.05, 0.2]))
def test_a_larger_k_never_releases_finer_data_than_a_smaller_k(
    rows: list[dict[str, Any]], qis: list[str], ks: list[int], max_suppression: float,
) -> None:
    smaller, larger = sorted(ks)

    finer = run(rows, qis, smaller, max_suppression)
    coarser = run(rows, qis, larger, max_suppression)

    assert coarser.information_loss >= finer.information_loss
    if coarser.levels == finer.levels:
        assert coarser.suppressed >= finer.suppressed


def hand_made_cases() -> list[dict[str, Any]]:
    """Three women in their early twenties, four men in their early thirties, one of 70."""
    ages = [("F", 20), ("F", 21), ("F", 22), ("M", 30), ("M", 31), ("M", 32), ("M", 33),
            ("M", 70)]
    return [{"sex": sex, "age": age, "name": f"Person {i}", "case_id": f"CT-{i}"}
            for i, (sex, age) in enumerate(ages)]


def test_it_suppresses_the_outlier_when_the_budget_allows_and_reports_it() -> None:
    result = release(hand_made_cases(), ["sex", "age"], {"age": age_hierarchy()}, k=3,
                     max_suppression=0.2, direct_identifiers=["name", "case_id"])

    assert result.levels == {"sex": 0, "age": 1}
    assert result.level_labels["age"] == "5-year band"
    assert result.suppressed == 1
    assert Counter((r["sex"], r["age"]) for r in result.rows) == {
        ("F", "20-24"): 3, ("M", "30-34"): 4}
    # 7 rows keep a quarter of the age detail lost out of two columns; one row lost.
    assert result.information_loss == pytest.approx((7 * 0.125 + 1) / 8)
    report = "\n".join(result.report)
    assert "k = 3" in report
    assert "8 cases in, 7 released, 1 suppressed" in report
    assert "age: 5-year band (level 1 of 4)" in report
    assert "sex: as recorded (level 0 of 1)" in report
    assert "case_id (direct identifier)" in report


def test_it_generalises_instead_when_no_suppression_is_allowed() -> None:
    result = release(hand_made_cases(), ["sex", "age"], {"age": age_hierarchy()}, k=3,
                     max_suppression=0)

    assert result.levels == {"sex": 0, "age": 3}
    assert result.suppressed == 0
    assert Counter((r["sex"], r["age"]) for r in result.rows) == {("F", "18+"): 3,
                                                                   ("M", "18+"): 5}
    assert result.information_loss == pytest.approx(0.375)


def test_default_k_is_eleven() -> None:
    ten = [{"sex": "F"}] * 10
    eleven = [{"sex": "F"}] * 11

    assert release(ten, ["sex"], max_suppression=1).rows == []
    assert release(eleven, ["sex"]).rows == [{"sex": "F"}] * 11
    assert release(eleven, ["sex"]).k == 11


def test_fewer_cases_than_k_release_nothing_and_say_so() -> None:
    result = release(hand_made_cases(), ["sex"], k=11)

    assert result.rows == []
    assert result.suppressed == 8
    assert any("fewer than k" in line for line in result.report)


def test_the_ladders_generalise_as_a_data_manager_expects() -> None:
    age, year, nationality = age_hierarchy(), year_hierarchy(), region_hierarchy(REGIONS)

    assert [age.generalise(17, level) for level in range(5)] == [
        17, "15-19", "10-19", "<18", SUPPRESSED]
    assert [year.generalise(2021, level) for level in range(3)] == [2021, "2020-2021",
                                                                    SUPPRESSED]
    assert year.generalise(date(2023, 5, 1), 1) == "2022-2023"
    assert [nationality.generalise("GHA", level) for level in range(4)] == [
        "GHA", "Western Africa", "Africa", SUPPRESSED]
    assert age.generalise(None, 2) is None


def test_it_accepts_a_dataframe_with_missing_values() -> None:
    frame = pd.DataFrame({"sex": ["F"] * 6 + ["M"] * 6,
                          "age": [20, 21, None, 23, 24, 22, 40, 41, 42, 43, 44, None],
                          "name": [f"P{i}" for i in range(12)]})

    result = release(frame, ["sex", "age"], {"age": age_hierarchy()}, k=6, max_suppression=0)

    classes = Counter((r["sex"], r["age"]) for r in result.rows)
    assert all(size >= 6 for size in classes.values())
    assert result.suppressed == 0
    assert "name" not in result.as_dataframe().columns


def test_an_empty_input_gives_an_empty_release() -> None:
    assert release([], ["sex", "age"]).rows == []
    assert release(pd.DataFrame(columns=["sex"]), ["sex"]).suppressed == 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"k": 1}, "at least 2"),
    ({"k": 2.5}, "at least 2"),
    ({"max_suppression": 1.5}, "between 0 and 1"),
    ({"quasi_identifiers": ["sex", "religion"]}, "Unknown columns: religion"),
    ({"attributes": ["shelter"]}, "Unknown columns: shelter"),
    ({"direct_identifiers": ["name", "age"]}, "age cannot be both"),
    ({"attributes": ["case_id"], "direct_identifiers": ["case_id"]}, "case_id cannot be both"),
    ({"hierarchies": {"nationality": region_hierarchy(REGIONS)}}, "not quasi-identifiers"),
    ({"quasi_identifiers": []}, "at least one quasi-identifier"),
])
def test_it_refuses_unsafe_or_mistaken_parameters(kwargs: dict[str, Any], message: str
                                                 ) -> None:
    arguments: dict[str, Any] = {"rows": hand_made_cases(), "quasi_identifiers": ["sex", "age"],
                                 **kwargs}

    with pytest.raises(ReleaseRefused, match=message):
        release(**arguments)


def test_the_release_does_not_follow_the_order_of_the_case_register() -> None:
    cases = hand_made_cases()

    forwards = release(cases, ["sex", "age"], {"age": age_hierarchy()}, k=3,
                       max_suppression=0.2)
    backwards = release(cases[::-1], ["sex", "age"], {"age": age_hierarchy()}, k=3,
                        max_suppression=0.2)

    assert forwards.rows == backwards.rows


def test_released_attributes_are_named_with_their_disclosure_risk() -> None:
    cases = [{**case, "assistance": "shelter"} for case in hand_made_cases()]

    result = release(cases, ["sex", "age"], {"age": age_hierarchy()}, k=3,
                     max_suppression=0.2, attributes=["assistance"])

    assert {row["assistance"] for row in result.rows} == {"shelter"}
    assert any(line.startswith("Released as recorded, not generalised: assistance.")
               for line in result.report)
