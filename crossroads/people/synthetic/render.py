"""Names rendered as documents render them: through the project's transliteration schemes.

The schemes are :mod:`crossroads.people.names` (``schemes.transliterate``,
``icao.to_icao``, ``icao.mrz_name``). Every rendering is memoised per distinct name,
so a million records cost a few thousand transliterations. When a scheme is not (yet)
known to the names package, a small built-in ICAO-style table stands in (see
:func:`fallback`), so that the generator always produces Latin renderings; the
``scheme`` column of such a record then still names the scheme that was asked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from crossroads.people.synthetic.namelists import HEBREW_ENGLISH

CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђѓјљњћџѕќғқңөұүһәӣӯҳҷ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia", "i",
     "i", "ie", "g", "u", "d", "g", "j", "lj", "nj", "c", "dz", "dz", "k", "g", "q", "n", "o",
     "u", "u", "h", "a", "i", "u", "kh", "ch"], strict=True))
GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s",
     "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True))
ARMENIAN = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև",
    ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz",
     "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "v",
     "p", "k", "o", "f", "ev"], strict=True))
LATIN_SPECIAL = {"ß": "ss", "ə": "a", "ı": "i", "ł": "l", "đ": "d", "ø": "oe", "æ": "ae",
                 "þ": "th", "’": "", "'": "", "‘": "", "ʼ": ""}
#: Crude foreign-register tweaks of the fallback's ICAO output (upper case).
FOREIGN = {
    "de": (("SHCH", "SCHTSCH"), ("ZH", "SCH"), ("SH", "SCH"), ("KH", "CH"), ("TS", "Z"),
           ("CH", "TSCH"), ("IU", "JU"), ("IA", "JA"), ("IE", "JE"), ("V", "W"), ("Y", "Y")),
    "fr": (("SHCH", "CHTCH"), ("ZH", "J"), ("SH", "CH"), ("CH", "TCH"), ("U", "OU"),
           ("IU", "IOU")),
    "en": (("IU", "YU"), ("IA", "YA"), ("IE", "YE")),
}


def _letters(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        for table in (CYRILLIC, GEORGIAN, ARMENIAN, LATIN_SPECIAL):
            if low in table:
                mapped = table[low]
                break
        else:
            decomposed = unicodedata.normalize("NFKD", low)
            mapped = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(mapped)
    return "".join(out).upper()


def fallback(text: str, scheme: str) -> str:
    """An ICAO-style rendering (upper case) from the built-in table; for "de", "fr" and
    "en" with the usual foreign spellings of the sounds."""
    latin = _letters(text)
    tweaks = dict(FOREIGN.get(scheme, ()))
    if not tweaks:
        return latin
    pattern = re.compile("|".join(sorted(map(re.escape, tweaks), key=len, reverse=True)))
    return pattern.sub(lambda match: tweaks[match.group(0)], latin)


def _names_function(module: str, name: str) -> Callable[..., str] | None:
    try:
        imported = __import__(f"crossroads.people.names.{module}", fromlist=[name])
    except ImportError:
        return None
    return getattr(imported, name, None)


@cache
def known_schemes() -> frozenset[str]:
    try:
        from crossroads.people.names import schemes
    except ImportError:
        return frozenset()
    return frozenset(getattr(schemes, "SCHEMES", {}))


#: Russian renderings abroad: the popular German, French and English spellings.
ABROAD = {"de": "ru_de_duden", "fr": "ru_fr_popular", "en": "ru_en_popular"}
#: Cyrillic languages whose names registers abroad read as if they were Russian.
RUSSIFIED = ("ru", "uk", "be", "kk", "ky", "tg")
#: Letters of the other Cyrillic alphabets → the Russian letter read in their place.
RUSSIAN_LETTERS = {
    "uk": {"и": "ы", "і": "и", "ї": "йи", "є": "е", "ґ": "г", "ʼ": "ь", "'": "ь", "’": "ь"},
    "be": {"і": "и", "ў": "в", "'": "ь", "’": "ь", "ʼ": "ь"},
    "kk": {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
           "і": "и"},
    "ky": {"ө": "о", "ү": "у", "ң": "н"},
    "tg": {"ғ": "г", "ӣ": "и", "қ": "к", "ӯ": "у", "ҳ": "х", "ҷ": "дж"},
}


def russify(text: str, language: str) -> str:
    """A Cyrillic name of another language spelt with Russian letters (as Soviet-era
    documents and Russian-reading clerks wrote it): Андрій → Андрий, Нұрлан → Нурлан."""
    letters = RUSSIAN_LETTERS.get(language)
    if not letters:
        return text
    out = []
    for ch in text:
        mapped = letters.get(ch.lower())
        if mapped is None:
            out.append(ch)
        else:
            out.append(mapped[:1].upper() + mapped[1:] if ch.isupper() else mapped)
    return "".join(out)


def resolve(scheme: str, language: str) -> str:
    """The scheme actually applied for a rendering of a name in ``language``.

    "de", "fr" and "en" (a register abroad) become the popular Russian renderings for
    Russian and the Cyrillic languages read as Russian, the official Latin for Serbian
    and Macedonian, BGN/PCGN or the national romanisation for Armenian and Georgian,
    the ICAO folding for names already in Latin letters, and otherwise
    ``synthetic_<xx>``: the generator's own table (:func:`fallback`).
    """
    if scheme not in ABROAD:
        return scheme
    if language == "he":
        return "he_en" if scheme == "en" else "icao"
    if language in RUSSIFIED:
        return ABROAD[scheme]
    if language in ("sr", "mk"):
        return "icao" if scheme == "en" else {"sr": "sr_latin", "mk": "mk_latin_2008"}[language]
    if language == "hy" and scheme == "en":
        return "hy_bgn_pcgn"
    if language == "ka" and scheme == "en":
        return "ka_national_2002"
    if language in ("hy", "ka"):
        return f"synthetic_{scheme}"
    return "icao"  # a Latin name abroad loses its diacritics


def uses_fallback(scheme: str) -> bool:
    """Whether ``scheme`` is rendered by the built-in table (not by the names package)."""
    if scheme in ("", "he_en"):
        return False
    if scheme in ("icao", "mrz"):
        return _names_function("icao", "to_icao") is None
    return scheme not in known_schemes()


@cache
def render(text: str, scheme: str, language: str = "") -> str:
    """``text`` (one name part) as ``scheme`` (a resolved code, see :func:`resolve`)
    renders it; "" is the native script."""
    if not text or not scheme:
        return text
    if language == "he":
        english = " ".join(HEBREW_ENGLISH.get(word, word) for word in text.split())
        return english if scheme == "he_en" else render(english, scheme, "")
    if scheme.startswith("ru_") and language != "ru":
        text = russify(text, language)
    try:
        if scheme in ("icao", "mrz"):
            to_icao = _names_function("icao", "to_icao")
            if to_icao is not None:
                return to_icao(text, language)
        elif not uses_fallback(scheme):
            transliterate = _names_function("schemes", "transliterate")
            if transliterate is not None:
                return transliterate(text, scheme)
    except (ImportError, KeyError, ValueError):
        pass  # the names package is not complete yet: the built-in table stands in
    return fallback(text, scheme.removeprefix("synthetic_"))


@cache
def mrz_parts(family: str, given: str, language: str = "") -> tuple[str, str]:
    """(family, given) as read back from the MRZ name field of a passport: ICAO letters,
    fillers as spaces, truncated to the field's 39 characters."""
    mrz_name = _names_function("icao", "mrz_name")
    family_latin, given_latin = render(family, "mrz", language), render(given, "mrz", language)
    try:
        field = (mrz_name or _fallback_mrz)(family_latin, given_latin)
    except (ImportError, KeyError, ValueError):
        field = _fallback_mrz(family_latin, given_latin)
    left, _sep, right = field.partition("<<")
    return _unfill(left), _unfill(right)


def _fallback_mrz(family: str, given: str, width: int = 39) -> str:
    def clean(name: str) -> str:
        return "".join(c if c.isalpha() else "<" for c in name.upper())

    return (clean(family) + "<<" + clean(given))[:width].ljust(width, "<")


def _unfill(text: str) -> str:
    return " ".join(word for word in text.split("<") if word)
