"""Machine readable zones of travel documents (ICAO Doc 9303, 8th edition, 2021).

:func:`parse` reads the MRZ of a passport (TD3, Part 4), an identity card (TD1, Part 5;
TD2, Part 6) or a machine readable visa (MRV-A and MRV-B, Part 7), verifies every check
digit (Part 3, 4.9) and the codes of the issuing state and nationality, and returns an
:class:`MRZ`; a zone that cannot be accepted raises :class:`MRZError` naming the field
and the reason. Pure Python: the country codes come from the reference data file, not
from the database.

Layouts (0-based offsets):

- TD1, 3 × 30. Line 1: document code 0–1, issuing state 2–4, document number 5–13,
  check digit 14, optional data 15–29. Line 2: birth date 0–5, check 6, sex 7, expiry
  8–13, check 14, nationality 15–17, optional data 18–28, composite check 29. Line 3:
  name. A document number longer than nine characters continues in the optional data,
  the check digit position holding "<" and the number's check digit following its
  last character (Part 5, 4.2.4 note j).
- TD2, 2 × 36 and TD3, 2 × 44. Line 1: document code, issuing state, name (31 or 39).
  Line 2: document number 0–8, check 9, nationality 10–12, birth date 13–18, check 19,
  sex 20, expiry 21–26, check 27, optional data 28–34 (TD2; the long document number
  convention applies as in TD1) or personal number 28–41 and its check 42 (TD3), then
  the composite check digit.
- MRV-A, 2 × 44 and MRV-B, 2 × 36: as TD3 and TD2 without the personal number check
  digit and without a composite check digit; optional data 28–43 or 28–35.
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from crossroads.people.dates import PartialDate

FILLER = "<"
_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALLOWED = frozenset(_DIGITS + _LETTERS + FILLER)
_WEIGHTS = (7, 3, 1)

#: The state of the specimens in Doc 9303 ("Utopia"): accepted only when asked for.
SPECIMEN_STATE = "UTO"

COUNTRIES_CSV = Path(__file__).resolve().parent.parent / "reference" / "data" / "countries.csv"


class MRZError(ValueError):
    """A machine readable zone that cannot be accepted: ``field`` names the field
    (``"mrz"`` for the layout as a whole), ``reason`` says why in plain words.
    ``errors`` holds every (field, reason) found, the first being ``field``/``reason``."""

    def __init__(self, field: str, reason: str,
                 errors: list[tuple[str, str]] | None = None) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason
        self.errors = errors or [(field, reason)]

    def __str__(self) -> str:
        return self.reason


def _char_value(ch: str) -> int:
    if ch in _DIGITS:
        return ord(ch) - 48
    if ch in _LETTERS:
        return ord(ch) - 55
    if ch == FILLER:
        return 0
    raise MRZError("mrz", _("%(char)r cannot appear in a machine readable zone.")
                   % {"char": ch})


def check_digit(text: str) -> int:
    """The Doc 9303 check digit of ``text``: weights 7, 3, 1 repeated; digits count their
    value, A–Z 10–35, the filler "<" 0; the sum modulo 10."""
    return sum(_char_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(text)) % 10


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes of the reference countries, and the ICAO special codes."""
    from crossroads.people.codes import SPECIAL_CODES

    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as handle:
        iso3 = {row["iso3"].strip().upper() for row in csv.DictReader(handle) if row.get("iso3")}
    return frozenset(iso3 | set(SPECIAL_CODES))


