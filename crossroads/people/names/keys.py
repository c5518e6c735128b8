"""Comparison keys: from any spelling of a name, in any script and any scheme, a small
set of short keys such that the renderings of one name meet.

Every spelling is turned into a string of *phonemes* over a small Cyrillic-like
alphabet written in ASCII, one letter each::

    A B V G D E Z I K L M N O P R S T U F C(ц) H(х) J(ж) Q(ч) X(ш, щ)

- Cyrillic, Georgian and Armenian letters map to phonemes directly (Я → IA, Ю → IU,
  Ё → IO, Щ → X; in Bulgarian Щ → XT and Ъ → A; Ь and Ъ vanish).
- A Latin spelling is read under a few hypotheses (``READINGS``): English and the
  passport schemes (SHCH, ZH, KH, TS, CH, SH, Y; H as Ukrainian Г), German and Polish
  (SCHTSCH, TSCH, SCH, CH as Х, Z as Ц, W, SZ, CZ), French (OU, TCH, CH as Ш, J as Ж,
  GU), South-Slavic / Czech / scientific diacritics (Č, Ć, Š, Ž, Đ, DŽ, H as Х, C as Ц,
  J as Й) and Turkic Latin (C as ДЖ, Ç, Ş, J as Ж, X as Х, Q, Ğ, oʻ gʻ). Each reading is
  a longest-match tokenizer.

The phoneme strings are then normalised (:func:`normalise`) so that what the schemes
disagree on vanishes: Й, И, Ы, І, Ї, Y and J are one letter (I); IE → E (Є, ЙЕ, ЬЕ,
YE, JE, IE); E, Э, Ё-as-E are one letter; Щ, ШЧ, СЧ are Ш; ТЧ is Ч; W is V and X is KS;
apostrophes, soft and hard signs vanish; doubled letters collapse. A Ё (or a Latin
YO/IO after a consonant) also yields the variant with E, as ICAO writes it (Артём →
ARTEM as well as ARTYOM).

One more, *coarse* key (prefixed ``~``) folds the distinctions ASCII renderings of
South-Slavic Latin lose (Č, Ć, C; Š, S; Ž, Z; Đ, DŽ, DZ) so that an MRZ
"ZIVKOVIC" meets Живковић. Callers may weigh a coarse meet lower than an exact one.

Keys are at most :data:`MAX_KEY` characters; a name yields at most :data:`MAX_KEYS`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from crossroads.people.names.icao import icao_fold

MAX_KEY = 80
MAX_KEYS = 8
MAX_COARSE = 4
COARSE = "~"

#: Cyrillic letters → phonemes (upper case).
CYRILLIC: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Ґ": "G", "Д": "D", "Е": "E", "Ё": "IO",
    "Є": "IE", "Ж": "J", "З": "Z", "Ѕ": "DJ", "И": "I", "І": "I", "Ї": "II", "Й": "I",
    "Ј": "I", "К": "K", "Ќ": "K", "Ѓ": "G", "Л": "L", "Љ": "LI", "М": "M", "Н": "N",
    "Њ": "NI", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Q", "Ђ": "DJ",
    "У": "U", "Ў": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Q", "Џ": "DJ", "Ш": "X",
    "Щ": "X", "Ъ": "", "Ы": "I", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
    # Turkic and other Cyrillic alphabets: the nearest letter.
    "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H",
    "Ҳ": "H", "Җ": "J", "Ҷ": "DJ", "Ҹ": "DJ", "Ҝ": "G", "Ӣ": "I", "Ӯ": "U", "Ѣ": "E", "Ѳ": "F",
    "Ѵ": "I", "Ѫ": "U",
}
#: Other readings of a few Cyrillic letters, each giving one more hypothesis when the
#: letter occurs: Bulgarian (Щ is ШТ, Ъ a vowel), ICAO (Ъ written IE), Uzbek (Ў is O).
CYRILLIC_ALTERNATIVES: dict[str, dict[str, str]] = {
    "bg": {"Щ": "XT", "Ъ": "A"},
    "icao": {"Ъ": "IE"},
    "uz": {"Ў": "O"},
}

#: Georgian (Mkhedruli) → phonemes; the aspirated and ejective pairs merge.
GEORGIAN: dict[str, str] = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["A", "B", "G", "D", "E", "V", "Z", "T", "I", "K", "L", "M", "N", "O", "P", "J", "R",
     "S", "T", "U", "P", "K", "G", "K", "X", "Q", "C", "DZ", "C", "Q", "H", "DJ", "H"],
    strict=True))
# Python upper-cases Mkhedruli to Mtavruli: accept both.
GEORGIAN.update({k.upper(): v for k, v in list(GEORGIAN.items())})

#: Armenian → phonemes (upper and lower case; ՈՒ and initial Ո are handled in code).
ARMENIAN: dict[str, str] = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    ["A", "B", "G", "D", "E", "Z", "E", "I", "T", "J", "I", "L", "H", "C", "K", "H", "DZ",
     "G", "Q", "M", "I", "N", "X", "O", "Q", "P", "DJ", "R", "S", "V", "T", "R", "C", "V",
     "P", "K", "O", "F"],
    strict=True))
ARMENIAN.update({"և": "EV"})


def _reading(pairs: str) -> dict[str, str]:
    """A reading from "GRAPHEME=PHONEMES" pairs separated by spaces (a bare letter maps
    to itself)."""
    table: dict[str, str] = {}
    for item in pairs.split():
        grapheme, _, phonemes = item.partition("=")
        table[grapheme] = phonemes if "=" in item else grapheme
    return table


_BASE = "A B D E F G I K L M N O P R S T U V W=V X=KS Y=I Q=K Z"
#: The Latin readings: grapheme → phonemes, matched longest first.
READINGS: dict[str, dict[str, str]] = {
    # English and the passport schemes (ICAO, MVD, BGN/PCGN, national Ukrainian, ...).
    "en": _reading(_BASE + " SHCH=X SHTSCH=X ZH=J KH=H TS=C TCH=Q CH=Q SH=X DZH=DJ"
                   " H=G GH=G J=DJ C=Q TC=C CK=K PH=F TH=T LJ=LI NJ=NI KJ=K GJ=G"),
    # German (Duden) and Polish.
    "de": _reading(_BASE + " SCHTSCH=X TSCH=Q SCH=X CH=H TZ=C Z=C J=I H=G CK=K SZCZ=X"
                   " SZ=X CZ=Q RZ=J DZ=DZ DŻ=DJ C=C Ł=L Ż=J Ź=Z Ś=S Ć=Q Ń=N V=V"
                   " PH=F TH=T SS=S SA=ZA SE=ZE SI=ZI SO=ZO SU=ZU SJ=ZI SY=ZI"),
    # French.
    "fr": _reading(_BASE + " OU=U TS=C TCH=Q CH=X DJ=DJ J=J KH=H GUE=GE GUI=GI QU=K"
                   " CE=SE CI=SI CY=SI C=K H= PH=F TH=T Ï=I Ë=E"),
    # South-Slavic Latin (Gaj, Macedonian), Czech, Slovak, ISO 9 / GOST 7.79 diacritics.
    "sl": _reading(_BASE + " Č=Q Ć=Q Š=X Ž=J Đ=DJ DŽ=DJ DJ=DJ DZ=DJ C=C H=H CH=H J=I"
                   " GH=G KJ=K GJ=G Ǵ=G Ḱ=K Ŝ=X Û=IU Â=IA Ë=IO È=E Ě=E Ů=U Ř=R Ý=I"
                   " Ÿ=I Ŭ=U Ľ=L Ĺ=L Ń=N Ś=S Ź=Z Ł=L"),
    # Turkic Latin: Turkish, Azerbaijani, Kazakh (2021), Uzbek, Turkmen.
    "tr": _reading(_BASE + " H=H C=DJ Ç=Q Ş=X J=J X=H Q=K Ğ=G SH=X CH=Q ZH=J TS=C Ñ=N Ň=N"
                   " Ä=A Ö=O Ü=U Ū=U Ə=A İ=I I=I Ý=I Ž=J W=V KH=H"),
}
#: Azerbaijani reads Q as Г.
READINGS["az"] = dict(READINGS["tr"], Q="G")

#: Apostrophes, soft-sign marks and the like: dropped everywhere.
MARKS = set("'’ʼʻ‘`´ʹʺ″\"")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/]+")

#: Replacements of :func:`normalise`, in order: Щ written ШЧ, СЧ, ЗЧ, ЖЧ; ТЧ and ДЧ
#: (TSCH, TCH); IE for Є, ЙЕ, ИЕ, ЬЕ, YE, JE.
_NORMALISE = (("XQ", "X"), ("SQ", "X"), ("ZQ", "X"), ("JQ", "X"), ("TQ", "Q"), ("DQ", "Q"),
              ("IE", "E"))
_DOUBLE = re.compile(r"(.)\1+")
_CONSONANT_IO = re.compile(r"(?<=[BVGDJZKLMNPRSTFHCQX])IO")
_SIBILANT_IO = re.compile(r"(?<=[JQX])IO")
_NATIVE = re.compile("[\u0400-\u052f\u0530-\u058f\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]")


def _single(match: re.Match[str]) -> str:
    return match.group(1)


def normalise(phonemes: str) -> str:
    """Collapse what transliteration schemes disagree on (see the module docstring)."""
    text = _DOUBLE.sub(_single, phonemes)
    for old, new in _NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return _DOUBLE.sub(_single, text)


def _prepare(text: str) -> str:
    """Upper case NFC, apostrophes dropped, word separators removed."""
    text = unicodedata.normalize("NFC", text).upper()
    text = "".join(ch for ch in text if ch not in MARKS)
    return _SEPARATORS.sub("", text)


_PATTERNS = {
    name: re.compile("|".join(re.escape(g) for g in sorted(table, key=len, reverse=True))
                     + "|.", re.DOTALL)
    for name, table in READINGS.items()
}


@lru_cache(maxsize=4096)
def _fallback(ch: str, reading: str) -> str:
    """A character a reading does not know: a Latin letter folded to ICAO ASCII and read
    again, a Cyrillic look-alike by its phoneme; anything else (digits, signs) dropped."""
    if not ch.isalpha():
        return ""
    folded = icao_fold(ch).upper()
    if folded != ch and folded.isascii():
        return _read_latin(folded, reading)
    return CYRILLIC.get(ch, "")


class _Reading(dict[str, str]):
    """A reading's table; a token it lacks goes to :func:`_fallback`."""

    def __init__(self, name: str, table: dict[str, str]) -> None:
        super().__init__(table)
        self.name = name

    def __missing__(self, token: str) -> str:
        return _fallback(token, self.name)


