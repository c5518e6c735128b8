"""ICAO Doc 9303 Part 3 (8th edition, 2021), section 6: transliteration into the Latin
letters a travel document may carry, and the MRZ form of a name (section 4.6).

- :func:`icao_fold`: Latin letters with diacritics → ICAO ASCII (section 6, table A,
  "Transliteration of multinational Latin-based characters": Ä→AE, Å→AA, Ö→OE, Ü→UE,
  Ø→OE, Æ→AE, Œ→OE, Þ→TH, ß→SS, Ĳ→IJ, Ð/Đ→D, Ł→L, Ħ→H, Ŋ→N; every other accent dropped).
- :func:`to_icao`: any supported script → ICAO Latin (section 6, table B,
  "Transliteration of Cyrillic characters", with its language-specific columns for
  Belarusian, Bulgarian, Macedonian, Serbian and Ukrainian; Georgian and Armenian by
  the passport practice of those states, see :mod:`crossroads.people.names.schemes`).
- :func:`mrz_name`: the name field of the machine readable zone.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Doc 9303 Part 3, section 6 table A: the characters that do not simply lose their
#: accent. Upper case; lower case is derived. (Ə is not in the table: Azerbaijani
#: documents render it A, which is what this table does.)
LATIN_SPECIAL: dict[str, str] = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ǽ": "AE", "Ö": "OE", "Ø": "OE", "Ǿ": "OE", "Œ": "OE",
    "Ü": "UE", "ẞ": "SS", "Þ": "TH", "Ĳ": "IJ", "Ð": "D", "Đ": "D", "Ł": "L", "Ħ": "H",
    "Ŋ": "N", "Ŀ": "L", "Ə": "A", "Ʒ": "Z", "Ɨ": "I", "Ɵ": "O", "Ŧ": "T",
}
#: Lower-case letters whose upper case is not a single letter of the table.
LOWER_SPECIAL: dict[str, str] = {"ß": "SS", "ı": "I", "ĸ": "K", "ŉ": "N"}

#: Doc 9303 Part 3, section 6 table B (Cyrillic), the general column. Upper case.
CYRILLIC_ICAO: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Ґ": "G", "Д": "D", "Ђ": "D", "Ѓ": "G",
    "Е": "E", "Ё": "E", "Є": "IE", "Ж": "ZH", "З": "Z", "Ѕ": "DZ", "И": "I", "І": "I",
    "Ї": "I", "Й": "I", "Ј": "J", "К": "K", "Ќ": "K", "Л": "L", "Љ": "LJ", "М": "M",
    "Н": "N", "Њ": "NJ", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "C",
    "У": "U", "Ў": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Џ": "DZ", "Ш": "SH",
    "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
    # Historic letters listed in table B.
    "Ѣ": "IE", "Ѳ": "F", "Ѵ": "Y", "Ѫ": "U",
    # Letters of the Turkic Cyrillic alphabets, which table B does not list: rendered as
    # the passports of Kazakhstan, Kyrgyzstan and Tajikistan did before their Latin
    # alphabets (the nearest Russian letter).
    # Table B lists Һ as C; the languages that use it (Kazakh, Azerbaijani, Bashkir)
    # write /h/ with it, and their documents H.
    "Һ": "H", "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U",
    "Ҳ": "KH", "Җ": "J",
    "Ҷ": "J", "Ҹ": "J", "Ҝ": "G", "Ӣ": "I", "Ӯ": "U",
}

#: The language columns of table B (ISO 639-1 codes). Doc 9303 also gives Serbian
#: Г → H, an erratum that no Serbian document follows (Serbian Latin writes G): not kept.
CYRILLIC_ICAO_LANGUAGE: dict[str, dict[str, str]] = {
    "be": {"Г": "H", "Ё": "IO"},
    "bg": {"Щ": "SHT", "Ъ": "A"},
    "mk": {"Ѓ": "GJ", "Ќ": "KJ", "Х": "H", "Ц": "C", "Џ": "DJ", "Ѕ": "DZ"},
    "sr": {"Ж": "Z", "Х": "H", "Ц": "C", "Ч": "C", "Ш": "S", "Ћ": "C", "Ђ": "D", "Џ": "DZ"},
    "uk": {"И": "Y"},
}

APOSTROPHES = "'’ʼʻ‘`´ʹʺ″\""


def _with_case(out: str, source: str, following: str, preceding: str = "") -> str:
    """Case of a (possibly multi-letter) rendering after its source letter: ЩУКА → SHCHUKA,
    Щука → Shchuka, Я → Ia; the Dutch IJ stays IJ."""
    if not out or not source.isupper():
        return out.lower()
    if len(out) == 1 or out == "IJ":
        return out
    if following.isupper() or (not following.isalpha() and preceding.isupper()):
        return out
    return out[0] + out[1:].lower()


def _fold_char(ch: str) -> str:
    """The ICAO rendering of one Latin character (upper case), or the character itself."""
    up = ch.upper()
    if ch in LOWER_SPECIAL:
        return LOWER_SPECIAL[ch]
    if up in LATIN_SPECIAL:
        return LATIN_SPECIAL[up]
    if ch.isascii():
        return up
    base = "".join(c for c in unicodedata.normalize("NFD", up) if not unicodedata.combining(c))
    if base.isascii() and base.isalpha():
        return base
    return up


@lru_cache(maxsize=65536)
def icao_fold(text: str) -> str:
    """Latin letters with diacritics → ICAO ASCII letters, keeping case (Müller → Mueller,
    ÅSE → AASE, Łukasz → Lukasz, Çelik → Celik). Other characters are left alone."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch.isascii() or not ch.isalpha() or unicodedata.name(ch, "").split(" ")[0] != "LATIN":
            out.append(ch)
            continue
        following = text[i + 1] if i + 1 < len(text) else ""
        preceding = text[i - 1] if i else ""
        out.append(_with_case(_fold_char(ch), ch if ch not in LOWER_SPECIAL else "x", following,
                              preceding))
    return "".join(out)


