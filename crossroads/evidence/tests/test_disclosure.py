"""Small-cell suppression: small counts withheld, and never recoverable from totals."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.services.disclosure import (
    VIEW_MICRODATA,
    needs_protection,
    protect,
    protect_for,
)
from crossroads.evidence.services.values import Value
from crossroads.testing.base import CrossroadsTestCase

#: Breakdown fields of a Value and the code of their total.
TOTALS: dict[str, Any] = {"sex": "_T", "age": "_T", "origin": None, "destination": None}
CODE = "BORDER_REFUSALS"


def cell(area: str = "MDA", value: float = 0, **dimensions: Any) -> Value:
    return Value(CODE, area, "2023", float(value), **dimensions)


def identity(value: Value) -> tuple[object, ...]:
    return (value.indicator, value.area, value.period, value.sex, value.age, value.origin,
            value.destination)


def by_identity(values: list[Value]) -> dict[tuple[object, ...], Value]:
    return {identity(v): v for v in values}


def tables(values: list[Value], regions: dict[str, list[str]] | None = None
           ) -> list[tuple[tuple[object, ...], list[tuple[object, ...]]]]:
    """Every (total, parts) in ``values``: one breakdown varies, the others are fixed."""
    present = by_identity(values)
    parts: dict[tuple[object, ...], list[tuple[object, ...]]] = defaultdict(list)
    for value in values:
        for field, total in TOTALS.items():
            if getattr(value, field) != total:
                parts[identity(replace(value, **{field: total}))].append(identity(value))
        for region, members in (regions or {}).items():
            if value.area in members:
                parts[identity(replace(value, area=region))].append(identity(value))
    return [(total, cells) for total, cells in parts.items() if total in present]


def exposed(published: list[Value], regions: dict[str, list[str]] | None = None) -> list[str]:
    """Withheld cells a reader can compute exactly from the published ones.

    First table by table (a total minus its published parts), then across linked
    tables: a withheld cell is determined when removing its column lowers the rank
    of the system of all table equations over the withheld cells.
    """
    cells = by_identity(published)
    hidden = sorted((key for key, v in cells.items() if v.status == "S"), key=repr)
    problems = []
    equations = []
    for total, parts in tables(published, regions):
        unknown = [key for key in (total, *parts) if key in hidden]
        if len(unknown) == 1:
            problems.append(f"{unknown[0]} = {total} minus its published parts")
        equations.append([(1 if key in parts else -1) * (key in unknown) for key in hidden])
    if hidden and equations:
        matrix = np.array(equations, dtype=float)
        rank = np.linalg.matrix_rank(matrix)
        for column, key in enumerate(hidden):
            if np.linalg.matrix_rank(np.delete(matrix, column, axis=1)) < rank:
                problems.append(f"{key} follows from the linked tables")
    return problems


def age_table() -> list[Value]:
    # Refusals at the border in 2023 by age: 3 + 12 + 15 + 10 = 40.
    return [cell(value=40), cell(age="0-17", value=3), cell(age="18-29", value=12),
            cell(age="30-49", value=15), cell(age="50+", value=10)]


def grid(rows: dict[str, list[int]], ages: list[str], by: str = "origin") -> list[Value]:
    """A table of rows (origins, or sexes) by age groups, with every total."""
    total = TOTALS[by]
    values = []
    for row, counts in rows.items():
        fixed: dict[str, Any] = {by: row}
        values += [cell(age=age, value=count, **fixed)
                   for age, count in zip(ages, counts, strict=True)]
        values.append(cell(value=sum(counts), **fixed))
    for column, age in enumerate(ages):
        values.append(cell(age=age, value=sum(c[column] for c in rows.values()), **{by: total}))
    values.append(cell(value=sum(map(sum, rows.values())), **{by: total}))
    return values


def test_a_cell_below_the_threshold_is_withheld_with_its_smallest_sibling() -> None:
    published = by_identity(protect(age_table(), CODE, threshold=5))
    children = published[identity(cell(age="0-17"))]
    assert (children.value, children.status, children.confidentiality) == (None, "S", "C")
    oldest = published[identity(cell(age="50+"))]
    assert (oldest.value, oldest.status, oldest.confidentiality) == (None, "S", "D")
    # The total and the two larger groups are published as they were.
    assert [published[identity(cell(age=a))].value for a in ("_T", "18-29", "30-49")] == [
        40, 12, 15]
    assert exposed(list(published.values())) == []


def test_a_withheld_cell_loses_its_link_to_the_raw_observation() -> None:
    values = [replace(v, observation_ids=(7,)) for v in age_table()]
    published = by_identity(protect(values, CODE, threshold=5))
    assert published[identity(cell(age="0-17"))].observation_ids == ()
    assert published[identity(cell(age="18-29"))].observation_ids == (7,)


def test_zeros_are_published_and_never_chosen_to_hide_a_small_cell() -> None:
    values = [cell(value=20), cell(sex="F", value=0), cell(sex="M", value=20),
              cell(age="0-17", value=0), cell(age="18-64", value=2), cell(age="65+", value=18)]
    published = by_identity(protect(values, CODE, threshold=5))
    assert published[identity(cell(sex="F"))].value == 0
    assert published[identity(cell(age="0-17"))].value == 0
    assert published[identity(cell(age="65+"))].confidentiality == "D"


def test_secondary_suppression_follows_a_cell_into_the_tables_it_belongs_to() -> None:
    # Women aged 0-17 (3) sit in the women's age table and in the 0-17 sex table.
    values = grid({"F": [3, 20, 8], "M": [6, 25, 9]}, ["0-17", "18-64", "65+"], by="sex")
    published = protect(values, CODE, threshold=5)
    withheld = {(v.sex, v.age, v.confidentiality) for v in published if v.status == "S"}
    assert withheld == {("F", "0-17", "C"), ("F", "65+", "D"), ("M", "0-17", "D"),
                        ("M", "65+", "D")}
    assert exposed(published) == []


def test_a_cell_given_away_only_by_combining_tables_is_protected_too() -> None:
    # Every row and column has two withheld cells after the first pass, yet Ukrainians
    # aged 30-49 (3) follow from adding up the rows and columns around them.
    rows = {"MDA": [1, 6, 50, 50], "UKR": [7, 2, 3, 50], "GEO": [50, 50, 4, 8],
            "ARM": [50, 50, 9, 1]}
    published = protect(grid(rows, ["0-17", "18-29", "30-49", "50+"]), CODE, threshold=5)
    withheld = {(v.origin, v.age) for v in published if v.status == "S"}
    assert ("UKR", "30-49") in withheld and len(withheld) == 10
    assert exposed(published) == []


def test_a_regional_total_does_not_give_away_a_member() -> None:
    regions = {"WESTERN_BALKANS": ["ALB", "BIH", "MNE", "SRB"]}
    values = [cell("WESTERN_BALKANS", 130), cell("ALB", 40), cell("BIH", 3), cell("MNE", 27),
              cell("SRB", 60)]
    published = by_identity(protect(values, CODE, threshold=5, regions=regions))
    assert [published[identity(cell(a))].confidentiality for a in ("BIH", "MNE")] == ["C", "D"]
    assert published[identity(cell("WESTERN_BALKANS"))].value == 130
    assert exposed(list(published.values()), regions) == []


def test_other_indicators_and_missing_figures_pass_unchanged() -> None:
    other = Value("POP", "MDA", "2023", 3.0)
    missing = cell(age="75+", value=0)
    missing = replace(missing, value=None, status="M")
    values = [*age_table(), other, missing]
    published = protect(values, CODE, threshold=5)
    assert published[-2:] == [other, missing]


def test_without_a_threshold_nothing_is_withheld() -> None:
    assert protect(age_table(), CODE, threshold=0) == age_table()


def test_the_same_figure_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        protect([*age_table(), cell(age="0-17", value=4)], CODE, threshold=5)


@st.composite
def cubes(draw: st.DrawFn) -> tuple[list[Value], dict[tuple[object, ...], float], int]:
    """A random sex × age × origin table of small counts with every total."""
    sexes = ["F", "M"] if draw(st.booleans()) else []
    ages = ["0-17", "18-64", "65+"][:draw(st.integers(0, 3))]
    origins = ["ALB", "GEO", "UKR", "TUR"][:draw(st.integers(1, 4))]
    count = st.one_of(st.integers(0, 6), st.integers(0, 60))
    interior = {key: draw(count) for key in itertools.product(sexes or ["_T"], ages or ["_T"],
                                                              origins)}
    values = []
    for sex, age, origin in itertools.product([*sexes, "_T"], [*ages, "_T"], [*origins, None]):
        amount = sum(n for (s, a, o), n in interior.items()
                     if sex in ("_T", s) and age in ("_T", a) and origin in (None, o))
        values.append(cell(sex=sex, age=age, origin=origin, value=amount))
    original = {identity(v): v.value for v in values}
    return values, original, draw(st.integers(2, 10))  # type: ignore[return-value]


@settings(max_examples=150, deadline=None)
@given(cubes())
def test_no_random_table_gives_a_withheld_cell_away(
        cube: tuple[list[Value], dict[tuple[object, ...], float], int]) -> None:
    values, original, threshold = cube
    published = protect(values, CODE, threshold=threshold)
    for value in published:
        raw = original[identity(value)]
        if 0 < raw < threshold:
            assert (value.value, value.status, value.confidentiality) == (None, "S", "C")
        elif value.status == "S":
            assert value.confidentiality == "D"
        else:
            assert value.value == raw and value.confidentiality == "F"
    assert exposed(published) == []


class ReaderAccessTests(CrossroadsTestCase):
    """Who sees what: raw figures with view_microdata, protected ones without."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.refusals = Indicator.objects.create(
            code=CODE, name="Refusals of entry", definition="Refusals at the border.",
            unit="persons", suppression_threshold=5)
        cls.pop = Indicator.objects.create(
            code="TEST_POP", name="Population", definition="Population.", unit="persons")

    def test_the_indicator_threshold_applies_when_none_is_given(self) -> None:
        published = by_identity(protect(age_table(), CODE))
        assert published[identity(cell(age="0-17"))].status == "S"
        assert protect(age_table(), self.refusals)[1].confidentiality == "C"

    def test_an_indicator_without_a_threshold_passes_unchanged(self) -> None:
        values = [replace(v, indicator="TEST_POP") for v in age_table()]
        assert protect(values, "TEST_POP") == values
        assert not needs_protection(self.outsider, self.pop)

    def test_a_reader_without_access_to_the_records_sees_protected_figures(self) -> None:
        assert needs_protection(self.owner, CODE)
        published = protect_for(self.owner, age_table(), CODE)
        assert [v.value for v in published] == [40, None, 12, 15, None]

    def test_a_reader_with_view_microdata_sees_the_raw_figures(self) -> None:
        self.grant(self.colleague, Observation, VIEW_MICRODATA)
        assert not needs_protection(self.colleague, self.refusals)
        assert protect_for(self.colleague, age_table(), CODE) == age_table()

    def test_viewing_observations_is_not_access_to_the_records(self) -> None:
        self.grant(self.outsider, Observation, "view")
        assert needs_protection(self.outsider, CODE)
