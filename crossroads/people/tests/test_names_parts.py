"""Patronymics, name order and the normalisation of typed names (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.people.names.parts import (
    NameParts,
    NameProblem,
    is_patronymic,
    normalise_name,
    split_full_name,
)


@pytest.mark.parametrize("word", [
    "Иванович", "Сергеевич", "Ильич", "Кузьмич", "Ивановна", "Сергеевна", "Ильинична",
    "Никитична", "Олексійович", "Олексіївна", "Іванівна", "Аляксандравіч", "Іванаўна",
    "IVANOVICH", "Sergeyevich", "Ivanovna", "Ivanivna", "Oleksiiovych", "Mykolaiovych",
    "Iwanowitsch", "Ivanovitch", "Ivanovič", "Aliaksandravich", "Ivanauna", "Kuzminichna",
    "oğlu", "qızı", "оглы", "кызы", "ұлы", "o'g'li", "oʻgʻli", "qizi", "ogly", "gyzy", "uulu",
])
def test_patronymics(word: str) -> None:
    assert is_patronymic(word)


@pytest.mark.parametrize("word", [
    "Иванов", "Петрова", "Ковальчук", "Petrović", "Đoković", "Јовановић", "Friedrich",
    "Бабич", "Ivan", "", "Ich", "Шевченко",
])
def test_not_patronymics(word: str) -> None:
    assert not is_patronymic(word)


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("Ivan Ivanovich Petrov", "given_first", NameParts("Ivan", "Ivanovich", "Petrov")),
    ("Юлия Сергеевна Ковальчук", "given_first", NameParts("Юлия", "Сергеевна", "Ковальчук")),
    ("Ковальчук Юлия Сергеевна", "family_first", NameParts("Юлия", "Сергеевна", "Ковальчук")),
    ("Ковальчук, Юлия Сергеевна", "given_first", NameParts("Юлия", "Сергеевна", "Ковальчук")),
    ("KOVALCHUK Iuliia", "given_first", NameParts("Iuliia", "", "KOVALCHUK")),
    ("Iuliia KOVALCHUK", "family_first", NameParts("Iuliia", "", "KOVALCHUK")),
    ("Heydər Əlirza oğlu Əliyev", "given_first", NameParts("Heydər", "Əlirza oğlu", "Əliyev")),
    ("Əliyev Heydər Əlirza oğlu", "family_first", NameParts("Heydər", "Əlirza oğlu", "Əliyev")),
    ("Anna Maria Petrova", "given_first", NameParts("Anna Maria", "", "Petrova")),
    ("Anna Petrova-Vodkina", "given_first", NameParts("Anna", "", "Petrova-Vodkina")),
    ("Petrov", "given_first", NameParts("", "", "Petrov")),
    ("", "given_first", NameParts("", "", "")),
    # A Belarusian family name in -віч is not taken for a patronymic in two words.
    ("Аляксандр Бабрыковіч", "given_first", NameParts("Аляксандр", "", "Бабрыковіч")),
    ("Аляксандр Іванавіч Бабрыковіч", "given_first",
     NameParts("Аляксандр", "Іванавіч", "Бабрыковіч")),
])
def test_split_full_name(text: str, order: str, expected: NameParts) -> None:
    assert split_full_name(text, order) == expected


def test_split_full_name_with_two_family_names() -> None:
    assert split_full_name("María García López", family_words=2) == NameParts(
        "María", "", "García López")
    assert split_full_name("García López María", "family_first", family_words=2) == NameParts(
        "María", "", "García López")


def test_normalise_name_spaces_and_nfc() -> None:
    decomposed = "Zivkovic\u030c"  # a combining caron typed after the c
    name, warnings = normalise_name(f"  {decomposed}   Ana ")
    assert name == "Zivkovič Ana"
    assert warnings == []


def test_normalise_name_fixes_look_alikes_with_a_warning() -> None:
    name, warnings = normalise_name("Ивaнoв")  # Latin a and o in a Cyrillic word
    assert name == "Иванов"
    assert len(warnings) == 1 and "Ивaнoв" in warnings[0]
    name, warnings = normalise_name("Petrоv")  # Cyrillic о in a Latin word
    assert name == "Petrov"
    assert warnings


def test_normalise_name_keeps_what_it_cannot_fix_with_a_warning() -> None:
    name, warnings = normalise_name("Ivanжов")
    assert name == "Ivanжов"
    assert warnings and "several scripts" in warnings[0]


def test_normalise_name_reads_zero_as_o_and_drops_other_digits() -> None:
    name, warnings = normalise_name("Ivan0v 2")
    assert name == "Ivanov"
    assert len(warnings) == 2


@pytest.mark.parametrize("text", ["", "   ", "123", "--", "!!", None])
def test_names_without_letters_are_refused_clearly(text: str | None) -> None:
    with pytest.raises(NameProblem) as problem:
        normalise_name(text)  # type: ignore[arg-type]
    assert str(problem.value)
    assert isinstance(problem.value, ValueError)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_property_normalise_never_crashes(text: str) -> None:
    try:
        name, warnings = normalise_name(text)
    except NameProblem:
        return
    assert any(ch.isalpha() for ch in name)
    assert all(isinstance(w, str) for w in warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["given_first", "family_first"]))
def test_property_split_never_crashes(text: str, order: str) -> None:
    parts = split_full_name(text, order)
    assert isinstance(parts, NameParts)