def cyrillic_table(language: str = "") -> dict[str, str]:
    """Table B with the column of ``language`` applied (upper-case keys)."""
    table = dict(CYRILLIC_ICAO)
    table.update(CYRILLIC_ICAO_LANGUAGE.get(language[:2].lower(), {}))
    return table


_TABLES: dict[str, dict[str, str]] = {}
_SINGLE_LETTER = str.maketrans("ÄÖÜäöü", "AOUaou")
#: Languages whose documents render Cyrillic by their national Latin alphabet, folded.
_NATIONAL_LATIN = {"az": "az_latin_1991", "uz": "uz_latin_1995", "tk": "tk_latin_1999"}


def _transliterate_cyrillic(text: str, table: dict[str, str]) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        up = ch.upper()
        if up in table:
            following = text[i + 1] if i + 1 < len(text) else ""
            preceding = text[i - 1] if i else ""
            out.append(_with_case(table[up], ch, following, preceding))
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def to_icao(text: str, language: str = "") -> str:
    """A name in any supported script rendered in ICAO Doc 9303 Latin letters, keeping
    case: Cyrillic by table B (with the column of ``language`` — "uk", "be", "bg", "sr",
    "mk"; Russian otherwise; Azerbaijani, Uzbek and Turkmen by their national Latin
    alphabets, as their documents do), Georgian and Armenian by their passport schemes, Latin
    letters folded by table A. The result is plain ASCII except for characters of other
    scripts, which are left as they are."""
    from crossroads.people.names.scripts import scripts_of

    text = unicodedata.normalize("NFC", text)
    lang = language[:2].lower()
    found = scripts_of(text)
    if "Geor" in found or "Armn" in found:
        from crossroads.people.names.schemes import transliterate

        if "Geor" in found:
            text = transliterate(text, "ka_passport")
        if "Armn" in found:
            text = transliterate(text, "hy_passport")
    if "Cyrl" in found and lang in _NATIONAL_LATIN:
        from crossroads.people.names.schemes import transliterate

        text = transliterate(text, _NATIONAL_LATIN[lang])
        # Their documents take the single-letter options of table A (Ü → U, not UE).
        text = text.translate(_SINGLE_LETTER)
    elif "Cyrl" in found:
        if lang not in _TABLES:
            _TABLES[lang] = cyrillic_table(lang)
        text = _transliterate_cyrillic(text, _TABLES[lang])
    text = icao_fold(text)
    return "".join(ch for ch in text if ch not in APOSTROPHES)


def mrz_component(text: str, language: str = "") -> str:
    """One identifier in MRZ characters: upper-case A–Z, with spaces, hyphens and other
    separators as fillers ("<") and apostrophes omitted (Doc 9303 Part 3, 4.6)."""
    latin = to_icao(text, language).upper()
    out: list[str] = []
    for ch in latin:
        if "A" <= ch <= "Z":
            out.append(ch)
        elif ch in APOSTROPHES:
            continue
        elif out and out[-1] != "<":
            out.append("<")
    return "".join(out).strip("<")


def mrz_name(family: str, given: str, width: int = 39, language: str = "") -> str:
    """The MRZ name field: primary identifier (family name), "<<", secondary identifier
    (given names, separated by "<"), padded with "<" to ``width`` (39 in a passport
    (TD3), 30 in an ID card (TD1), 31 in TD2).

    A name that does not fit is truncated as Doc 9303 Part 3 (4.6) shows: the field is
    cut at ``width`` (so the secondary identifier loses its end first); when the
    primary identifier alone leaves no room, it is cut so that "<<" and the initial of
    the first given name remain. A field cut inside a name ends with a letter (how a
    reader tells it was truncated); a cut that falls on a separator is padded.
    """
    primary = "<".join(c for c in mrz_component(family, language).split("<") if c)
    secondary = "<".join(c for c in mrz_component(given, language).split("<") if c)
    field = primary + ("<<" + secondary if secondary else "")
    if len(field) > width:
        if secondary and len(primary) + 3 > width and width > 3:
            field = primary[: width - 3].rstrip("<") + "<<" + secondary[0]
        else:
            field = field[:width].rstrip("<")
    return field.ljust(width, "<")
