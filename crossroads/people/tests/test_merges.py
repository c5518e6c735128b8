"""Merge and unmerge lose nothing; the review queue remembers its decisions."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from crossroads.people import merges
from crossroads.people import models as m
from crossroads.people.tests.samples import make_person
from crossroads.testing import CrossroadsTestCase
from crossroads.users.models import Organisation

CHILDREN = (m.PersonName, m.Nationality, m.IdentityDocument, m.PersonLink)


def counts() -> list[int]:
    return [model.objects.count() for model in (m.Person, *CHILDREN, m.Merge)]


def holdings(person: m.Person) -> dict[str, set[int]]:
    """The ids of the rows a person holds, by kind."""
    return {model.__name__: set(model.objects.filter(person=person)  # type: ignore[attr-defined]
                                .values_list("pk", flat=True)) for model in CHILDREN}


class MergeTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        kind = ContentType.objects.get_for_model(Organisation)
        cls.a = make_person(cls.organisation, "Yulia", "Kovalchuk", sex="F", birth_year=1990)
        cls.b = make_person(cls.organisation, "Юлия", "Ковальчук", sex="F", birth_year=1990)
        cls.c = make_person(cls.organisation, "Iuliia", "Kovalchuk", sex="F")
        m.Nationality.objects.create(person=cls.a, country=cls.home_country)
        m.Nationality.objects.create(person=cls.b, country=cls.home_country)
        m.Nationality.objects.create(person=cls.b, country=cls.other_country)
        m.IdentityDocument.objects.create(person=cls.b, kind="passport", number="FE123456",
                                          issuing_state="UKR")
        for person, record in ((cls.a, "1"), (cls.b, "1"), (cls.b, "2")):
            m.PersonLink.objects.create(person=person, content_type=kind, object_id=record,
                                        organisation=cls.organisation)

    def setUp(self) -> None:
        self.grant(self.owner, m.Person, ["view", "change"])

    def merge(self, survivor: m.Person, merged: m.Person, **kwargs: Any) -> m.Merge:
        return merges.merge(survivor, merged, self.owner, reason="same passport", **kwargs)

    def test_a_merge_moves_everything_to_the_survivor_and_deletes_nothing(self) -> None:
        before, a_rows, b_rows = counts(), holdings(self.a), holdings(self.b)
        record = self.merge(self.a, self.b)
        self.assertEqual(counts(), [*before[:-1], before[-1] + 1])
        self.b.refresh_from_db()
        self.assertEqual((self.b.status, self.b.merged_into), ("merged", self.a))
        self.assertEqual(self.b.survivor(), self.a)
        after = holdings(self.a)
        # Names and documents all move; a nationality or a citing record the survivor
        # already has stays with the merged person (still reachable through the merge).
        self.assertEqual(after["PersonName"], a_rows["PersonName"] | b_rows["PersonName"])
        self.assertEqual(after["IdentityDocument"], b_rows["IdentityDocument"])
        self.assertEqual(len(after["Nationality"]), 2)
        self.assertEqual(len(after["PersonLink"]), 2)
        self.assertEqual(len(holdings(self.b)["Nationality"]), 1)
        self.assertEqual(set(record.moved["names"]), b_rows["PersonName"])
        self.assertFalse(self.b.keys.exists())
        self.assertTrue(self.a.keys.filter(part="family").exists())

    def test_an_unmerge_restores_exactly(self) -> None:
        before, a_rows, b_rows = counts(), holdings(self.a), holdings(self.b)
        record = self.merge(self.a, self.b)
        merges.unmerge(record, self.owner)
        self.assertEqual(holdings(self.a), a_rows)
        self.assertEqual(holdings(self.b), b_rows)
        self.b.refresh_from_db()
        self.assertEqual((self.b.status, self.b.merged_into), ("active", None))
        self.assertTrue(self.b.keys.exists())
        self.assertEqual(counts(), [*before[:-1], before[-1] + 1])  # the merge is remembered
        record.refresh_from_db()
        self.assertIsNotNone(record.undone_at)
        self.assertEqual(record.undone_by, self.owner)
        with self.assertRaisesMessage(merges.MergeError, "already been undone"):
            merges.unmerge(record, self.owner)

    def test_a_merged_person_cannot_be_merged_again(self) -> None:
        self.merge(self.a, self.b)
        with self.assertRaisesMessage(merges.MergeError, "Only active persons"):
            self.merge(self.c, self.b)
        with self.assertRaisesMessage(merges.MergeError, "Only active persons"):
            self.merge(self.b, self.c)
        with self.assertRaisesMessage(merges.MergeError, "itself"):
            self.merge(self.a, self.a)

    def test_a_user_who_may_not_change_both_persons_is_refused(self) -> None:
        before, b_rows = counts(), holdings(self.b)
        self.grant(self.colleague, m.Person, ["view", "change"], {"pk": self.a.pk})
        with self.assertRaisesMessage(merges.MergeError, "may not change"):
            merges.merge(self.a, self.b, self.colleague)
        self.grant(self.outsider, m.Person, "view")
        with self.assertRaisesMessage(merges.MergeError, "may not change"):
            merges.merge(self.a, self.b, self.outsider)
        self.assertEqual(counts(), before)
        self.assertEqual(holdings(self.b), b_rows)

    def test_an_unmerge_needs_change_on_both_persons(self) -> None:
        record = self.merge(self.a, self.b)
        self.grant(self.colleague, m.Person, ["view", "change"], {"pk": self.a.pk})
        with self.assertRaisesMessage(merges.MergeError, "may not change"):
            merges.unmerge(record, self.colleague)

    def test_a_chain_of_merges_is_undone_in_order(self) -> None:
        a_rows, b_rows, c_rows = holdings(self.a), holdings(self.b), holdings(self.c)
        first = self.merge(self.a, self.b)
        second = self.merge(self.c, self.a)
        self.b.refresh_from_db()
        self.assertEqual(self.b.survivor(), self.c)
        self.assertEqual(holdings(self.c)["PersonName"],
                         a_rows["PersonName"] | b_rows["PersonName"] | c_rows["PersonName"])
        with self.assertRaisesMessage(merges.MergeError, "later merges"):
            merges.unmerge(first, self.owner)
        merges.unmerge(second, self.owner)
        merges.unmerge(first, self.owner)
        self.assertEqual([holdings(p) for p in (self.a, self.b, self.c)],
                         [a_rows, b_rows, c_rows])
        self.assertFalse(m.Person.objects.filter(status="merged").exists())


class ReviewQueueTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.older = make_person(cls.organisation, "Yulia", "Kovalchuk")
        cls.newer = make_person(cls.organisation, "Julija", "Kovalčuk")
        cls.third = make_person(cls.organisation, "Olena", "Kovalchuk")

    def setUp(self) -> None:
        self.grant(self.owner, m.Person, ["view", "change"])
        self.grant(self.owner, m.MatchPair, ["view", "change"])

    def test_a_pair_is_stored_in_order_and_updated_while_pending(self) -> None:
        pair = merges.propose(self.newer, self.older, 0.7, [{"field": "family"}], run="r1")
        assert pair is not None
        self.assertEqual((pair.left, pair.right, pair.status), (self.older, self.newer,
                                                                 "pending"))
        again = merges.propose(self.older, self.newer, 0.9, [], run="r2")
        assert again is not None
        self.assertEqual((again.pk, again.probability, again.run), (pair.pk, 0.9, "r2"))

    def test_confirming_merges_the_newer_into_the_older(self) -> None:
        pair = merges.propose(self.older, self.newer, 0.95, [])
        assert pair is not None
        decided = merges.decide(pair, self.owner, confirmed=True, reason="same passport")
        self.assertEqual((decided.status, decided.decided_by), ("confirmed", self.owner))
        self.newer.refresh_from_db()
        self.assertEqual(self.newer.merged_into, self.older)
        record = m.Merge.objects.get()
        self.assertEqual((record.survivor, record.reason), (self.older, "same passport"))
        self.assertIsNone(merges.propose(self.older, self.newer, 0.99, []))

    def test_a_rejection_is_remembered_and_never_proposed_again(self) -> None:
        pair = merges.propose(self.older, self.third, 0.6, [])
        assert pair is not None
        merges.decide(pair, self.owner, confirmed=False)
        pair.refresh_from_db()
        self.assertEqual(pair.status, "rejected")
        self.assertFalse(m.Merge.objects.exists())
        self.assertIsNone(merges.propose(self.third, self.older, 0.99, []))
        self.assertEqual(m.MatchPair.objects.get().probability, 0.6)
        with self.assertRaisesMessage(merges.MergeError, "already been decided"):
            merges.decide(pair, self.owner, confirmed=True)

    def test_a_decision_needs_change_on_both_persons(self) -> None:
        pair = merges.propose(self.older, self.newer, 0.9, [])
        assert pair is not None
        self.grant(self.colleague, m.Person, ["view", "change"], {"pk": self.older.pk})
        with self.assertRaisesMessage(merges.MergeError, "may not change"):
            merges.decide(pair, self.colleague, confirmed=False)
        pair.refresh_from_db()
        self.assertEqual(pair.status, "pending")

    def test_an_unmerge_rejects_the_pair(self) -> None:
        pair = merges.propose(self.older, self.newer, 0.95, [])
        assert pair is not None
        merges.decide(pair, self.owner, confirmed=True)
        merges.unmerge(m.Merge.objects.get(), self.owner)
        pair.refresh_from_db()
        self.assertEqual(pair.status, "rejected")
        self.assertIsNone(merges.propose(self.older, self.newer, 0.95, []))