_TABLES = {name: _Reading(name, table) for name, table in READINGS.items()}


def _read_latin(text: str, reading: str) -> str:
    """Longest-match tokenizer of one reading."""
    out = "".join(map(_TABLES[reading].__getitem__, _PATTERNS[reading].findall(text)))
    if reading == "fr" and len(out) > 2 and out[-1] == "E" and out[-2] not in _VOWELS:
        out = out[:-1]  # the mute final e of French spellings (Poutine, Alexandre)
    return out


_VOWELS = set("AEIOU")


def _read_native(text: str, alternative: dict[str, str] | None = None) -> str:
    """Cyrillic, Georgian and Armenian letters → phonemes; Latin letters in the same
    word (a typo'd look-alike, say) by the English reading."""
    out: list[str] = []
    lower = text.lower()
    for i, ch in enumerate(text):
        if alternative and ch in alternative:
            out.append(alternative[ch])
        elif ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif lower[i] in ARMENIAN or lower[i] == "ւ":
            out.append(_armenian(lower, i))
        elif ch in GEORGIAN:
            out.append(GEORGIAN[ch])
        elif ch.isalpha() and ch.isascii():
            out.append(READINGS["en"].get(ch, ch))
        elif ch.isalpha():
            out.append(_read_latin(ch, "sl"))
    return "".join(out)


