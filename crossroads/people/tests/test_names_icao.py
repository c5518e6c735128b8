"""ICAO Doc 9303 Part 3: Latin folding, Cyrillic table B with its language columns, and
the MRZ name field (no database)."""

from __future__ import annotations

import pytest

from crossroads.people.names.icao import icao_fold, mrz_component, mrz_name, to_icao


@pytest.mark.parametrize(("text", "expected"), [
    ("Müller", "Mueller"), ("ÅSE", "AASE"), ("Björk", "Bjoerk"), ("Søren", "Soeren"),
    ("Æsir", "Aesir"), ("ÆSIR", "AESIR"), ("Þórunn", "Thorunn"), ("Straße", "Strasse"),
    ("Ĳsselmeer", "IJsselmeer"),
    ("Ðorđe", "Dorde"), ("Łukasz", "Lukasz"), ("Muñoz", "Munoz"), ("Çelik", "Celik"),
    ("Dvořák", "Dvorak"), ("Ħamrun", "Hamrun"), ("Ştefan", "Stefan"), ("Œuvre", "Oeuvre"),
])
def test_icao_fold_follows_table_a(text: str, expected: str) -> None:
    assert icao_fold(text) == expected
    assert icao_fold(text).isascii()


def test_icao_fold_leaves_other_scripts_and_signs() -> None:
    assert icao_fold("Юлия O'Neil-Smith") == "Юлия O'Neil-Smith"


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Юлия Ковальчук", "", "Iuliia Kovalchuk"),          # the example
    ("ЮЛИЯ КОВАЛЬЧУК", "ru", "IULIIA KOVALCHUK"),
    ("Щербаков", "ru", "Shcherbakov"),
    ("Подъячев", "ru", "Podieiachev"),                     # Ъ → IE
    ("Артём", "ru", "Artem"),                              # Ё → E
    ("Микола", "uk", "Mykola"),                            # И → Y in Ukrainian
    ("Євген", "uk", "Ievgen"),
    ("Ігар", "be", "Ihar"),                                # Г → H in Belarusian
    ("Бабрыковіч Аляксандр", "be", "Babrykovich Aliaksandr"),
    ("Падалёў", "be", "Padaliou"),                         # Ё → IO, Ў → U
    ("Щерев", "bg", "Shterev"),                            # Щ → SHT in Bulgarian
    ("Събев", "bg", "Sabev"),                              # Ъ → A
    ("Живковић", "sr", "Zivkovic"),                        # Serbian column
    ("Ђоковић", "sr", "Dokovic"),
    ("Ѓорѓе", "mk", "Gjorgje"),                            # Macedonian column
    ("Ќосе Џеладин", "mk", "Kjose Djeladin"),
    ("Һејдәр Әлијев", "az", "Heydar Aliyev"),             # Azerbaijani Latin, folded
    ("Ўткир Ғуломов", "uz", "Otkir Gulomov"),              # Uzbek Latin, folded
    ("მიხეილ სააკაშვილი", "", "Mikheil Saakashvili"),      # Georgian passports
    ("Հովհաննես Երևան", "", "Hovhannes Yerevan"),          # Armenian passports
    ("Müller", "", "Mueller"),
])
def test_to_icao(text: str, language: str, expected: str) -> None:
    assert to_icao(text, language) == expected


def test_to_icao_keeps_case_of_multi_letter_renderings() -> None:
    assert to_icao("Щука ЩУКА щука") == "Shchuka SHCHUKA shchuka"
    assert to_icao("Я") == "Ia"


@pytest.mark.parametrize(("text", "expected"), [
    ("Anna-Maria", "ANNA<MARIA"), ("D'Artagnan", "DARTAGNAN"), ("O’Brien", "OBRIEN"),
    ("van der Berg", "VAN<DER<BERG"), ("Müller", "MUELLER"), ("  Юлия ", "IULIIA"),
    ("St. John", "ST<JOHN"),
])
def test_mrz_component(text: str, expected: str) -> None:
    assert mrz_component(text) == expected


def test_mrz_name_td3() -> None:
    field = mrz_name("Ковальчук", "Юлия")
    assert field == "KOVALCHUK<<IULIIA" + "<" * 22
    assert len(field) == 39


def test_mrz_name_several_given_names_and_td1_width() -> None:
    assert mrz_name("Eriksson", "Anna Maria") == "ERIKSSON<<ANNA<MARIA".ljust(39, "<")
    assert mrz_name("Eriksson", "Anna Maria", width=30) == "ERIKSSON<<ANNA<MARIA".ljust(30, "<")


def test_mrz_name_without_given_name() -> None:
    assert mrz_name("Kovalchuk", "") == "KOVALCHUK".ljust(39, "<")


def test_mrz_name_truncates_the_secondary_identifier_first() -> None:
    field = mrz_name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang")
    assert field == "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<KR"[:39]
    assert len(field) == 39
    assert field[-1].isalpha()  # a truncated field ends with a letter


def test_mrz_name_truncation_never_ends_on_a_filler_when_cut() -> None:
    field = mrz_name("Ivanova-Petrova", "Anna Maria Elisabeth Alexandra", width=30)
    assert field == "IVANOVA<PETROVA<<ANNA<MARIA<EL"
    # A cut landing on a separator drops it (the field is then padded).
    assert mrz_name("Abcdefghij", "Klmno Pqrst", width=18) == "ABCDEFGHIJ<<KLMNO<"


def test_mrz_name_truncates_a_long_primary_identifier_keeping_an_initial() -> None:
    family = "Wolfeschlegelsteinhausenbergerdorffwelche"
    field = mrz_name(family, "Hubert Blaine")
    assert len(field) == 39
    assert field.endswith("<<H")
    assert field.startswith("WOLFESCHLEGELSTEINHAUSENBERGERDORFF")
