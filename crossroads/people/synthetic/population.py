"""The synthetic population: households of persons with native-script names.

A household shares a family name (in its feminine form for women where the language
inflects it) and an address. Couples are a man and a woman born a few years apart;
children are born 20 to 40 years after their mother (or single parent), and carry a
patronymic made from their father's given name where the nationality uses
patronymics. Everything is drawn from one seeded ``numpy`` generator, vectorised per
nationality, so the same seed gives the same population.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossroads.people.synthetic.countries import NATIONALITIES, Nationality
from crossroads.people.synthetic.namelists import feminine, patronymic, pool

#: Household kinds: (share, adults, has children)
HOUSEHOLDS = ((0.30, 1, False), (0.20, 2, False), (0.35, 2, True), (0.15, 1, True))
CHILDREN = ((1, 0.45), (2, 0.40), (3, 0.15))
LAST_YEAR = 2024
STREETS = ("Central", "Lenina", "Shevchenka", "Rustaveli", "Abovyan", "Nizami", "Abai",
           "Manas", "Rudaki", "Amir Temur", "Magtymguly", "Knez Mihailova", "Partizanska",
           "Njegoševa", "Skënderbeu", "Nëna Terezë", "Atatürk", "Herzl", "Ştefan cel Mare",
           "Nezalezhnosti", "Pobedy", "Mira", "Sadovaya", "Shkolnaya")
DAYS = np.array([0] + [calendar.monthrange(2001, m)[1] for m in range(1, 13)])
#: Passport number formats: (letters, digits) — Latin letters then digits.
DOCUMENT_FORMATS = {"RUS": (0, 9), "UKR": (2, 6), "BLR": (2, 7), "KAZ": (1, 8), "TUR": (1, 8),
                    "ISR": (0, 8), "GEO": (2, 7), "ARM": (2, 7), "AZE": (1, 8)}


@dataclass(frozen=True)
class Population:
    """Persons (one row each) with their native names and the facts every record shares."""

    persons: pd.DataFrame


def _choose(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    cumulative = np.cumsum(weights / weights.sum())
    return np.searchsorted(cumulative, rng.random(size), side="right").clip(0, len(weights) - 1)


def households(count_persons: int, rng: np.random.Generator) -> pd.DataFrame:
    """Members of enough households for ``count_persons`` persons (cut to that number):
    household, nationality index, role ("first", "second", "child")."""
    shares = np.array([h[0] for h in HOUSEHOLDS])
    estimate = int(count_persons / 1.9) + 16
    while True:
        kind = _choose(rng, shares, estimate)
        adults = np.array([h[1] for h in HOUSEHOLDS])[kind]
        has_children = np.array([h[2] for h in HOUSEHOLDS])[kind]
        kids = np.where(has_children, np.array([c[0] for c in CHILDREN])[
            _choose(rng, np.array([c[1] for c in CHILDREN]), estimate)], 0)
        size = adults + kids
        if size.sum() >= count_persons:
            break
        estimate *= 2
    household = np.repeat(np.arange(estimate), size)[:count_persons]
    starts = np.repeat(np.cumsum(size) - size, size)[:count_persons]
    position = np.arange(count_persons) - starts
    adults_of = adults[household]
    role = np.where(position == 0, 0, np.where(position < adults_of, 1, 2))
    weights = np.array([n.weight for n in NATIONALITIES])
    nationality = _choose(rng, weights, estimate)[household]
    return pd.DataFrame({"household": household, "nationality": nationality, "role": role,
                         "couple": (adults_of == 2)})


def population(count_persons: int, seed: int) -> pd.DataFrame:
    """``count_persons`` persons: true_id, nationality (ISO3), second_nationality, sex,
    given, family, patronymic (native script), birth_year/month/day, household, role
    ("first" and "second" adult, "child"), couple (two adults in the household),
    address, passport (number)."""
    rng = np.random.default_rng(seed)
    frame = households(count_persons, rng)
    n = len(frame)
    role, couple = frame["role"].to_numpy(), frame["couple"].to_numpy()
    random_sex = rng.random(n) < 0.5
    female = np.where(couple & (role == 0), False, np.where(couple & (role == 1), True,
                                                             random_sex))
    given = np.empty(n, dtype=object)
    family = np.empty(n, dtype=object)
    patron = np.full(n, "", dtype=object)
    household = frame["household"].to_numpy()
    first_of = np.searchsorted(household, household)  # index of the household's first member
    nat_index = frame["nationality"].to_numpy()
    for index, nationality in enumerate(NATIONALITIES):
        members = np.flatnonzero(nat_index == index)
        if members.size:
            _names(nationality, members, female, role, couple, first_of, household, rng,
                   given, family, patron)
    year, month, day = _births(rng, role, couple, first_of, female)
    iso3 = np.array([n.iso3 for n in NATIONALITIES], dtype=object)[nat_index]
    dual = rng.random(n) < 0.03
    second = np.where(dual, np.array([n.iso3 for n in NATIONALITIES], dtype=object)[
        rng.integers(0, len(NATIONALITIES), n)], "")
    second = np.where(second == iso3, "", second)
    streets = np.array(STREETS, dtype=object)[rng.integers(0, len(STREETS), household.max() + 1)]
    numbers = rng.integers(1, 200, household.max() + 1)
    address = [f"{streets[h]} {numbers[h]}" for h in household]
    return pd.DataFrame({
        "true_id": np.arange(n, dtype=np.int64), "nationality": iso3,
        "second_nationality": second, "sex": np.where(female, "F", "M"),
        "given": given, "family": family, "patronymic": patron,
        "birth_year": year, "birth_month": month, "birth_day": day,
        "household": household, "role": np.array(["first", "second", "child"])[role],
        "couple": couple, "address": address,
        "passport": _passports(rng, iso3)})


def _names(nationality: Nationality, members: np.ndarray, female: np.ndarray,
           role: np.ndarray, couple: np.ndarray, first_of: np.ndarray,
           household: np.ndarray, rng: np.random.Generator, given: np.ndarray,
           family: np.ndarray, patron: np.ndarray) -> None:
    """Fill the names of one nationality's members (in place)."""
    names = pool(nationality.locale)
    male_pool = np.array(names.male, dtype=object)
    female_pool = np.array(names.female, dtype=object)
    family_pool = np.array(names.family, dtype=object)
    lang = nationality.language
    is_female = female[members]
    chosen_male = male_pool[rng.integers(0, len(male_pool), members.size)]
    chosen_female = female_pool[rng.integers(0, len(female_pool), members.size)]
    given[members] = np.where(is_female, chosen_female, chosen_male)
    # one family name per household (drawn for every member, the first member's kept)
    drawn = family_pool[rng.integers(0, len(family_pool), members.size)]
    by_household = dict(zip(household[members][::-1], drawn[::-1], strict=True))
    masculine = [by_household[h] for h in household[members]]
    family[members] = [feminine(name, lang) if f else name
                       for name, f in zip(masculine, is_female, strict=True)]
    if not nationality.patronymic:
        return
    # a child's father is the household's first adult when he is a man in a couple
    father_of_child = given[first_of[members]]
    own_father = male_pool[rng.integers(0, len(male_pool), members.size)]
    has_father = (role[members] == 2) & couple[members]
    fathers = np.where(has_father, father_of_child, own_father)
    patron[members] = [patronymic(father, lang, bool(f))
                       for father, f in zip(fathers, is_female, strict=True)]