def _armenian(lower: str, i: int) -> str:
    ch = lower[i]
    if ch == "ւ":  # the second letter of ու (U); alone, V
        return "" if i and lower[i - 1] == "ո" else "V"
    if ch == "ո":
        if i + 1 < len(lower) and lower[i + 1] == "ւ":
            return "U"
        return "VO" if i == 0 else "O"
    return ARMENIAN[ch]


def _is_native(text: str) -> bool:
    """Whether a spelling has Cyrillic, Armenian or Georgian letters."""
    return not text.isascii() and _NATIVE.search(text) is not None


def _hypotheses(text: str, language: str) -> list[str]:
    """The phoneme strings of a prepared spelling, most likely first."""
    if _is_native(text):
        first = CYRILLIC_ALTERNATIVES.get(language)
        found = [_read_native(text, first)]
        for name, alternative in CYRILLIC_ALTERNATIVES.items():
            if name != language and any(ch in alternative for ch in text):
                found.append(_read_native(text, alternative))
        return found
    readings = ["en", "sl"] if text.isascii() else ["sl", "en"]
    readings += ["de", "fr", "az" if language == "az" else "tr"]
    if "Q" in text and language != "az":
        readings.append("az")
    if language in ("de", "pl"):
        readings.insert(0, "de")
    elif language == "fr":
        readings.insert(0, "fr")
    return [_read_latin(text, r) for r in readings]


