"""Comparison keys: renderings of one name meet, different names do not, and no input
breaks them (no database; property tests with hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.people.names.icao import mrz_component
from crossroads.people.names.keys import MAX_KEY, canonical, name_keys, token_keys
from crossroads.people.names.samples import DIFFERENT, NAMES
from crossroads.people.names.schemes import SCHEMES, schemes_for, transliterate

#: Spellings of one name that must all share one key (the issue's and the brief's).
ALL_MEET: list[list[str]] = [
    ["Юлия", "Юлія", "IULIIA", "YULIYA", "JULIJA", "YULIA", "Yulia", "Julija"],
    ["Щербаков", "SHCHERBAKOV", "SCHERBAKOV", "ŠČERBAKOV"],
    ["Ковальчук", "KOVALCHUK", "KOVAL'CHUK", "KOWALTSCHUK", "Kovalčuk"],
    ["Олег", "OLEH", "OLEG"],
    ["Алексей", "ALEKSEI", "ALEXEY", "ALEKSEJ"],
    ["Юрий", "Juri", "Jurij", "Iouri", "Yuri"],
]


@pytest.mark.parametrize("spellings", ALL_MEET, ids=[s[0] for s in ALL_MEET])
def test_spellings_of_one_name_all_share_a_key(spellings: list[str]) -> None:
    keys = [name_keys(s) for s in spellings]
    assert frozenset.intersection(*keys), {s: sorted(k) for s, k in zip(spellings, keys,
                                                                          strict=True)}


#: Spellings of one name (the first as written in its script) that must meet it.
SAME: list[list[str]] = [
    ["Юлия", "Юлія", "IULIIA", "YULIYA", "JULIJA", "YULIA", "Yuliia", "Iouliia", "Julia"],
    ["Щербаков", "SHCHERBAKOV", "SCHERBAKOV", "ŠČERBAKOV", "Schtscherbakow", "Chtcherbakov",
     "Ŝerbakov", "Sherbakov"],
    ["Ковальчук", "KOVALCHUK", "KOVAL'CHUK", "KOWALTSCHUK", "Kovalčuk", "Kowalczuk",
     "Kovaltchouk", "KOVALCUK"],
    ["Олег", "OLEH", "OLEG"],
    ["Алексей", "ALEKSEI", "ALEXEY", "ALEKSEJ", "Alexei", "Alexeï", "Aleksey"],
    ["Юрий", "Yuri", "Iouri", "Juri", "Jurij", "Yuriy", "IURII", "Yury"],
    ["Артём", "ARTEM", "ARTYOM", "Artjom"],
    ["Хрущёв", "Khrushchev", "Khrushchyov", "Chruschtschow", "Khrouchtchev", "Hruščov"],
    ["Христо", "Hristo", "Khristo"],
    ["Живковић", "ZIVKOVIC", "Živković"],
    ["Згорани", "Zghorany", "Zgorany"],
    ["Достоевский", "Dostoevskiy", "Dostojewski", "Dostoïevski", "Dostoyevsky", "Dostoevskii"],
    ["Гасымов", "Qasımov", "Qasimov"],
    ["Ельцин", "Yeltsin", "Jelzin", "Eltsine", "El'tsin"],
    ["Наталья", "Natalia", "Natalya", "Natalja", "Natalіa"],
    ["Кузнецов", "Kuznetsov", "Kusnezow", "Kouznetsov", "Kuznecov"],
    ["Һејдәр", "Heydər", "Heydar", "HEYDAR"],
    ["Джугашвили", "ჯუღაშვილი", "Jughashvili", "Dzhugashvili", "Dschugaschwili"],
    ["Հովհաննես", "Hovhannes", "HOVHANNES"],
]


@pytest.mark.parametrize("spellings", SAME, ids=[s[0] for s in SAME])
def test_spellings_of_one_name_meet_the_original(spellings: list[str]) -> None:
    original = name_keys(spellings[0])
    misses = {s: sorted(name_keys(s)) for s in spellings[1:] if not name_keys(s) & original}
    assert not misses, (sorted(original), misses)


@pytest.mark.parametrize(("left", "right"), DIFFERENT)
def test_different_names_do_not_meet(left: str, right: str) -> None:
    assert not name_keys(left) & name_keys(right)


def test_romanisations_of_different_names_do_not_meet() -> None:
    for left, right in DIFFERENT:
        for code in ("icao", "ru_mvd_310", "ru_de_duden"):
            a, b = transliterate(left, code), transliterate(right, code)
            assert not name_keys(a) & name_keys(b), (left, right, code)


@pytest.mark.parametrize("language", sorted(NAMES))
def test_every_scheme_of_a_language_meets_the_original(language: str) -> None:
    """The exhaustive form of the property below: every listed name, every scheme made
    for its language, and its ICAO MRZ rendering."""
    codes = schemes_for(language)
    assert codes, language
    misses = []
    for name in NAMES[language]:
        original = name_keys(name)
        assert original, name
        renderings = [transliterate(name, code) for code in codes]
        renderings.append(mrz_component(name, language))
        misses += [(name, r) for r in renderings if not name_keys(r) & original]
    assert not misses


_CASES = [(name, code, language) for language, names in NAMES.items() for name in names
          for code in schemes_for(language)]


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(_CASES), upper=st.booleans(), second=st.sampled_from(_CASES))
def test_property_any_rendering_meets_the_original(case: tuple[str, str, str], upper: bool,
                                                   second: tuple[str, str, str]) -> None:
    name, code, language = case
    if second[2] == language and second[0] != name:
        name = f"{name}-{second[0]}"  # a double family name, hyphenated
    if upper:
        name = name.upper()
    rendering = transliterate(name, code)
    assert name_keys(rendering) & name_keys(name), (name, code, rendering)
    assert name_keys(rendering, language) & name_keys(name, language)
    mrz = mrz_component(name, language)
    assert name_keys(mrz) & name_keys(name), (name, mrz)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_property_keys_never_raise(text: str) -> None:
    keys = name_keys(text)
    assert isinstance(keys, frozenset)
    assert all(isinstance(k, str) and 0 < len(k) <= MAX_KEY for k in keys)
    assert isinstance(canonical(text), str)
    assert all(isinstance(k, frozenset) for k in token_keys(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.sampled_from(
    ["", "ru", "uk", "bg", "az", "de", "fr", "xx", "ukr"]))
def test_property_keys_with_any_language_never_raise(text: str, language: str) -> None:
    assert isinstance(name_keys(text, language), frozenset)


def test_bad_input_gives_no_keys_rather_than_an_error() -> None:
    assert name_keys("") == frozenset()
    assert name_keys("   ") == frozenset()
    assert name_keys("1234 --") == frozenset()
    assert name_keys(None) == frozenset()  # type: ignore[arg-type]


def test_mixed_script_spelling_still_meets() -> None:
    # A Latin "a" and "o" typed inside a Cyrillic name.
    assert name_keys("Ивaнoв") & name_keys("Иванов")


def test_keys_are_short_and_few() -> None:
    long_name = "Щербакова" + "Лебедева" * 30
    assert all(len(k) <= MAX_KEY for k in name_keys(long_name))
    for names in NAMES.values():
        for name in names:
            assert 1 <= len(name_keys(name)) <= 12


def test_coarse_keys_are_marked() -> None:
    keys = name_keys("Живковић")
    assert any(k.startswith("~") for k in keys)
    assert any(not k.startswith("~") for k in keys)


def test_token_keys_per_word() -> None:
    tokens = token_keys("Petrova-Vodkina Anna")
    assert len(tokens) == 3
    assert tokens[2] & name_keys("Анна")


def test_canonical_is_upper_case_ascii_and_shared_by_variants() -> None:
    assert canonical("Юлия Ковальчук") == "IULIA KOVALCHUK"
    assert canonical("YULIYA") == canonical("Юлия") == canonical("IULIIA")
    assert canonical("SHCHERBAKOV") == canonical("Щербаков") == "SHERBAKOV"
    for names in NAMES.values():
        for name in names:
            value = canonical(name)
            assert value.isascii() and value == value.upper()


def test_all_schemes_are_exercised() -> None:
    used = {code for _, code, _ in _CASES}
    assert used == set(SCHEMES) - {"tr_icao"}  # Turkish is Latin already
