"""Realistic errors in person records: typing slips and muddled dates and fields.

Rates are per record (:class:`NoiseRates`). Typing slips follow the keyboard the
name was typed on: a QWERTY key's neighbours for Latin letters, a ЙЦУКЕН key's for
Cyrillic; other scripts get deletions and transpositions only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
JCUKEN = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


def _neighbours(rows: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            near = [row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)]
            for other in (r - 1, r + 1):
                if 0 <= other < len(rows):
                    near += [rows[other][i] for i in (c - 1, c, c + 1)
                             if 0 <= i < len(rows[other])]
            found[key] = "".join(near)
    return found


ADJACENT = {**_neighbours(QWERTY), **_neighbours(JCUKEN)}


@dataclass(frozen=True)
class NoiseRates:
    """How often each kind of error happens (a share of the records)."""

    typo: float = 0.12             # one slip in one name part
    second_typo: float = 0.03      # a second slip in another part
    day_month_swapped: float = 0.03
    year_only: float = 0.05
    year_month_only: float = 0.02
    birth_missing: float = 0.02
    sex_missing: float = 0.08
    given_missing: float = 0.01
    patronymic_missing: float = 0.25   # of the records that would carry one
    parts_swapped: float = 0.03        # given name in the family field and back
    family_first: float = 0.015        # "FAMILY GIVEN" in one field (a full-name register)
    nationality_missing: float = 0.10
    document_missing: float = 0.30     # of records whose kind carries a number


NO_NOISE = NoiseRates(*([0.0] * 13))


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one slip: a neighbouring key, a letter dropped, doubled, or two
    letters swapped."""
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 2:
        return text
    i = rng.choice(positions[1:]) if rng.random() < 0.85 else positions[0]
    kind = rng.random()
    ch = text[i]
    if kind < 0.4:
        near = ADJACENT.get(ch.lower())
        if near:
            new = rng.choice(near)
            return text[:i] + (new.upper() if ch.isupper() else new) + text[i + 1:]
        kind = 0.5
    if kind < 0.65:
        return text[:i] + text[i + 1:]
    if kind < 0.8:
        return text[:i] + ch + text[i:]
    j = i - 1 if i == len(text) - 1 else i + 1
    if not text[j].isalpha():
        return text[:i] + text[i + 1:]
    low, high = min(i, j), max(i, j)
    return text[:low] + text[high] + text[low] + text[high + 1:]
