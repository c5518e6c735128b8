"""Screening: may this traveller be someone on a watchlist?

This is the contract the capture pages (crossings, emergency registration) call:

* :func:`screen` shows the hits *before* anything is saved (no writes);
* :func:`raise_alerts` / :func:`screen_person` write :class:`~.models.Alert` rows
  *after* the person and the record are saved.

Entries are found through their comparison keys (``EntryKey``, indexed; the
transliteration-aware keys of ``people.names.keys``) and their document numbers, then
scored field by field as ``people.matching.search`` scores candidates (same levels,
weights and explanation), so an officer reads an alert as they read a candidate.
A document number on the list is a hit on its own (lost and stolen documents).

For many travellers at once (a bus, a flight manifest, the benchmark) build a
:class:`ScreeningIndex` once and call :meth:`ScreeningIndex.screen`: the same scoring
over an in-memory key index instead of one query per traveller.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from crossroads.borders.models import BorderCrossingPoint
from crossroads.people.dates import PartialDate
from crossroads.people.matching.search import (
    COARSE,
    PRIOR,
    FieldScore,
    Profile,
    Query,
    birth_field,
    name_fields,
    person_profile,
    query_profile,
    simple_fields,
)
from crossroads.people.models import Person
from crossroads.users.models import Organisation
from crossroads.watchlists.choices import AlertStatus
from crossroads.watchlists.keys import PARTS, entry_profile, lookup_keys
from crossroads.watchlists.models import Alert, EntryKey, WatchlistEntry

#: A hit is an entry whose match probability reaches this (or whose document matches).
#: Low on purpose: a watchlist miss costs more than an officer's second look.
THRESHOLD = 0.1
#: How many entries found through keys are scored in full (the most promising first).
SHORTLIST = 150
#: Fields of an entry that screening does not read.
STAMPS = ("created", "last_updated", "created_by", "updated_by", "reference")
#: Name levels that leave nothing to gain from comparing given with family names.
STRONG = ("exact", "variant")

__all__ = ["THRESHOLD", "Hit", "ScreeningIndex", "Traveller", "explain", "move_alerts",
           "raise_alerts", "screen", "screen_person", "traveller_of"]


@dataclass(frozen=True)
class Traveller:
    """What is known of a traveller at the border before anything is saved."""

    family: str = ""
    given: str = ""
    patronymic: str = ""
    birth: PartialDate = field(default_factory=PartialDate)
    sex: str = ""
    nationality: str = ""
    document_number: str = ""
    language: str = ""

    def profile(self) -> Profile:
        profile = query_profile(Query(
            given=self.given, family=self.family, patronymic=self.patronymic,
            birth=self.birth, sex=self.sex, nationality=self.nationality,
            document_number=self.document_number, language=self.language))
        profile.keys = {part: lookup_keys(getattr(self, part), self.language) for part in PARTS}
        return profile


@dataclass
class Hit:
    """One watchlist entry that may be this traveller, and why (field by field)."""

    entry: WatchlistEntry
    score: float
    fields: list[FieldScore]

    @property
    def document_match(self) -> bool:
        return any(f.field == "document" and f.level == "overlap" for f in self.fields)


def explain(hit: Hit) -> list[dict[str, Any]]:
    """The explanation as JSON data, in the shape of ``people.matching.search.explain``."""
    return [{"field": f.field, "level": f.level, "label": f.level_label,
             "weight": round(f.weight, 2), "value": f.detail} for f in hit.fields]


@dataclass(frozen=True)
class Reading:
    """One way to read a traveller's (or an entry's) names, and the same with the given
    and family names exchanged (made once, compared with many entries)."""

    profile: Profile
    crossed: Profile


def compare(readings: Sequence[Reading], entry: WatchlistEntry,
            others: Sequence[Reading] = ()) -> Hit:
    """Score an entry against a traveller, field by field, under the most fitting
    readings of both (see :func:`readings_of`)."""
    others = others or readings_of(entry_profile(entry))
    best: Hit | None = None
    for reading, other in ((w, o.profile) for w in readings for o in others):
        wanted = reading.profile
        fields = names_compared(reading, other)
        fields.append(birth_field(wanted.birth, other.birth))
        fields += simple_fields(wanted, other)
        total = sum(f.weight for f in fields)
        hit = Hit(entry, 1 / (1 + math.exp(-(total - PRIOR))), fields)
        if best is None or hit.score > best.score:
            best = hit
    assert best is not None  # noqa: S101  (readings_of always gives one)
    return best


def readings_of(wanted: Profile) -> list[Reading]:
    """The traveller as typed, and, when one name field holds several words and the
    other is empty (a whole name in one field), that field split at its first and at
    its last word: records from registers abroad often do this."""
    found = [wanted]
    filled = [p for p in ("family", "given") if wanted.canon[p]]
    words = wanted.canon[filled[0]].split() if len(filled) == 1 else []
    for cut in {1, len(words) - 1} if len(words) > 1 else ():
        family, given = " ".join(words[:cut]), " ".join(words[cut:])
        found.append(replace(
            wanted, keys={**wanted.keys, "family": lookup_keys(family, ""),
                          "given": lookup_keys(given, "")},
            canon={**wanted.canon, "family": family, "given": given}))
    return [Reading(p, crossed(p)) for p in found]


def crossed(profile: Profile) -> Profile:
    """The profile with its given and family names exchanged."""
    return replace(profile, keys={**profile.keys, "family": profile.keys["given"],
                                  "given": profile.keys["family"]},
                   canon={**profile.canon, "family": profile.canon["given"],
                          "given": profile.canon["family"]})


def names_compared(reading: Reading, other: Profile) -> list[FieldScore]:
    """The name fields as ``people.matching.search`` compares them, or compared across
    (given with family) when that fits better: records swap the parts, and a swap with
    a typing slip has no shared key for ``name_fields`` to notice. Across is tried only
    when a key meets across."""
    straight = name_fields(reading.profile, other)
    if straight[0].level in STRONG and straight[1].level in STRONG:
        return straight
    across = reading.crossed
    if not (across.keys["family"] & other.keys["family"]
            or across.keys["given"] & other.keys["given"]):
        return straight
    swapped = name_fields(across, other)
    if sum(f.weight for f in swapped[:2]) <= sum(f.weight for f in straight[:2]):
        return straight
    return [FieldScore(f.field, "swapped" if f.level in STRONG else f.level,
                       f.weight, f.detail) for f in swapped[:2]] + straight[2:]


def is_hit(hit: Hit) -> bool:
    return hit.score >= THRESHOLD or hit.document_match


def best_first(hits: Iterable[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda h: (-h.score, h.entry.pk or 0))


def birth_key(birth: PartialDate) -> tuple[int | None, ...]:
    return (birth.year, birth.month, birth.day)


def in_force(on: date) -> Q:
    """Entries screened on a day: active, on an active list, not expired."""
    return Q(active=True, watchlist__active=True) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def screen(traveller: Traveller, *, on: date | None = None) -> list[Hit]:
    """The entries (active lists, active entries valid on ``on``) that may be this
    traveller, best first. Writes nothing."""
    return screen_profile(traveller.profile(), on=on)


def screen_profile(wanted: Profile, *, on: date | None = None) -> list[Hit]:
    ids = shortlist(wanted)
    if not ids:
        return []
    # The stamps are not compared: leaving them out saves converting hundreds of dates.
    entries = WatchlistEntry.objects.filter(in_force(on or timezone.localdate()), pk__in=ids) \
        .defer(*STAMPS)
    readings = readings_of(wanted)
    return best_first(h for h in (compare(readings, e) for e in entries) if is_hit(h))


def shortlist(wanted: Profile) -> list[int]:
    """Entries sharing name keys or a document number, most shared first (indexed).

    Common names share keys with thousands of entries, so the entries born in the
    traveller's year that share a key are taken as well: with one name mistyped, the
    other name and the year still find the entry.
    """
    ranked = ranked_by_keys(wanted, None)
    if wanted.birth.year:
        ranked += ranked_by_keys(wanted, wanted.birth.year)
    if wanted.documents:
        ranked += WatchlistEntry.objects.filter(document_key__in=wanted.documents) \
            .values_list("pk", flat=True)[:SHORTLIST]
    birth = wanted.birth
    if birth.year and birth.month and birth.day:  # both names mistyped: the same date
        ranked += WatchlistEntry.objects.filter(
            birth_year=birth.year, birth_month=birth.month, birth_day=birth.day) \
            .values_list("pk", flat=True)[:SHORTLIST]
    return list(dict.fromkeys(ranked))


def ranked_by_keys(wanted: Profile, year: int | None) -> list[int]:
    """The entries with the most shared keys (of those born in ``year``, when given);
    coarse keys only fill the list when the exact ones find fewer than it holds."""
    hits: Counter[int] = Counter(key_hits(wanted, coarse=False, year=year))
    if len(hits) < SHORTLIST:
        for entry_id, points in key_hits(wanted, coarse=True, year=year).items():
            hits[entry_id] = max(hits[entry_id], points - 1)
    return [pk for pk, _points in hits.most_common(SHORTLIST)]


def key_hits(wanted: Profile, *, coarse: bool, year: int | None = None) -> dict[int, int]:
    """Entry → points over the shared keys (a family key 2, a given key 1), whatever
    part of the entry holds the key (so swapped names still meet)."""
    family = {k for k in wanted.keys["family"] if k.startswith(COARSE) == coarse}
    given = {k for k in wanted.keys["given"] if k.startswith(COARSE) == coarse} - family
    if not family and not given:
        return {}
    points = Case(When(key__in=family, then=Value(2)), default=Value(1),
                  output_field=IntegerField())
    rows = EntryKey.objects.filter(key__in=family | given)
    if year is not None:
        rows = rows.filter(birth_year=year)
    found = rows.values("entry_id").annotate(points=Sum(points)).order_by("-points")
    return {row["entry_id"]: row["points"] for row in found[:SHORTLIST]}


def traveller_of(person: Person) -> Traveller:
    """A registered person as a traveller: their first name of each part, first
    nationality and first document."""
    names: dict[str, tuple[str, str]] = {}
    for name in person.names.all():
        names.setdefault(name.part, (name.value, name.language))
    language = next((lang for _value, lang in names.values() if lang), "")
    nationality = next((n.country.iso3 for n in person.nationalities.all()), "")
    document = next((d.number for d in person.documents.all()), "")
    return Traveller(
        family=names.get("family", ("", ""))[0], given=names.get("given", ("", ""))[0],
        patronymic=names.get("patronymic", ("", ""))[0], birth=person.birth_date,
        sex=person.sex if person.sex in ("F", "M") else "", nationality=nationality,
        document_number=document, language=language)


def raise_alerts(person: Person, record: models.Model, organisation: Organisation,
                 hits: Sequence[Hit]) -> list[Alert]:
    """Write an alert per hit, in one transaction; the alerts written.

    A hit whose (person, entry) was dismissed as a false match is never raised again,
    and a hit already waiting for a decision (or confirmed) for this record is not
    raised twice.
    """
    if not hits:
        return []
    content_type = ContentType.objects.get_for_model(record)
    entries = [h.entry.pk for h in hits]
    with transaction.atomic():
        known = Alert.objects.filter(person=person, entry_id__in=entries)
        dismissed = set(known.filter(status=AlertStatus.DISMISSED)
                        .values_list("entry_id", flat=True))
        pending = set(known.filter(content_type=content_type, object_id=str(record.pk))
                      .exclude(status=AlertStatus.DISMISSED).values_list("entry_id", flat=True))
        point = record_point(record)
        raised = [Alert.objects.create(
            entry=h.entry, person=person, content_type=content_type, object_id=str(record.pk),
            organisation=organisation, point=point, score=round(h.score, 4),
            explanation=explain(h))
            for h in best_first(hits) if h.entry.pk not in dismissed | pending]
    return raised


def record_point(record: models.Model) -> BorderCrossingPoint | None:
    """The crossing point of a record at the border (a crossing), if it has one."""
    point = getattr(record, "point", None)
    return point if isinstance(point, BorderCrossingPoint) else None


def move_alerts(person: Person, record: models.Model) -> int:
    """Alerts raised when ``person`` was registered move to ``record``, the crossing or
    arrival that registered them, so the officer decides each alert once, on the record
    that caused it (with its crossing point). How many moved."""
    return Alert.objects.filter(
        person=person, content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk)).update(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        point=record_point(record))


def screen_person(person: Person, record: models.Model | None,
                  organisation: Organisation) -> list[Alert]:
    """Screen a saved person (all their names, nationalities and documents) and raise
    the alerts, citing ``record`` (the person itself when there is none)."""
    wanted = person_profile(person)
    for name in person.names.all():
        part = name.part if name.part in PARTS else "family"
        wanted.keys[part] = wanted.keys[part] | lookup_keys(name.value, name.language)
    hits = screen_profile(wanted)
    return raise_alerts(person, record if record is not None else person, organisation, hits)


class ScreeningIndex:
    """Entries held in memory with a key → entries index, to screen many travellers.

    Candidates are the entries that share a key with the traveller's family name *and*
    one with the given name (in either part: swapped names meet), entries that lack
    the other part, entries sharing a key with either name and born in the traveller's
    year (one name mistyped), entries with the same full date of birth (both mistyped)
    and entries with the same document number; they are then scored as :func:`screen`
    scores them. Build it from the entries in force (:meth:`from_database`) or from any
    entries (the benchmark builds unsaved ones).
    """

    def __init__(self, entries: Iterable[WatchlistEntry]) -> None:
        self.entries: list[WatchlistEntry] = []
        self.profiles: list[list[Reading]] = []
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.by_document: dict[str, set[int]] = defaultdict(set)
        self.only_family: set[int] = set()
        self.only_given: set[int] = set()
        self.by_year: dict[int | None, set[int]] = defaultdict(set)
        self.by_date: dict[tuple[int | None, ...], set[int]] = defaultdict(set)
        for entry in entries:
            self.add(entry)

    @classmethod
    def from_database(cls, on: date | None = None) -> ScreeningIndex:
        return cls(WatchlistEntry.objects.filter(in_force(on or timezone.localdate()))
                   .select_related("watchlist").iterator(chunk_size=5000))

    def add(self, entry: WatchlistEntry) -> None:
        position = len(self.entries)
        profile = entry_profile(entry)
        self.entries.append(entry)
        self.profiles.append(readings_of(profile))
        for key in profile.keys["family"] | profile.keys["given"]:
            self.by_key[key].add(position)
        for document in profile.documents:
            self.by_document[document].add(position)
        self.by_year[profile.birth.year].add(position)
        if profile.birth.day:
            self.by_date[birth_key(profile.birth)].add(position)
        if not profile.keys["given"]:
            self.only_family.add(position)
        if not profile.keys["family"]:
            self.only_given.add(position)

    def candidates(self, wanted: Profile) -> set[int]:
        empty: set[int] = set()
        family = empty.union(*(self.by_key.get(k, empty) for k in wanted.keys["family"]))
        given = empty.union(*(self.by_key.get(k, empty) for k in wanted.keys["given"]))
        if wanted.keys["family"] and wanted.keys["given"]:
            found = (family & given) | (family & self.only_family) | (given & self.only_given)
            # One part mistyped: the other part and the year of birth.
            for born in self.born_in(wanted.birth.year):
                found |= (family & born) | (given & born)
        else:
            found = family | given  # the traveller gave one part only
        for document in wanted.documents:
            found |= self.by_document.get(document, empty)
        if wanted.birth.day:  # both names mistyped: the same full date of birth
            found |= self.by_date.get(birth_key(wanted.birth), empty)
        return found

    def born_in(self, year: int | None) -> list[set[int]]:
        """Entries born in that year, and those without a year (none for no year)."""
        if year is None:
            return []
        return [self.by_year.get(year, set()), self.by_year.get(None, set())]

    def screen(self, traveller: Traveller) -> list[Hit]:
        """The entries that may be this traveller, best first (as :func:`screen`)."""
        wanted = traveller.profile()
        readings = readings_of(wanted)
        found = (compare(readings, self.entries[i], self.profiles[i])
                 for i in self.candidates(wanted))
        return best_first(h for h in found if is_hit(h))