def _births(rng: np.random.Generator, role: np.ndarray, couple: np.ndarray,
            first_of: np.ndarray, female: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = role.size
    year = rng.integers(1940, 1992, n)
    # a partner is born within a few years of the first adult
    partner = role == 1
    year[partner] = year[first_of[partner]] + np.rint(rng.normal(2, 3, partner.sum())
                                                      ).astype(int)
    # children: 20-40 years after the mother (the second adult of a couple) or single parent
    # parents of children are born early enough for a child 20 years later (by LAST_YEAR)
    child = role == 2
    parent = first_of[child] + np.where(couple[child], 1, 0)
    latest = LAST_YEAR - 20
    late = np.unique(parent[year[parent] > latest])
    year[late] = latest - rng.integers(0, 25, late.size)
    if couple[late].any():  # keep a couple's years close: the first adult follows his partner
        partners = late[couple[late] & (role[late] == 1)]
        year[first_of[partners]] = year[partners] - np.rint(
            rng.normal(2, 3, partners.size)).astype(int)
    room = np.minimum(40, LAST_YEAR - year[parent]) - 20
    year[child] = year[parent] + 20 + np.floor(rng.random(child.sum()) * (room + 1)).astype(int)
    month = rng.integers(1, 13, n)
    day = 1 + np.floor(rng.random(n) * DAYS[month]).astype(int)
    return year, month, day


def _passports(rng: np.random.Generator, iso3: np.ndarray) -> list[str]:
    letters = np.array(list("ABCEHKMOPTX"), dtype=object)
    n = iso3.size
    first, second = letters[rng.integers(0, 11, n)], letters[rng.integers(0, 11, n)]
    digits = rng.integers(0, 10**9, n)
    out = []
    for code, a, b, number in zip(iso3, first, second, digits, strict=True):
        count, width = DOCUMENT_FORMATS.get(code, (2, 7))
        prefix = (a + b)[:count]
        out.append(f"{prefix}{number % 10**width:0{width}d}")
    return out
