"""The parts of a full name: patronymics, name order, and normalising what was typed.

- :func:`is_patronymic`: East-Slavic patronymics (-ович, -евич, -ич, -овна, -евна,
  -ична, -инична; Ukrainian -івна, -ївна; Belarusian -авіч, -аўна, -еўна) in Cyrillic
  and in their romanisations, and the Turkic patronymic words (Azerbaijani oğlu / qızı,
  Kazakh ұлы / қызы, Uzbek oʻgʻli / qizi, Turkmen ogly / gyzy, Kyrgyz uulu / kyzy).
- :func:`split_full_name`: a full name → given, patronymic, family, for registers that
  write the given name first ("Ivan Ivanovich Petrov") or the family name first
  ("ПЕТРОВ Иван Иванович", "Petrov, Ivan"), with two family names where a register has
  them.
- :func:`normalise_name`: NFC, spaces, and look-alike letters of another script typed
  inside a word (a Latin "a" in a Cyrillic name) fixed, each fix recorded as a warning;
  :class:`NameProblem` for a name with no letters.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from django.utils.translation import gettext as _

from crossroads.people.names.scripts import letter_script


class NameProblem(ValueError):
    """A name that cannot be used (empty, or with no letters)."""


class NameParts(NamedTuple):
    given: str
    patronymic: str
    family: str


_APOSTROPHES = "'’ʼʻ‘`"
#: Endings of East-Slavic patronymics, Cyrillic (lower case).
_CYRILLIC_ENDINGS = (
    "ович", "евич", "ьич", "ьмич", "лукич", "фомич", "итич",  # Russian, masculine
    "овна", "евна", "ична", "инична",  # Russian, feminine
    "йович", "івна", "ївна", "ьовна",  # Ukrainian
    "авіч", "евіч", "овіч", "ьевіч", "аўна", "еўна", "ічна",  # Belarusian
)
#: The same, as transliteration schemes write them (upper case, apostrophes removed).
_LATIN_ENDINGS = re.compile(
    r"(OVICH|EVICH|OVYCH|EVYCH|IOVYCH|AVICH|OVITCH|EVITCH|OVITSCH|EVITSCH|OWITSCH|EWITSCH"
    r"|OVIČ|EVIČ|OVNA|EVNA|OWNA|EWNA|IVNA|YIVNA|AUNA|EUNA|AŬNA|EŬNA|ICHNA|INICHNA|ITSCHNA"
    r"|ITCHNA|IČNA|ILICH|ILYICH|ILJITSCH|KUZMICH|LUKICH|FOMICH|NIKITICH)$")
#: Short words that end like a patronymic but are names (Ильич excepted: it is one).
_NOT_PATRONYMIC: set[str] = set()
#: Turkic patronymic words, written after the father's name.
_TURKIC_MARKERS = {
    "oğlu", "oglu", "qızı", "qizi", "kizi", "gizi", "оглы", "оғлу", "кызы", "гызы", "қызы",
    "ұлы", "улы", "uly", "ūly", "qyzy", "kyzy", "уулу", "uulu", "o'g'li", "ogli", "o‘g‘li",
    "oʻgʻli", "ўғли", "угли", "қизи", "кизи", "ogly", "gyzy", "ugli",
}


def _marker(word: str) -> bool:
    return word.lower().replace("ʻ", "'").replace("‘", "'").replace("’", "'") in {
        m.replace("ʻ", "'").replace("‘", "'") for m in _TURKIC_MARKERS}


def is_patronymic(word: str) -> bool:
    """Whether one word looks like a patronymic (or is a Turkic patronymic marker).
    Serbian and Croatian family names in -ović / -ević are *not* patronymics."""
    word = unicodedata.normalize("NFC", (word or "").strip())
    if not word:
        return False
    if _marker(word):
        return True
    lower = word.lower()
    if len(lower) < 5 or lower in _NOT_PATRONYMIC:
        return False
    if any(ch in "ћђ" for ch in lower):
        return False
    if lower.endswith(_CYRILLIC_ENDINGS):
        return True
    upper = "".join(ch for ch in word.upper() if ch not in _APOSTROPHES)
    return bool(_LATIN_ENDINGS.search(upper))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.strip()) if w]


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_full_name(text: str, order: str = "given_first", family_words: int = 1
                    ) -> NameParts:
    """Split a full name into given name(s), patronymic and family name.

    ``order`` is "given_first" ("Ivan Ivanovich Petrov", "Heydər Əlirza oğlu Əliyev")
    or "family_first" ("Petrov Ivan Ivanovich"). A comma always means family first
    ("Petrov, Ivan"); a name whose words in capitals are contiguous and the others not
    ("PETROV Ivan") takes those as the family name. ``family_words`` is how many words
    make the family name in registers with two family names (2 for "García López").
    A hyphenated family name is one word.
    """
    text = unicodedata.normalize("NFC", text or "").strip()
    if "," in text:
        before, _sep, after = text.partition(",")
        given, patronymic = _given_and_patronymic(_words(after))
        return NameParts(given, patronymic, " ".join(_words(before)))
    words = _words(text)
    if not words:
        return NameParts("", "", "")
    caps = [i for i, w in enumerate(words) if _is_caps(w)]
    if caps and len(caps) < len(words) and caps == list(range(caps[0], caps[-1] + 1)):
        family = " ".join(words[i] for i in caps)
        rest = [w for i, w in enumerate(words) if i not in caps]
        given, patronymic = _given_and_patronymic(rest)
        return NameParts(given, patronymic, family)
    if len(words) == 1:
        return NameParts("", "", words[0])
    count = max(1, min(family_words, len(words) - 1))
    if order == "family_first":
        family = " ".join(words[:count])
        given, patronymic = _given_and_patronymic(words[count:])
        return NameParts(given, patronymic, family)
    # Given first: a patronymic (with a Turkic marker, the word before it too) sits
    # between the given and the family names.
    for i, word in enumerate(words[1:-1], start=1):
        if _marker(word) and i >= 2:
            return NameParts(" ".join(words[:i - 1]), f"{words[i - 1]} {word}",
                             " ".join(words[i + 1:]))
        if is_patronymic(word) and not _marker(word):
            return NameParts(" ".join(words[:i]), word, " ".join(words[i + 1:]))
    return NameParts(" ".join(words[:-count]), "", " ".join(words[-count:]))


def _given_and_patronymic(words: list[str]) -> tuple[str, str]:
    """Given names and patronymic from the words after a family name."""
    if len(words) >= 3 and _marker(words[-1]):
        return " ".join(words[:-2]), " ".join(words[-2:])
    if len(words) >= 2 and is_patronymic(words[-1]) and not _marker(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return " ".join(words), ""


#: Latin ↔ Cyrillic letters that look alike (Greek-free: the scripts of this region).
_LATIN_TO_CYRILLIC = dict(zip("ABCEHIJKMOPSTXYaceijopsxy", "АВСЕНІЈКМОРЅТХУасеіјорѕху",
                              strict=True))
_CYRILLIC_TO_LATIN = {c: lat for lat, c in _LATIN_TO_CYRILLIC.items()}
_CYRILLIC_TO_LATIN.update({"Ѕ": "S", "ѕ": "s", "Һ": "h", "һ": "h", "Ԛ": "Q", "ԛ": "q",
                           "Ԝ": "W", "ԝ": "w"})
_KEEP = set("-'’ʼʻ‘. ")


def normalise_name(text: str) -> tuple[str, list[str]]:
    """A name as typed → (normalised name, warnings). NFC, one space between words,
    look-alike letters of the wrong script inside a word replaced by those of the word's
    script, characters that belong in no name (digits, symbols) removed. Each change is
    a warning. Raises :class:`NameProblem` for an empty name or one without letters."""
    if text is None or not str(text).strip():
        raise NameProblem(_("A name cannot be empty."))
    warnings: list[str] = []
    text = unicodedata.normalize("NFC", str(text))
    if not any(ch.isalpha() for ch in text):
        raise NameProblem(_("“%(name)s” has no letters: it cannot be a name.")
                          % {"name": text.strip()})
    original = text.strip()
    text = _ZERO.sub("\u2060", text)  # a zero between letters: fixed below, not dropped
    cleaned = "".join(ch if ch.isalpha() or ch in _KEEP or unicodedata.combining(ch)
                      or ch == "\u2060"
                      else (" " if ch.isspace() else "") for ch in text)
    removed = sorted({ch for ch in text if not (ch.isalpha() or ch in _KEEP or ch.isspace()
                                                or unicodedata.combining(ch)
                                                or ch == "\u2060")})
    if removed:
        warnings.append(_("Characters that are not letters were removed from “%(name)s”: "
                          "%(chars)s.") % {"name": original, "chars": " ".join(removed)})
    words = [_fix_word(_fix_zero(w, warnings), warnings) for w in cleaned.split()]
    normalised = " ".join(w for w in words if w)
    if not any(ch.isalpha() for ch in normalised):
        raise NameProblem(_("“%(name)s” has no letters: it cannot be a name.")
                          % {"name": text.strip()})
    return normalised, warnings


_ZERO = re.compile(r"(?<=[^\W\d_])0(?=[^\W\d_])")


def _fix_zero(word: str, warnings: list[str]) -> str:
    """A digit zero typed for the letter O inside a word (Ivan0v)."""
    if "\u2060" not in word:
        return word
    cyrillic = sum(letter_script(ch) == "Cyrl" for ch in word)
    latin = sum(letter_script(ch) == "Latn" for ch in word)
    letter = "О" if cyrillic > latin else "O"
    upper = sum(ch.isupper() for ch in word) * 2 > sum(ch.isalpha() for ch in word)
    fixed = word.replace("\u2060", letter if upper else letter.lower())
    warnings.append(_("“%(word)s”: the digit 0 was read as the letter O: “%(fixed)s”.")
                    % {"word": word.replace("\u2060", "0"), "fixed": fixed})
    return fixed


def _fix_word(word: str, warnings: list[str]) -> str:
    """Replace look-alike letters of the minority script in a word mixing Latin and
    Cyrillic; a word mixed beyond look-alikes is kept, with a warning."""
    counts: dict[str, int] = {}
    for ch in word:
        script = letter_script(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2:
        return word
    if set(counts) == {"Latn", "Cyrl"} and counts["Latn"] != counts["Cyrl"]:
        target = "Cyrl" if counts["Cyrl"] > counts["Latn"] else "Latn"
        table = _LATIN_TO_CYRILLIC if target == "Cyrl" else _CYRILLIC_TO_LATIN
        minority = "Latn" if target == "Cyrl" else "Cyrl"
        if all(ch in table for ch in word if letter_script(ch) == minority):
            fixed = "".join(table.get(ch, ch) if letter_script(ch) == minority else ch
                            for ch in word)
            warnings.append(
                _("“%(word)s” mixed Latin and Cyrillic letters; the look-alike letters were "
                  "replaced: “%(fixed)s”.") % {"word": word, "fixed": fixed})
            return fixed
    warnings.append(_("“%(word)s” mixes letters of several scripts; kept as typed.")
                    % {"word": word})
    return word
