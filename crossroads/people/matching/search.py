"""Candidate search: "is this person already known?", fast enough to run as an officer types.

Candidates are found through the comparison keys of their names (``NameKey``, indexed)
and their document numbers, among the persons the user may view (``restrict()``), then
scored field by field. Each field says how it compared (exact, transliteration variant,
similar spelling, different, missing) and what it weighed, so the officer sees why a
person was proposed. Weights are log-likelihood ratios in the spirit of Fellegi–Sunter;
the score is the resulting probability. Every search that returns persons is audited.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Sum, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz.distance import JaroWinkler

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW
from crossroads.people.choices import NamePart, PersonStatus
from crossroads.people.dates import PartialDate
from crossroads.people.models import IdentityDocument, NameKey, Person, number_key
from crossroads.people.names.keys import canonical, name_keys

#: Keys that also merge letters ASCII and German spellings lose (Ч/Ц, Ш/Ж/З/С) start
#: with this: they make names meet more loosely, so they count as "similar", not "variant".
COARSE = "~"
#: How many persons found through keys are scored in full (the most promising first).
SHORTLIST = 150
#: Subtracted from the summed weights before the logistic: a prior for "same person".
PRIOR = 6.0
NAME_WEIGHTS = {  # (exact, transliteration, similar, different)
    "family": (4.0, 3.2, 2.0, -2.5),
    "given": (3.5, 2.8, 1.6, -2.0),
    "patronymic": (1.5, 1.2, 0.6, -0.8),
}
LEVELS = {
    "exact": gettext_lazy("exact"), "variant": gettext_lazy("transliteration variant"),
    "similar": gettext_lazy("similar spelling"), "different": gettext_lazy("different"),
    "missing": gettext_lazy("missing"), "swapped": gettext_lazy("given and family swapped"),
    "day_month_swapped": gettext_lazy("day and month swapped"),
    "year_month": gettext_lazy("same year and month"), "year": gettext_lazy("same year"),
    "near_year": gettext_lazy("year differs by one"), "overlap": gettext_lazy("shared"),
}


@dataclass(frozen=True)
class Query:
    """What the officer has typed so far."""

    given: str = ""
    family: str = ""
    patronymic: str = ""
    birth: PartialDate = field(default_factory=PartialDate)
    sex: str = ""
    nationality: str = ""
    document_number: str = ""
    language: str = ""

    def is_empty(self) -> bool:
        return not (self.given.strip() or self.family.strip()
                    or number_key(self.document_number))


@dataclass
class FieldScore:
    field: str
    level: str
    weight: float
    detail: str = ""

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, self.level))


@dataclass
class Candidate:
    person: Person
    score: float
    fields: list[FieldScore]


@dataclass
class Profile:
    """The comparable forms of one person (or of the query)."""

    keys: dict[str, frozenset[str]]
    canon: dict[str, str]
    birth: PartialDate
    sex: str
    nationalities: frozenset[str]
    documents: frozenset[str]


def keys_and_canon(value: str, language: str) -> tuple[frozenset[str], str]:
    if not value.strip():
        return frozenset(), ""
    return name_keys(value, language), canonical(value, language)


def query_profile(query: Query) -> Profile:
    keys, canon = {}, {}
    for part in ("given", "family", "patronymic"):
        keys[part], canon[part] = keys_and_canon(getattr(query, part), query.language)
    document = number_key(query.document_number)
    return Profile(keys, canon, query.birth, query.sex,
                   frozenset([query.nationality.upper()]) if query.nationality else frozenset(),
                   frozenset([document]) if document else frozenset())


def person_profile(person: Person) -> Profile:
    values: dict[str, list[str]] = {"given": [], "family": [], "patronymic": []}
    keys: dict[str, set[str]] = {part: set() for part in values}
    for name in person.names.all():
        part = name.part if name.part in values else "given"
        target = "family" if name.part == NamePart.ALIAS and values["family"] else part
        found, canon = keys_and_canon(name.value, name.language)
        keys[target] |= found
        values[target].append(canon)
    return Profile({p: frozenset(k) for p, k in keys.items()},
                   {p: " ".join(v) for p, v in values.items()}, person.birth_date, person.sex,
                   frozenset(n.country.iso3 for n in person.nationalities.all()),
                   frozenset(d.number_key for d in person.documents.all()))


def shortlist(query: Profile) -> list[int]:
    """Persons sharing name keys or a document number, most shared parts first.

    The database counts the matches (one indexed query); coarse keys, which match many
    more names, only fill the list when the exact keys find fewer than it holds.
    """
    hits: Counter[int] = Counter(key_hits(query, coarse=False))
    if len(hits) < SHORTLIST:
        for person_id, points in key_hits(query, coarse=True).items():
            hits[person_id] = max(hits[person_id], points - 1)
    if query.documents:
        for person_id in IdentityDocument.objects.filter(number_key__in=query.documents) \
                .values_list("person_id", flat=True):
            hits[person_id] += 5
    return [pid for pid, _count in hits.most_common(SHORTLIST)]


def key_hits(query: Profile, *, coarse: bool) -> dict[int, int]:
    """Person → points summed over the shared keys (a family key 2, a given key 1)."""
    family = {k for k in query.keys["family"] if k.startswith(COARSE) == coarse}
    given = {k for k in query.keys["given"] if k.startswith(COARSE) == coarse} - family
    if not family and not given:
        return {}
    points = Case(When(key__in=family, then=Value(2)), default=Value(1),
                  output_field=IntegerField())
    rows = NameKey.objects.filter(key__in=family | given).values("person_id") \
        .annotate(points=Sum(points)).order_by("-points")[:SHORTLIST]
    return {row["person_id"]: row["points"] for row in rows}


def candidates(user: Any, query: Query, limit: int = 10) -> list[Candidate]:
    """The persons the user may view who may be the one described, best first."""
    if query.is_empty():
        return []
    wanted = query_profile(query)
    ids = shortlist(wanted)
    if not ids:
        return []
    persons = Person.objects.restrict(user, VIEW).filter(pk__in=ids, status=PersonStatus.ACTIVE) \
        .prefetch_related("names", "documents", "nationalities__country")
    found = [score(person, wanted) for person in persons]
    found.sort(key=lambda c: (-c.score, c.person.pk))
    shown = found[:limit]
    if shown:
        audit_access(Person, [c.person for c in shown], AuditEvent.Action.SEARCH)
    return shown


def score(person: Person, query: Profile) -> Candidate:
    """Compare a person with the query field by field; the probability of a match."""
    other = person_profile(person)
    fields = name_fields(query, other)
    fields.append(birth_field(query.birth, other.birth))
    fields += simple_fields(query, other)
    total = sum(f.weight for f in fields)
    return Candidate(person, 1 / (1 + math.exp(-(total - PRIOR))), fields)


def name_level(a_keys: frozenset[str], a: str, b_keys: frozenset[str], b: str) -> str:
    if not a or not b:
        return "missing"
    if a == b:
        return "exact"
    shared = a_keys & b_keys
    if any(not key.startswith(COARSE) for key in shared):
        return "variant"
    if shared or JaroWinkler.similarity(a, b) >= 0.88:
        return "similar"  # coarse keys only: letters that ASCII spellings lose
    return "different"


def name_fields(query: Profile, other: Profile) -> list[FieldScore]:
    results = []
    for part, weights in NAME_WEIGHTS.items():
        level = name_level(query.keys[part], query.canon[part], other.keys[part],
                           other.canon[part])
        weight = dict(zip(("exact", "variant", "similar", "different"), weights,
                          strict=True)).get(level, 0.0)
        results.append(FieldScore(part, level, weight, other.canon[part]))
    swapped = query.keys["given"] & other.keys["family"] and \
        query.keys["family"] & other.keys["given"]
    if swapped and all(r.level == "different" for r in results[:2]):
        bonus = NAME_WEIGHTS["family"][1] + NAME_WEIGHTS["given"][1]
        results[:2] = [FieldScore("family", "swapped", bonus / 2, other.canon["given"]),
                       FieldScore("given", "swapped", bonus / 2, other.canon["family"])]
    return results


def birth_field(a: PartialDate, b: PartialDate) -> FieldScore:
    detail = str(b)
    if a.year is None or b.year is None:
        return FieldScore("birth", "missing", 0.0, detail)
    if (a.year, a.month, a.day) == (b.year, b.month, b.day) and a.day:
        return FieldScore("birth", "exact", 4.0, detail)
    if a.day and b.day and a.year == b.year and (a.month, a.day) == (b.day, b.month):
        return FieldScore("birth", "day_month_swapped", 2.5, detail)
    if a.year == b.year and a.month and a.month == b.month:
        return FieldScore("birth", "year_month", 1.8, detail)
    if a.year == b.year:
        return FieldScore("birth", "year", 1.0, detail)
    gap = abs(a.year - b.year)
    if gap == 1 or ((a.approximate or b.approximate) and gap <= 3):
        return FieldScore("birth", "near_year", 0.3, detail)
    return FieldScore("birth", "different", -3.0, detail)


def simple_fields(query: Profile, other: Profile) -> list[FieldScore]:
    results = []
    if query.sex in ("F", "M") and other.sex in ("F", "M"):
        same = query.sex == other.sex
        results.append(FieldScore("sex", "exact" if same else "different",
                                  0.5 if same else -2.5, other.sex))
    else:
        results.append(FieldScore("sex", "missing", 0.0, other.sex))
    results.append(overlap("nationality", query.nationalities, other.nationalities, 0.6, -0.4))
    results.append(overlap("document", query.documents, other.documents, 6.0, 0.0))
    return results


def overlap(name: str, a: frozenset[str], b: frozenset[str], agree: float,
            disagree: float) -> FieldScore:
    detail = ", ".join(sorted(b))
    if not a or not b:
        return FieldScore(name, "missing", 0.0, detail)
    if a & b:
        return FieldScore(name, "overlap", agree, detail)
    return FieldScore(name, "different", disagree, detail)


def explain(candidate: Candidate) -> list[dict[str, Any]]:
    """The per-field explanation as JSON data (for the API and the review queue)."""
    return [{"field": f.field, "level": f.level, "label": f.level_label,
             "weight": round(f.weight, 2), "value": f.detail} for f in candidate.fields]


def field_label(name: str) -> str:
    return {"family": _("Family name"), "given": _("Given name"),
            "patronymic": _("Patronymic"), "birth": _("Date of birth"), "sex": _("Sex"),
            "nationality": _("Nationality"), "document": _("Document")}.get(name, name)


def as_rows(found: Iterable[Candidate]) -> list[dict[str, Any]]:
    return [{"person": c.person.pk, "uid": str(c.person.uid), "score": round(c.score, 4),
             "fields": explain(c)} for c in found]