@dataclass
class MRZ:
    """A machine readable zone that passed every check."""

    format: str  # "TD1", "TD2", "TD3", "MRVA", "MRVB"
    document_code: str  # two characters, e.g. "P<", "ID", "V<"
    issuing_state: str  # without fillers: "DEU", "D", "XXA"
    primary_identifier: str
    secondary_identifier: list[str]
    document_number: str
    nationality: str
    birth_date: PartialDate
    sex: str  # "M", "F" or "X" (the MRZ's "<")
    expiry_date: date | None
    optional_data_1: str = ""
    optional_data_2: str = ""
    #: The check digits verified, by field name.
    checked: tuple[str, ...] = ()
    name_truncated: bool = False
    warnings: list[str] = field(default_factory=list)
    #: The zone as read, after upper-casing and the corrections listed in ``warnings``.
    lines: tuple[str, ...] = ()

    @property
    def document_type(self) -> str:
        return self.document_code[0]

    @property
    def is_visa(self) -> bool:
        return self.format in ("MRVA", "MRVB")

    @property
    def given_names(self) -> str:
        return " ".join(self.secondary_identifier)

    def expired(self, on: date | None = None) -> bool:
        return self.expiry_date is not None and self.expiry_date < (on or date.today())

    def document_kind(self) -> str:
        """The value of :class:`crossroads.people.choices.DocumentKind`."""
        kind, second = self.document_code[0], self.document_code[1]
        if kind == "V":
            return "visa"
        if kind == "P":
            if self.nationality == "XXA":
                return "stateless_travel_document"
            if self.nationality in ("XXB", "XXC"):
                return "refugee_travel_document"
            return "passport"
        if second == "R":
            return "residence_permit"
        if kind == "I":
            return "national_id"
        return "other"

    def fields(self) -> dict[str, Any]:
        """Initial values for the registration and crossing forms."""
        return {
            "given": self.given_names,
            "family": self.primary_identifier,
            "birth_year": self.birth_date.year,
            "birth_month": self.birth_date.month,
            "birth_day": self.birth_date.day,
            "sex": self.sex,
            "nationality": self.nationality,
            "document_number": self.document_number,
            "document_kind": self.document_kind(),
            "document_state": self.issuing_state,
            "document_expiry": self.expiry_date,
        }


# Layouts ------------------------------------------------------------------------------

_LENGTHS = {"TD1": (30, 30, 30), "TD2": (36, 36), "TD3": (44, 44), "MRVA": (44, 44),
            "MRVB": (36, 36)}


def _normalise(text: str) -> list[str]:
    if not isinstance(text, str):
        raise MRZError("mrz", _("The machine readable zone must be text."))
    # Upper-case ASCII only: str.upper() may change the length of other characters (ß).
    text = "".join(chr(ord(ch) - 32) if "a" <= ch <= "z" else ch for ch in text)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        # A zone pasted without its line breaks.
        single = lines[0]
        for size, count in ((30, 3), (44, 2), (36, 2)):
            if len(single) == size * count:
                return [single[i * size:(i + 1) * size] for i in range(count)]
    return lines


def _layout(lines: list[str]) -> str:
    if not lines:
        raise MRZError("mrz", _("The machine readable zone is empty."))
    if len(lines) not in (2, 3):
        raise MRZError("mrz", _("A machine readable zone has 2 or 3 lines, not %(count)s.")
                       % {"count": len(lines)})
    if len(lines) == 3:
        for number, line in enumerate(lines, start=1):
            if len(line) != 30:
                raise MRZError("mrz", _(
                    "Line %(line)s has %(actual)s characters; a three-line zone (TD1) has "
                    "%(expected)s on every line.")
                    % {"line": number, "actual": len(line), "expected": 30})
        width = 30
    else:
        first, second = len(lines[0]), len(lines[1])
        if first in (36, 44):
            width = first
        elif second in (36, 44):
            width = second
        else:
            raise MRZError("mrz", _(
                "Line 1 has %(actual)s characters; a two-line zone has 36 (TD2, MRV-B) or "
                "44 (TD3, MRV-A).") % {"actual": first})
        for number, line in enumerate(lines, start=1):
            if len(line) != width:
                raise MRZError("mrz", _(
                    "Line %(line)s has %(actual)s characters, expected %(expected)s.")
                    % {"line": number, "actual": len(line), "expected": width})
    for number, line in enumerate(lines, start=1):
        for position, ch in enumerate(line, start=1):
            if ch not in _ALLOWED:
                raise MRZError("mrz", _(
                    "Line %(line)s, position %(position)s: %(char)r is not a character of a "
                    "machine readable zone (A–Z, 0–9 and <).")
                    % {"line": number, "position": position, "char": ch})
    kind = lines[0][0]
    if width == 30:
        if kind in "IAC":
            return "TD1"
    elif kind == "V":
        return "MRVA" if width == 44 else "MRVB"
    elif width == 44 and kind == "P":
        return "TD3"
    elif width == 36 and kind in "IACP":
        return "TD2"
    raise MRZError("document_code", _(
        "Unknown format: a document code starting with %(code)r on %(lines)s lines of "
        "%(width)s characters is none of TD1, TD2, TD3, MRV-A or MRV-B.")
        % {"code": kind, "lines": len(lines), "width": width})


