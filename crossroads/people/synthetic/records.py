"""Records of the synthetic persons, as documents and registers render them, with noise.

Each person gets ``records_per_person`` records (uniform in the range). A record is
of one of the person's nationality's renderings (:mod:`.countries`): the national
register in the native script, the passport in the national scheme, older documents
in older schemes, the ICAO form, the MRZ read back into parts, or a German, French or
English-language register abroad. Then noise (:class:`.noise.NoiseRates`) is applied.
Every record carries its person's ``true_id`` (the ground truth).
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd

from crossroads.people.synthetic.countries import BY_CODE, LATIN_NATIVE, Rendering
from crossroads.people.synthetic.noise import NoiseRates, typo
from crossroads.people.synthetic.population import population
from crossroads.people.synthetic.render import mrz_parts, render, resolve

#: Columns of a record frame (what ``matching.frame.records_frame`` reads, and more).
COLUMNS = ("unique_id", "true_id", "given", "family", "patronymic", "birth_year",
           "birth_month", "birth_day", "sex", "nationalities", "document_numbers",
           "language", "scheme", "source", "address")
#: Chance that a record of this kind carries the patronymic.
PATRONYMIC_SHOWN = {"native": 0.95, "document": 0.3, "mrz": 0.0, "foreign": 0.2}


def generate(count_persons: int, seed: int = 0, records_per_person: tuple[int, int] = (1, 4),
             noise: NoiseRates | None = None) -> pd.DataFrame:
    """Records of ``count_persons`` synthetic persons; the same seed gives the same frame."""
    noise = noise or NoiseRates()
    persons = population(count_persons, seed)
    rng = np.random.default_rng([seed, 1])
    low, high = records_per_person
    counts = rng.integers(low, high + 1, len(persons))
    who = np.repeat(np.arange(len(persons)), counts)
    records = _render(persons, who, rng)
    _noise(records, persons, who, noise, rng, random.Random(seed))
    records.insert(0, "unique_id", np.arange(len(records), dtype=np.int64))
    return records[list(COLUMNS)]


def kind_of(rendering: Rendering) -> str:
    if rendering.scheme == "":
        return "native"
    if rendering.scheme == "mrz":
        return "mrz"
    return "foreign" if rendering.foreign else "document"


def _render(persons: pd.DataFrame, who: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n = who.size
    nat = persons["nationality"].to_numpy()[who]
    given = np.empty(n, dtype=object)
    family = np.empty(n, dtype=object)
    patron = np.empty(n, dtype=object)
    language = np.empty(n, dtype=object)
    scheme = np.empty(n, dtype=object)
    source = np.empty(n, dtype=object)
    documented = np.zeros(n, dtype=bool)
    shown = rng.random(n)
    native = {part: persons[part].to_numpy()[who] for part in ("given", "family", "patronymic")}
    for code in pd.unique(nat):
        nationality = BY_CODE[code]
        rows = np.flatnonzero(nat == code)
        weights = np.array([r.weight for r in nationality.renderings])
        cumulative = np.cumsum(weights / weights.sum())
        choice = np.searchsorted(cumulative, rng.random(rows.size), side="right")
        for index, rendering in enumerate(nationality.renderings):
            picked = rows[choice == index]
            if not picked.size:
                continue
            parts = _render_parts(native, picked, rendering, nationality.language,
                                  code in LATIN_NATIVE)
            given[picked], family[picked], patron[picked], applied = parts
            hide = shown[picked] >= PATRONYMIC_SHOWN[kind_of(rendering)]
            patron[picked[hide]] = ""
            language[picked] = "" if rendering.foreign else nationality.language
            scheme[picked] = applied
            source[picked] = f"{code} {rendering.source}" if not rendering.foreign \
                else rendering.source
            documented[picked] = rendering.document
    frame = pd.DataFrame({
        "true_id": persons["true_id"].to_numpy()[who], "given": given, "family": family,
        "patronymic": patron,
        **{c: persons[c].to_numpy()[who].astype(float) for c in
           ("birth_year", "birth_month", "birth_day")},
        "sex": persons["sex"].to_numpy()[who], "language": language, "scheme": scheme,
        "source": source, "address": persons["address"].to_numpy()[who]})
    frame["_documented"] = documented
    return frame


def _render_parts(native: dict[str, np.ndarray], rows: np.ndarray, rendering: Rendering,
                  language: str, latin_native: bool
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """The three name parts of ``rows`` in ``rendering`` (each distinct name once), and
    the scheme actually applied."""
    scheme = resolve(rendering.scheme, "" if latin_native else language)
    if scheme == "mrz":
        pairs = pd.Series(native["family"][rows] + "\t" + native["given"][rows])
        codes, uniques = pd.factorize(pairs)
        read = [mrz_parts(*pair.split("\t"), language) for pair in uniques]  # type: ignore[misc]
        family = np.array([r[0] for r in read], dtype=object)[codes]
        given = np.array([r[1] for r in read], dtype=object)[codes]
        return given, family, np.full(rows.size, "", dtype=object), scheme
    out = []
    for part in ("given", "family", "patronymic"):
        codes, uniques = pd.factorize(native[part][rows])
        shaped = np.array([_case(render(name, scheme, language), rendering) for name in uniques],
                          dtype=object)
        out.append(shaped[codes] if uniques.size else np.full(rows.size, "", dtype=object))
    return out[0], out[1], out[2], scheme


def _case(text: str, rendering: Rendering) -> str:
    """Passports print names in capitals; registers abroad in title case."""
    if not rendering.scheme:
        return text
    if rendering.foreign:
        return " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))
    return text.upper()


def _noise(records: pd.DataFrame, persons: pd.DataFrame, who: np.ndarray, rates: NoiseRates,
           rng: np.random.Generator, slips: random.Random) -> None:
    """Apply the noise in place, and fill the nationality and document columns."""
    n = len(records)

    def draw(rate: float) -> np.ndarray:
        return rng.random(n) < rate

    year, month, day = (records[c].to_numpy() for c in ("birth_year", "birth_month",
                                                         "birth_day"))
    swap = draw(rates.day_month_swapped) & (day <= 12) & (day != month)
    month[swap], day[swap] = day[swap], month[swap].copy()
    year_only, year_month = draw(rates.year_only), draw(rates.year_month_only)
    month[year_only] = np.nan
    day[year_only | year_month] = np.nan
    missing = draw(rates.birth_missing)
    year[missing] = month[missing] = day[missing] = np.nan
    for column, values in (("birth_year", year), ("birth_month", month), ("birth_day", day)):
        records[column] = pd.array(values, dtype="Float64").astype("Int64")
    sex = records["sex"].to_numpy().copy()
    sex[draw(rates.sex_missing)] = ""
    records["sex"] = sex
    _name_noise(records, rates, rng, slips)
    first = persons["nationality"].to_numpy()[who]
    second = persons["second_nationality"].to_numpy()[who]
    no_nationality = draw(rates.nationality_missing)
    with_second = rng.random(n) < 0.5
    records["nationalities"] = [
        [] if gone else ([a, b] if b and both else [a])
        for a, b, gone, both in zip(first, second, no_nationality, with_second, strict=True)]
    passport = persons["passport"].to_numpy()[who]
    shown = records.pop("_documented").to_numpy() & ~draw(rates.document_missing)
    spaced = rng.random(n) < 0.2
    records["document_numbers"] = [
        ([f"{p[:2]} {p[2:]}" if space else p] if show else [])
        for p, show, space in zip(passport, shown, spaced, strict=True)]


def _name_noise(records: pd.DataFrame, rates: NoiseRates, rng: np.random.Generator,
                slips: random.Random) -> None:
    n = len(records)
    given, family, patron = (records[c].to_numpy().copy()
                             for c in ("given", "family", "patronymic"))
    parts = (given, family, patron)
    for rate in (rates.typo, rates.second_typo):
        for row in np.flatnonzero(rng.random(n) < rate):
            choice = slips.random()
            target = parts[0 if choice < 0.45 else 1 if choice < 0.9 or not patron[row] else 2]
            target[row] = typo(target[row], slips)
    swap = np.flatnonzero(rng.random(n) < rates.parts_swapped)
    given[swap], family[swap] = family[swap], given[swap].copy()
    together = np.flatnonzero(rng.random(n) < rates.family_first)
    family[together] = [f"{f} {g}".strip() for f, g in zip(family[together], given[together],
                                                          strict=True)]
    given[together] = ""
    given[rng.random(n) < rates.given_missing] = ""
    patron[rng.random(n) < rates.patronymic_missing] = ""
    records["given"], records["family"], records["patronymic"] = given, family, patron


def to_parquet(records: pd.DataFrame, path: str | Path) -> Path:
    """Write a record frame to a Parquet file (lists stay lists); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    records.to_parquet(path, index=False)
    return path


def from_parquet(path: str | Path) -> pd.DataFrame:
    """A record frame written by :func:`to_parquet`, with its list columns as lists again
    (Parquet gives numpy arrays back)."""
    records = pd.read_parquet(path)
    for column in ("nationalities", "document_numbers"):
        records[column] = [list(values) for values in records[column]]
    return records
