"""Which script a name is written in (Latin, Cyrillic, Georgian, Armenian, or mixed)."""

from __future__ import annotations

import unicodedata

from crossroads.people.choices import Script

#: Unicode name prefixes of letters, by script.
PREFIXES = (("LATIN", Script.LATIN), ("CYRILLIC", Script.CYRILLIC),
            ("GEORGIAN", Script.GEORGIAN), ("ARMENIAN", Script.ARMENIAN))


def letter_script(ch: str) -> str | None:
    """The script of one letter (None for spaces, digits, punctuation and marks)."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for prefix, script in PREFIXES:
        if name.startswith(prefix):
            return script.value
    return Script.OTHER.value


def scripts_of(text: str) -> set[str]:
    return {s for s in (letter_script(ch) for ch in text) if s is not None}


def detect_script(text: str) -> str:
    """The script of a name: one script, or "Mixed" when letters of several are used
    (a Cyrillic name with a Latin look-alike letter typed in, say)."""
    found = scripts_of(text)
    if not found:
        return Script.OTHER.value
    if len(found) > 1:
        return Script.MIXED.value
    return found.pop()