def _coarse(key: str) -> str:
    """The coarse folding of a normalised key: what ASCII renderings and German lose —
    Ч Ћ Ц as C, Ш Щ Ж З С as S, ДЖ Ђ Џ as D (ŽIVKOVIĆ → ZIVKOVIC, Жуков → Schukow)."""
    folded = key.replace("DJ", "D").replace("DZ", "D").translate(_COARSE_TABLE)
    return COARSE + _DOUBLE.sub(_single, folded)


_COARSE_TABLE = str.maketrans({"Q": "C", "X": "S", "J": "S", "Z": "S"})


@lru_cache(maxsize=1 << 18)
def name_keys(text: str, language: str = "") -> frozenset[str]:
    """Comparison keys of one name part (words joined): variants of one name share at
    least one key (IULIIA, YULIYA, JULIJA, YULIA, Юлия, Юлія; SHCHERBAKOV, SCHERBAKOV,
    ŠČERBAKOV, Щербаков). Never raises; an empty or letterless text has no keys."""
    try:
        prepared = _prepare(text or "")
    except Exception:  # pragma: no cover - defensive: keys must never break a caller
        return frozenset()
    if not prepared:
        return frozenset()
    lang = (language or "")[:2].lower()
    hypotheses = list(dict.fromkeys(_hypotheses(prepared, lang)))
    native = _is_native(prepared)
    exact: list[str] = []
    for phonemes in hypotheses:
        for variant in _variants(phonemes, native):
            key = normalise(variant)[:MAX_KEY]
            if key and key not in exact:
                exact.append(key)
    coarse: list[str] = []
    for key in exact:
        folded = _coarse(key)[:MAX_KEY]
        if len(folded) > 1 and folded not in coarse:
            coarse.append(folded)
    return frozenset(exact[:MAX_KEYS] + coarse[:MAX_COARSE])


def _variants(phonemes: str, native: bool) -> list[str]:
    """A phoneme string, and when it has Ё (IO after a consonant, or at the start of a
    native spelling) the readings ICAO and German give it: E (Артём → ARTEM, Ёлкин →
    ELKIN) and O after a sibilant (Хрущёв → Chruschtschow)."""
    if "IO" not in phonemes:
        return [phonemes]
    as_e = _CONSONANT_IO.sub("E", phonemes)
    if native and as_e.startswith("IO"):
        as_e = "E" + as_e[2:]
    return [phonemes, as_e, _SIBILANT_IO.sub("O", phonemes)]


@lru_cache(maxsize=1 << 16)
def token_keys(text: str, language: str = "") -> list[frozenset[str]]:
    """The keys of each word of a name ("Petrova-Vodkina Anna" → three sets)."""
    words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", text or "")) if w]
    found = [name_keys(w, language) for w in words]
    return [k for k in found if k]


#: Phonemes → the canonical ASCII rendering (close to ICAO Doc 9303).
_CANONICAL = {"J": "ZH", "C": "TS", "Q": "CH", "X": "SH", "H": "KH"}


@lru_cache(maxsize=1 << 16)
def canonical(text: str, language: str = "") -> str:
    """One canonical upper-case ASCII rendering of a name, for string-similarity
    comparisons (Jaro-Winkler): the normalised phonemes of its first reading, with words
    kept apart by spaces (Юлия → IULIA, YULIYA → IULIA, Щербаков → SHERBAKOV)."""
    lang = (language or "")[:2].lower()
    words = []
    for word in _SEPARATORS.split(unicodedata.normalize("NFC", text or "")):
        prepared = _prepare(word)
        if not prepared:
            continue
        phonemes = normalise(_hypotheses(prepared, lang)[0])
        words.append("".join(_CANONICAL.get(p, p) for p in phonemes))
    return " ".join(w for w in words if w)