class _Reader:
    """Reads fields from the lines, fixing O/0 confusions where the field type is known."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [list(line) for line in lines]
        self.warnings: list[str] = []
        self.errors: list[tuple[str, str]] = []

    def error(self, name: str, reason: str) -> None:
        self.errors.append((name, reason))

    def raw(self, line: int, start: int, end: int) -> str:
        return "".join(self.lines[line][start:end])

    def _fix(self, line: int, start: int, end: int, label: str, wrong: str, right: str) -> str:
        chars = self.lines[line]
        for i in range(start, end):
            if chars[i] == wrong:
                chars[i] = right
                self.warnings.append(_(
                    "Line %(line)s, position %(position)s (%(field)s): read %(wrong)r as "
                    "%(right)r.") % {"line": line + 1, "position": i + 1, "field": label,
                                     "wrong": wrong, "right": right})
        return self.raw(line, start, end)

    def numeric(self, line: int, start: int, end: int, label: str) -> str:
        """A field of digits (and fillers): a letter O is a zero."""
        return self._fix(line, start, end, label, "O", "0")

    def alphabetic(self, line: int, start: int, end: int, label: str) -> str:
        """A field of letters (and fillers): a zero is a letter O."""
        return self._fix(line, start, end, label, "0", "O")


def _check(reader: _Reader, name: str, label: str, data: str, digit: str,
           checked: list[str], empty_ok: bool = False) -> None:
    expected = check_digit(data)
    if digit == FILLER and empty_ok and set(data) <= {FILLER}:
        checked.append(name)
        return
    if digit not in _DIGITS:
        reader.error(name, _("The %(label)s check digit is %(actual)r, expected %(expected)s.")
                     % {"label": label, "actual": digit, "expected": expected})
    elif int(digit) != expected:
        reader.error(name, _("The %(label)s check digit is %(actual)s, expected %(expected)s.")
                     % {"label": label, "actual": digit, "expected": expected})
    else:
        checked.append(name)


def _state(reader: _Reader, name: str, label: str, raw: str, allow_specimen: bool) -> str:
    code = raw.rstrip(FILLER)
    if not code:
        reader.error(name, _("The %(label)s is missing.") % {"label": label})
    elif FILLER in code or any(ch not in _LETTERS for ch in code):
        reader.error(name, _("The %(label)s %(code)r is not a code of letters.")
                     % {"label": label, "code": raw})
    elif code not in state_codes() and not (allow_specimen and code == SPECIMEN_STATE):
        reader.error(name, _(
            "The %(label)s %(code)s is neither a country code (ISO 3166 alpha-3) nor an ICAO "
            "special code.") % {"label": label, "code": code})
    return code


def _date_parts(raw: str) -> tuple[int, int, int] | None:
    if any(ch not in _DIGITS for ch in raw):
        return None
    return int(raw[0:2]), int(raw[2:4]), int(raw[4:6])


def _birth_date(reader: _Reader, raw: str) -> PartialDate:
    label = _("birth date")
    if raw == FILLER * 6:
        return PartialDate()
    yy, mm, dd = raw[0:2], raw[2:4], raw[4:6]
    if any(ch not in _DIGITS for ch in yy) or (mm != "<<" and any(ch not in _DIGITS for ch in mm)) \
            or (dd != "<<" and any(ch not in _DIGITS for ch in dd)) or (mm == "<<" and dd != "<<"):
        reader.error("birth_date", _("The %(label)s %(raw)s is not a date (YYMMDD).")
                     % {"label": label, "raw": raw})
        return PartialDate()
    year2 = int(yy)
    month = None if mm == "<<" else int(mm)
    day = None if dd == "<<" else int(dd)
    today = date.today()
    year = 2000 + year2
    if (year, month or 1, day or 1) > (today.year, today.month, today.day):
        year -= 100
    if month is not None and not 1 <= month <= 12:
        reader.error("birth_date", _("The %(label)s %(raw)s does not exist: there is no month "
                                     "%(month)s.") % {"label": label, "raw": raw, "month": month})
        return PartialDate()
    if day is not None and month is not None \
            and not 1 <= day <= calendar.monthrange(year, month)[1]:
        reader.error("birth_date", _("The %(label)s %(raw)s does not exist: %(year)s-%(month)02d "
                                     "has no day %(day)s.")
                     % {"label": label, "raw": raw, "year": year, "month": month, "day": day})
        return PartialDate()
    return PartialDate(year=year, month=month, day=day)


def _expiry_date(reader: _Reader, raw: str) -> date | None:
    label = _("expiry date")
    if raw == FILLER * 6:
        return None
    parts = _date_parts(raw)
    if parts is None:
        reader.error("expiry_date", _("The %(label)s %(raw)s is not a date (YYMMDD).")
                     % {"label": label, "raw": raw})
        return None
    yy, mm, dd = parts
    year = 2000 + yy
    if not 1 <= mm <= 12:
        reader.error("expiry_date", _("The %(label)s %(raw)s does not exist: there is no month "
                                      "%(month)s.") % {"label": label, "raw": raw, "month": mm})
        return None
    if not 1 <= dd <= calendar.monthrange(year, mm)[1]:
        reader.error("expiry_date", _("The %(label)s %(raw)s does not exist: %(year)s-%(month)02d "
                                      "has no day %(day)s.")
                     % {"label": label, "raw": raw, "year": year, "month": mm, "day": dd})
        return None
    return date(year, mm, dd)


def _name(reader: _Reader, line: int, start: int, end: int) -> tuple[str, list[str], bool]:
    raw = reader.alphabetic(line, start, end, _("name"))
    for position, ch in enumerate(raw, start=start + 1):
        if ch in _DIGITS:
            reader.error("name", _("Line %(line)s, position %(position)s: the name contains the "
                                   "digit %(char)s.")
                         % {"line": line + 1, "position": position, "char": ch})
            return "", [], False
    truncated = not raw.endswith(FILLER)
    if truncated:
        reader.warnings.append(_("The name fills its field and may be truncated: check it "
                                 "against the visual zone."))
    primary, _sep, secondary = raw.partition(FILLER * 2)
    family = " ".join(part for part in primary.split(FILLER) if part)
    given = [part for part in secondary.split(FILLER) if part]
    if not family:
        reader.error("name", _("The name has no primary identifier (family name)."))
    return family, given, truncated


def _document_number(reader: _Reader, number: str, digit: str, optional: str,
                     overflow: bool) -> tuple[str, str, str]:
    """(document number, its check digit, the optional data left): a number longer than
    nine characters continues in the optional data, its check digit after its end."""
    if overflow and digit == FILLER and FILLER not in number:
        head, _sep, rest = optional.partition(FILLER)
        if head:
            reader.warnings.append(_("The document number is longer than nine characters and "
                                     "continues in the optional data."))
            return number + head[:-1], head[-1], rest.strip(FILLER)
    return number.rstrip(FILLER), digit, optional.rstrip(FILLER)


def parse(text: str, *, allow_specimen: bool = False) -> MRZ:
    """The machine readable zone ``text`` (pasted or scanned: surrounding whitespace, line
    breaks and lower case are accepted) read and verified. ``allow_specimen`` accepts the
    specimen state "UTO" of Doc 9303 (for tests and training only).

    Raises :class:`MRZError` — and nothing else — for anything that is not a valid zone."""
    lines = _normalise(text)
    fmt = _layout(lines)
    reader = _Reader(lines)
    checked: list[str] = []

    doc_code = reader.alphabetic(0, 0, 2, _("document code"))
    if doc_code[1] not in _LETTERS + FILLER:
        reader.error("document_code", _("The document code %(code)s is not two letters.")
                     % {"code": doc_code})
    issuing = _state(reader, "issuing_state", _("issuing state"),
                     reader.alphabetic(0, 2, 5, _("issuing state")), allow_specimen)

    if fmt == "TD1":
        number_raw = reader.raw(0, 5, 14)
        number_digit = reader.numeric(0, 14, 15, _("document number check digit"))
        optional1_raw = reader.raw(0, 15, 30)
        birth_line, birth_at, sex_at, expiry_at = 1, 0, 7, 8
        nationality_raw = reader.alphabetic(1, 15, 18, _("nationality"))
        optional2 = reader.raw(1, 18, 29).rstrip(FILLER)
        name_line, name_start, name_end = 2, 0, 30
    else:
        number_raw = reader.raw(1, 0, 9)
        number_digit = reader.numeric(1, 9, 10, _("document number check digit"))
        nationality_raw = reader.alphabetic(1, 10, 13, _("nationality"))
        birth_line, birth_at, sex_at, expiry_at = 1, 13, 20, 21
        optional_end = {"TD2": 35, "TD3": 42, "MRVA": 44, "MRVB": 36}[fmt]
        optional1_raw = reader.raw(1, 28, optional_end)
        optional2 = ""
        name_line, name_start, name_end = 0, 5, len(lines[0])

    number, number_digit, optional1 = _document_number(
        reader, number_raw, number_digit, optional1_raw, overflow=fmt in ("TD1", "TD2"))
    if not number:
        reader.error("document_number", _("The document number is missing."))
    elif any(ch not in _DIGITS + _LETTERS for ch in number):
        reader.error("document_number", _("The document number %(number)s contains a filler.")
                     % {"number": number})
    _check(reader, "document_number", _("document number"), number if len(number) > 9
           else number_raw, number_digit, checked)

    birth_raw = reader.numeric(birth_line, birth_at, birth_at + 6, _("birth date"))
    birth_digit = reader.numeric(birth_line, birth_at + 6, birth_at + 7,
                                 _("birth date check digit"))
    _check(reader, "birth_date", _("birth date"), birth_raw, birth_digit, checked)
    birth = _birth_date(reader, birth_raw)

    sex_raw = reader.raw(birth_line, sex_at, sex_at + 1)
    sex = {"M": "M", "F": "F", "<": "X", "X": "X"}.get(sex_raw, "")
    if not sex:
        reader.error("sex", _("The sex %(sex)r is none of M, F or < (unspecified).")
                     % {"sex": sex_raw})

    expiry_raw = reader.numeric(birth_line, expiry_at, expiry_at + 6, _("expiry date"))
    expiry_digit = reader.numeric(birth_line, expiry_at + 6, expiry_at + 7,
                                  _("expiry date check digit"))
    _check(reader, "expiry_date", _("expiry date"), expiry_raw, expiry_digit, checked)
    expiry = _expiry_date(reader, expiry_raw)

    nationality = _state(reader, "nationality", _("nationality"), nationality_raw,
                         allow_specimen)

    if fmt == "TD3":
        personal_digit = reader.numeric(1, 42, 43, _("personal number check digit"))
        _check(reader, "optional_data", _("personal number"), optional1_raw, personal_digit,
               checked, empty_ok=True)

    if fmt in ("TD1", "TD2", "TD3"):
        last = len(lines[-1]) - 1 if fmt != "TD1" else 29
        composite_digit = reader.numeric(1, last, last + 1, _("composite check digit"))
        if fmt == "TD1":
            data = reader.raw(0, 5, 30) + reader.raw(1, 0, 7) + reader.raw(1, 8, 15) \
                + reader.raw(1, 18, 29)
        else:
            data = reader.raw(1, 0, 10) + reader.raw(1, 13, 20) + reader.raw(1, 21, last)
        _check(reader, "composite", _("composite"), data, composite_digit, checked)

    family, given, truncated = _name(reader, name_line, name_start, name_end)

    if reader.errors:
        first_field, first_reason = reader.errors[0]
        raise MRZError(first_field, first_reason, errors=reader.errors)
    return MRZ(
        format=fmt, document_code=doc_code, issuing_state=issuing,
        primary_identifier=family, secondary_identifier=given, document_number=number,
        nationality=nationality, birth_date=birth, sex=sex, expiry_date=expiry,
        optional_data_1=optional1, optional_data_2=optional2, checked=tuple(checked),
        name_truncated=truncated, warnings=reader.warnings,
        lines=tuple("".join(line) for line in reader.lines))
