"""ICAO Doc 9303 machine readable zones: the specimens, corrupted zones, and properties.

The specimens are those of Doc 9303 (8th edition): Part 4 (TD3), Part 5 (TD1), Part 6
(TD2) and Part 7 (MRV-A, MRV-B), issued by the specimen state "Utopia" (UTO). Their
check digits were verified with :func:`check_digit` (see ``test_specimen_check_digits``);
all of them pass as recalled, none had to be reconstructed.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.borders.mrz import MRZ, MRZError, check_digit, parse

TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
       "7408122F1204159UTO<<<<<<<<<<<6\n"
       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"
       "D231458907UTO7408122F1204159<<<<<<<6")
# Part 7: the specimen visa expires on 961210, which the two-digit rule reads as 2096.
MRVA = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<")
MRVB = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"
        "L8988901C4XXX4009078F9612109<<<<<<<<")


def spec(text: str) -> MRZ:
    return parse(text, allow_specimen=True)


def td3(name: str = "ERIKSSON<<ANNA<MARIA", *, state: str = "DEU", number: str = "C01X00T47",
        nationality: str = "DEU", birth: str = "830812", sex: str = "F",
        expiry: str = "310415", personal: str = "", code: str = "P<") -> str:
    """A TD3 zone with correct check digits."""
    line1 = (code + state.ljust(3, "<") + name).ljust(44, "<")[:44]
    personal = personal.ljust(14, "<")
    personal_digit = "<" if set(personal) == {"<"} else str(check_digit(personal))
    number = number.ljust(9, "<")
    line2 = (number + str(check_digit(number)) + nationality.ljust(3, "<") + birth
             + str(check_digit(birth)) + sex + expiry + str(check_digit(expiry)) + personal
             + personal_digit)
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return line1 + "\n" + line2 + str(check_digit(composite))


def td1(number: str = "D23145890", optional1: str = "", *, birth: str = "830812",
        expiry: str = "310415", state: str = "DEU") -> str:
    """A TD1 zone with correct check digits (long numbers as Part 5 writes them)."""
    if len(number) > 9:
        field = number[:9] + "<" + number[9:] + str(check_digit(number)) + "<" + optional1
    else:
        padded = number.ljust(9, "<")
        field = padded + str(check_digit(padded)) + optional1
    line1 = ("ID" + state + field).ljust(30, "<")
    line2 = (birth + str(check_digit(birth)) + "M" + expiry + str(check_digit(expiry))
             + state).ljust(29, "<")
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += str(check_digit(composite))
    return "\n".join([line1, line2, "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"])


def corrupt(text: str, line: int, position: int, char: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:position] + char + lines[line][position + 1:]
    return "\n".join(lines)


# check_digit ---------------------------------------------------------------------------

def test_check_digit_examples() -> None:
    assert check_digit("L898902C3") == 6
    assert check_digit("740812") == 2
    assert check_digit("120415") == 9
    assert check_digit("ZE184226B<<<<<") == 1
    assert check_digit("") == 0
    assert check_digit("<<<") == 0
    assert check_digit("A") == 0  # 10 × 7
    assert check_digit("Z") == 5  # 35 × 7 = 245
    with pytest.raises(ValueError):
        check_digit("a-b")


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<", min_size=1, max_size=20),
       st.data())
def test_a_changed_digit_changes_the_check_digit(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    value = data.draw(st.sampled_from("0123456789"))
    if text[i] in "0123456789<" and value != text[i] and not (text[i] == "<" and value == "0"):
        changed = text[:i] + value + text[i + 1:]
        assert check_digit(changed) != check_digit(text)


# Specimens ----------------------------------------------------------------------------

def test_td3_specimen() -> None:
    mrz = spec(TD3)
    assert mrz.format == "TD3"
    assert mrz.document_code == "P<"
    assert mrz.issuing_state == "UTO" and mrz.nationality == "UTO"
    assert mrz.primary_identifier == "ERIKSSON"
    assert mrz.secondary_identifier == ["ANNA", "MARIA"]
    assert mrz.document_number == "L898902C3"
    assert (mrz.birth_date.year, mrz.birth_date.month, mrz.birth_date.day) == (1974, 8, 12)
    assert mrz.sex == "F"
    assert mrz.expiry_date == date(2012, 4, 15)
    assert mrz.optional_data_1 == "ZE184226B"
    assert mrz.checked == ("document_number", "birth_date", "expiry_date", "optional_data",
                           "composite")
    assert mrz.warnings == []
    assert mrz.fields() == {
        "given": "ANNA MARIA", "family": "ERIKSSON", "birth_year": 1974, "birth_month": 8,
        "birth_day": 12, "sex": "F", "nationality": "UTO", "document_number": "L898902C3",
        "document_kind": "passport", "document_state": "UTO",
        "document_expiry": date(2012, 4, 15)}


def test_td1_specimen() -> None:
    mrz = spec(TD1)
    assert mrz.format == "TD1"
    assert mrz.document_code == "I<"
    assert mrz.document_number == "D23145890"
    assert mrz.primary_identifier == "ERIKSSON"
    assert mrz.secondary_identifier == ["ANNA", "MARIA"]
    assert mrz.checked == ("document_number", "birth_date", "expiry_date", "composite")
    assert mrz.fields()["document_kind"] == "national_id"


def test_td2_specimen() -> None:
    mrz = spec(TD2)
    assert mrz.format == "TD2"
    assert mrz.document_number == "D23145890"
    assert mrz.birth_date.year == 1974
    assert "composite" in mrz.checked


@pytest.mark.parametrize(("text", "fmt"), [(MRVA, "MRVA"), (MRVB, "MRVB")])
def test_visa_specimens(text: str, fmt: str) -> None:
    mrz = spec(text)
    assert mrz.format == fmt
    assert mrz.is_visa
    assert mrz.document_number == "L8988901C"
    assert mrz.nationality == "XXX"
    assert (mrz.birth_date.year, mrz.birth_date.month, mrz.birth_date.day) == (1940, 9, 7)
    assert mrz.expiry_date == date(2096, 12, 10)
    assert "composite" not in mrz.checked
    assert mrz.fields()["document_kind"] == "visa"
    if fmt == "MRVA":
        assert mrz.optional_data_1 == "6ZE184226B"


@pytest.mark.parametrize("text", [TD1, TD2, TD3, MRVA, MRVB])
def test_specimen_state_refused_unless_asked_for(text: str) -> None:
    with pytest.raises(MRZError) as info:
        parse(text)
    assert info.value.field == "issuing_state"
    assert "UTO" in info.value.reason


# Check digits --------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "position", "field", "label"), [
    (1, 9, "document_number", "document number"),
    (1, 19, "birth_date", "birth date"),
    (1, 27, "expiry_date", "expiry date"),
    (1, 42, "optional_data", "personal number"),
    (1, 43, "composite", "composite"),
])
def test_td3_each_check_digit(line: int, position: int, field: str, label: str) -> None:
    good = TD3.split("\n")[line][position]
    bad = str((int(good) + 1) % 10)
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD3, line, position, bad))
    assert info.value.field == field
    assert f"{label} check digit is {bad}, expected {good}" in info.value.reason


def test_birth_date_check_digit_message() -> None:
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD3, 1, 19, "3"))
    assert info.value.reason == "The birth date check digit is 3, expected 2."
    # The composite fails too: every error is listed.
    assert [name for name, _reason in info.value.errors] == ["birth_date", "composite"]


def test_changed_data_fails_its_check_digit() -> None:
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD3, 1, 14, "5"))  # birth year 75
    assert info.value.field == "birth_date"
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD3, 1, 3, "X"))  # document number
    assert info.value.field == "document_number"


@pytest.mark.parametrize(("text", "line", "position", "field"), [
    (TD1, 0, 14, "document_number"), (TD1, 1, 6, "birth_date"), (TD1, 1, 14, "expiry_date"),
    (TD1, 1, 29, "composite"), (TD2, 1, 9, "document_number"), (TD2, 1, 19, "birth_date"),
    (TD2, 1, 27, "expiry_date"), (TD2, 1, 35, "composite"), (MRVA, 1, 9, "document_number"),
    (MRVA, 1, 19, "birth_date"), (MRVB, 1, 27, "expiry_date"),
])
def test_check_digits_of_other_formats(text: str, line: int, position: int,
                                       field: str) -> None:
    good = text.split("\n")[line][position]
    with pytest.raises(MRZError) as info:
        spec(corrupt(text, line, position, str((int(good) + 5) % 10)))
    assert info.value.field == field


def test_composite_alone() -> None:
    # Optional data (no check digit of its own in TD1) is covered by the composite only.
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD1, 0, 20, "X"))
    assert info.value.field == "composite"


def test_empty_personal_number_may_have_zero_or_filler() -> None:
    text = td3()
    assert parse(text).checked[3] == "optional_data"
    zero = corrupt(text, 1, 42, "0")
    composite = zero.split("\n")[1]
    fixed = corrupt(zero, 1, 43, str(check_digit(composite[0:10] + composite[13:20]
                                                 + composite[21:43])))
    assert "optional_data" in parse(fixed).checked


# Layout --------------------------------------------------------------------------------

def test_truncated_line() -> None:
    with pytest.raises(MRZError) as info:
        spec(TD3[:-1])
    assert info.value.field == "mrz"
    assert info.value.reason == "Line 2 has 43 characters, expected 44."


def test_over_long_line() -> None:
    with pytest.raises(MRZError) as info:
        spec(TD3.replace("\n", "<\n", 1))
    assert info.value.reason == "Line 1 has 45 characters, expected 44."


def test_td1_line_lengths() -> None:
    lines = TD1.split("\n")
    with pytest.raises(MRZError) as info:
        spec("\n".join([lines[0], lines[1] + "<", lines[2]]))
    assert "Line 2 has 31 characters" in info.value.reason


@pytest.mark.parametrize("text", ["", "   \n  ", "P<UTO", TD3 + "\n" + "<" * 44,
                                  "\n".join(["<" * 44] * 4)])
def test_wrong_number_of_lines_or_widths(text: str) -> None:
    with pytest.raises(MRZError) as info:
        parse(text)
    assert info.value.field == "mrz"


def test_unknown_format() -> None:
    with pytest.raises(MRZError) as info:
        spec("X" + TD3[1:])
    assert info.value.field == "document_code"
    assert "Unknown format" in info.value.reason


def test_invalid_character_position() -> None:
    with pytest.raises(MRZError) as info:
        spec(corrupt(TD3, 0, 7, "-"))
    assert info.value.reason.startswith("Line 1, position 8:")


def test_lower_case_and_whitespace() -> None:
    pasted = "\r\n  " + TD3.lower().replace("\n", "  \r\n\t") + "\n\n "
    assert spec(pasted) == spec(TD3)


def test_zone_pasted_as_one_line() -> None:
    assert spec(TD1.replace("\n", "")).document_number == "D23145890"


# OCR confusions ------------------------------------------------------------------------

def test_letter_o_in_numeric_fields_fixed_with_warning() -> None:
    fixed = td3(birth="740810", expiry="120410")
    assert parse(fixed).warnings == []
    ocr = corrupt(corrupt(fixed, 1, 18, "O"), 1, 26, "O")
    mrz = parse(ocr)
    assert mrz.birth_date.day == 10 and mrz.expiry_date == date(2012, 4, 10)
    assert len(mrz.warnings) == 2
    assert "position 19 (birth date)" in mrz.warnings[0]
    assert mrz.lines == tuple(fixed.split("\n"))


def test_zero_in_letter_fields_fixed_with_warning() -> None:
    ocr = spec(TD3.replace("ERIKSSON", "ERIKSS0N"))
    assert ocr.primary_identifier == "ERIKSSON"
    assert any("name" in warning for warning in ocr.warnings)


def test_no_fix_in_document_number() -> None:
    # O and 0 are both legal in a document number: a confusion shows as a check digit.
    with pytest.raises(MRZError) as info:
        parse(td3(number="C01X00T47").replace("C01X00T47", "C01XO0T47"))
    assert info.value.field == "document_number"


# Dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("birth", "expiry", "field"), [
    ("990231", "310415", "birth_date"), ("831301", "310415", "birth_date"),
    ("830812", "290229", "expiry_date"), ("830812", "310400", "expiry_date"),
])
def test_dates_that_do_not_exist(birth: str, expiry: str, field: str) -> None:
    with pytest.raises(MRZError) as info:
        parse(td3(birth=birth, expiry=expiry))
    assert info.value.field == field
    assert "does not exist" in info.value.reason


def test_birth_century() -> None:
    future = (date.today().year + 1) % 100
    mrz = parse(td3(birth=f"{future:02d}0101"))
    assert mrz.birth_date.year == 1900 + future
    assert parse(td3(birth="000229")).birth_date.year == 2000
    assert parse(td3(expiry="280229")).expiry_date == date(2028, 2, 29)


def test_unknown_birth_day_and_month() -> None:
    mrz = parse(td3(birth="83<<<<"))
    assert (mrz.birth_date.year, mrz.birth_date.month, mrz.birth_date.day) == (1983, None, None)


# States, names, sex --------------------------------------------------------------------

@pytest.mark.parametrize("code", ["XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "EUE", "GBD"])
def test_special_codes(code: str) -> None:
    mrz = parse(td3(state=code, nationality=code))
    assert mrz.issuing_state == code and mrz.nationality == code


def test_germany_d() -> None:
    mrz = parse(td3(state="D", nationality="D"))
    assert mrz.issuing_state == "D" and mrz.nationality == "D"


def test_stateless_and_refugee_kinds() -> None:
    assert parse(td3(nationality="XXA")).fields()["document_kind"] == \
        "stateless_travel_document"
    assert parse(td3(nationality="XXB")).fields()["document_kind"] == "refugee_travel_document"


@pytest.mark.parametrize(("state", "nationality", "field"), [
    ("XYZ", "DEU", "issuing_state"), ("DEU", "ABC", "nationality"),
    ("D<E", "DEU", "issuing_state"), ("<<<", "DEU", "issuing_state"),
])
def test_bad_state_codes(state: str, nationality: str, field: str) -> None:
    with pytest.raises(MRZError) as info:
        parse(td3(state=state, nationality=nationality))
    assert info.value.field == field


def test_sex() -> None:
    assert parse(td3(sex="<")).sex == "X"
    assert parse(td3(sex="M")).sex == "M"
    with pytest.raises(MRZError) as info:
        parse(td3(sex="Q"))
    assert info.value.field == "sex"


def test_truncated_name_warned() -> None:
    long = "ABCDEFGHIJKLMNOPQRST<<ANNA<MARIA<BEATRIC"  # 40 characters: cut to 39
    mrz = parse(td3(name=long))
    assert mrz.name_truncated
    assert mrz.secondary_identifier == ["ANNA", "MARIA", "BEATRI"]
    assert any("truncated" in warning for warning in mrz.warnings)
    assert not parse(td3()).name_truncated


def test_name_with_spaces_and_only_primary() -> None:
    mrz = parse(td3(name="VAN<DER<BERG<<JAN<PIETER"))
    assert mrz.primary_identifier == "VAN DER BERG"
    assert mrz.secondary_identifier == ["JAN", "PIETER"]
    mrz = parse(td3(name="SUKARNO"))
    assert mrz.primary_identifier == "SUKARNO" and mrz.secondary_identifier == []


def test_name_with_digit_refused() -> None:
    with pytest.raises(MRZError) as info:
        parse(td3(name="ERIK5SON<<ANNA"))
    assert info.value.field == "name"


# TD1 long document number -------------------------------------------------------------

def test_td1_long_document_number() -> None:
    text = td1("D23145890734", "AB12")
    assert text.split("\n")[0] == "IDDEUD23145890<7349<AB12<<<<<<"
    mrz = parse(text)
    assert mrz.document_number == "D23145890734"
    assert mrz.optional_data_1 == "AB12"
    assert "document_number" in mrz.checked
    with pytest.raises(MRZError) as info:
        parse(corrupt(text, 0, 18, "8"))
    assert info.value.field == "document_number"


def test_td1_short_document_number() -> None:
    assert parse(td1("AB123", "XY")).document_number == "AB123"


# Never crash --------------------------------------------------------------------------

MRZ_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<<<<<O"


def _outcome(text: str) -> None:
    try:
        result = parse(text)
    except MRZError as error:
        assert error.field and error.reason
    else:
        assert isinstance(result, MRZ)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    _outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([(30, 3), (36, 2), (44, 2)]).flatmap(
    lambda shape: st.lists(st.text(alphabet=MRZ_ALPHABET, min_size=shape[0],
                                   max_size=shape[0]),
                           min_size=shape[1], max_size=shape[1])),
       st.sampled_from(["P", "I", "V", "A", "C"]))
def test_mrz_shaped_text_never_crashes(lines: list[str], kind: str) -> None:
    lines[0] = kind + lines[0][1:]
    _outcome("\n".join(lines))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 8), st.sampled_from("0123456789"))
def test_any_changed_document_number_digit_is_detected(i: int, digit: str) -> None:
    text = td3(number="123456789")
    if text[45 + i] != digit:
        with pytest.raises(MRZError) as info:
            parse(corrupt(text, 1, i, digit))
        assert info.value.field == "document_number"
