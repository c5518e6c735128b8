"""Comparison keys: from any spelling of a name, in any script and any scheme, a small
set of short keys such that the renderings of one name meet.

Every spelling is turned into a string of *phonemes* over a small Cyrillic-like
alphabet written in ASCII, one letter each::

    A B V G D E Z I K L M N O P R S T U F C(ц) H(х) J(ж) Q(ч) X(ш, щ)

- Cyrillic, Georgian and Armenian letters map to phonemes directly (Я → IA, Ю → IU,
  Ё → IO, Щ → X; Ь and Ъ vanish). Letters some languages read differently give one
  more hypothesis when they occur (``CYRILLIC_ALTERNATIVES``: Bulgarian Щ → XT and
  Ъ → A, ICAO Ъ → IE, Uzbek Ў → O).
- A Latin spelling is read under several hypotheses (``READINGS``), each a
  longest-match tokenizer: ICAO / English / Bulgarian and Macedonian ASCII (SHCH, ZH, KH,
  TS, CH, SH, H as Х); the same with H as Г (Ukrainian and Belarusian passports); English
  J as ДЖ; South-Slavic / Czech / ISO 9 diacritics (C as Ц, CH as Х, J as Й); Belarusian
  Latin and Polish (SZ, CZ, RZ, W); German (SCHTSCH, TSCH, SCH, Z as Ц, S before a vowel
  as З); French (OU, TCH, CH as Ш, J as Ж, GU, mute final E); Turkic Latin (C as ДЖ, Ç,
  Ş, J as Ж, X as Х, Q, oʻ gʻ). A reading runs only when the spelling has a letter it
  reads differently; a boundary mark keeps rules from reaching across words.

The phoneme strings are then normalised (:func:`normalise`) so that what the schemes
disagree on vanishes: Й, И, Ы, І, Ї, Y and J are one letter (I); IE → E (Є, ЙЕ, ЬЕ,
YE, JE, IE); E, Э, Ё-as-E are one letter; Щ, ШЧ, СЧ are Ш; ТЧ is Ч; W is V and X is KS;
apostrophes, soft and hard signs vanish; doubled letters collapse. A Ё (IO after a
consonant, or at the start of a native spelling) also yields the variant with E, as ICAO
writes it (Артём → ARTEM), and after Ж Ч Ш Щ the variant with O (Хрущёв →
Chruschtschow).

*Coarse* keys (prefixed ``~``) fold what ASCII and German renderings lose (Ч Ћ Ц as C;
Ш Щ Ж З С as S; ДЖ Ђ Џ as D) so that an MRZ "ZIVKOVIC" meets Живковић and "Schukow"
meets Жуков. Callers should weigh a coarse meet lower than an exact one.

Keys are at most :data:`MAX_KEY` characters; a name yields at most :data:`MAX_KEYS`
exact and :data:`MAX_COARSE` coarse keys. Results are memoised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

from crossroads.people.names.icao import icao_fold

MAX_KEY = 80
MAX_KEYS = 8
MAX_COARSE = 6
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
    "Ҳ": "H", "Җ": "J", "Ҷ": "DJ", "Ҹ": "DJ", "Ҝ": "G", "Ӣ": "I", "Ӯ": "U", "Ѣ": "E",
    "Ѳ": "F", "Ѵ": "I", "Ѫ": "U",
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
#: Letters with diacritics that mean one thing in every Latin rendering of these names
#: (Gaj, Czech, Polish, ISO 9, Belarusian Latin, Turkic alphabets).
_DIACRITICS = (" Č=Q Ć=Q Š=X Ž=J Đ=DJ DŽ=DJ Ŝ=X Ŭ=U Ł=L Ś=S Ź=Z Ń=N Ĺ=L Ľ=L Ǵ=G Ḱ=K"
               " Ě=E Ř=R Ů=U Ş=X Ğ=G Ə=A İ=I Ñ=N Ň=N Ū=U Ý=I Ÿ=I Ż=J")
_ENGLISH = (" SHCH=X SHTSCH=X ZH=J KH=H TS=C TC=C TCH=Q CH=Q SH=X DZH=DJ J=I C=C CK=K"
            " PH=F TH=T LJ=LI NJ=NI KJ=K GJ=G GH=G")
#: The Latin readings: grapheme → phonemes, matched longest first.
READINGS: dict[str, dict[str, str]] = {
    # ICAO and the passport schemes, English, Bulgarian and Macedonian ASCII: H is Х.
    "en": _reading(_BASE + _DIACRITICS + _ENGLISH + " H=H"),
    # The same where H is Г: Ukrainian and Belarusian passports (OLEH, HRYHORII, ZGH).
    "uk": _reading(_BASE + _DIACRITICS + _ENGLISH + " H=G"),
    # English J as ДЖ (Jamal, and Georgian and Armenian j).
    "dj": _reading(_BASE + _DIACRITICS + _ENGLISH + " H=H J=DJ"),
    # South-Slavic Latin (Gaj, Macedonian), Czech, Slovak, ISO 9 / GOST 7.79: C is Ц,
    # H and CH are Х, J is Й.
    "sl": _reading(_BASE + _DIACRITICS + " DJ=DJ DZ=DJ C=C H=H CH=H J=I GH=G KJ=K GJ=G"
                   " Û=IU Â=IA Ë=IO È=E Ç=Q"),
    # Belarusian Latin and Polish: H is Г, CH is Х, C is Ц, SZ CZ RZ W.
    "be": _reading(_BASE + _DIACRITICS + " H=G CH=H C=C J=I SZCZ=X SZ=X CZ=Q RZ=J DZ=DZ"
                   " DŻ=DJ Ç=Q"),
    # German (Duden): SCHTSCH TSCH SCH, CH is Х, Z is Ц, W, J is Й, S before a vowel З.
    "de": _reading(_BASE + _DIACRITICS + " SCHTSCH=X TSCH=Q DSCH=DJ SCH=X CH=H TZ=C Z=C J=I"
                   " H=G CK=K C=C V=V PH=F TH=T SS=S SA=ZA SE=ZE SI=ZI SO=ZO SU=ZU SJ=ZI"
                   " SY=ZI Ç=Q"),
    # French: OU, TCH, CH is Ш, J is Ж, GU, mute H and final E.
    "fr": _reading(_BASE + _DIACRITICS + " OU=U TS=C TCH=Q CH=X DJ=DJ J=J KH=H GUE=GE"
                   " GUI=GI QU=K CE=SE CI=SI CY=SI C=K H= PH=F TH=T Ï=I Ë=E Ç=S"),
    # Turkic Latin: Turkish, Azerbaijani, Kazakh (2021), Uzbek, Turkmen.
    "tr": _reading(_BASE + _DIACRITICS + " H=H C=DJ Ç=Q J=J X=H Q=K SH=X CH=Q ZH=J TS=C"
                   " Ä=A Ö=O Ü=U I=I Ž=J W=V KH=H"),
}
#: Azerbaijani reads Q as Г.
READINGS["az"] = dict(READINGS["tr"], Q="G")
#: The letters that make a reading differ from reading a letter as itself: a spelling
#: without any of them reads the same under that reading as under the identity.
_SENSITIVE = {
    name: frozenset(ch for grapheme, phonemes in table.items()
                    if len(grapheme) > 1 or grapheme != phonemes for ch in grapheme)
    for name, table in READINGS.items()
}

#: Apostrophes, soft-sign marks and the like: dropped everywhere.
MARKS = set("'’ʼʻ‘`´ʹʺ″\"")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/<|]+")
#: Word boundary inside a prepared spelling (rules do not reach across it).
BOUNDARY = "|"

#: Replacements of :func:`normalise`, in order: Щ written ШЧ, СЧ, ЗЧ, ЖЧ; ТЧ and ДЧ
#: (TSCH, TCH); IE for Є, ЙЕ, ИЕ, ЬЕ, YE, JE.
_NORMALISE = (("XQ", "X"), ("SQ", "X"), ("ZQ", "X"), ("JQ", "X"), ("TQ", "Q"), ("DQ", "Q"),
              ("IE", "E"))
_DOUBLE = re.compile(r"(.)\1+")
_CONSONANT_IO = re.compile(r"(?<=[BVGDJZKLMNPRSTFHCQX])IO")
_SIBILANT_IO = re.compile(r"(?<=[JQX])IO")
_INITIAL_IO = re.compile(r"(?:^|(?<=\|))IO")
_NATIVE = re.compile("[\u0400-\u052f\u0530-\u058f\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]")


def _single(match: re.Match[str]) -> str:
    return match.group(1)


def normalise(phonemes: str) -> str:
    """Collapse what transliteration schemes disagree on (see the module docstring)."""
    text = _DOUBLE.sub(_single, phonemes)
    for old, new in _NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return _DOUBLE.sub(_single, text).replace(BOUNDARY, "")


def _prepare(text: str) -> str:
    """Upper case NFC, apostrophes dropped, word separators as one boundary mark."""
    text = unicodedata.normalize("NFC", text).upper()
    text = "".join(ch for ch in text if ch not in MARKS)
    return _SEPARATORS.sub(BOUNDARY, text).strip(BOUNDARY)


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
        self[BOUNDARY] = BOUNDARY
        self.name = name

    def __missing__(self, token: str) -> str:
        return _fallback(token, self.name)


_TABLES = {name: _Reading(name, table) for name, table in READINGS.items()}


def _read_latin(text: str, reading: str) -> str:
    """Longest-match tokenizer of one reading."""
    out = "".join(map(_TABLES[reading].__getitem__, _PATTERNS[reading].findall(text)))
    if reading == "fr" and "E" in out:
        out = _MUTE_E.sub("", out)  # the mute final e of French spellings (Poutine)
    return out


_MUTE_E = re.compile(r"(?<=\w[^AEIOU|])E(?=\||$)")


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
        elif ch == BOUNDARY:
            out.append(ch)
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
        return "VO" if i == 0 or lower[i - 1] == BOUNDARY else "O"
    return ARMENIAN[ch]


def _is_native(text: str) -> bool:
    """Whether a spelling has Cyrillic, Armenian or Georgian letters."""
    return not text.isascii() and _NATIVE.search(text) is not None


def _hypotheses(text: str, language: str) -> list[str]:
    """The phoneme strings of a prepared spelling, most likely first."""
    if _is_native(text):
        first = CYRILLIC_ALTERNATIVES.get(language)
        native = [_read_native(text, first)]
        for name, alternative in CYRILLIC_ALTERNATIVES.items():
            if name != language and any(ch in alternative for ch in text):
                native.append(_read_native(text, alternative))
        return native
    readings = ["en", "sl"] if text.isascii() else ["sl", "en"]
    readings += ["uk", "be", "de", "fr", "az" if language == "az" else "tr"]
    if "J" in text:
        readings.append("dj")
    if "Q" in text and language != "az":
        readings.append("az")
    if language in ("de", "pl", "fr", "be", "uk"):
        readings.insert(0, "be" if language == "pl" else language)
    letters = set(text)
    found: list[str] = []
    plain = False
    for name in dict.fromkeys(readings):
        if letters & _SENSITIVE[name]:
            found.append(_read_latin(text, name))
        elif not plain:  # every reading without a sensitive letter gives the same
            found.append(_read_latin(text, name))
            plain = True
    return found


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
    ELKIN) and O after a sibilant (Хрущёв → Chruschtschow).

    Each word of a double name is read on its own (a document may write Хрущёв-Ёлкин
    as Khrushchev-Yolkin): the uniform readings come first, then the mixed ones."""
    if "IO" not in phonemes:
        return [phonemes]
    words = phonemes.split(BOUNDARY)
    readings = [_word_variants(word, native) for word in words]
    uniform = [BOUNDARY.join(options[min(i, len(options) - 1)] for options in readings)
               for i in range(3)]
    mixed = [BOUNDARY.join(choice) for choice in product(*readings)]
    return list(dict.fromkeys(uniform + mixed))


def _word_variants(word: str, native: bool) -> list[str]:
    if "IO" not in word:
        return [word]
    as_e = _CONSONANT_IO.sub("E", word)
    if native:
        as_e = _INITIAL_IO.sub("E", as_e)
    return list(dict.fromkeys([word, as_e, _SIBILANT_IO.sub("O", word)]))


def token_keys(text: str, language: str = "") -> list[frozenset[str]]:
    """The keys of each word of a name ("Petrova-Vodkina Anna" → three sets); words
    without keys (digits, signs) are left out."""
    return list(_token_keys(text or "", language or ""))


@lru_cache(maxsize=1 << 16)
def _token_keys(text: str, language: str) -> tuple[frozenset[str], ...]:
    words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", text)) if w]
    found = [name_keys(w, language) for w in words]
    return tuple(k for k in found if k)


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
