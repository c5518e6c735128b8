"""Merge and unmerge persons; the review queue's decisions.

A merge moves the merged person's names, nationalities, documents and links to the
survivor and marks the merged person as merged (``merged_into``): nothing is deleted.
The :class:`~crossroads.people.models.Merge` remembers which rows moved, so
:func:`unmerge` puts exactly those back. Every write goes through the change log
(who, when, before and after); both persons must be ones the user may change.

Review decisions are remembered on the :class:`~crossroads.people.models.MatchPair`:
a rejected pair is never proposed again, and a confirmed one is merged.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import CHANGE
from crossroads.people.choices import PairStatus, PersonStatus
from crossroads.people.models import (
    IdentityDocument,
    MatchPair,
    Merge,
    Nationality,
    Person,
    PersonLink,
    PersonName,
)

#: The child rows a merge moves, by the key they are remembered under.
MOVABLE = (("names", PersonName), ("nationalities", Nationality),
           ("documents", IdentityDocument), ("links", PersonLink))


class MergeError(Exception):
    """A merge, unmerge or decision that is not allowed, with the reason."""


def changeable(user: Any, *persons: Person) -> list[Person]:
    """The persons, locked, if the user may change every one of them."""
    ids = [p.pk for p in persons]
    allowed = set(Person.objects.restrict(user, CHANGE).filter(pk__in=ids)
                  .values_list("pk", flat=True))
    if allowed != set(ids):
        raise MergeError(_("You may not change these persons."))
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=ids)}
    return [locked[i] for i in ids]


def merge(survivor: Person, merged: Person, user: Any, reason: str = "") -> Merge:
    """Merge ``merged`` into ``survivor`` (both active, different, changeable)."""
    if survivor.pk == merged.pk:
        raise MergeError(_("A person cannot be merged with itself."))
    with transaction.atomic():
        survivor, merged = changeable(user, survivor, merged)
        if PersonStatus.MERGED in (survivor.status, merged.status):
            raise MergeError(_("Only active persons can be merged; one of them has already "
                               "been merged into another."))
        moved: dict[str, Any] = {"person": {"status": merged.status}}
        for key, model in MOVABLE:
            rows = model.objects.filter(person=merged)  # type: ignore[attr-defined]
            moved[key] = list(rows.values_list("pk", flat=True))
            movable_rows(model, merged, survivor, moved[key])
        record = Merge.objects.create(survivor=survivor, merged=merged, reason=reason,
                                      moved=moved)
        merged.status, merged.merged_into = PersonStatus.MERGED, survivor
        merged.save(update_fields=["status", "merged_into"])
        refresh_keys(survivor, merged)
    return record


def movable_rows(model: Any, source: Person, target: Person, ids: list[int]) -> None:
    """Re-point rows to ``target``; a link the target already has stays with the source
    (the unique constraint forbids two), and is still reachable through the merge."""
    if model is PersonLink:
        taken = set(PersonLink.objects.filter(person=target)
                    .values_list("content_type_id", "object_id"))
        keep = [pk for pk, ct, obj in PersonLink.objects.filter(pk__in=ids)
                .values_list("pk", "content_type_id", "object_id") if (ct, obj) in taken]
        ids[:] = [pk for pk in ids if pk not in keep]
    if model is Nationality:
        taken_countries = set(Nationality.objects.filter(person=target)
                              .values_list("country_id", flat=True))
        ids[:] = [pk for pk, country in Nationality.objects.filter(pk__in=ids)
                  .values_list("pk", "country_id") if country not in taken_countries]
    for row in model.objects.filter(pk__in=ids):
        row.person = target
        row.save(update_fields=["person"])


def unmerge(record: Merge, user: Any) -> Merge:
    """Undo a merge: the rows that moved go back, the merged person is active again."""
    with transaction.atomic():
        record = Merge.objects.select_for_update().get(pk=record.pk)
        if record.undone_at is not None:
            raise MergeError(_("This merge has already been undone."))
        survivor, merged = changeable(user, record.survivor, record.merged)
        if survivor.status == PersonStatus.MERGED or merged.merged_into_id != survivor.pk:
            raise MergeError(_("Undo the later merges of these persons first."))
        for key, model in MOVABLE:
            for row in model.objects.filter(pk__in=record.moved.get(key, [])):
                row.person = merged
                row.save(update_fields=["person"])
        merged.status, merged.merged_into = PersonStatus.ACTIVE, None
        merged.save(update_fields=["status", "merged_into"])
        record.undone_at, record.undone_by = timezone.now(), user
        record.save(update_fields=["undone_at", "undone_by"])
        refresh_keys(survivor, merged)
        MatchPair.objects.filter(left__in=[survivor, merged], right__in=[survivor, merged]) \
            .update(status=PairStatus.REJECTED, decided_by=user, decided_at=timezone.now())
    return record


def refresh_keys(*persons: Person) -> None:
    from crossroads.people.services import rebuild_keys

    for person in persons:
        rebuild_keys(person.pk)


def decide(pair: MatchPair, user: Any, confirmed: bool, reason: str = "") -> MatchPair:
    """A reviewer's decision on a pending pair: confirmed pairs are merged (the older
    person survives), rejected ones are remembered and never proposed again."""
    with transaction.atomic():
        pair = MatchPair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != PairStatus.PENDING:
            raise MergeError(_("This pair has already been decided (%(status)s).")
                             % {"status": pair.get_status_display()})
        changeable(user, pair.left, pair.right)
        if confirmed:
            survivor, merged = sorted((pair.left, pair.right), key=lambda p: (p.created, p.pk))
            merge(survivor, merged, user, reason or _("Confirmed in the review queue."))
        pair.status = PairStatus.CONFIRMED if confirmed else PairStatus.REJECTED
        pair.decided_by, pair.decided_at = user, timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
    return pair


def ordered(a: Person, b: Person) -> tuple[Person, Person]:
    """A pair in the order MatchPair stores it (smaller id first)."""
    return (a, b) if a.pk < b.pk else (b, a)


def propose(a: Person, b: Person, probability: float, explanation: list[dict[str, Any]],
            run: str = "") -> MatchPair | None:
    """Queue a pair for review unless it was decided before (then None)."""
    left, right = ordered(a, b)
    pair, created = MatchPair.objects.get_or_create(
        left=left, right=right, defaults={"probability": probability,
                                          "explanation": explanation, "run": run})
    if not created and pair.status == PairStatus.PENDING:
        pair.probability, pair.explanation, pair.run = probability, explanation, run
        pair.save(update_fields=["probability", "explanation", "run"])
    return pair if pair.status == PairStatus.PENDING else None
