"""The Fellegi–Sunter model of person records: comparisons, levels and blocking rules.

Every level is written so that Splink renders it on DuckDB and on Spark alike: the
library's levels where they exist (exact, array intersection, Jaro-Winkler,
Damerau-Levenshtein), plain SQL where both dialects agree (dates), and one small level
of our own for the cross-column key intersection (given and family names swapped, as
family-first registers write them), whose SQL is chosen per dialect.

Name comparisons go from strongest to weakest: the same canonical rendering; a shared
transliteration key (IULIIA ~ YULIYA ~ Юлия); the parts swapped; Jaro-Winkler on the
canonical rendering at 0.92 and 0.85; anything else. The date of birth keeps partial
dates partial: a year-only record meets a full date at "same year", never "else".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.comparison_library import CustomComparison
from splink.internals.dialects import SplinkDialect

#: Kinds of extra (free string) columns: "text" (exact, Jaro-Winkler) or "code"
#: (exact, one edit). Used by the FEBRL benchmark for addresses.
EXTRA_KINDS = ("text", "code")


def _keys_shared(left: str, right: str, dialect: str) -> str:
    """SQL: the arrays ``left`` (left record) and ``right`` (right record) share a key."""
    if dialect == "spark":
        return f"size(array_intersect({left}, {right})) > 0"
    return f"len(list_intersect({left}, {right})) > 0"


class SwappedNamesLevel(ComparisonLevelCreator):
    """Given and family names swapped between the records (family-first registers)."""

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        name = sql_dialect.sql_dialect_str
        canon = "(given_canon_l = family_canon_r AND family_canon_l = given_canon_r)"
        keys = (f"({_keys_shared('given_keys_l', 'family_keys_r', name)} AND "
                f"{_keys_shared('family_keys_l', 'given_keys_r', name)})")
        return f"{canon} OR {keys}"

    def create_label_for_charts(self) -> str:
        return "given and family swapped"


def name_comparison(part: str, swapped: bool = False,
                    term_frequencies: bool = False) -> ComparisonCreator:
    """Levels of one name part: exact canonical, shared key, shared coarse key, [swapped],
    JW ≥ 0.92/0.85."""
    canon, keys = f"{part}_canon", f"{part}_keys"
    levels: list[Any] = [
        cll.NullLevel(canon),
        cll.ExactMatchLevel(canon, term_frequency_adjustments=term_frequencies)
        .configure(label_for_charts="exact"),
        cll.ArrayIntersectLevel(keys, 1).configure(label_for_charts="same key"),
        cll.ArrayIntersectLevel(f"{part}_coarse", 1).configure(
            label_for_charts="same coarse key"),
    ]
    if swapped:
        levels.append(SwappedNamesLevel())
    levels += [
        cll.JaroWinklerLevel(canon, 0.92).configure(label_for_charts="similar (JW ≥ 0.92)"),
        cll.JaroWinklerLevel(canon, 0.85).configure(label_for_charts="close (JW ≥ 0.85)"),
    ]
    # Untrained, a name that fails every level is strong evidence of two persons.
    m, u = [0.78, 0.12, 0.02], [0.002, 0.003, 0.006]
    if swapped:
        m, u = m + [0.01], u + [0.00002]
    m, u = m + [0.04, 0.02], u + [0.005, 0.02]
    if part == "given":
        levels.append(cll.ExactMatchLevel("given_first").configure(
            label_for_charts="same first given name"))
        m, u = m + [0.008], u + [0.003]
    levels.append(cll.ElseLevel())
    m, u = m + [1 - sum(m)], u + [1 - sum(u)]
    return CustomComparison(comparison_levels=_start(levels, m, u), output_column_name=part,
                            comparison_description=f"{part} name")


def _start(levels: list[Any], m: Sequence[float], u: Sequence[float]) -> list[Any]:
    """Give the non-null levels starting m and u probabilities (the untrained model).

    A registry too small to train on is scored with these; training replaces them.
    """
    body = [level for level in levels if not _is_null(level)]
    for level, m_value, u_value in zip(body, m, u, strict=True):
        level.configure(m_probability=m_value, u_probability=u_value)
    return levels


def _is_null(level: ComparisonLevelCreator) -> bool:
    return isinstance(level, cll.NullLevel) or bool(level.is_null_level)


def _dob_level(condition: str, label: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(condition, label_for_charts=label)


def birth_comparison() -> ComparisonCreator:
    """Date of birth in parts: exact; day and month swapped; the same year and month or
    year where one date is partial; complete dates of the same month or year that differ;
    a year apart; anything else (years apart).

    The m probabilities are fixed, not trained: in a registry full of namesakes EM would
    take them for one person and learn that their different birth dates are normal.
    Complete dates that differ, and years apart, are strong evidence of two people.
    """
    y, m, d = "birth_year", "birth_month", "birth_day"
    partial_day = f"({d}_l IS NULL OR {d}_r IS NULL)"
    partial_month = f"({m}_l IS NULL OR {m}_r IS NULL)"
    levels: list[Any] = [
        cll.CustomLevel(f"{y}_l IS NULL OR {y}_r IS NULL").configure(
            is_null_level=True, label_for_charts="missing"),
        _dob_level(f"{y}_l = {y}_r AND {m}_l = {m}_r AND {d}_l = {d}_r", "exact"),
        _dob_level(f"{y}_l = {y}_r AND {m}_l = {d}_r AND {d}_l = {m}_r", "day and month swapped"),
        _dob_level(f"{y}_l = {y}_r AND {m}_l = {m}_r AND {partial_day}",
                   "same year and month, a day missing"),
        _dob_level(f"{y}_l = {y}_r AND {partial_month}", "same year, a month missing"),
        _dob_level(f"{y}_l = {y}_r AND {m}_l = {m}_r", "same year and month, another day"),
        _dob_level(f"{y}_l = {y}_r", "same year, another month"),
        _dob_level(f"abs({y}_l - {y}_r) <= 1", "within a year"),
        _dob_level(f"abs({y}_l - {y}_r) <= 5", "two to five years apart"),
        cll.ElseLevel(),
    ]
    # More than five years apart is all but a veto: namesakes in one family (a father
    # and a son with the same given name and patronymic) differ there and nowhere else.
    levels = _start(levels, [0.87, 0.02, 0.04, 0.03, 0.01, 0.0059, 0.02, 0.0001, 0.000001],
                    [0.00005, 0.00004, 0.0005, 0.004, 0.0015, 0.016, 0.036, 0.12, 0.82191])
    for level in levels[1:]:
        level.configure(fix_m_probability=True)
    return CustomComparison(comparison_levels=levels, output_column_name="birth",
                            comparison_description="date of birth")


def sex_comparison() -> ComparisonCreator:
    return CustomComparison(
        comparison_levels=_start(
            [cll.NullLevel("sex"), cll.ExactMatchLevel("sex").configure(label_for_charts="same"),
             cll.ElseLevel()], [0.98, 0.02], [0.5, 0.5]),
        output_column_name="sex", comparison_description="sex")


def nationality_comparison() -> ComparisonCreator:
    return CustomComparison(
        comparison_levels=_start(
            [cll.NullLevel("nationalities"),
             cll.ArrayIntersectLevel("nationalities", 1)
             .configure(label_for_charts="shared nationality"),
             cll.ElseLevel()], [0.95, 0.05], [0.3, 0.7]),
        output_column_name="nationality", comparison_description="nationalities")


def document_comparison() -> ComparisonCreator:
    return CustomComparison(
        comparison_levels=_start(
            [cll.NullLevel("document"),
             cll.ArrayIntersectLevel("documents", 1).configure(label_for_charts="same number"),
             cll.DamerauLevenshteinLevel("document", 1)
             .configure(label_for_charts="one edit apart"),
             cll.ElseLevel()], [0.7, 0.05, 0.25], [0.000001, 0.00001, 0.999989]),
        output_column_name="document", comparison_description="document numbers")


def extra_comparison(column: str, kind: str) -> ComparisonCreator:
    """A free column: "text" (exact, JW ≥ 0.92 / 0.80) or "code" (exact, one edit)."""
    levels: list[Any] = [
        cll.NullLevel(column), cll.ExactMatchLevel(column).configure(label_for_charts="exact")]
    if kind == "code":
        levels.append(cll.DamerauLevenshteinLevel(column, 1)
                      .configure(label_for_charts="one edit apart"))
        m, u = [0.9, 0.05, 0.05], [0.01, 0.01, 0.98]
    else:
        levels += [cll.JaroWinklerLevel(column, 0.92).configure(label_for_charts="JW ≥ 0.92"),
                   cll.JaroWinklerLevel(column, 0.80).configure(label_for_charts="JW ≥ 0.80")]
        m, u = [0.85, 0.07, 0.03, 0.05], [0.01, 0.01, 0.03, 0.95]
    levels.append(cll.ElseLevel())
    return CustomComparison(comparison_levels=_start(levels, m, u), output_column_name=column,
                            comparison_description=column)


def blocking_rules() -> list[Any]:
    """Blocking rules that scale: each is an equi-join on a key, none on a name alone.

    Key arrays are exploded (one row per key), so a shared transliteration key is
    enough to bring two spellings together.
    """
    return [
        block_on("family_keys", "given_keys", arrays_to_explode=["family_keys", "given_keys"]),
        block_on("given_keys", "birth_year", arrays_to_explode=["given_keys"]),
        block_on("family_keys", "birth_year", arrays_to_explode=["family_keys"]),
        block_on("documents", arrays_to_explode=["documents"]),
        block_on("birth_year", "birth_month", "birth_day"),
    ]


#: The two EM passes of :func:`crossroads.people.matching.linkage.train`: each fixes
#: what the other estimates (names from people born the same day, the rest from names).
TRAINING_BLOCKS = (
    block_on("birth_year", "birth_month", "birth_day"),
    block_on("family_canon", "given_first"),
)


def model_settings(
    link_type: str = "dedupe_only",
    extra: Mapping[str, str] | None = None,
    comparisons: Sequence[str] = ("given", "family", "patronymic", "birth", "sex",
                                  "nationality", "document"),
    rules: Sequence[Any] | None = None,
    prior: float = 0.0001,
) -> SettingsCreator:
    """Splink settings of the person model.

    ``comparisons`` selects the standard comparisons (a data set without documents or
    nationalities drops them), ``extra`` adds free columns by kind (see
    :func:`extra_comparison`), ``rules`` replaces the blocking rules, ``prior`` is the
    probability that two records drawn at random are one person (before training).
    """
    makers = {
        "given": lambda: name_comparison("given", swapped=True),
        "family": lambda: name_comparison("family", swapped=True, term_frequencies=True),
        "patronymic": lambda: name_comparison("patronymic"),
        "birth": birth_comparison,
        "sex": sex_comparison,
        "nationality": nationality_comparison,
        "document": document_comparison,
    }
    chosen: list[Any] = [makers[name]() for name in comparisons]
    for column, kind in (extra or {}).items():
        if kind not in EXTRA_KINDS:
            raise ValueError(f"unknown kind of extra column {column!r}: {kind!r}")
        chosen.append(extra_comparison(column, kind))
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        unique_id_column_name="unique_id",
        comparisons=chosen,
        blocking_rules_to_generate_predictions=list(rules if rules is not None
                                                    else blocking_rules()),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        probability_two_random_records_match=prior,
    )
