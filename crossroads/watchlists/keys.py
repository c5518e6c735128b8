"""Comparison keys and comparable profiles of watchlist entries.

The keys are those of ``people.names.keys.name_keys`` (transliteration-aware), so an
entry written in Cyrillic meets a traveller read from an ICAO passport. An alias line
"family, given" adds its parts' keys to the family and given parts; a line without a
comma adds its words' keys to both (the order of a full name is not known).

A part of several words also gets the keys of each word (:func:`lookup_keys`): records
often put the whole name in one field ("BAYDOGAN MELIHCAN" as the family name), and
that must still meet an entry "Baydoğan, Melihcan".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crossroads.people.matching.search import Profile, keys_and_canon
from crossroads.people.names.keys import name_keys, token_keys

if TYPE_CHECKING:
    from crossroads.watchlists.models import WatchlistEntry

PARTS = ("family", "given", "patronymic")


def lookup_keys(value: str, language: str) -> frozenset[str]:
    """The keys of a name part, and of each of its words when it has several."""
    keys = name_keys(value, language) if value.strip() else frozenset()
    words = token_keys(value, language)
    return keys.union(*words) if len(words) > 1 else keys


def alias_parts(line: str) -> tuple[str, str]:
    """(family, given) of one alias line; a line without a comma is both."""
    if "," in line:
        family, _comma, given = line.partition(",")
        return family.strip(), given.strip()
    return line.strip(), line.strip()


def entry_keys(entry: WatchlistEntry) -> dict[str, frozenset[str]]:
    """The keys of each name part of an entry, aliases included."""
    keys = {part: lookup_keys(getattr(entry, part), entry.language) for part in PARTS}
    for line in entry.alias_list():
        family, given = alias_parts(line)
        if family == given:  # a full name: every word may be either part
            words = frozenset().union(*token_keys(line, entry.language))
            keys["family"] |= words
            keys["given"] |= words
        else:
            keys["family"] |= lookup_keys(family, entry.language)
            keys["given"] |= lookup_keys(given, entry.language)
    return keys


def entry_profile(entry: WatchlistEntry) -> Profile:
    """An entry as ``people.matching.search`` compares persons."""
    keys = entry_keys(entry)
    canon = {part: keys_and_canon(getattr(entry, part), entry.language)[1] for part in PARTS}
    return Profile(keys, canon, entry.birth, entry.sex,
                   frozenset([entry.nationality]) if entry.nationality else frozenset(),
                   frozenset([entry.document_key]) if entry.document_key else frozenset())


def rebuild_entry_keys(entry: WatchlistEntry) -> None:
    """Replace an entry's stored keys by those of its current names."""
    from crossroads.watchlists.models import EntryKey

    EntryKey.objects.filter(entry=entry).delete()
    EntryKey.objects.bulk_create([
        EntryKey(entry=entry, part=part, key=key, birth_year=entry.birth_year)
        for part, found in entry_keys(entry).items() for key in sorted(found)])
