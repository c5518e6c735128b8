"""A small engine for table-driven transliteration with the context rules official
schemes use: a different rendering at the start of a word (Ukrainian Я → Ya / ia), after
a vowel (Uzbek Е → ye), at the end of a word (Bulgarian -ия → -ia), longest match first
(Ukrainian зг → zgh, Belarusian ль → ĺ), and the case of the source kept (ЩУКА → SHCHUKA,
Щука → Shchuka).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


def _split(pairs: str) -> dict[str, str]:
    """Table from "src=dst" items separated by spaces; "src=" maps to nothing."""
    table: dict[str, str] = {}
    for item in pairs.split():
        source, _, target = item.partition("=")
        table[source] = target
    return table


@dataclass
class Rules:
    """A transliteration table with context. Keys are lower case source sequences.

    ``initial`` applies at the start of a word, ``after_vowel`` after one of ``vowels``
    (and after the characters in ``after_also``, e.g. soft signs and apostrophes),
    ``final`` at the end of a word; ``mapping`` everywhere else.
    """

    mapping: dict[str, str]
    initial: dict[str, str] = field(default_factory=dict)
    after_vowel: dict[str, str] = field(default_factory=dict)
    final: dict[str, str] = field(default_factory=dict)
    vowels: str = "аеёиоуыэюяіїєәөүұ"
    after_also: str = ""
    #: Upper-case i as İ and ı as I (Turkish, Azerbaijani, Kazakh).
    turkic: bool = False
    #: Capitalise each word (for scripts without case, such as Georgian Mkhedruli).
    capitalise: bool = False
    longest: int = 0

    def __post_init__(self) -> None:
        tables = (self.mapping, self.initial, self.after_vowel, self.final)
        self.longest = max(len(k) for t in tables for k in t)

    @classmethod
    def parse(cls, mapping: str, initial: str = "", after_vowel: str = "", final: str = "",
              **options: Any) -> Rules:
        return cls(_split(mapping), _split(initial), _split(after_vowel), _split(final),
                   **options)

    def _pick(self, piece: str, start: bool, end: bool, after: bool) -> str | None:
        if start and piece in self.initial:
            return self.initial[piece]
        if end and piece in self.final:
            return self.final[piece]
        if after and piece in self.after_vowel:
            return self.after_vowel[piece]
        return self.mapping.get(piece)

    def __call__(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        lower = text.lower()
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            prev = lower[i - 1] if i else ""
            start = not prev or (not prev.isalpha() and prev not in "'’ʼ")
            after = bool(prev) and (prev in self.vowels or prev in self.after_also)
            for size in range(min(self.longest, n - i), 0, -1):
                piece = lower[i:i + size]
                end = i + size >= n or not lower[i + size].isalpha()
                target = self._pick(piece, start, end, after)
                if target is not None:
                    out.append(_cased(target, text, i, size, self.turkic))
                    i += size
                    break
            else:
                out.append(text[i])
                i += 1
        result = "".join(out)
        if self.capitalise:
            result = re.sub(r"(?<![\w'’])\w", lambda m: m.group().upper(), result)
        return result


def _upper(text: str, turkic: bool) -> str:
    if turkic:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def _cased(target: str, text: str, i: int, size: int, turkic: bool = False) -> str:
    """The target in the case of its source: upper inside an upper-case word, capitalised
    at the start of a capitalised word, lower otherwise."""
    source = text[i:i + size]
    if not target or not source[0].isupper():
        return target
    neighbours = text[max(0, i - 1):i] + text[i + size:i + size + 1]
    letters = [c for c in neighbours if c.isalpha()]
    if (size > 1 and source.isupper()) or (letters and all(c.isupper() for c in letters)):
        return _upper(target, turkic)
    return _upper(target[:1], turkic) + target[1:]
